"""Ingest: articles per second stored through the archive's storing path (revisions, full-text
index, topics, people and quotes, MinHash/LSH near-duplicate check and stories), beside a plain
bulk insert of the same records with no index, in the same run.

    .venv/bin/python -m bench.ingest [--articles 100000] [--batch 1000] [--db-dir /tmp]

Both get the same generated articles (bench/generate.py, made before the clock starts) in
transactions of --batch, into fresh SQLite files:

- plain: one table (id, canonical URL, municipality, title, date, the record as JSON), no index
  but the primary key, sqlite3 executemany;
- archive: ArchiveWriter.write, everything a crawl stores but the raw capture (text analysis in
  this process, as in a crawl);
- archive, analysis ahead: the same, with the text analysis (Analysis.of) made in one other
  process while this one writes, as bench/generate.py does.

Aims: issue 8, archive >= 0.3 of plain and >= 1,000 articles/s (the table's aim column); issue 18, >= 1,500/s
(the README row).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import sqlite3
import tempfile
import time
from pathlib import Path

from archive.analysis import Analysis
from archive.db import open_archive
from archive.incoming import Incoming
from archive.writer import ArchiveWriter
from bench.generate import SITES, generated_record
from bench.readme import Row, print_rows

PLAIN = ("CREATE TABLE articles (id INTEGER PRIMARY KEY, canonical_url TEXT, municipality TEXT, title TEXT, "
         "published_at TEXT, record TEXT)")


def plain(path: Path, records: list[dict], batch: int) -> float:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(PLAIN)
    start = time.perf_counter()
    for lo in range(0, len(records), batch):
        with db:
            db.executemany("INSERT INTO articles (canonical_url, municipality, title, published_at, record) "
                           "VALUES (?, ?, ?, ?, ?)",
                           [(r["canonical_url"], r["municipality"], r["title"], r["published_at"],
                             json.dumps(r, ensure_ascii=False)) for r in records[lo:lo + batch]])
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def archive(path: Path, records: list[dict], batch: int, ahead: bool) -> float:
    engine = open_archive(f"sqlite:///{path}")
    writer = ArchiveWriter(engine)
    jobs = [(lo, min(len(records), lo + batch)) for lo in range(0, len(records), batch)]
    start = time.perf_counter()
    if ahead:
        with multiprocessing.get_context("fork").Pool(1, initializer=_share, initargs=(records,)) as pool:
            for (lo, hi), analyses in zip(jobs, pool.imap(_analyse_range, jobs), strict=True):
                writer.write([Incoming(SITES[r["municipality"]], r, analysis=a)
                              for r, a in zip(records[lo:hi], analyses, strict=True)])
    else:
        for lo, hi in jobs:
            writer.write([Incoming(SITES[r["municipality"]], r) for r in records[lo:hi]])
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


_RECORDS: list[dict] = []


def _share(records: list[dict]) -> None:
    _RECORDS[:] = records


def _analyse_range(job: tuple[int, int]) -> list[Analysis]:
    return [Analysis.of(r) for r in _RECORDS[job[0]:job[1]]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db-dir", default=None, help="where the SQLite files go (deleted after)")
    args = parser.parse_args()
    records = [generated_record(args.seed, i)[1] for i in range(args.articles)]
    rows = []
    with tempfile.TemporaryDirectory(dir=args.db_dir) as tmp:
        t_plain = plain(Path(tmp) / "plain.sqlite", records, args.batch)
        rows.append(("plain bulk insert, no index", t_plain))
        t_full = archive(Path(tmp) / "archive.sqlite", records, args.batch, ahead=False)
        rows.append(("archive: ArchiveWriter.write", t_full))
        size = os.path.getsize(Path(tmp) / "archive.sqlite") + sum(
            os.path.getsize(p) for p in Path(tmp).glob("archive.sqlite-*"))
        t_ahead = archive(Path(tmp) / "ahead.sqlite", records, args.batch, ahead=True)
        rows.append(("archive, analysis made ahead in 1 other process", t_ahead))
    print(f"{args.articles:,} generated articles, SQLite {sqlite3.sqlite_version}, {args.batch} a transaction; "
          f"Python {platform.python_version()}, {os.cpu_count()} cores\n")
    print("| storing | seconds | articles/s | vs plain | aim |")
    print("|---|---|---|---|---|")
    for name, secs in rows:
        aim = "" if secs is t_plain else ("met" if t_plain / secs >= 0.3 and args.articles / secs >= 1000 else
                                          "not met (>= 0.3 and >= 1,000/s)")
        print(f"| {name} | {secs:.1f} | {args.articles / secs:,.0f} | {t_plain / secs:.3f} | {aim} |")
    print(f"\narchive file: {size / 1e6:,.0f} MB ({size / args.articles / 1e3:.1f} kB an article)")
    n = args.articles
    print_rows(Row(f"ingest: articles/s stored with full-text index and near-duplicate check ({n:,}), against a "
                   "plain bulk insert", f"{n / t_full:,.0f}/s ({n / t_ahead:,.0f}/s with the text analysis in a "
                   f"second process) vs {n / t_plain:,.0f}/s: {t_plain / t_full:.3f} ({t_plain / t_ahead:.3f})",
                   "≥ 1,500/s", n / min(t_full, t_ahead) >= 1500))


if __name__ == "__main__":
    main()
