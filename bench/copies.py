"""Grow a generated PostgreSQL archive to a larger size by copying it: for search benchmarks at
1,000,000 articles, which bench/generate.py would take hours to store on PostgreSQL here (about
190 articles/s through the storing path, measured 2026-12-02).

    .venv/bin/python -m bench.copies --db postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        --schema bench_1000000 --articles 1000000 --base 100000

The archive first gets `--base` generated articles (bench/generate.py, resumed if it holds some),
then `articles / base - 1` copies of them in SQL: each copy's ids are shifted past the
originals (articles, revisions, stories, quotes), its URLs carry `?kopia=K`, and it keeps its
text, dates, municipality, topics and people. What search reads is all there: the full-text
vectors are computed for the copies as for any stored document, and the GIN indexes are rebuilt
once at the end (dropped first: growing them row by row is many times slower). Not copied: the
MinHash signatures and LSH buckets (so storing into this archive later would not see the copies
as near-duplicates: it is a benchmark's archive, not one to crawl into).

What the copies change, against an archive of as many distinct generated articles: every word
is as common relative to the archive's size (a word in 68 % of the base is in 68 % of the copy),
but a rare token (a diary number, a name) matches ten articles instead of one, and each story
appears ten times.
"""

from __future__ import annotations

import argparse
import time

from sqlalchemy import text
from sqlalchemy.engine import make_url

from archive.db import open_archive
from bench.generate import generate, vacuum_analyze, with_schema

# table -> the SELECT list of its copy k: ids shifted by k times the largest id of their table
COPIES = {
    "stories": "id + k * :stories, created_at",
    "articles": ("id + k * :articles, canonical_url || '?kopia=' || k, url || '?kopia=' || k, municipality_id, "
                 "title, published_at, published_date, first_seen_at, last_seen_at, "
                 "current_revision_id + k * :revisions, story_id + k * :stories"),
    "revisions": ("id + k * :revisions, article_id + k * :articles, content_hash, record, first_seen_at, "
                  "last_seen_at, crawl_run_id, capture_id"),
    "search_docs": "article_id + k * :articles, title_words, title_stems, words, stems",
    "article_topics": "article_id + k * :articles, topic",
    "article_people": "article_id + k * :articles, person_id, role, party, quoted",
    "quotes": "id + k * :quotes, article_id + k * :articles, position, text, person_id, speaker, role, party",
}
COLUMNS = {"search_docs": "(article_id, title_words, title_stems, words, stems)"}
SEQUENCES = ("articles", "revisions", "stories", "quotes")


def grow_by_copies(url: str, articles: int, base: int) -> dict[str, float]:
    """Fill `url` (PostgreSQL) with `base` generated articles, then copy them up to `articles`."""
    if make_url(url).get_backend_name() != "postgresql":
        raise SystemExit("bench.copies: PostgreSQL only (SQLite archives are generated whole)")
    generate(url, base)
    engine = open_archive(url)
    t0 = time.perf_counter()
    with engine.begin() as conn:
        held = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
        if held >= articles:
            return {"copied": 0, "seconds": 0.0}
        if held != base:
            raise SystemExit(f"bench.copies: the archive holds {held} articles, not the {base} it copies")
        sizes = {t: conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {t}")).scalar_one() for t in SEQUENCES}
        gin = conn.execute(text("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                                "AND tablename = 'search_docs' AND indexdef LIKE '%USING gin%'")).all()
        conn.execute(text("SET LOCAL session_replication_role = replica"))  # no FK checks: ids are shifted together
        for name, _ in gin:
            conn.execute(text(f'DROP INDEX "{name}"'))
        conn.execute(text("SET LOCAL maintenance_work_mem = '1GB'"))
        for table, select_list in COPIES.items():
            conn.execute(text(f"INSERT INTO {table} {COLUMNS.get(table, '')} SELECT {select_list} FROM {table}, "
                              "generate_series(1, :copies) AS k"), {**sizes, "copies": articles // base - 1})
        for _, definition in gin:
            conn.execute(text(definition))
        for table in SEQUENCES:
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                              f"(SELECT coalesce(max(id), 1) FROM {table}))"))
    vacuum_analyze(engine)
    engine.dispose()
    return {"copied": articles // base * base - base, "seconds": time.perf_counter() - t0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a PostgreSQL database")
    parser.add_argument("--schema", required=True, help="the archive's own schema (created when missing)")
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--base", type=int, default=100_000, help="generated articles that are copied")
    args = parser.parse_args()
    r = grow_by_copies(with_schema(args.db, args.schema), args.articles, args.base)
    print(f"copied {r['copied']:,} articles in {r['seconds']:.0f} s")


if __name__ == "__main__":
    main()
