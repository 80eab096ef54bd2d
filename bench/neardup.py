"""Near-duplicate check per article at two archive sizes (10,000 and 1,000,000 archived
articles): the LSH candidate lookup, the Jaccard estimate against the candidates and the story
join (archive.stories.index_batch), in the crawl's batches of 50, on SQLite.

    .venv/bin/python -m bench.neardup [--small 10000] [--large 1000000] [--probe 1000]

The archive holds `--small` generated articles with their real MinHash signatures (bench/generate.py
texts, every story's second version left out); then it is grown to `--large` with random
signatures (the MinHash of unrelated texts is as good as random), written straight into the
articles, minhashes and lsh_buckets tables. The probe, the same at both sizes: the left-out
second versions (each a near-duplicate of an archived first version, so each must join its
story) and fresh articles, --probe in all. Each probe batch runs in a transaction that is rolled
back, so both sizes see the same archive but for its size. MinHash of the probe's texts is made
before the clock starts (it does not depend on the archive: ~0.6 ms an article here).

Aim (issue 8): flat, the check at the large size <= 1.5x the small one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, event, func, insert, select

from archive.db import open_archive
from archive.models import Article, LshBucket, Municipality
from archive.store import write_cache
from archive.stories import BANDS, NUM_PERM, Entry, bands, index_batch, signature
from bench.generate import SITES, STORY_EVERY, generated_record

BATCH = 50


def _big_cache(dbapi_conn, _record) -> None:  # noqa: ANN001 - DBAPI connection
    dbapi_conn.execute("PRAGMA cache_size=-262144")  # 256 MB for filling only; the check runs as a crawl's writer


def fill(engine: Engine, ids: range, seed: int, real: bool, rng: np.random.Generator) -> None:
    """Archived articles `ids` (ids are 1-based article numbers): rows in articles, minhashes and
    lsh_buckets, with the real MinHash of generated article id-1, or a random one."""
    now = datetime.now(timezone.utc)
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


def check(engine: Engine, probe: list, mids: dict[str, int]) -> tuple[list[float], int]:
    """Seconds per article of each probe batch, and how many probe articles joined a story."""
    per_article, joined = [], 0
    now = datetime.now(timezone.utc)
    for lo in range(0, len(probe), BATCH):
        part = probe[lo:lo + BATCH]
        with engine.connect() as conn:
            tx = conn.begin()
            write_cache(conn)  # as ArchiveWriter.write sets it
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


def measure(engine: Engine, probe: list) -> dict[str, float]:
    with engine.connect() as conn:
        mids = dict(conn.execute(select(Municipality.slug, Municipality.id)).all())
        archived = conn.scalar(select(func.count()).select_from(Article))
        rows = conn.scalar(select(func.count()).select_from(LshBucket))
    check(engine, probe[:BATCH], mids)  # warm the cache the same way at both sizes
    times, joined = check(engine, probe, mids)
    return {"archived": archived, "bucket_rows": rows, "mean": statistics.fmean(times),
            "median": statistics.median(times), "p95": sorted(times)[int(0.95 * (len(times) - 1))], "joined": joined}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--probe", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db-dir", default=None, help="where the SQLite file goes (deleted after)")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    probe = probe_set(args.seed, args.small, args.probe)
    left_out = {i + 1 for i, _, _, story in probe if story}
    results = []
    with tempfile.TemporaryDirectory(dir=args.db_dir) as tmp:
        path = Path(tmp) / "neardup.sqlite"
        engine = open_archive(f"sqlite:///{path}")  # as a crawl opens it
        filler = open_archive(f"sqlite:///{path}")
        event.listen(filler, "connect", _big_cache)
        t0 = time.perf_counter()
        for lo in range(1, args.small + 1, 20_000):  # the small archive: real texts but the left-out versions
            ids = [i for i in range(lo, min(args.small + 1, lo + 20_000)) if i not in left_out]
            for run in _runs(ids):
                fill(filler, run, args.seed, real=True, rng=rng)
        results.append((measure(engine, probe), time.perf_counter() - t0))
        t0 = time.perf_counter()
        fill(filler, range(args.small + 1, args.large + 1), args.seed, real=False, rng=rng)
        filler.dispose()
        results.append((measure(engine, probe), time.perf_counter() - t0))
        size = sum(os.path.getsize(p) for p in Path(tmp).glob("neardup.sqlite*"))
        engine.dispose()
    small = results[0][0]["mean"]
    print(f"SQLite, probe of {len(probe)} articles ({len(left_out)} near-duplicates of archived ones) in batches "
          f"of {BATCH}; {BANDS} bands; {os.cpu_count()} cores\n")
    print("| archived articles | LSH rows | per article, mean | median batch | p95 batch | joined a story | "
          "vs small | fill seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for r, fill_s in results:
        print(f"| {r['archived']:,} | {r['bucket_rows']:,} | {r['mean'] * 1e3:.3f} ms | {r['median'] * 1e3:.3f} ms | "
              f"{r['p95'] * 1e3:.3f} ms | {r['joined']} of {len(left_out)} | {r['mean'] / small:.2f}x | {fill_s:.0f} |")
    ratio = results[1][0]["mean"] / small
    print(f"\naim <= 1.5x: {'met' if ratio <= 1.5 else 'not met'} ({ratio:.2f}x); archive file {size / 1e9:.2f} GB")


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
