"""Search latency at scale: p50/p95 of a one-word query, a phrase, and a filtered query with facets,
on SQLite and PostgreSQL side by side, at each archive size.

    .venv/bin/python -m bench.search_latency [--sizes 100000 1000000] [--backends sqlite postgres]
                                             [--queries 40] [--data data/bench]

The archives are filled by bench/generate.py (resumed when a run stopped; kept for the next run:
SQLite files in --data, PostgreSQL schemas bench_<size> in the database `test`); an archive
larger than --sqlite-base or --pg-base is the archive of that size copied up to its size
(bench/copies.py says what that changes). The queries are
drawn from the archive itself with a fixed seed (words and two-word phrases of random stored
articles, so they range from rare to common), and every query runs once to warm the caches before
it is timed. A timed search is what a user waits for: `search()` with the hit count, 20 hits with
their snippets and other publications; the filtered row adds `facets()` for the same query (as the
web page does: the facets' pass counts the matches, so search skips its own count). The same
filtered queries run again with the facets counted by joining every match to its row
(`counted_by_rows`, how they were counted before the facet bitmaps), for the ratio in one run.
`--pg-set work_mem=64MB` sets a PostgreSQL setting on the bench's connections (repeatable).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from sqlalchemy import event, text

from archive import bitmaps
from archive.db import open_archive
from archive.facets import counted_by_rows, facets
from archive.search import search
from bench.copies import grow_by_copies
from bench.generate import generate, with_schema
from bench.ingest_growth import server_cpu
from bench.readme import Row, print_rows

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
STOP = {"och", "att", "som", "för", "med", "det", "den", "till", "har", "var", "inte", "ett", "kan", "kommer",
        "från", "under", "efter", "även", "om", "på", "av", "är", "en", "de", "vi", "så", "nu", "men", "ska"}


def archive_url(backend: str, size: int, data: Path, pg_set: tuple[str, ...] = ()) -> str:
    if backend == "sqlite":
        data.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{data / f'bench-{size}.sqlite'}"
    return with_schema(PG, f"bench_{size}") + "".join(f"%20-c{s.replace('=', '%3D')}" for s in pg_set)


def draw_queries(engine, n: int, seed: int = 7) -> dict[str, list[str]]:
    """One-word queries, two-word phrases and filtered queries drawn from stored articles."""
    rng = random.Random(seed)
    with engine.connect() as conn:
        top = conn.execute(text("SELECT max(id) FROM articles")).scalar_one()
        ids = rng.sample(range(1, top + 1), min(n, top))
        rows = conn.execute(text("SELECT d.words, m.slug, a.published_at FROM search_docs d "
                                 "JOIN articles a ON a.id = d.article_id JOIN municipalities m ON m.id = a.municipality_id "
                                 f"WHERE d.article_id IN ({','.join(map(str, ids))})")).all()
    words, phrases, filtered = [], [], []
    for body, slug, published in rows:
        tokens = [t for t in body.split() if t.isalpha() and len(t) > 3 and t not in STOP]
        if len(tokens) < 3:
            continue
        words.append(rng.choice(tokens))
        all_tokens = body.split()
        i = rng.randrange(len(all_tokens) - 1)
        phrases.append(f'"{all_tokens[i]} {all_tokens[i + 1]}"')
        year = int((published or "2020")[:4])
        filtered.append(f"{rng.choice(tokens)} kommun:{slug} from:{year - 1}-01-01 to:{year + 1}-12-31")
    return {"one word": words, "phrase": phrases, "filtered + facets": filtered, "filtered + facets by rows": filtered}


def timed(fn, queries: list[str], servers: list[int]) -> tuple[list[float], float]:
    """Each query's clock milliseconds, and the CPU milliseconds a query took on average in this
    process and the PostgreSQL server processes it used (on a shared machine the clock also holds
    the waits for a core; the CPU time does not)."""
    for q in queries:  # warm the caches: a user's second search, not the server's first
        fn(q)
    out = []
    cpu = 0.0
    for q in queries:
        # ... but not the match sets the archive keeps a query (archive/match_sets.py): each
        # timed query computes its own, as a new query would
        bitmaps.forget_matches()
        cpu0 = time.process_time() + sum(server_cpu(pid) for pid in servers)
        start = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - start) * 1000)
        cpu += time.process_time() + sum(server_cpu(pid) for pid in servers) - cpu0
    return out, cpu * 1000 / len(queries)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def measure(url: str, n_queries: int) -> dict[str, tuple[float, float, float, float]]:
    engine = open_archive(url)
    engine.dispose()  # every connection from here on is opened below, and its server process known
    servers: list[int] = []
    if engine.dialect.name == "postgresql":
        event.listen(engine, "connect", lambda dbapi, _record: servers.append(dbapi.info.backend_pid))
    queries = draw_queries(engine, n_queries)
    runs = {
        "one word": lambda q: search(engine, q),
        "phrase": lambda q: search(engine, q),
        "filtered + facets": lambda q: search(engine, q, total=facets(engine, q).total),
        "filtered + facets by rows": lambda q: search(engine, q, total=counted_by_rows(engine, q).total),
    }
    out = {}
    for kind, fn in runs.items():
        ms, cpu = timed(fn, queries[kind], servers)
        out[kind] = (statistics.median(ms), p95(ms), max(ms), cpu)
    engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--queries", type=int, default=40, help="queries of each kind")
    parser.add_argument("--data", type=Path, default=Path("data/bench"))
    parser.add_argument("--pg-base", type=int, default=100_000,
                        help="PostgreSQL archives larger than this are the archive of this size, copied "
                             "(bench/copies.py; generating 1M there takes hours); 0: generate them whole")
    parser.add_argument("--sqlite-base", type=int, default=100_000,
                        help="the same for SQLite (generating 1M there takes an hour or more)")
    parser.add_argument("--pg-set", action="append", default=[], metavar="NAME=VALUE",
                        help="a PostgreSQL setting for the bench's connections, e.g. work_mem=64MB (repeatable)")
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        for backend in args.backends:
            url = archive_url(backend, size, args.data, tuple(args.pg_set))
            base = args.pg_base if backend == "postgres" else args.sqlite_base
            if 0 < base < size:
                filled = grow_by_copies(url, size, archive_url(backend, base, args.data, tuple(args.pg_set)), base)
                if filled["copied"]:
                    print(f"{backend} {size}: copied {filled['copied']} articles in {filled['seconds']:.0f} s")
            else:
                filled = generate(url, size)
                if filled["stored"]:
                    print(f"{backend} {size}: generated {filled['stored']} articles in {filled['seconds']:.0f} s")
            for kind, (p50, p95_, worst, cpu) in measure(url, args.queries).items():
                results.append((size, backend, kind, p50, p95_, worst, cpu))
    print("\n| articles | back end | query | p50 ms | p95 ms | max ms | CPU ms a query |\n|---|---|---|---|---|---|---|")
    for size, backend, kind, p50, p95_, worst, cpu in results:
        print(f"| {size:,} | {backend} | {kind} | {p50:.1f} | {p95_:.1f} | {worst:.1f} | {cpu:.1f} |")
    print_rows(*readme_rows([r[:6] for r in results]))


NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
AIM_MS = 100


def readme_rows(results: list[tuple[int, str, str, float, float, float]]) -> list[Row]:
    """One row per size and kind of query, the back ends side by side (p95 against the aim)."""
    rows = []
    for size in dict.fromkeys(r[0] for r in results):
        for kind in dict.fromkeys(r[2] for r in results):
            p95s = {backend: p for s, backend, k, _, p, _ in results if s == size and k == kind}
            met = [NAMES[b] for b, p in p95s.items() if p < AIM_MS]
            said = "yes" if len(met) == len(p95s) else "no" if not met else f"{' and '.join(met)} only"
            rows.append(Row(f"search p95 at {size:,}, {kind} ({' / '.join(NAMES[b] for b in p95s)})",
                            " / ".join(f"{p:,.0f}" for p in p95s.values()) + " ms", f"< {AIM_MS} ms", said))
    return rows


if __name__ == "__main__":
    main()
