"""Grow a generated archive by copying it, on SQLite or PostgreSQL: for search benchmarks at
1,000,000 articles, which bench/generate.py would take hours to store here (190 articles/s on
PostgreSQL, 200–330 on SQLite, through the storing path, measured 2026-11-28 and 2026-12-02).

    .venv/bin/python -m bench.copies --db /work/benchdata/bench-1000000.sqlite \\
        --base-db /work/benchdata/bench-100000.sqlite --articles 1000000 --base 100000
    .venv/bin/python -m bench.copies --db postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        --schema bench_1000000 --base-schema bench_100000 --articles 1000000 --base 100000

The base archive first gets `--base` generated articles (bench/generate.py, resumed if it holds
some; search_latency's own archive of that size). The new archive, empty, then gets `articles /
base` copies of it in SQL, read across (SQLite: the base's file attached; PostgreSQL: the base's
schema in the same database), one copy a transaction: copy 0 is the base as it is; copy k has
its ids shifted past copy k-1's (articles, revisions, stories, quotes), its URLs carry
`?kopia=K`, and it keeps its text, dates, municipality, topics and people. Municipalities,
people, contact versions and crawl runs are copied once. What search reads is all there:
- SQLite: search_docs' own trigger fills the FTS5 index as the writer's inserts do (with its
  prefix indexes and merges), each copy's documents in rowid order (FTS5 writes out its pending
  terms whenever a rowid goes backwards).
- PostgreSQL: the full-text vectors are computed for the copies as for any stored document, and
  the full-text indexes (GIN, and RUM on the phrase vector: archive/phrase_index.py) are rebuilt
  once at the end (dropped first: growing them row by row is many times slower); then VACUUM
  ANALYZE.
- Both: the facet bitmaps (archive/bitmaps.py) are built from the copied rows at the end.
Not copied: the MinHash signatures and LSH buckets (so storing into this archive later would not
see the copies as near-duplicates: it is a benchmark's archive, not one to crawl into), and raw
captures, pages and watches, which a generated archive does not have.

What the copies change, against an archive of as many distinct generated articles: every word
is as common relative to the archive's size (a word in 68 % of the base is in 68 % of the copy),
but a rare token (a diary number, a name) matches ten articles instead of one, each story appears
ten times, and ten articles share each id modulo the base (so the newest matches, which relevance
ranks, are the last copy's).
"""

from __future__ import annotations

import argparse
import re
import sys
import time

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from archive import bitmaps
from archive.db import open_archive
from bench.generate import generate, vacuum_analyze, with_schema

# table -> the SELECT list of one copy: ids shifted by the copy's offset of their table (k times
# the base's largest id), URLs given the copy's suffix
COPIES = {
    "stories": "id + :stories, created_at",
    "articles": ("id + :articles, canonical_url || :suffix, url || :suffix, municipality_id, title, published_at, "
                 "published_date, first_seen_at, last_seen_at, current_revision_id + :revisions, "
                 "story_id + :stories"),
    "revisions": ("id + :revisions, article_id + :articles, content_hash, record, first_seen_at, last_seen_at, "
                  "crawl_run_id, capture_id"),
    "search_docs": "article_id + :articles, title_words, title_stems, words, stems",
    "article_topics": "article_id + :articles, topic",
    "article_people": "article_id + :articles, person_id, role, party, quoted",
    "quotes": "id + :quotes, article_id + :articles, position, text, person_id, speaker, role, party",
}
# PostgreSQL's search_docs also has the stored vectors (migrations 0006-0007), computed on insert
COLUMNS = {"search_docs": "(article_id, title_words, title_stems, words, stems)"}
ORDER = {"search_docs": " ORDER BY article_id"}  # FTS5: rowids ascending within a transaction
SHIFTED = ("articles", "revisions", "stories", "quotes")
ONCE = ("municipalities", "people", "contact_versions", "crawl_runs")


def _count(conn: Connection, table: str) -> int:
    return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _attach_base(conn: Connection, base_url: str) -> str:
    """Make the base archive readable on `conn`; returns the prefix of its tables' names."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("ATTACH DATABASE ? AS base", (make_url(base_url).database,))
        return "base."
    found = re.search(r"search_path=([a-z_][a-z0-9_]*)", str(make_url(base_url).query.get("options", "")))
    return f'"{found.group(1) if found else "public"}".'


def grow_by_copies(url: str, articles: int, base_url: str, base: int, progress: bool = True) -> dict[str, float]:
    """Fill the empty archive `url` with copies of `base_url` (filled first with `base` generated
    articles) up to `articles`. Both on one back end; on PostgreSQL in one database."""
    if make_url(url).get_backend_name() != make_url(base_url).get_backend_name() or url == base_url:
        raise SystemExit("bench.copies: the archive and its base must be two archives on one back end")
    generate(base_url, base, progress=progress)
    engine = open_archive(url)
    n = articles // base
    t0 = time.perf_counter()
    with engine.connect() as conn:
        held = _count(conn, "articles")
        if held >= articles:
            return {"copied": 0, "seconds": 0.0}
        if held:
            raise SystemExit(f"bench.copies: {url} holds {held} articles (a copy that stopped?): "
                             "give it an empty archive")
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # before any write: these pragmas do nothing inside a transaction
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # ids are shifted together
            conn.exec_driver_sql("PRAGMA synchronous=OFF")  # a benchmark's archive: made again if lost
        src = _attach_base(conn, base_url)
        if _count(conn, f"{src}articles") != base:
            raise SystemExit(f"bench.copies: the base holds {_count(conn, f'{src}articles')} articles, not {base}")
        sizes = {t: conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {src}{t}")).scalar_one() for t in SHIFTED}
        # pg_indexes writes RUM's operator class with its schema (not on the archive's search_path),
        # so each definition runs again as it is
        fulltext = [] if sqlite else conn.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = 'search_docs' AND (indexdef LIKE '%USING gin%' OR indexdef LIKE '%USING rum%')")).all()
        if not sqlite:
            conn.execute(text("SET session_replication_role = replica"))  # no FK checks: ids are shifted together
            conn.execute(text("SET maintenance_work_mem = '1GB'"))
            for name, _ in fulltext:
                conn.execute(text(f'DROP INDEX "{name}"'))
        for table in ONCE:
            conn.execute(text(f"INSERT INTO {table} SELECT * FROM {src}{table}"))
        for k in range(n):
            shifts = {t: k * size for t, size in sizes.items()}
            for table, select_list in COPIES.items():
                conn.execute(text(f"INSERT INTO {table} {COLUMNS.get(table, '')} SELECT {select_list} "
                                  f"FROM {src}{table}{ORDER.get(table, '')}"),
                             {**shifts, "suffix": f"?kopia={k}" if k else ""})
            conn.commit()
            if progress:
                print(f"{(k + 1) * base:>9} articles copied, {time.perf_counter() - t0:,.0f} s",
                      file=sys.stderr, flush=True)
        for _, definition in fulltext:
            conn.execute(text(definition))
        if sqlite:
            conn.commit()
            conn.exec_driver_sql("DETACH DATABASE base")
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # the WAL held one copy
        else:
            for table in SHIFTED + ONCE:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT coalesce(max(id), 1) FROM {table}))"))
            conn.execute(text("SET session_replication_role = DEFAULT"))
            conn.commit()
    engine.dispose()  # no pooled connection keeps the settings above
    if engine.dialect.name == "postgresql":
        vacuum_analyze(engine)
    bitmaps.rebuild(engine)
    engine.dispose()
    return {"copied": n * base, "seconds": time.perf_counter() - t0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL or SQLite path of the new archive")
    parser.add_argument("--base-db", help="the base archive's URL or SQLite path (default: --db, for PostgreSQL with --base-schema)")
    parser.add_argument("--schema", help="PostgreSQL: the new archive's own schema (created when missing)")
    parser.add_argument("--base-schema", help="PostgreSQL: the base archive's schema (created when missing)")
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--base", type=int, default=100_000, help="generated articles that are copied")
    args = parser.parse_args()
    as_url = lambda db: db if "://" in db else f"sqlite:///{db}"  # noqa: E731
    url = with_schema(as_url(args.db), args.schema)
    base_url = with_schema(as_url(args.base_db or args.db), args.base_schema)
    r = grow_by_copies(url, args.articles, base_url, args.base)
    print(f"copied {r['copied']:,} articles in {r['seconds']:.0f} s")


if __name__ == "__main__":
    main()
