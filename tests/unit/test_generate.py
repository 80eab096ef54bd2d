"""The archive generator for benchmarks (bench/generate.py) and bulk storing of batches that
repeat an article."""

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from archive import phrase_index
from archive.db import open_archive
from archive.facets import facets
from archive.models import Article, ArticleTopic, LshBucket, QuoteRow, Revision, SearchDoc
from archive.search import search
from archive.writer import ArchiveWriter
from bench.copies import grow_by_copies
from bench.generate import generate, generated_record
from tests.conftest import fresh_archive
from tests.sites import SLUGS
from tests.unit.records import batch, record


def test_generated_articles_are_deterministic_and_spread():
    assert generated_record(1, 7) == generated_record(1, 7)
    assert generated_record(1, 7) != generated_record(2, 7)
    slugs = {generated_record(1, i)[0] for i in range(60)}
    assert slugs == set(SLUGS)
    years = {int(generated_record(1, i)[1]["published_at"][:4]) for i in range(300)}
    assert min(years) == 2015 and max(years) == 2026
    assert generated_record(1, 0)[1]["title"] == generated_record(1, 1)[1]["title"]  # a cross-posted story


def test_generate_fills_the_search_tables_and_resumes(archive_url):
    first = generate(archive_url, 120, seed=3, batch_size=50, workers=0, progress=False)
    assert (first["resumed_at"], first["stored"]) == (0, 120)
    again = generate(archive_url, 130, seed=3, batch_size=50, workers=0, progress=False)
    assert (again["resumed_at"], again["stored"]) == (120, 10)
    engine = open_archive(archive_url)
    with Session(engine) as s:
        count = lambda model: s.scalar(select(func.count()).select_from(model))  # noqa: E731
        assert count(Article) == count(Revision) == count(SearchDoc) == 130
        assert count(QuoteRow) >= 130 and count(LshBucket) == 130 * 64
        assert s.scalar(select(func.count()).select_from(ArticleTopic).where(ArticleTopic.topic == "samverkan")) > 0
        stories = s.execute(select(Article.story_id, func.count()).where(Article.story_id.is_not(None))
                            .group_by(Article.story_id)).all()
        assert len(stories) == 4 and all(n in (2, 3) for _, n in stories)  # blocks 0-3 of 40 articles each
        assert s.scalar(select(func.count()).select_from(SearchDoc).where(SearchDoc.words.like("%diarienummer%"))) == 130
        if engine.dialect.name == "sqlite":
            assert s.scalar(text("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'diarienummer'")) == 130
    assert search(engine, "diarienummer").hits
    engine.dispose()
    with pytest.raises(SystemExit, match="not generated with seed 4"):
        generate(archive_url, 10, seed=4, workers=0, progress=False)


def test_a_batch_that_repeats_an_article_stores_it_as_one_by_one_would(archive_url):
    engine = open_archive(archive_url)
    a = record("arboga", "/x.html", "Titel", "Första texten.")
    changed = dict(a, body="Andra texten.")
    outcome = ArchiveWriter(engine).write(batch(a, a, changed, record("koping", "/y.html", "Annan", "Text.")))
    assert outcome == {"new_articles": 2, "unchanged": 1, "new_revisions": 1}
    with Session(engine) as s:
        bodies = s.scalars(select(Revision.record).join(Article, Revision.article_id == Article.id)
                           .where(Article.canonical_url == a["canonical_url"]).order_by(Revision.id)).all()
        assert [r["body"] for r in bodies] == ["Första texten.", "Andra texten."]
    assert [h.title for h in search(engine, "andra").hits] == ["Titel"]
    assert search(engine, "första").total == 0
    engine.dispose()


def test_copies_grow_an_archive_that_search_reads_like_its_base(archive_url, tmp_path, request):
    kind = "sqlite" if archive_url.startswith("sqlite") else "postgres"
    (tmp_path / "base").mkdir()
    with fresh_archive(kind, tmp_path / "base", request) as base_url:
        generate(base_url, 40, seed=1, batch_size=20, workers=0, progress=False)
        base_engine = open_archive(base_url)
        with base_engine.connect() as conn:
            title = conn.execute(text("SELECT title FROM articles WHERE id = (SELECT max(id) FROM articles)")).scalar_one()
        queries = ["diarienummer", title.split()[0], f'"{" ".join(title.split()[:2])}"', "kommun:arboga diarienummer"]
        before = {q: search(base_engine, q, collapse=False).total for q in queries}
        assert all(before.values())
        facets_before = facets(base_engine, "diarienummer")
        base_engine.dispose()

        assert grow_by_copies(archive_url, 120, base_url, 40, progress=False)["copied"] == 120
        engine = open_archive(archive_url)
        with engine.connect() as conn:
            for table in ("articles", "revisions", "search_docs"):
                assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 120
            assert conn.execute(text("SELECT count(*) FROM articles WHERE canonical_url LIKE '%?kopia=2'")).scalar_one() == 40
            assert conn.execute(text("SELECT count(*) FROM articles WHERE canonical_url LIKE '%?kopia=%'")).scalar_one() == 80
            assert conn.execute(text("SELECT count(*) FROM facet_bitmap_state")).scalar_one() == 1  # built by the copy
            if kind == "sqlite":
                assert conn.execute(text("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'diarienummer'")).scalar_one() == 120
                # raises when the index and its content table disagree
                conn.execute(text("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)"))
            else:
                assert conn.execute(text("SELECT nextval(pg_get_serial_sequence('articles', 'id'))")).scalar_one() > 120
                assert phrase_index.kind(conn) == "rum"  # dropped for the copies and built again
        assert {q: search(engine, q, collapse=False).total for q in queries} == {q: 3 * n for q, n in before.items()}
        grown = facets(engine, "diarienummer")
        for facet in ("municipality", "year", "topic"):
            assert getattr(grown, facet) == [(value, 3 * n) for value, n in getattr(facets_before, facet)]
        hits = search(engine, queries[1], collapse=False, limit=200, sort="date").hits
        by_url = {h.canonical_url: h for h in hits}
        assert len(by_url) == 3 * before[queries[1]]
        for h in hits:
            if "?kopia=" in h.canonical_url:  # a copy reads as its original: text, date, place
                original = by_url[h.canonical_url.split("?kopia=")[0]]
                assert (h.title, h.snippet, h.published_at, h.municipality) == (
                    original.title, original.snippet, original.published_at, original.municipality)
        engine.dispose()
        assert grow_by_copies(archive_url, 120, base_url, 40, progress=False)["copied"] == 0  # already grown


def test_copies_refuse_an_archive_that_holds_articles(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.sqlite'}"
    generate(url, 5, seed=1, workers=0, progress=False)
    with pytest.raises(SystemExit, match="holds 5 articles"):
        grow_by_copies(url, 20, f"sqlite:///{tmp_path / 'base.sqlite'}", 10, progress=False)
