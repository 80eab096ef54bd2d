"""Near-duplicate check per article at two archive sizes (10,000 and 1,000,000 archived
articles): the LSH candidate lookup, the Jaccard estimate against the candidates and the story
join (archive.stories.index_batch), in the crawl's batches of 50, on SQLite.

    .venv/bin/python -m bench.neardup [--small 10000] [--large 1000000] [--probe 1000]

Two archives: `--small` generated articles with their real MinHash signatures (bench/generate.py
texts, every story's second version left out), and the same grown to `--large` with random
signatures (the MinHash of unrelated texts is as good as random), written straight into the
articles, minhashes and lsh_buckets tables. The probe, the same at both sizes: the left-out
second versions (each a near-duplicate of an archived first version, so each must join its
story) and fresh articles, --probe in all. Each probe batch runs on the small archive, then on
the large one, in a transaction that is rolled back, so both see the same archive but for its
size and the same load of the machine. MinHash of the probe's texts is made
before the clock starts (it does not depend on the archive: ~0.6 ms an article here).

Aim (issue 8): flat, the check at the large size <= 1.5x the small one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, event, func, insert, select

from archive.db import open_archive
from archive.models import Article, LshBucket, Municipality
from archive.stories import BANDS, NUM_PERM, Entry, bands, index_batch, signature
from archive.writer import WRITE_CACHE_KB, write_cache
from bench.generate import SITES, STORY_EVERY, generated_record
from bench.readme import Row, print_rows

BATCH = 50


def _big_cache(dbapi_conn, _record) -> None:  # noqa: ANN001 - DBAPI connection
    dbapi_conn.execute("PRAGMA cache_size=-262144")  # 256 MB for filling only; the check runs as a crawl's writer


def fill(engine: Engine, ids: range, seed: int, real: bool, rng: np.random.Generator) -> None:
    """Archived articles `ids` (ids are 1-based article numbers): rows in articles, minhashes and
    lsh_buckets, with the real MinHash of generated article id-1, or a random one."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        mids = dict(conn.execute(select(Municipality.slug, Municipality.id)).all())
        for slug, site in SITES.items():
            if slug not in mids:
                mids[slug] = conn.execute(insert(Municipality).values(slug=slug, name=site.name, base_url=site.base_url)
                                          .returning(Municipality.id)).scalar_one()
    step = 20_000
    for lo in range(ids.start, ids.stop, step):
        part = range(lo, min(ids.stop, lo + step))
        arts, sigs, buckets = [], [], []
        for aid in part:
            if real:
                slug, record = generated_record(seed, aid - 1)
                sig = signature(record["body"])
            else:
                slug, sig = ("arboga", "koping", "kungsor")[aid % 3], rng.integers(0, 2**32, NUM_PERM, dtype=np.uint64)
            url = f"https://www.{slug}.se/nyheter/arkiv/{aid}.html"
            arts.append((aid, url, url, mids[slug], now.isoformat(), now.isoformat()))
            if sig is not None:
                sigs.append((aid, sig.tobytes()))
                buckets += [(aid, b, h) for b, h in bands(sig)]
        with engine.begin() as conn:  # the driver's executemany: 32 bucket rows an article
            conn.exec_driver_sql("INSERT INTO articles (id, canonical_url, url, municipality_id, first_seen_at, "
                                 "last_seen_at) VALUES (?, ?, ?, ?, ?, ?)", arts)
            conn.exec_driver_sql("INSERT INTO minhashes (article_id, signature) VALUES (?, ?)", sigs)
            conn.exec_driver_sql("INSERT INTO lsh_buckets (article_id, band, bucket) VALUES (?, ?, ?)", buckets)


def probe_set(seed: int, small: int, n: int) -> list[tuple[int, str, np.ndarray | None, bool]]:
    """(article number, municipality, signature, is a left-out story version) of the probe."""
    out = []
    for i in range(1, small, STORY_EVERY):  # second versions, left out of the archive
        slug, record = generated_record(seed, i)
        out.append((i, slug, signature(record["body"]), True))
    i = 10**9
    while len(out) < n:
        slug, record = generated_record(seed + 1, i)
        if i % STORY_EVERY >= 3:
            out.append((i, slug, signature(record["body"]), False))
        i += 1
    return out[:n]


CACHE_KB: list[int] = []  # --cache-kb: the page cache of the checking connection instead of ArchiveWriter's


def check(engine: Engine, probe: list, mids: dict[str, int]) -> tuple[list[float], int]:
    """Seconds per article of each probe batch, and how many probe articles joined a story."""
    per_article, joined = [], 0
    now = datetime.now(UTC)
    for lo in range(0, len(probe), BATCH):
        part = probe[lo:lo + BATCH]
        with engine.connect() as conn:
            tx = conn.begin()
            write_cache(conn)  # as ArchiveWriter.write sets it
            if CACHE_KB:
                conn.exec_driver_sql(f"PRAGMA cache_size=-{CACHE_KB[0]}")
            rows = [{"canonical_url": f"https://probe/{i}", "url": f"https://probe/{i}", "municipality_id": mids[slug],
                     "first_seen_at": now, "last_seen_at": now} for i, slug, _, _ in part]
            ids = list(conn.execute(insert(Article.__table__).returning(Article.id, sort_by_parameter_order=True),
                                    rows).scalars())
            entries = [Entry(aid, mids[slug], None, sig) for aid, (_, slug, sig, _) in zip(ids, part, strict=True)]
            start = time.perf_counter()
            changed = index_batch(conn, entries, now)
            per_article.append((time.perf_counter() - start) / len(part))
            joined += sum(1 for aid in ids if aid in changed)
            tx.rollback()
    return per_article, joined


def describe(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {"archived": conn.scalar(select(func.count()).select_from(Article)),
                "bucket_rows": conn.scalar(select(func.count()).select_from(LshBucket)),
                "mids": dict(conn.execute(select(Municipality.slug, Municipality.id)).all())}


def measure(engines: list[Engine], probe: list) -> list[dict]:
    """Each probe batch on each archive in turn, so that the load of a shared machine falls on
    both sizes alike."""
    info = [describe(e) for e in engines]
    for e, i in zip(engines, info, strict=True):
        check(e, probe[:BATCH], i["mids"])  # warm each cache the same way
    times: list[list[float]] = [[] for _ in engines]
    joined = [0 for _ in engines]
    for lo in range(0, len(probe), BATCH):
        for k, (e, i) in enumerate(zip(engines, info, strict=True)):
            t, j = check(e, probe[lo:lo + BATCH], i["mids"])
            times[k] += t
            joined[k] += j
    return [{**i, "mean": statistics.fmean(t), "median": statistics.median(t),
             "p95": sorted(t)[int(0.95 * (len(t) - 1))], "joined": j}
            for i, t, j in zip(info, times, joined, strict=True)]


def build(path: Path, size: int, small: int, left_out: set[int], seed: int, rng: np.random.Generator) -> float:
    """An archive of `size` articles: the first `small` real, the rest random. Returns seconds."""
    filler = open_archive(f"sqlite:///{path}")
    event.listen(filler, "connect", _big_cache)
    t0 = time.perf_counter()
    for lo in range(1, small + 1, 20_000):  # real texts but the left-out versions
        for run in _runs([i for i in range(lo, min(small + 1, lo + 20_000)) if i not in left_out]):
            fill(filler, run, seed, real=True, rng=rng)
    fill(filler, range(small + 1, size + 1), seed, real=False, rng=rng)
    filler.dispose()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--probe", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db-dir", default=None, help="where the SQLite files go (deleted after)")
    parser.add_argument("--cache-kb", type=int, help=f"SQLite page cache of the check (default: the writer's, "
                        f"{WRITE_CACHE_KB} kB; SQLite's own default is 2000)")
    args = parser.parse_args()
    CACHE_KB[:] = [args.cache_kb] if args.cache_kb else []
    probe = probe_set(args.seed, args.small, args.probe)
    left_out = {i + 1 for i, _, _, story in probe if story}
    with tempfile.TemporaryDirectory(dir=args.db_dir) as tmp:
        paths = [Path(tmp) / "small.sqlite", Path(tmp) / "large.sqlite"]
        fills = [build(path, size, args.small, left_out, args.seed, np.random.default_rng(args.seed))
                 for path, size in zip(paths, (args.small, args.large), strict=True)]
        engines = [open_archive(f"sqlite:///{path}") for path in paths]  # as a crawl opens them
        results = measure(engines, probe)
        for e in engines:
            e.dispose()
        size = sum(os.path.getsize(p) for p in Path(tmp).glob("large.sqlite*"))
    small = results[0]["mean"]
    print(f"SQLite, probe of {len(probe)} articles ({len(left_out)} near-duplicates of archived ones) in batches "
          f"of {BATCH}, each batch on both archives in turn; {BANDS} bands; page cache "
          f"{(CACHE_KB or [WRITE_CACHE_KB])[0]:,} kB; {os.cpu_count()} cores\n")
    print("| archived articles | LSH rows | per article, mean | median batch | p95 batch | joined a story | "
          "vs small | fill seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for r, fill_s in zip(results, fills, strict=True):
        print(f"| {r['archived']:,} | {r['bucket_rows']:,} | {r['mean'] * 1e3:.3f} ms | {r['median'] * 1e3:.3f} ms | "
              f"{r['p95'] * 1e3:.3f} ms | {r['joined']} of {len(left_out)} | {r['mean'] / small:.2f}x | {fill_s:.0f} |")
    ratio = results[1]["mean"] / small
    print(f"\nlarge archive file {size / 1e9:.2f} GB")
    print_rows(Row(f"near-duplicate check per article at {results[1]['archived']:,} archived, against "
                   f"{results[0]['archived']:,}", f"{results[1]['mean'] * 1e3:.3f} vs {small * 1e3:.3f} ms: "
                   f"{ratio:.2f}x", "≤ 1.5x", ratio <= 1.5))


def _runs(ids: list[int]) -> list[range]:
    """Consecutive ids as ranges."""
    out, start = [], None
    for a, b in zip(ids, ids[1:] + [None], strict=True):
        start = a if start is None else start
        if b != a + 1:
            out.append(range(start, a + 1))
            start = None
    return out


if __name__ == "__main__":
    main()
