"""Near-duplicate detection across sites: MinHash over 5-word shingles of the body, an LSH index
kept in the database (32 bands of 4 rows), and story grouping.

A new article costs the same whatever the archive's size: indexed lookups of its 32 band buckets
(one query per band for a whole batch of articles), then an estimated Jaccard similarity against
the few candidates found there. Measured on the replica's labelled cross-posts
(bench/story_grouping.py): versions of one story have a shingle Jaccard of 0.60 or more, different
stories 0.25 or less, so candidates join at 0.45.

The MinHash is datasketch's (128 permutations, seed 1, SHA-1 32-bit hashes, its default affine32
scheme), computed here with the permutations drawn once instead of per article: the same values,
so signatures stored by earlier versions still compare (tests/unit/test_stories.py checks it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, TypeVar, cast

import numpy as np
from sqlalchemy import Connection, Select, bindparam, delete, insert, select, update

from archive.models import Article, LshBucket, MinHashSignature, Story, table_of
from archive.text import words

NUM_PERM, BANDS, ROWS, SHINGLE = 128, 32, 4, 5
JOIN_THRESHOLD = 0.45
MIN_WORDS = 20  # shorter texts give too few shingles to compare
IN_CHUNK = 500  # values per IN (...) list: well under SQLite's and PostgreSQL's parameter limits


@lru_cache(maxsize=1)
def _scheme() -> tuple[Callable[[np.ndarray, int], np.ndarray], np.ndarray, np.ndarray]:  # (pre-mix function, a, b)
    """datasketch's MinHash scheme the signatures are made with (128 permutations, seed 1,
    affine32) and its pre-mix; a test keeps the values equal to MinHash's. Imported when a text is
    first hashed: datasketch imports scipy, 0.3 s of a re-crawl that stores nothing new."""
    from datasketch import MinHash
    from datasketch.minhash import _fmix

    a, b = (p.reshape(1, -1) for p in MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32").permutations)
    return _fmix, a, b

articles_t, buckets_t = table_of(Article), table_of(LshBucket)
minhash_t, stories_t = table_of(MinHashSignature), table_of(Story)


T = TypeVar("T")


def chunks(seq: Sequence[T], n: int = IN_CHUNK) -> Iterator[Sequence[T]]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def shingles(text: str) -> set[bytes]:
    return shingles_of(words(text))


def shingles_of(ws: list[str]) -> set[bytes]:
    """The text's distinct runs of SHINGLE words (the whole text when shorter)."""
    if len(ws) < SHINGLE:
        return {" ".join(ws).encode()}
    return {" ".join(run).encode() for run in zip(*(ws[k:] for k in range(SHINGLE)), strict=False)}  # to the shortest


def signature(text: str) -> np.ndarray | None:
    return signature_of(words(text))


def signature_of(ws: list[str]) -> np.ndarray | None:
    """The MinHash of a text's words (None under MIN_WORDS): datasketch's update_batch, vectorised
    over all shingles and permutations at once."""
    if len(ws) < MIN_WORDS:
        return None
    sha1 = hashlib.sha1
    hv = np.frombuffer(b"".join([sha1(s).digest()[:4] for s in shingles_of(ws)]), dtype="<u4").astype(np.uint32)
    fmix, a, b = _scheme()
    with np.errstate(over="ignore"):  # uint32 arithmetic wraps, as datasketch's does
        phv = fmix(hv, 32).reshape(-1, 1) * a + b
    return cast(np.ndarray, phv.min(axis=0).astype(np.uint64))


def bands(sig: np.ndarray) -> list[tuple[int, int]]:
    out = []
    for b in range(BANDS):
        digest = hashlib.blake2b(sig[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).digest()
        out.append((b, int.from_bytes(digest, "big", signed=True)))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def _load(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint64)


def bucket_query(band: int, buckets: Iterable[int]) -> Select[Any, Any]:
    """Articles in any of these buckets of one band: an indexed lookup on (band, bucket), on SQLite
    and PostgreSQL alike (tests/unit/test_stories.py checks the plan)."""
    return select(buckets_t.c.article_id, buckets_t.c.bucket).where(buckets_t.c.band == band,
                                                                    buckets_t.c.bucket.in_(list(buckets)))


@dataclass
class Entry:
    """An article (re)indexed in this batch: its id, municipality, story and MinHash of its body
    (signature_of its words; None when too short)."""

    article_id: int
    municipality_id: int
    story_id: int | None
    signature: np.ndarray | None
    reindexed: bool = False  # it had a signature and buckets before (a new revision)


def index_batch(conn: Connection, entries: list[Entry], now: datetime) -> dict[int, int]:
    """(Re)index the articles' texts and join each to a story when a near-duplicate from another
    municipality is found, in order, each article seeing those indexed before it (in the archive
    or earlier in the batch). Returns {article id: story id} for every article whose story was set
    (candidates that got a new story included); the caller writes nothing else for stories."""
    old = [e.article_id for e in entries if e.reindexed]
    for ids in chunks(old):
        conn.execute(delete(buckets_t).where(buckets_t.c.article_id.in_(ids)))
        conn.execute(delete(minhash_t).where(minhash_t.c.article_id.in_(ids)))
    sigs = {e.article_id: e.signature for e in entries}
    keys = {aid: bands(sig) for aid, sig in sigs.items() if sig is not None}
    if not keys:
        return {}
    found: dict[tuple[int, int], list[int]] = {}  # (band, bucket) -> archived articles there
    for band in range(BANDS):
        wanted = sorted({k[band][1] for k in keys.values()})
        for part in chunks(wanted):
            for aid, bucket in conn.execute(bucket_query(band, part)):
                found.setdefault((band, bucket), []).append(aid)
    # what the candidates are: signature, municipality, story; and which municipalities each story has
    archived = {aid for ids in found.values() for aid in ids}
    known_sigs: dict[int, np.ndarray] = {}
    muni: dict[int, int] = {e.article_id: e.municipality_id for e in entries}
    story: dict[int, int | None] = {e.article_id: e.story_id for e in entries}
    for ids in chunks(sorted(archived)):
        known_sigs.update((aid, _load(blob)) for aid, blob in conn.execute(
            select(minhash_t.c.article_id, minhash_t.c.signature).where(minhash_t.c.article_id.in_(ids))))
        for aid, mid, sid in conn.execute(select(articles_t.c.id, articles_t.c.municipality_id, articles_t.c.story_id)
                                          .where(articles_t.c.id.in_(ids))):
            muni[aid], story[aid] = mid, sid
    members: set[tuple[int, int]] = set()  # (story, municipality)
    story_ids = sorted({sid for sid in story.values() if sid is not None})
    for ids in chunks(story_ids):
        members.update(conn.execute(select(articles_t.c.story_id, articles_t.c.municipality_id)
                                    .where(articles_t.c.story_id.in_(ids))).all())

    changed: dict[int, int] = {}
    in_batch: dict[tuple[int, int], list[int]] = {}
    for e in entries:
        aid, sig = e.article_id, sigs[e.article_id]
        if sig is None:
            continue
        candidates = {other for key in keys[aid] for other in found.get(key, []) + in_batch.get(key, [])} - {aid}
        for key in keys[aid]:
            in_batch.setdefault(key, []).append(aid)
        known_sigs[aid] = sig
        if story[aid] is not None or not candidates:
            continue
        scored = sorted(((similarity(sig, known_sigs[o]), o) for o in candidates if o in known_sigs), reverse=True)
        for sim, other in scored:
            if sim < JOIN_THRESHOLD:
                break
            if muni[other] == muni[aid]:
                continue  # a story is one text on different sites
            other_story = story[other]
            if other_story is None:
                other_story = story[other] = changed[other] = conn.execute(
                    insert(stories_t).values(created_at=now).returning(stories_t.c.id)).scalar_one()
                members.add((other_story, muni[other]))
            if (other_story, muni[aid]) not in members:
                story[aid] = changed[aid] = other_story
                members.add((other_story, muni[aid]))
                break
    conn.execute(insert(minhash_t), [{"article_id": aid, "signature": sig.tobytes()}
                                     for aid, sig in sigs.items() if sig is not None])
    conn.execute(insert(buckets_t), [{"article_id": aid, "band": b, "bucket": h}
                                     for aid, ks in keys.items() for b, h in ks])
    if changed:
        conn.execute(update(articles_t).where(articles_t.c.id == bindparam("aid")).values(story_id=bindparam("sid")),
                     [{"aid": aid, "sid": sid} for aid, sid in changed.items()])
    return changed
