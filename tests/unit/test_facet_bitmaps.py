"""Facet bitmaps (archive/bitmaps.py): facets and counts from the bitmaps are those of joining every
match to its row, on SQLite and PostgreSQL alike, for any well-formed query; the writer keeps the
bitmaps current in its own transaction (no rebuild), including when a new revision moves an
article's date and topics; and missing or stale bitmaps are built again when read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyroaring import BitMap
from sqlalchemy import text

from archive import bitmaps
from archive.db import open_archive
from archive.facets import Facets, counted_by_rows, facets
from archive.retopic import retopic
from archive.search import matching_ids, search
from archive.writer import ArchiveWriter
from tests.conftest import fresh_archive
from tests.unit import test_query_properties as properties
from tests.unit.records import batch, record
from tests.unit.test_query_properties import CORPUS, about_an_article, well_formed

archives = properties.archives  # the same small archive on SQLite and on PostgreSQL, made again here


def _sorted(f: Facets) -> tuple:
    # ties among topics are ordered by the server's collation on the rows' path
    return f.municipality, f.year, sorted(f.topic)


@settings(max_examples=150, deadline=None)
@given(q=st.one_of(well_formed().map(lambda c: c[0]), about_an_article().map(lambda c: c[1])))
def test_bitmap_facets_and_counts_are_those_of_the_rows_on_both_back_ends(archives, q):
    seen = {}
    for kind, engine in archives.items():
        by_bitmaps, by_rows = facets(engine, q), counted_by_rows(engine, q)
        assert _sorted(by_bitmaps) == _sorted(by_rows), (kind, q)
        total = search(engine, q, limit=0).total
        assert total == len(matching_ids(engine, q)), (kind, q)
        assert by_bitmaps.total == total or not by_bitmaps.municipality, (kind, q)
        seen[kind] = (_sorted(by_bitmaps), total)
    assert seen["sqlite"] == seen["postgres"], q


def test_a_filter_cut_inside_a_month_counts_only_its_days(archives):
    # 2024-02-01 (koping) and 2024-02-02 (arboga): one month, the range ends between them
    for engine in archives.values():
        assert facets(engine, "from:2024-02-02 to:2024-02-29").municipality == [("arboga", 1)]
        assert search(engine, "from:2024-01-15 to:2024-02-01", limit=0).total == 1


def _rows_of(engine) -> dict[tuple[str, str], BitMap]:
    """The bitmaps a build from the rows gives now, empty ones left out."""
    with engine.connect() as conn:
        return {key: ids for key, ids in bitmaps._built(conn).items() if ids}


def _held(engine) -> dict[tuple[str, str], BitMap]:
    with engine.connect() as conn:
        held = bitmaps.current(engine, conn)
    return {(f, v): ids for f, values in held.sets.items() for v, ids in values.items() if ids}


def _state(engine) -> bitmaps.State:
    with engine.connect() as conn:
        return bitmaps.current(engine, conn).state


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_the_writer_keeps_the_bitmaps_current_without_a_rebuild(kind, tmp_path, request):
    with fresh_archive(kind, tmp_path, request) as url:
        engine = open_archive(url)
        writer = ArchiveWriter(engine)
        writer.write(batch(*CORPUS[:4]))
        first = _state(engine)  # built here, from the rows
        assert first.rebuilt == first.version
        writer.write(batch(*CORPUS[4:]))
        # a new revision: another year and month, and topics it did not have
        moved = record("arboga", "/a1.html", "Budget för skola", "Skolans budget ökar. Förskolan får nya lokaler.",
                       "2019-11-20")
        writer.write(batch(moved))
        state = _state(engine)
        assert state.rebuilt == first.version and state.version == first.version + 2  # kept, not rebuilt
        assert _held(engine) == _rows_of(engine)
        assert ("year", "2019") in _held(engine) and ("month", "2019-11") in _held(engine)
        assert facets(engine, "kommun:arboga").year == [("2024", 1), ("2023", 1), ("2019", 1)]
        engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_missing_or_stale_bitmaps_are_built_again(kind, tmp_path, request):
    with fresh_archive(kind, tmp_path, request) as url:
        engine = open_archive(url)
        ArchiveWriter(engine).write(batch(*CORPUS))
        expected = counted_by_rows(engine, "kommun:arboga,koping")
        assert facets(engine, "kommun:arboga,koping") == expected
        with engine.begin() as conn:  # lost: rows and state
            conn.execute(text("DELETE FROM facet_bitmaps"))
            conn.execute(text("DELETE FROM facet_bitmap_state"))
        assert facets(engine, "kommun:arboga,koping") == expected
        with engine.begin() as conn:  # an article stored past them by a path that does not keep them
            conn.execute(text("UPDATE articles SET published_at = '2011-01-01', published_date = '2011-01-01' "
                              "WHERE id = (SELECT min(id) FROM articles)"))
            conn.execute(text("INSERT INTO articles (canonical_url, url, municipality_id, title, published_at, "
                              "published_date, first_seen_at, last_seen_at) SELECT 'x', 'x', municipality_id, 't', "
                              "'2012-05-05', '2012-05-05', first_seen_at, last_seen_at FROM articles WHERE id = 1"))
        assert facets(engine, "from:2010 to:2012").year == [("2012", 1), ("2011", 1)]
        assert _held(engine) == _rows_of(engine)
        engine.dispose()


def test_retopic_marks_the_topic_bitmaps_stale(tmp_path, request):
    with fresh_archive("sqlite", tmp_path, request) as url:
        engine = open_archive(url)
        ArchiveWriter(engine).write(batch(*CORPUS))
        assert facets(engine, "topic:samverkan").total > 0
        with engine.begin() as conn:  # topics as older rules gave them: none
            conn.execute(text("DELETE FROM article_topics"))
        bitmaps.rebuild(engine)
        assert facets(engine, "topic:samverkan").total == 0
        assert retopic(engine) > 0
        assert facets(engine, "topic:samverkan") == counted_by_rows(engine, "topic:samverkan")
        assert facets(engine, "topic:samverkan").total > 0
        engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_kept_match_set_gives_way_to_new_articles_and_revisions(kind, tmp_path, request):
    """Facets and search share a query's match set (kept with the bitmaps): a new article, or a
    revision that changes an article's words, must show in the next search of that query."""
    with fresh_archive(kind, tmp_path, request) as url:
        engine = open_archive(url)
        writer = ArchiveWriter(engine)
        writer.write(batch(*CORPUS[:4]))
        q = "budget kommun:arboga"
        assert facets(engine, q).total == 0 and search(engine, q).total == 0
        writer.write(batch(CORPUS[4]))  # arboga /a2.html: "Budget för skola"
        assert facets(engine, q).total == 1
        assert [h.url for h in search(engine, q).hits] == ["https://www.arboga.se/a2.html"]
        reworded = record("arboga", "/a2.html", "Skola för alla", "Förskolan får nya lokaler.", "2023-03-01")
        writer.write(batch(reworded))
        assert facets(engine, q).total == 0 and search(engine, q).hits == []
        engine.dispose()
