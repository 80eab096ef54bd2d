"""Exports and the article API carry each article's topics and its story's other publications."""

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from archive.db import open_archive
from archive.export import write
from archive.web.app import create_app
from archive.writer import ArchiveWriter
from tests.unit.records import batch, record

BODY = ("Arboga och Köping bildar en gemensam nämnd för IT från årsskiftet. Nämnden ansvarar för drift, "
        "upphandling och utveckling av de system som förvaltningarna i båda kommunerna använder varje dag. ") * 3
QUOTE = {"text": "Tillsammans får vi en starkare IT-drift till en lägre kostnad för invånarna",
         "speaker": "Anders Röhfors", "role": "kommunstyrelsens ordförande i Arboga"}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = open_archive(f"sqlite:///{tmp_path_factory.mktemp('export') / 'a.sqlite'}")
    writer = ArchiveWriter(engine)
    writer.write(batch(record("arboga", "/it.html", "Gemensam IT-nämnd", BODY, "2021-03-04", quotes=[QUOTE])))
    writer.write(batch(record("koping", "/it.html", "Gemensam IT-nämnd", BODY, "2021-03-05", quotes=[QUOTE]),
                       record("koping", "/bad.html", "Simhallen öppnar", "Simhallen och badet öppnar.", "2021-06-01")))
    yield engine
    engine.dispose()


def _export(engine, fmt):
    out = io.BytesIO()
    write(engine, fmt, out)
    return out.getvalue()


def test_jsonl_export_has_topics_and_the_story_s_other_publications(engine):
    rows = [json.loads(line) for line in _export(engine, "jsonl").decode().splitlines()]
    by_url = {r["canonical_url"]: r for r in rows}
    arboga, koping = by_url["https://www.arboga.se/it.html"], by_url["https://www.koping.se/it.html"]
    assert arboga["topics"] == ["samverkan"] and by_url["https://www.koping.se/bad.html"]["topics"] == [
        "kultur och fritid"]
    assert arboga["story_id"] == koping["story_id"] is not None
    assert [(p["municipality"], p["url"]) for p in arboga["also_published"]] == [("koping", koping["canonical_url"])]
    assert by_url["https://www.koping.se/bad.html"]["also_published"] == []


def test_csv_and_parquet_carry_the_same(engine):
    rows = list(csv.DictReader(io.StringIO(_export(engine, "csv").decode())))
    assert json.loads(rows[0]["topics"]) == ["samverkan"] and json.loads(rows[0]["also_published"])[0]["municipality"] == "koping"
    table = pq.read_table(io.BytesIO(_export(engine, "parquet"))).to_pylist()
    assert "samverkan" in json.loads(table[1]["topics"])
    assert json.loads(table[1]["also_published"])[0]["municipality"] == "arboga"


def test_article_api_has_topics(engine):
    body = TestClient(create_app(engine)).get("/api/articles/1").json()
    assert "samverkan" in body["topics"] and body["also_published"][0]["municipality"] == "koping"
