"""Ingest cost as the archive grows: one batch of 1,000 generated articles stored at each archive
size, timed by the clock and by the CPU it took (this process and, on PostgreSQL, its server
process), with the LSH candidates the batch drew. The CPU figure holds on a machine shared with
other jobs, where the clock's does not.

    .venv/bin/python -m bench.ingest_growth --db /work/benchdata/growth.sqlite --at 10000 35000
    .venv/bin/python -m bench.ingest_growth --db postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        --schema growth --at 10000 35000

The archive is filled by bench/generate.py up to each size (resumed; kept), then the next 1,000
articles of the same seed are the timed batch, their text analysis made before the clock starts
(bench/generate.py makes it in a worker process). Aim (issue 18): the same rate at every size.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from sqlalchemy import Engine, text

from archive.db import open_archive
from archive.stories import BANDS, bands, chunks, in_band
from archive.writer import ArchiveWriter
from bench.generate import generate, prepared, with_schema
from bench.readme import Row, print_rows

BATCH = 1000
TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu(pid: int | None) -> float:
    """CPU seconds a PostgreSQL server process has used (utime + stime of /proc/PID/stat)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def candidates(engine: Engine, batch: list) -> int:  # noqa: ANN001 - Incoming items
    """Bucket rows the batch's LSH lookup reads: what grew with the archive."""
    keys = [bands(i.analysis.signature) for i in batch if i.analysis.signature is not None]
    with engine.connect() as conn:
        return sum(len(in_band(conn, "article_id", "lsh_buckets", band, part)) for band in range(BANDS)
                   for part in chunks(sorted({k[band][1] for k in keys})))


def timed_batch(url: str, start: int) -> dict[str, float]:
    engine = open_archive(url)
    batch = prepared((1, start, start + BATCH))
    drawn = candidates(engine, batch)
    writer = ArchiveWriter(engine)
    with engine.connect() as conn:  # the pool's one connection: the writer gets this server process
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one() if engine.dialect.name == "postgresql" \
            else None
    server0, cpu0, t0 = server_cpu(pid), time.process_time(), time.perf_counter()
    writer.write(batch)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0 + server_cpu(pid) - server0
    engine.dispose()
    return {"wall": wall, "cpu": cpu, "candidates": drawn / BATCH}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL or SQLite path")
    parser.add_argument("--schema", help="PostgreSQL: a schema of its own (created when missing)")
    parser.add_argument("--at", type=int, nargs="+", default=[10_000, 35_000], help="archive sizes")
    args = parser.parse_args()
    url = with_schema(args.db if "://" in args.db else f"sqlite:///{args.db}", args.schema)
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print("| back end | archived | articles/s (clock) | articles/CPU-s | LSH bucket rows read an article |")
    print("|---|---|---|---|---|")
    rates = []
    for size in args.at:
        generate(url, size, progress=False)
        r = timed_batch(url, size)
        rates.append(BATCH / r["cpu"])
        print(f"| {backend} | {size:,} | {BATCH / r['wall']:,.0f} | {BATCH / r['cpu']:,.0f} | {r['candidates']:,.0f} |",
              flush=True)
    # CPU seconds, not the clock: on a shared machine the clock says more about the neighbours.
    flat = rates[-1] / rates[0]
    print_rows(Row(f"ingest with everything, {backend}: articles per CPU-second at {args.at[-1]:,} archived, "
                   f"against at {args.at[0]:,}", f"{rates[-1]:,.0f} vs {rates[0]:,.0f}: {flat:.2f}",
                   "≥ 1,500/s and a flat cost (1.00)", rates[-1] >= 1500 and flat >= 0.95))


if __name__ == "__main__":
    main()
