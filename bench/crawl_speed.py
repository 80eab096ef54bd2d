"""Crawl speed: pages per second of a first crawl of the replica with generated articles, with the
full pipeline into SQLite, beside the same crawl with every item pipeline disabled (bare Scrapy
fetching and parsing the same pages, `-s ITEM_PIPELINES={}`), in the same run.

    .venv/bin/python -m bench.crawl_speed [--articles 10000]

The replica (`kommunarkiv replica --extra-articles N/3`, a process of its own) serves the three
sites; each crawl is `kommunarkiv crawl` with no delay and 8 requests at a time per site, into a
fresh SQLite archive, timed from start to exit. Pages are those the crawl's summary counts as
fetched. The full crawl stores in its writer process, as every crawl does by default;
`--in-process` adds the same crawl storing on Scrapy's own core (KOMMUNARKIV_STORE_PROCESS=False).
CPU seconds are the crawl process's and its writer's (on a loaded machine the seconds say more of
the load than of the crawl). The bare crawl exits 3 (its health check finds
nothing stored), as it should.

Aim (issue 18): full >= 0.85 of bare (issue 8's was 0.7).
"""

from __future__ import annotations

import argparse
import math
import os
import tempfile
from pathlib import Path

from bench.crawling import SITES, crawl, replica_process
from bench.readme import Row, print_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="generated articles, over three sites")
    parser.add_argument("--db-dir", default=None, help="where the SQLite files go (deleted after)")
    parser.add_argument("--sites", nargs="+", default=list(SITES), choices=SITES, help="replica sites to crawl")
    parser.add_argument("--in-process", action="store_true",
                        help="also crawl storing in the crawl's own process (KOMMUNARKIV_STORE_PROCESS=False)")
    args = parser.parse_args()
    per_site = math.ceil(args.articles / len(args.sites))
    with replica_process(per_site, args.sites) as sites, tempfile.TemporaryDirectory(dir=args.db_dir) as tmp:
        bare = crawl(f"sqlite:///{Path(tmp) / 'bare.sqlite'}", sites, ["-s", "ITEM_PIPELINES={}"])
        full = crawl(f"sqlite:///{Path(tmp) / 'full.sqlite'}", sites)
        rows = [("bare Scrapy (ITEM_PIPELINES={})", bare), ("full pipeline into SQLite, writer process", full)]
        if args.in_process:
            rows.append(("full, stored in the crawl's process", crawl(f"sqlite:///{Path(tmp) / 'in.sqlite'}", sites,
                                                                      ["-s", "KOMMUNARKIV_STORE_PROCESS=False"])))
    for name, c, ok in (("bare", bare, 3), *((name, c, 0) for name, c in rows[1:])):
        if c.returncode != ok or not c.pages:
            raise SystemExit(f"{name} crawl exited {c.returncode}:\n{c.stdout[-1500:]}\n{c.stderr[-1500:]}")
    print(f"replica: {len(args.sites)} sites, {per_site * len(args.sites):,} generated articles plus the hand-written ones; SQLite; "
          f"{os.cpu_count()} cores\n")
    print("| crawl | pages | articles found | seconds | pages/s | vs bare | CPU seconds | peak RSS |")
    print("|---|---|---|---|---|---|---|---|")
    for name, c in rows:
        rate = c.pages / c.seconds
        print(f"| {name} | {c.pages:,} | {c.articles:,} | {c.seconds:.1f} | {rate:.1f} | "
              f"{rate / (bare.pages / bare.seconds):.2f} | {c.cpu_seconds:.1f} | {c.max_rss_mb:.0f} MB |")
    full_rate, bare_rate = full.pages / full.seconds, bare.pages / bare.seconds
    ratio = full_rate / bare_rate
    print_rows(Row(f"crawl: pages/s of a full crawl of {per_site * len(args.sites):,} generated articles, against the same crawl "
                   "with pipelines off", f"{full_rate:.1f} vs {bare_rate:.1f} pages/s: {ratio:.2f}", "≥ 0.85",
                   ratio >= 0.85))


if __name__ == "__main__":
    main()
