"""How long the crawl of Kungsör's hostile replica takes (pages that never end, never answer, bombs,
Retry-After), and how long a second crawl takes to give up while one holds the lock: the two
durations that tests/e2e/test_hostile.py and test_nightly.py once bounded (40 s and 30 s) and now
leave to this bench, since a test bound to the wall clock fails on a loaded machine.

    .venv/bin/python -m bench.hostile_crawl [--runs 3]

The crawl is the test's: DOWNLOAD_TIMEOUT 3 s, DOWNLOAD_MAXSIZE 8 MiB, no error-rate limit, no delay.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from archive.db import open_archive
from archive.lock import crawl_lock
from bench.crawling import FAST
from replica.server import Replica

HOSTILE = ["-s", "DOWNLOAD_TIMEOUT=3", "-s", "DOWNLOAD_MAXSIZE=8388608", "-s", "KOMMUNARKIV_MAX_ERROR_RATE=1"]


def timed_crawl(db: str, base: str) -> tuple[float, int]:
    exe = Path(sys.executable).with_name("kommunarkiv")
    start = time.perf_counter()
    out = subprocess.run([str(exe), "crawl", "--db", db, "--site", "kungsor", "--base-url", f"kungsor={base}",
                          *FAST, *HOSTILE], capture_output=True, text=True)
    return time.perf_counter() - start, out.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    crawls, refusals = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder, Replica(("kungsor",), hostile=True) as server:
            db = f"sqlite:///{Path(folder) / 'a.sqlite'}"
            seconds, code = timed_crawl(db, server.sites["kungsor"].base)
            if code != 0:
                raise SystemExit(f"the hostile crawl failed with exit {code}")
            crawls.append(seconds)
            engine = open_archive(db)
            with crawl_lock(engine):
                seconds, code = timed_crawl(db, server.sites["kungsor"].base)
            engine.dispose()
            if code != 5:
                raise SystemExit(f"the crawl under the lock exited {code}, not 5")
            refusals.append(seconds)
    print("| crawl | runs | median seconds | slowest |")
    print("|---|---|---|---|")
    print(f"| hostile Kungsör | {args.runs} | {statistics.median(crawls):.1f} | {max(crawls):.1f} |")
    print(f"| second crawl while one runs (exit 5) | {args.runs} | {statistics.median(refusals):.1f} | "
          f"{max(refusals):.1f} |")


if __name__ == "__main__":
    main()
