"""The archive over real crawls, on SQLite and PostgreSQL: idempotent re-crawls, one revision per
change with a readable diff, offline reparse, exports with provenance, and WARC.

One crawl per back end serves the module; the tests run in file order, the read-only ones first,
then the one that edits the replica, then the one that stops it."""

import json
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session
from warcio.archiveiterator import ArchiveIterator

from archive.db import open_archive
from archive.models import Article, ArticlePerson, Person, QuoteRow, RawCapture, Revision
from replica.server import Replica
from tests.e2e.helpers import cli, crawl

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def world(module_archive_url):
    with Replica() as server:
        result = crawl(module_archive_url, *server.base_url_args())
        assert result.returncode == 0, result.stderr[-3000:]
        engine = open_archive(module_archive_url, create=False)
        yield server, module_archive_url, engine
        engine.dispose()


def count(engine, model):
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


def test_people_and_quotes_are_linked_to_articles(world):
    _, _, engine = world
    with Session(engine) as s:
        micko = s.scalar(select(Person).where(Person.name == "Lena Micko"))
        links = s.scalars(select(ArticlePerson).where(ArticlePerson.person_id == micko.id)).all()
        assert len(links) == 3 and {link.role for link in links} == {"ordförande SKL"}
        assert not any(link.quoted for link in links)
        seed = s.scalar(select(Article.id).where(Article.title.like("Kommunsamverkan på scen%")).limit(1))
        speakers = s.scalars(select(QuoteRow.speaker).where(QuoteRow.article_id == seed)
                             .order_by(QuoteRow.position)).all()
        assert speakers == ["Anders Röhfors", "Ardalan Shekarabi", "Pelle Strengbom", "Elizabeth Salomonsson"]


def test_exports_carry_every_field_and_provenance(world, tmp_path):
    _, db, engine = world
    result = cli("export", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == count(engine, Article)
    for key in ("id", "story_id", "first_seen_at", "last_seen_at", "revision_count", "fetched_at", "url",
                "canonical_url", "municipality", "title", "lead", "body", "published_at", "quotes", "contact"):
        assert key in rows[0], key
    seed = [r for r in rows if r["title"].startswith("Kommunsamverkan på scen")]
    assert len({r["story_id"] for r in seed}) == 1 and seed[0]["story_id"] is not None
    assert cli("export", "--db", db, "--format", "parquet", "--output", str(tmp_path / "a.parquet")).returncode == 0
    assert pq.read_table(tmp_path / "a.parquet").num_rows == len(rows)
    narrowed = cli("export", "samverkan kommun:arboga", "--db", db, "--format", "csv")
    lines = narrowed.stdout.splitlines()
    assert lines[0].startswith("id,story_id,first_seen_at") and 1 < len(lines) < len(rows)


def test_warc_is_valid_and_gives_back_the_stored_bytes(world, tmp_path):
    server, db, engine = world
    out = tmp_path / "archive.warc.gz"
    assert cli("warc", "--output", str(out), "--db", db).returncode == 0
    warcio = [str(Path(sys.executable).with_name("warcio"))]
    assert subprocess.run(warcio + ["check", str(out)], capture_output=True).returncode == 0
    # one response per archived revision (archive/warc.py): reparse and edits, which the random order
    # may run first, add revisions, and a reparsed one shares its capture with the one before
    with Session(engine) as s:
        per_revision = Counter((c.final_url, zlib.decompress(c.body)) for c in s.scalars(
            select(RawCapture).join(Revision, Revision.capture_id == RawCapture.id)))
    index = subprocess.run(warcio + ["index", str(out)], capture_output=True, text=True)
    assert index.returncode == 0 and index.stdout.count('"warc-type": "response"') == count(engine, Revision)
    written: Counter = Counter()
    with open(out, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "response":
                written[(record.rec_headers.get_header("WARC-Target-URI"), record.content_stream().read())] += 1
    assert written == per_revision
    site = server.sites["koping"]
    url = site.base + site.content.articles[0].path
    import urllib.request
    assert (url, urllib.request.urlopen(url).read()) in per_revision  # the bytes the site served


def test_crawl_twice_then_change_one_article(world):
    server, db, engine = world
    n = sum(len(site.content.articles) for site in server.sites.values())
    # counted from here, not from the first crawl: reparse may have added a revision before (random order)
    before = count(engine, Revision)
    assert before >= n and count(engine, RawCapture) == n
    assert crawl(db, *server.base_url_args()).returncode == 0
    assert count(engine, Revision) == before

    kungsor = server.sites["kungsor"]
    article = next(a for a in kungsor.content.articles if a.story == "almedalen-2017")
    kungsor.edit(article.path, title=article.title + " – uppdaterad",
                 body=article.body.replace("Det är några av kommunernas framtida utmaningar.",
                                           "Det är några av de största utmaningarna."))
    result = crawl(db, *server.base_url_args())
    assert result.returncode == 0 and "new revisions 1," in result.stdout
    assert count(engine, Revision) == before + 1

    shown = cli("history", kungsor.base + article.path, "--db", db, "--json")
    assert shown.returncode == 0, shown.stderr
    revisions = json.loads(shown.stdout)["revisions"]
    assert len(revisions) == 2 and revisions[0]["changes"] == {}
    assert revisions[1]["changes"]["title"].endswith("{+– uppdaterad+}")
    assert revisions[1]["changes"]["body"] == (
        "… och en förändrad näringslivsstruktur. Det är några av [-kommunernas framtida utmaningar.-] "
        "{+de största utmaningarna.+} – Det går inte att sitta still i …")
    plain = cli("history", kungsor.base + article.path, "--db", db)
    assert "2 revision(s)" in plain.stdout and "{+de största utmaningarna.+}" in plain.stdout


def test_reparse_rebuilds_records_offline(world):
    server, db, engine = world
    asked = {slug: len(site.requests) for slug, site in server.sites.items()}
    with Session(engine) as s, s.begin():
        # Arboga's: the other test edits Kungsör's and counts its revisions
        article = s.scalar(select(Article).where(Article.title.like("Kommunsamverkan på scen%"),
                                                 Article.canonical_url.startswith(server.sites["arboga"].base)))
        old = s.get(Revision, article.current_revision_id)
        stale = dict(old.record, title="Titel från en äldre parser", quotes=[])
        s.execute(update(Revision).where(Revision.id == old.id).values(record=stale, content_hash="stale"))
        article_id, old_id = article.id, old.id
    result = cli("reparse", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "1 changed (new revision)" in result.stdout
    with Session(engine) as s:
        article = s.get(Article, article_id)
        current = s.get(Revision, article.current_revision_id)
        assert current.record["title"].startswith("Kommunsamverkan på scen") and len(current.record["quotes"]) == 4
        assert current.capture_id == s.get(Revision, old_id).capture_id
    assert "0 changed" in cli("reparse", "--db", db).stdout
    # offline: not one request reached the sites (which keep serving for the module's other tests)
    assert {slug: len(site.requests) for slug, site in server.sites.items()} == asked


def test_an_older_archive_is_refused_until_upgraded(archive_url):
    from alembic import command

    from archive.db import _alembic_config, head_revision, make_engine

    engine = make_engine(archive_url)
    command.upgrade(_alembic_config(engine), "0001")
    result = cli("search", "x", "--db", archive_url)
    assert result.returncode == 4 and "run `kommunarkiv db upgrade`" in result.stderr
    upgraded = cli("db", "upgrade", "--db", archive_url)
    assert upgraded.returncode == 0 and f"schema 0001 -> {head_revision()}" in upgraded.stdout
    assert cli("search", "x", "--db", archive_url).returncode == 0
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    engine.dispose()
