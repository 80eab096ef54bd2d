"""RUM against GIN for a phrase's count on PostgreSQL, in one transaction that is rolled back (the
archive is left as it was): GIN must recheck each candidate's positions in its stored vector, RUM
keeps the positions in the index. Needs Debian's postgresql-15-rum on the server.

    .venv/bin/python -m bench.rum_phrases [--size 100000] [--phrases 10]

The archive is bench/search_latency.py's PostgreSQL archive of that size (schema bench_<size>),
and the phrases are that bench's, drawn with its seed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import Connection, text

from archive.db import open_archive
from bench.rum_cost import count_ms, index_as
from bench.search_latency import archive_url, draw_queries


def mean_ms(conn: Connection, label: str, phrases: list[str]) -> float:
    total = 0.0
    for phrase in phrases:
        ms = count_ms(conn, phrase)
        total += ms
        print(f"{label} {phrase}: {ms:.1f} ms")
    return total / len(phrases)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--phrases", type=int, default=10)
    args = parser.parse_args()
    engine = open_archive(archive_url("postgres", args.size, Path("data/bench")))
    phrases = draw_queries(engine, 40)["phrase"][:args.phrases]
    with engine.connect() as conn:
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        conn.execute(text("SET LOCAL maintenance_work_mem = '1GB'"))
        print(index_as(conn, "tsv_words", "gin"))  # an archive of migration 0012 has RUM there already
        gin = mean_ms(conn, "GIN", phrases)
        print(index_as(conn, "tsv_words", "rum"))  # the GIN index dropped, so that the planner takes RUM
        rum = mean_ms(conn, "RUM", phrases)
        conn.rollback()
    print(f"phrase count, mean of {len(phrases)}: GIN {gin:.1f} ms, RUM {rum:.1f} ms ({rum / gin:.3f})")


if __name__ == "__main__":
    main()
