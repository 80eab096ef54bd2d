"""RUM against GIN on each of PostgreSQL's two full-text vectors (migration 0007: tsv_stems for
words, tsv_words for prefixes and phrases), in one transaction that is rolled back (the archive is
left as it was): whether the stem vector should move to RUM too (migration 0012 moves the phrase
vector only). Needs the server's postgresql-15-rum.

    .venv/bin/python -m bench.rum_cost [--size 100000] [--queries 20] [--docs 5000]

For each layout (GIN on both, as 0007; RUM on the phrase vector, as 0012; RUM on both), in that
order: the mean execution time of the count of `--queries` one-word queries and as many phrases
(EXPLAIN ANALYZE with sequential scans off, as search plans them; the search_latency bench's draw),
and the cost of writing `--docs` documents: the archive's own inserted again under new ids, their
vectors computed and indexed as the writer's inserts are (GIN with its fast-update list flushed
when it fills), in a savepoint rolled back; the server's CPU time for it, per document. The
archive is bench/search_latency.py's PostgreSQL archive of that size (schema bench_<size>).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from archive.db import open_archive
from archive.matching import pg_match
from archive.query import parse_query
from bench.ingest_growth import server_cpu
from bench.search_latency import archive_url, draw_queries

LAYOUTS = {"GIN on both (0007)": {"tsv_words": "gin", "tsv_stems": "gin"},
           "RUM on tsv_words (0012)": {"tsv_words": "rum", "tsv_stems": "gin"},
           "RUM on both": {"tsv_words": "rum", "tsv_stems": "rum"}}


def _indexes(conn: Connection, column: str) -> dict[str, str]:
    """name -> access method of the indexes on one column of search_docs."""
    return {name: method for name, method in conn.execute(text(
        "SELECT c.relname, am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_am am ON am.oid = c.relam JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
        "WHERE i.indrelid = to_regclass('search_docs') AND a.attname = :column"), {"column": column})}


def index_as(conn: Connection, column: str, method: str) -> str:
    """Make the column's one index use `method`; says what it built and in how long."""
    held = _indexes(conn, column)
    if method in held.values():
        return f"{column}: {method} kept"
    start = time.perf_counter()
    if method == "rum":
        schema = conn.execute(text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                                   "ON n.oid = e.extnamespace WHERE e.extname = 'rum'")).scalar_one()
        opclass = f' "{schema}".rum_tsvector_ops'
    else:
        opclass = ""
    conn.execute(text(f"CREATE INDEX cost_{column}_{method} ON search_docs USING {method} ({column}{opclass})"))
    built = time.perf_counter() - start
    for name in held:
        conn.execute(text(f'DROP INDEX "{name}"'))
    size = conn.execute(text(f"SELECT pg_size_pretty(pg_relation_size('cost_{column}_{method}'))")).scalar_one()
    return f"{column}: {method} built in {built:.0f} s, {size}"


def count_ms(conn: Connection, query: str) -> float:
    """The server's execution time of counting a query's matches (EXPLAIN ANALYZE)."""
    params: dict[str, Any] = {}
    condition, _ = pg_match(parse_query(query), params)
    plan = [r[0] for r in conn.execute(text(f"EXPLAIN (ANALYZE) SELECT count(*) FROM search_docs d WHERE {condition}"),
                                       params)]
    return float(plan[-1].split()[2])  # "Execution Time: N ms"


def mean_count_ms(conn: Connection, queries: list[str]) -> float:
    return sum(count_ms(conn, q) for q in queries) / len(queries)


def write_ms(conn: Connection, docs: int) -> tuple[float, float]:
    """Clock and server CPU milliseconds a document of inserting `docs` documents, rolled back."""
    pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    shift = conn.execute(text("SELECT max(article_id) FROM search_docs")).scalar_one()
    savepoint = conn.begin_nested()
    conn.execute(text("SET LOCAL session_replication_role = replica"))  # no article rows for the new ids: no FK check
    cpu, start = server_cpu(pid), time.perf_counter()
    conn.execute(text("INSERT INTO search_docs (article_id, title_words, title_stems, words, stems) "
                      "SELECT article_id + :shift, title_words, title_stems, words, stems FROM search_docs "
                      "ORDER BY article_id LIMIT :docs"), {"shift": shift, "docs": docs})
    clock, cpu = time.perf_counter() - start, server_cpu(pid) - cpu
    savepoint.rollback()
    return clock * 1000 / docs, cpu * 1000 / docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--data", type=Path, default=Path("data/bench"))
    args = parser.parse_args()
    engine = open_archive(archive_url("postgres", args.size, args.data))
    drawn = draw_queries(engine, 2 * args.queries)
    words, phrases = drawn["one word"][:args.queries], drawn["phrase"][:args.queries]
    rows = []
    with engine.connect() as conn:
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        conn.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))  # as archive/phrase_index.py builds RUM
        for label, layout in LAYOUTS.items():
            built = [index_as(conn, column, method) for column, method in layout.items()]
            print(f"{label}: {'; '.join(built)}", flush=True)
            mean_count_ms(conn, words[:3] + phrases[:3])  # warm the new index's pages
            word, phrase = mean_count_ms(conn, words), mean_count_ms(conn, phrases)
            clock, cpu = write_ms(conn, args.docs)
            rows.append((label, word, phrase, clock, cpu))
        conn.rollback()
    engine.dispose()
    print(f"\n| layout | one-word count, mean of {len(words)} | phrase count, mean of {len(phrases)} "
          f"| writing {args.docs} documents: ms a document (server CPU) |\n|---|---|---|---|")
    for label, word, phrase, clock, cpu in rows:
        print(f"| {label} | {word:.1f} ms | {phrase:.1f} ms | {clock:.2f} ({cpu:.2f}) |")


if __name__ == "__main__":
    main()
