"""The crawl's per-URL state alone: 100,000 URLs through the calls a page makes (a sitemap lastmod
set, found once, how it was found asked twice, the lastmod taken, a request fingerprint and a
record digest added), on disk (spiders.urlbook, spiders.scratch) and in dicts and sets as it was
kept before; CPU seconds and how much the peak RSS rose, each in a process of its own.

    .venv/bin/python -m bench.url_state [--urls 100000]
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import subprocess
import sys
import time


def _on_disk(urls: list[str]) -> None:
    from spiders.scratch import DiskSet
    from spiders.sitevision import VIA_BIT
    from spiders.urlbook import UrlBook

    book, fingerprints, digests = UrlBook(), DiskSet(), DiskSet()
    for u in urls:
        book.set_lastmod(u, "2026-11-20T10:00:00+01:00")
        book.found(u, VIA_BIT["sitemap"])
        fingerprints.add(hashlib.sha1(u.encode()).digest())
    for u in urls:
        book.via(u)
        book.via(u)
        book.take_lastmod(u)
        digests.add(hashlib.blake2b(u.encode(), digest_size=16).digest())


def _in_memory(urls: list[str]) -> None:
    found: dict[str, int] = {}
    lastmods: dict[str, str] = {}
    fingerprints: set[bytes] = set()
    digests: set[bytes] = set()
    for u in urls:
        lastmods[u] = "2026-11-20T10:00:00+01:00"
        found[u] = found.get(u, 0) | 1
        fingerprints.add(hashlib.sha1(u.encode()).digest())
    for u in urls:
        found.get(u)
        found.get(u)
        lastmods.pop(u, None)
        digests.add(hashlib.blake2b(u.encode(), digest_size=16).digest())
    print(len(found) + len(fingerprints) + len(digests), file=sys.stderr)  # all still held here, as in a crawl


def _run(how: str, n: int) -> None:
    import spiders.sitevision  # noqa: F401 - imported before the baseline, as in a crawl

    urls = [f"http://127.0.0.1:8001/nyheter/2026/{i:06d}-en-nyhet-om-samverkan.html" for i in range(n)]
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()
    (_on_disk if how == "disk" else _in_memory)(urls)
    cpu = time.process_time() - start
    rose = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
    print(f"| {how} | {n:,} | {cpu:.2f} | {cpu / n * 1e6:.0f} | {rose:.0f} MB |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=100_000)
    parser.add_argument("--only", choices=("disk", "memory"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        _run(args.only, args.urls)
        return
    print("| kept | URLs | CPU seconds | µs a URL | peak RSS rose by |")
    print("|---|---|---|---|---|", flush=True)
    for how in ("disk", "memory"):
        subprocess.run([sys.executable, "-m", "bench.url_state", "--urls", str(args.urls), "--only", how], check=True)


if __name__ == "__main__":
    main()
