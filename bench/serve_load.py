"""The web under load: `kommunarkiv serve` on a large generated archive, driven by locust
(headless) with 64 clients for 60 s, while a crawl of the replica writes into the same archive.
Prints the README's rows: requests, failures and p50/p95/p99 per kind of request.

    .venv/bin/python -m bench.serve_load --db /work/benchdata/serve-100k.sqlite --articles 100000
    .venv/bin/python -m bench.serve_load --db postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        --schema serve_100k --articles 100000

The archive is filled by bench/generate.py up to --articles (resumed; kept for the next run; an
archive that already holds that many articles is used as it is, crawled articles included). The
kinds (bench/locustfile.py): the search page with facets, the API's search with facets, an
article's page and the API's article; queries drawn from the archive as bench/search_latency.py
draws them (one word, and a word with municipality and dates). The crawl: `kommunarkiv crawl` of
the replica (--crawl-articles generated articles a site), started again whenever it ends, until
the load stops; its pages and articles are printed, so a row says how much was written meanwhile.

Aims (issue 18): no failed request, p99 under 250 ms for a search with facets. locust runs on the
same 2 cores as the server, the crawl and the replica.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import text

from archive.db import open_archive
from bench.crawling import EXE, FAST, SUMMARY, replica_process
from bench.generate import generate, with_schema
from bench.readme import Row, print_rows
from bench.search_latency import draw_queries

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
LOCUST = Path(sys.executable).with_name("locust")
KINDS = ["search with facets (page)", "search with facets (API)", "article (page)", "article (API)"]


def prepare(url: str, articles: int, queries: int, path: Path) -> int:
    """Fill the archive when it holds fewer than `articles`; write the load's queries and article
    ids to `path`. Returns the archive's size."""
    engine = open_archive(url)
    with engine.connect() as conn:
        held = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
    if held < articles:
        engine.dispose()
        generate(url, articles)
        engine = open_archive(url)
    drawn = draw_queries(engine, queries)
    with engine.connect() as conn:
        size = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
        ids = list(conn.scalars(text("SELECT id FROM articles WHERE current_revision_id IS NOT NULL")))
    engine.dispose()
    rng = random.Random(7)
    path.write_text(json.dumps({"queries": drawn["one word"] + drawn["filtered + facets"],
                                "article_ids": rng.sample(ids, min(2000, len(ids)))}), encoding="utf-8")
    return int(size)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([str(EXE), "serve", "--db", url, "--port", str(port), "--workers", str(workers)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/search", params={"q": "kommun"}, timeout=30).ok:
                return server
        except requests.ConnectionError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("kommunarkiv serve did not answer within 60 s")


class CrawlLoop(threading.Thread):
    """`kommunarkiv crawl` of the replica into the archive, again and again until stopped."""

    def __init__(self, url: str, base_url_args: list[str]):
        super().__init__(daemon=True)
        self.url, self.args = url, base_url_args
        self.stopping = threading.Event()
        self.proc: subprocess.Popen[str] | None = None
        self.crawls, self.pages, self.articles, self.failed = 0, 0, 0, 0

    def run(self) -> None:
        while not self.stopping.is_set():
            self.proc = subprocess.Popen([str(EXE), "crawl", "--db", self.url, *FAST, *self.args],
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            out, _ = self.proc.communicate()
            self.crawls += 1
            self.failed += self.proc.returncode not in (0, 6)  # 6: stopped by the SIGINT at the end
            self.pages += sum(int(m.group(2)) for m in SUMMARY.finditer(out))
            self.articles += sum(int(m.group(3)) for m in SUMMARY.finditer(out))

    def stop(self) -> None:
        self.stopping.set()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # a crawl stops cleanly on Ctrl-C, its batch stored
        self.join(120)


def percentile(times: Counter[float], p: float) -> float:
    """The p-th fraction of a locust histogram (response time in ms, rounded as locust rounds it -> count)."""
    wanted, seen = math.ceil(p * sum(times.values())), 0
    for ms in sorted(times):
        seen += times[ms]
        if seen >= wanted:
            return ms
    return float("nan")


def run_locust(host: str, users: int, seconds: int, inputs: Path, prefix: Path) -> dict[str, dict[str, Any]]:
    """Requests, failures and the response-time histogram per kind, and of all ("all"): locust's
    final statistics, requests still running at the end (10 s allowed) included."""
    subprocess.run([str(LOCUST), "-f", str(LOCUSTFILE), "--headless", "--users", str(users),
                    "--spawn-rate", str(users), "--run-time", f"{seconds}s", "--host", host,
                    "--json-file", str(prefix), "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"],
                   env={"SERVE_LOAD_INPUT": str(inputs), "PATH": str(LOCUST.parent)}, check=False)
    stats: dict[str, dict[str, Any]] = {}
    for entry in json.loads(Path(f"{prefix}.json").read_text(encoding="utf-8")):
        for name in (entry["name"], "all"):
            kind = stats.setdefault(name, {"requests": 0, "failures": 0, "times": Counter()})
            kind["requests"] += entry["num_requests"]
            kind["failures"] += entry["num_failures"]
            kind["times"].update({float(ms): n for ms, n in entry["response_times"].items()})
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL or SQLite path")
    parser.add_argument("--schema", help="PostgreSQL: the archive's own schema")
    parser.add_argument("--articles", type=int, default=100_000, help="generated articles the archive holds at least")
    parser.add_argument("--users", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2, help="server processes (kommunarkiv serve --workers)")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--queries", type=int, default=200, help="articles the queries are drawn from")
    parser.add_argument("--crawl-articles", type=int, default=2000, help="generated replica articles a site")
    args = parser.parse_args()
    url = with_schema(args.db if "://" in args.db else f"sqlite:///{args.db}", args.schema)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "load.json"
        size = prepare(url, args.articles, args.queries, inputs)
        port = free_port()
        server = start_server(url, port, args.workers)
        try:
            with replica_process(args.crawl_articles) as base_url_args:
                crawl = CrawlLoop(url, base_url_args)
                crawl.start()
                stats = run_locust(f"http://127.0.0.1:{port}", args.users, args.seconds, inputs, Path(tmp) / "load")
                crawl.stop()
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(60)
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(f"\n{backend}, {size:,} articles, {args.workers} server processes, {args.users} clients for {args.seconds} s; "
          f"meanwhile {crawl.crawls} "
          f"crawl(s) of the replica stored {crawl.articles:,} articles of {crawl.pages:,} pages"
          f"{f' ({crawl.failed} failed)' if crawl.failed else ''}\n")
    print("| back end | request | requests | failures | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    for name in [*KINDS, "all"]:
        if (r := stats.get(name)) is not None:
            print(f"| {backend} | {name} | {r['requests']:,} | {r['failures']:,} | "
                  + " | ".join(f"{percentile(r['times'], p):.0f}" for p in (0.5, 0.95, 0.99)) + " |")
    failures = stats["all"]["failures"] if "all" in stats else 0
    worst = max((percentile(stats[k]["times"], 0.99) for k in KINDS[:2] if k in stats), default=float("nan"))
    print_rows(Row(f"web under load: {args.users} clients for {args.seconds} s with a crawl writing, {backend} at "
                   f"{size:,} articles, {args.workers} server processes: failures, search with facets p99",
                   f"{failures:,} of {stats['all']['requests'] if 'all' in stats else 0:,} requests failed, p99 {worst:,.0f} ms",
                   "0 failures, p99 < 250 ms", failures == 0 and worst < 250))

if __name__ == "__main__":
    main()
