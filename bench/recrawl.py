"""Incremental re-crawl: requests and seconds of a re-crawl against the first crawl, on the
replica with generated articles, and whether a re-crawl after N edits finds exactly those N.

    .venv/bin/python -m bench.recrawl [--extra-articles 1000] [--changed 5]

Three sites of the replica, each with its hand-written articles plus --extra-articles generated
ones, crawled into a fresh SQLite archive through `kommunarkiv crawl` (no delay, 8 requests at a
time per site). Counts come from the replica's own request log.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.crawling import FAST, SITES
from bench.readme import Row, print_rows
from replica.server import Replica


def crawl(server: Replica, db: str) -> tuple[float, dict[str, int], str]:
    before = {slug: len(site.requests) for slug, site in server.sites.items()}
    exe = Path(sys.executable).with_name("kommunarkiv")
    args = [str(exe), "crawl", "--db", db, *FAST]
    for pair in server.base_url_args():
        args += ["--base-url", pair]
    for slug in server.sites:
        args += ["--site", slug]
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"crawl failed ({out.returncode}):\n{out.stderr[-2000:]}")
    log = [r for site in server.sites.values() for r in site.requests[before[site.content.profile.slug]:]]
    article_paths = {a.path for site in server.sites.values() for a in site.content.articles}
    counts = {"requests": len(log), "article bodies (200)": sum(1 for _, p, st in log if p in article_paths and st == 200),
              "304": sum(1 for _, _, st in log if st == 304)}
    return elapsed, counts, out.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra-articles", type=int, default=1000)
    parser.add_argument("--changed", type=int, default=5)
    parser.add_argument("--sites", nargs="+", default=list(SITES), choices=SITES,
                        help="replica sites to crawl (the last one is edited)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Replica(tuple(args.sites), extra_articles=args.extra_articles) as server:
        db = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        n = sum(len(s.content.articles) for s in server.sites.values())
        first = crawl(server, db)
        again = crawl(server, db)
        site = server.sites[args.sites[-1]]
        first_edited = min(100, len(site.content.articles) - args.changed)  # a small replica has fewer than 100
        for a in site.content.articles[first_edited:first_edited + args.changed]:
            site.edit(a.path, body=a.body + "\n\nTillägg: texten har uppdaterats.", updated="2026-11-27T12:00")
        changed = crawl(server, db)
        found = sum(int(line.split("new revisions ")[1].split(",")[0]) for line in changed[2].splitlines()
                    if "new revisions " in line)
    print(f"replica: {len(args.sites)} sites, {n} articles; SQLite; `kommunarkiv crawl` with no delay\n")
    print("| crawl | requests | article bodies downloaded | 304 | seconds | requests vs first | seconds vs first |")
    print("|---|---|---|---|---|---|---|")
    for name, (secs, c, _) in (("first", first), ("again, nothing changed", again),
                               (f"after {args.changed} edits", changed)):
        print(f"| {name} | {c['requests']} | {c['article bodies (200)']} | {c['304']} | {secs:.1f} | "
              f"{c['requests'] / first[1]['requests']:.1%} | {secs / first[0]:.1%} |")
    print(f"\nedited {args.changed} articles; the re-crawl stored {found} new revisions")
    (t1, c1, _), (t2, c2, _) = first, again
    requests, seconds = c2["requests"] / c1["requests"], t2 / t1
    print_rows(Row("re-crawl when nothing changed, against the first crawl",
                   f"{c2['requests']:,} of {c1['requests']:,} requests ({requests:.1%}), {t2:.1f} of {t1:.1f} s "
                   f"({seconds:.1%}); after {args.changed} edits {found} new revisions", "≤ 10 %, every edit found",
                   requests <= 0.1 and seconds <= 0.1 and found == args.changed))


if __name__ == "__main__":
    main()
