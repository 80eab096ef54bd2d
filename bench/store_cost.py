"""What storing an article costs the crawl's core, in its parts: CPU milliseconds an article of
schema validation (pipelines/validate.py), the text analysis (archive.analysis.Analysis.of: words,
stems, topics, MinHash) and the write with the analysis made ahead (archive.writer.ArchiveWriter:
revisions, FTS5, topics, people, stories), for N generated records (bench/generate.py, seed 1) in
the crawl's batches of 50 into a fresh SQLite archive.

    .venv/bin/python -m bench.store_cost [--articles 1000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from archive.analysis import Analysis
from archive.db import open_archive
from archive.topic_model import model
from archive.writer import ArchiveWriter
from bench.generate import records
from pipelines.validate import record_errors, validator

BATCH = 50  # spiders/settings.py KOMMUNARKIV_STORE_BATCH


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="Generated records (default: %(default)s).")
    args = parser.parse_args(argv)
    n, clock = args.articles, time.process_time
    items = list(records(1, 0, n))
    validator(), model()  # built once, at the first article
    start = clock()
    if any(record_errors(item.record) for item in items):
        raise SystemExit("a generated record is invalid")
    validated = clock() - start
    start = clock()
    for item in items:
        item.analysis = Analysis.of(item.record)
    analysed = clock() - start
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_archive(f"sqlite:///{Path(tmp) / 'store.sqlite'}")
        writer = ArchiveWriter(engine)
        writer.write(list(records(2, 0, BATCH)))  # the archive's first batch: tables and caches warm
        start = clock()
        for k in range(0, n, BATCH):
            writer.write(list(items[k:k + BATCH]))
        written = clock() - start
        engine.dispose()
    parts = {"validate": validated, "analyse": analysed, "write (analysis ahead)": written}
    print(", ".join(f"{name} {seconds / n * 1000:.3f}" for name, seconds in parts.items())
          + f"; total {sum(parts.values()) / n * 1000:.3f} ms CPU an article ({n:,} generated records, batches of {BATCH})")


if __name__ == "__main__":
    main()
