"""Crawl memory: peak resident memory of the crawl process for a small and a large first crawl
of the replica (10,000 and 100,000 pages by default), full pipeline into SQLite, in the same run.

    .venv/bin/python -m bench.crawl_memory [--pages 10000 100000]

Each size is a fresh replica (`kommunarkiv replica --extra-articles`, its own process) with about
that many pages over three sites (generated articles plus listings, sitemaps and the
hand-written pages), crawled by `kommunarkiv crawl` with no delay into a fresh SQLite archive.
The peak is ru_maxrss of that process (os.wait4), which on Linux is the larger of the crawl's and
its writer process's peaks (the writer is a child the crawl waits for).

Scrapy keeps every request it has been given but not yet fetched in its scheduler's queue: the
sitemaps hand it all the site's pages at the start, so with the queue in memory the peak grows
with the site. The crawl queues them on disk (a fresh JOBDIR per site and crawl, deleted after;
KOMMUNARKIV_DISK_QUEUE); --memory-queue measures the crawl with the queue in memory instead.

Aim (issue 18): the large crawl's peak <= 1.2x the small one's (issue 8's was 1.3x).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
from pathlib import Path

from bench.crawling import SITES, crawl, replica_process
from bench.readme import Row, print_rows

PAGES_PER_ARTICLE = 1.03  # listings, sitemaps and other pages besides the articles (measured: 10,290 for 10,002)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--db-dir", default=None, help="where the SQLite files go (deleted after)")
    parser.add_argument("--sites", nargs="+", default=list(SITES), choices=SITES, help="replica sites to crawl")
    parser.add_argument("--memory-queue", action="store_true",
                        help="keep the crawls' request queues in memory (KOMMUNARKIV_DISK_QUEUE=False)")
    parser.add_argument("-s", "--setting", action="append", default=[], metavar="NAME=VALUE",
                        help="a Scrapy setting for every crawl (e.g. KOMMUNARKIV_WRITE_CACHE_KB=16384)")
    args = parser.parse_args()
    rows = []
    for pages in args.pages:
        per_site = math.ceil(pages / PAGES_PER_ARTICLE / len(args.sites))
        with replica_process(per_site, args.sites) as sites, tempfile.TemporaryDirectory(dir=args.db_dir) as tmp:
            queue = ["-s", "KOMMUNARKIV_DISK_QUEUE=False"] if args.memory_queue else []
            settings = [a for s in args.setting for a in ("-s", s)]
            c = crawl(f"sqlite:///{Path(tmp) / 'archive.sqlite'}", sites, queue + settings)
        if c.returncode != 0:
            raise SystemExit(f"crawl exited {c.returncode}:\n{c.stdout[-1500:]}\n{c.stderr[-1500:]}")
        rows.append(c)
        print(f"{c.pages:,} pages: peak RSS {c.max_rss_mb:.0f} MB in {c.seconds:.0f} s ({c.cpu_seconds:.0f} CPU s)",
              file=sys.stderr, flush=True)
    print(f"replica: {len(args.sites)} sites; SQLite; full pipeline; request queues {'in memory' if args.memory_queue else 'on disk'}; "
          f"{' '.join(args.setting) or 'shipped settings'}; {os.cpu_count()} cores\n")
    print("| crawl | pages | articles found | seconds | CPU seconds | pages/s | peak RSS | vs smallest |")
    print("|---|---|---|---|---|---|---|---|")
    for c in rows:
        print(f"| {c.pages:,} pages | {c.pages:,} | {c.articles:,} | {c.seconds:.0f} | {c.cpu_seconds:.0f} | "
              f"{c.pages / c.seconds:.1f} | {c.max_rss_mb:.0f} MB | {c.max_rss_mb / rows[0].max_rss_mb:.2f}x |")
    small, large = rows[0], rows[-1]
    ratio = large.max_rss_mb / small.max_rss_mb
    print_rows(Row(f"peak memory, {large.pages:,}-page crawl against a {small.pages:,}-page crawl",
                   f"{large.max_rss_mb:.0f} vs {small.max_rss_mb:.0f} MB: {ratio:.2f}x", "≤ 1.2x", ratio <= 1.2))


if __name__ == "__main__":
    main()
