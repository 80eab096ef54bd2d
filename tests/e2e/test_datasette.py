"""The SQLite archive opens as it is in Datasette (with docs/datasette/metadata.json): its tables are
served, and full-text search on articles runs on the archive's own FTS5 index."""

import asyncio
import json
from pathlib import Path

import pytest

from archive.db import open_archive
from archive.writer import ArchiveWriter
from tests.unit.records import batch, record

pytestmark = pytest.mark.e2e
METADATA = Path(__file__).parents[2] / "docs" / "datasette" / "metadata.json"


@pytest.fixture(scope="module")
def datasette(tmp_path_factory):
    from datasette.app import Datasette

    path = tmp_path_factory.mktemp("datasette") / "kommunarkiv.sqlite"
    engine = open_archive(f"sqlite:///{path}")
    ArchiveWriter(engine).write(batch(
        record("arboga", "/a.html", "Avtal klart", "Arboga och Köping skriver under ett samverkansavtal."),
        record("koping", "/b.html", "Nämndens samverkans mål", "Målen för nämndens arbete."),
        record("kungsor", "/c.html", "Simhallen öppnar", "Simhallen i Kungsör öppnar igen.")))
    engine.dispose()
    return Datasette([str(path)], metadata=json.loads(METADATA.read_text(encoding="utf-8")))


def get(ds, path: str):
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, response.text[:300]
    return response.json()


def test_datasette_serves_the_tables(datasette):
    tables = {t["name"]: t for t in get(datasette, "/kommunarkiv.json")["tables"]}
    assert {"articles", "revisions", "raw_captures", "stories", "people", "quotes", "search_fts"} <= set(tables)
    assert tables["articles"]["count"] == 3
    rows = get(datasette, "/kommunarkiv/articles.json?_shape=array&_sort=id")
    assert [r["title"] for r in rows] == ["Avtal klart", "Nämndens samverkans mål", "Simhallen öppnar"]


def test_datasette_full_text_search_uses_the_archive_index(datasette):
    def titles(search: str, mode: str = "") -> list[str]:
        rows = get(datasette, f"/kommunarkiv/articles.json?_shape=array&_sort=id&_search={search}{mode}")
        return [r["title"] for r in rows]

    assert titles("simhallen") == ["Simhallen öppnar"]
    assert titles("samverkan") == ["Nämndens samverkans mål"]  # through the stems column
    assert titles("samverkan*", "&_searchmode=raw") == ["Avtal klart", "Nämndens samverkans mål"]
    assert titles("k%C3%B6ping") == ["Avtal klart"] and titles("koping") == []  # ö is a letter of its own
