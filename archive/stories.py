"""Near-duplicate detection across sites: MinHash over 5-word shingles of the body, an LSH index
kept in the database (64 bands of 2 rows), and story grouping.

A new article's check is indexed lookups of its 64 band buckets (one query per band for a whole
batch of articles), then an estimated Jaccard similarity against the candidates found there. Its
cost is bounded, not yet flat: a bucket that more than BUCKET_CAP articles fall into is made a stop
bucket, since text that many articles share (a stock phrase, a quote formula, a footer) sent every
one of them to it, so it grew with the archive and so did each check (generated archive on
PostgreSQL: 1,024 candidates an article at 30,000 articles, 3/4 of the time of storing them).
Below the cap buckets still fill as the archive grows (bench/ingest_growth.py: 59 bucket rows read
an article at 10,000 articles, 122 at 26,000 and 148 at 36,000, against 233 at 36,000 uncapped).
The bands are set for recall: two texts sharing 25 % of their
shingles meet in some band with probability 1 - (1 - 0.25^2)^64 = 0.98 (0.998 at 30 %), since
two sites rewriting one press release often share no more (bench/story_grouping.py). Whether a
candidate joins is decided on a reader's evidence, archive/evidence.py.

The MinHash is datasketch's (128 permutations, seed 1, SHA-1 32-bit hashes, its default affine32
scheme), computed here with the permutations drawn once instead of per article: the same values,
so signatures stored by earlier versions still compare (tests/unit/test_stories.py checks it).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, TypeVar, cast

import numpy as np
from sqlalchemy import ARRAY, ColumnElement, Connection, Text, any_, bindparam, delete, insert, select, update
from sqlalchemy import cast as sql_cast

from archive.evidence import JACCARD_WITH_QUOTE, Profile, decide
from archive.models import Article, LshBucket, LshStopBucket, MinHashSignature, Revision, Story, table_of
from archive.text import words

NUM_PERM, BANDS, ROWS, SHINGLE = 128, 64, 2, 5
MIN_WORDS = 20  # shorter texts give too few shingles to compare
IN_CHUNK = 500  # values per IN (...) list: well under SQLite's and PostgreSQL's parameter limits
FETCH_ROWS = 4096  # candidates' signature rows read at once (4 MB)
PAIRS = 4096  # signature pairs compared at once: two 4 MB gathers, not the batch's 150,000 pairs' 300 MB
# Articles a bucket may hold before it is a stop bucket. A story is one text on different sites,
# one article each, so a bucket of one story holds at most one article per municipality: 100 is
# a third of Sweden's 290 publishing the same text. On generated text (bench/generate.py) 0.2 %
# of the buckets at 30,000 articles held more, and a third of all candidates came from them.
BUCKET_CAP = 100


# CPython's own SHA-1 (the same digests): 0.75 M instructions for a 240-word body's shingles against
# OpenSSL's 1.22 M (callgrind, 2026-12-03), whose set-up a call outweighs hashing five words.
try:
    from _sha1 import sha1  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - another Python
    from hashlib import sha1


@lru_cache(maxsize=1)
def _scheme() -> tuple[Callable[[np.ndarray, int], np.ndarray], np.ndarray, np.ndarray]:  # (pre-mix function, a, b)
    """datasketch's MinHash scheme the signatures are made with (128 permutations, seed 1,
    affine32) and its pre-mix; a test keeps the values equal to MinHash's. Imported when a text is
    first hashed: datasketch imports scipy, 0.3 s of a re-crawl that stores nothing new."""
    from datasketch import MinHash
    from datasketch.minhash import _fmix

    a, b = (p.reshape(1, -1) for p in MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32").permutations)
    return _fmix, a, b

articles_t, buckets_t, stop_t = table_of(Article), table_of(LshBucket), table_of(LshStopBucket)
minhash_t, stories_t, revisions_t = table_of(MinHashSignature), table_of(Story), table_of(Revision)


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
    hv = np.frombuffer(b"".join([sha1(s).digest()[:4] for s in shingles_of(ws)]), dtype="<u4").astype(np.uint32)
    fmix, a, b = _scheme()
    with np.errstate(over="ignore"):  # uint32 arithmetic wraps, as datasketch's does
        phv = fmix(hv, 32).reshape(-1, 1) * a + b
    return cast(np.ndarray, phv.min(axis=0).astype(np.uint64))


def bands(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) of each band: the blake2b of the band's rows' bytes. Slices of the bytes
    rather than of the array: a numpy slice a band was 1/3 of the time (64,000 a batch)."""
    raw, step, blake2b = sig.tobytes(), ROWS * sig.itemsize, hashlib.blake2b
    return [(b, int.from_bytes(blake2b(raw[b * step:(b + 1) * step], digest_size=8).digest(), "big", signed=True))
            for b in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def load_signature(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint64)


@dataclass
class Entry:
    """An article (re)indexed in this batch: its id, municipality, story, MinHash of its body
    (signature_of its words; None when too short) and its record (what the evidence reads)."""

    article_id: int
    municipality_id: int
    story_id: int | None
    signature: np.ndarray | None
    reindexed: bool = False  # it had a signature and buckets before (a new revision)
    record: dict[str, Any] | None = None


def among(conn: Connection, column: ColumnElement[Any], values: Sequence[int]) -> ColumnElement[bool]:
    """`column IN values`. On PostgreSQL one array parameter: SQLAlchemy expands an IN list a
    value at a time, and psycopg (pure Python here) parses a statement of hundreds of placeholders
    on every execution, 1/3 of a batch's time at 36,000 archived (profiled, 2026-12-03)."""
    if conn.dialect.name == "postgresql":
        return column == any_(sql_cast(bindparam(None, pg_array(values), type_=Text), ARRAY(column.type)))
    return column.in_(values)


def pg_array(values: Sequence[int]) -> str:
    """PostgreSQL's text form of an array of integers, cast on the server: psycopg's own dumping
    of a list, in Python a value at a time, was 1/6 of a batch's time (profiled, 2026-12-03)."""
    return "{" + ",".join(map(str, values)) + "}"


def records_of(conn: Connection, article_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The current records of archived articles (for the evidence on candidates)."""
    out: dict[int, dict[str, Any]] = {}
    for ids in chunks(sorted(article_ids)):
        out.update(conn.execute(select(articles_t.c.id, revisions_t.c.record)
                                .join(revisions_t, revisions_t.c.id == articles_t.c.current_revision_id)
                                .where(among(conn, articles_t.c.id, ids))).all())
    return out


class _Archived:
    """What the batch needs of its articles and their archived candidates: signatures (one matrix,
    a row an article), municipalities, stories, which municipalities each story has, and records."""

    def __init__(self, conn: Connection, entries: list[Entry], found: dict[tuple[int, int], list[int]]):
        ids, muni, story, stored = candidates_of(conn, sorted({aid for ids in found.values() for aid in ids}))
        self.muni: dict[int, int] = dict(zip(ids, muni, strict=True))
        self.story: dict[int, int | None] = dict(zip(ids, story, strict=True))
        self.muni.update((e.article_id, e.municipality_id) for e in entries)
        self.story.update((e.article_id, e.story_id) for e in entries)
        own = [(e.article_id, e.signature) for e in entries if e.signature is not None]
        self.sigs = np.concatenate([stored, *(sig.reshape(1, -1) for _, sig in own)])
        self.row: dict[int, int] = {aid: n for n, aid in enumerate([*ids, *(aid for aid, _ in own)])}  # a later row wins
        stories = sorted({sid for sid in self.story.values() if sid is not None})
        self.members: set[tuple[int, int]] = set(conn.exec_driver_sql(  # (story, municipality)
            f"SELECT story_id, municipality_id FROM articles WHERE story_id {any_id(conn)}", (id_list(conn, stories),)).all())
        self.profiles: dict[int, Profile | None] = {e.article_id: Profile.of(e.article_id, e.municipality_id, e.record)
                                                    for e in entries if e.record is not None}
        self._conn = conn

    def fetch_profiles(self, article_ids: Iterable[int]) -> None:
        """The records of these archived articles, in one query rather than one an article as
        _join first asks for each."""
        wanted = set(article_ids) - set(self.profiles)
        records = records_of(self._conn, wanted)
        self.profiles.update((aid, Profile.of(aid, self.muni[aid], records[aid]) if aid in records else None)
                             for aid in wanted)

    def profile(self, aid: int) -> Profile | None:
        if aid not in self.profiles:
            self.fetch_profiles([aid])
        return self.profiles[aid]


def any_id(conn: Connection) -> str:
    """SQL for `IN` a list of ids given as one parameter (id_list): an array on PostgreSQL, a JSON
    array read by json_each on SQLite, so that neither SQLAlchemy nor the driver handles a
    placeholder an id."""
    return "= ANY(CAST(%s AS integer[]))" if conn.dialect.name == "postgresql" else "IN (SELECT value FROM json_each(?))"


def id_list(conn: Connection, ids: Sequence[int]) -> str:
    return pg_array(ids) if conn.dialect.name == "postgresql" else "[" + ",".join(map(str, ids)) + "]"


def candidates_of(conn: Connection, article_ids: Sequence[int]) -> tuple[list[int], list[int], list[int | None],
                                                                          np.ndarray]:
    """The archived articles' ids, municipalities and stories, and their signatures as a matrix of
    one row each, in one query: packed into a text and a bytes value on PostgreSQL (a row at a time
    through psycopg, pure Python here, cost more than the query), the driver's rows on SQLite.
    Articles with no signature are left out: there is nothing to compare them with."""
    if not article_ids:
        return [], [], [], np.empty((0, NUM_PERM), dtype=np.uint64)
    select_ = ("SELECT {} FROM minhashes m JOIN articles a ON a.id = m.article_id "
               f"WHERE m.article_id {any_id(conn)}")
    if conn.dialect.name == "postgresql":
        driver = conn.connection.driver_connection
        assert driver is not None  # a checked-out connection has its driver's
        with driver.cursor(binary=True) as cur:  # the bytes as they are, not in hex text to decode
            numbers, packed = cur.execute(select_.format(
                "string_agg(m.article_id || ',' || a.municipality_id || ',' || coalesce(a.story_id, 0), ',' "
                "ORDER BY m.article_id), string_agg(m.signature, ''::bytea ORDER BY m.article_id)"),
                (id_list(conn, article_ids),)).fetchone()
        if numbers is None:
            return candidates_of(conn, [])
        flat = list(map(int, numbers.split(",")))
        story = [sid or None for sid in flat[2::3]]  # story ids start at 1
        return flat[0::3], flat[1::3], story, np.frombuffer(packed, dtype=np.uint64).reshape(-1, NUM_PERM)
    # Read a chunk of rows at a time into one matrix made beforehand: all the rows, then their
    # signatures joined, then the matrix were three copies of every candidate's signature at once,
    # the writer's largest short-lived peak (its high-water mark rose with the archive's buckets).
    result = conn.exec_driver_sql(select_.format("m.article_id, a.municipality_id, a.story_id, m.signature")
                                  + " ORDER BY m.article_id", (id_list(conn, article_ids),))
    sigs = np.empty((len(article_ids), NUM_PERM), dtype=np.uint64)  # at most one row an id
    ids: list[int] = []
    muni: list[int] = []
    stories: list[int | None] = []
    while chunk := result.fetchmany(FETCH_ROWS):
        start = len(ids)
        ids += [r[0] for r in chunk]
        muni += [r[1] for r in chunk]
        stories += [r[2] for r in chunk]
        sigs[start:len(ids)] = np.frombuffer(b"".join([r[3] for r in chunk]), dtype=np.uint64).reshape(-1, NUM_PERM)
    return ids, muni, stories, sigs[:len(ids)]


def ranked(known: _Archived, candidates: dict[int, set[int]]) -> dict[int, list[tuple[float, int]]]:
    """Each article's candidates that share at least JACCARD_WITH_QUOTE of its signature's values,
    with that share, most similar first (the higher id first among equals): the whole batch's
    pairs compared in a few numpy operations, where stacking each article's candidates on their
    own was the largest part of _join (profiled, 2026-12-03)."""
    row = known.row
    owner: list[int] = []
    other: list[int] = []
    for aid, others in candidates.items():
        found = [o for o in others if o in row]
        other += found
        owner += [aid] * len(found)
    if not owner:
        return {}
    sigs = known.sigs
    a, b = np.array([row[aid] for aid in owner]), np.array([row[o] for o in other])
    shared = np.concatenate([np.count_nonzero(sigs[a[i:i + PAIRS]] == sigs[b[i:i + PAIRS]], axis=1)
                             for i in range(0, len(a), PAIRS)])
    sims = shared / sigs.shape[1]
    keep = np.flatnonzero(sims >= JACCARD_WITH_QUOTE)
    owners, others_ = np.array(owner)[keep], np.array(other)[keep]
    order = np.lexsort((-others_, -shared[keep], owners))
    out: dict[int, list[tuple[float, int]]] = {}
    for aid, sim, o in zip(owners[order].tolist(), sims[keep][order].tolist(), others_[order].tolist(), strict=True):
        out.setdefault(aid, []).append((sim, o))
    return out


Key = tuple[int, int]  # (band, bucket)


def lookup(conn: Connection, keys: dict[int, list[Key]]) -> tuple[dict[Key, list[int]], set[Key]]:
    """(band, bucket) -> the archived articles there, for every bucket of these articles; and
    which of those buckets are stop buckets (they hold no articles any more)."""
    found: dict[Key, list[int]] = {}
    stopped: set[Key] = set()
    for band in range(BANDS):
        wanted = sorted({k[band][1] for k in keys.values()})
        for part in chunks(wanted):
            stopped.update((band, bucket) for (bucket,) in in_band(conn, "bucket", stop_t.name, band, part))
            for aid, bucket in in_band(conn, "article_id, bucket", buckets_t.name, band, part):
                found.setdefault((band, bucket), []).append(aid)
    return found, stopped


def in_band_sql(dialect: str, columns: str, table: str, n: int) -> str:
    """The SQL of in_band for n buckets: an indexed lookup on (band, bucket), on SQLite and
    PostgreSQL alike (tests/unit/test_stories.py checks the plan)."""
    if dialect == "postgresql":
        return f"SELECT {columns} FROM {table} WHERE band = %s AND bucket = ANY(CAST(%s AS bigint[]))"
    return f"SELECT {columns} FROM {table} WHERE band = ? AND bucket IN ({','.join('?' * n)})"


def in_band(conn: Connection, columns: str, table: str, band: int, buckets: Sequence[int]) -> list[Any]:
    """Rows of `table` in any of these buckets of one band. SQL text with the driver's own
    parameters: SQLAlchemy's expansion of the IN lists, a value at a time, was 1/3 of the time
    of indexing a batch (64 bands x 1,000 buckets, twice, a batch of 1,000 articles)."""
    sql = in_band_sql(conn.dialect.name, columns, table, len(buckets))
    params = (band, pg_array(buckets)) if conn.dialect.name == "postgresql" else (band, *buckets)
    return list(conn.exec_driver_sql(sql, params).all())  # at once: fetching a row at a time was 3/4 of it


def insert_buckets(conn: Connection, rows: list[tuple[int, int, int]]) -> None:
    """Store (article_id, band, bucket) rows, 64 an article: in one COPY on PostgreSQL (one
    INSERT a row was half the time of storing a batch there), the driver's executemany of tuples
    on SQLite."""
    if conn.dialect.name == "postgresql":
        driver = conn.connection.driver_connection
        assert driver is not None  # a checked-out connection has its driver's
        with driver.cursor() as cur, cur.copy("COPY lsh_buckets (article_id, band, bucket) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        conn.exec_driver_sql("INSERT INTO lsh_buckets (article_id, band, bucket) VALUES (?, ?, ?)", rows)


def _stop_full_buckets(conn: Connection, keys: dict[int, list[Key]], found: dict[Key, list[int]],
                       stopped: set[Key]) -> None:
    """Buckets that this batch would fill past BUCKET_CAP become stop buckets before anything in
    the batch is compared (so the result does not depend on where in the batch the cap is
    crossed): recorded in lsh_stop_buckets, their rows deleted, no longer candidates."""
    in_batch = Counter(key for ks in keys.values() for key in ks if key not in stopped)
    full = sorted(key for key, n in in_batch.items() if n + len(found.get(key, ())) > BUCKET_CAP)
    if not full:
        return
    conn.execute(insert(stop_t), [{"band": band, "bucket": bucket} for band, bucket in full])
    for band in sorted({band for band, _ in full}):
        for part in chunks([bucket for b, bucket in full if b == band]):
            conn.execute(delete(buckets_t).where(buckets_t.c.band == band, buckets_t.c.bucket.in_(list(part))))
    for key in full:
        found.pop(key, None)
    stopped.update(full)


def index_batch(conn: Connection, entries: list[Entry], now: datetime) -> dict[int, int]:
    """(Re)index the articles' texts and join each to a story when a candidate from another
    municipality passes archive/evidence.decide, in order, each article seeing those indexed
    before it (in the archive or earlier in the batch). Returns {article id: story id} for every
    article whose story was set (candidates that got a new story included); the caller writes
    nothing else for stories."""
    _unindex(conn, [e.article_id for e in entries if e.reindexed])
    sigs = {e.article_id: e.signature for e in entries}
    keys = {aid: bands(sig) for aid, sig in sigs.items() if sig is not None}
    if not keys:
        return {}
    found, stopped = lookup(conn, keys)
    _stop_full_buckets(conn, keys, found, stopped)
    keys = {aid: [key for key in ks if key not in stopped] for aid, ks in keys.items()}
    candidates: dict[int, set[int]] = {}
    in_batch: dict[Key, list[int]] = {}
    for e in entries:  # each sees the archive and the batch's articles before it
        aid = e.article_id
        if aid not in keys:
            continue
        candidates[aid] = {other for key in keys[aid] for other in found.get(key, []) + in_batch.get(key, [])} - {aid}
        for key in keys[aid]:
            in_batch.setdefault(key, []).append(aid)
    known = _Archived(conn, entries, found)
    # Only an article's own join sets its story (a later one is no earlier one's candidate), so
    # who looks for a story, and among what, is known before the first join.
    scored = ranked(known, {aid: others for aid, others in candidates.items() if known.story[aid] is None})
    known.fetch_profiles({o for aid, pairs in scored.items() for _, o in pairs if known.muni[o] != known.muni[aid]})
    changed: dict[int, int] = {}
    for e in entries:
        if e.article_id in scored:
            _join(conn, known, e.article_id, scored[e.article_id], changed, now)
    conn.execute(insert(minhash_t), [{"article_id": aid, "signature": sig.tobytes()}
                                     for aid, sig in sigs.items() if sig is not None])
    rows = [(aid, b, h) for aid, ks in keys.items() for b, h in ks]
    if rows:  # none when every bucket of the batch is a stop bucket
        insert_buckets(conn, rows)
    if changed:
        conn.execute(update(articles_t).where(articles_t.c.id == bindparam("aid")).values(story_id=bindparam("sid")),
                     [{"aid": aid, "sid": sid} for aid, sid in changed.items()])
    return changed


def _unindex(conn: Connection, article_ids: list[int]) -> None:
    """Delete the articles' signatures and bucket rows, found from the signatures' bands:
    lsh_buckets is keyed by (band, bucket, article_id) only (models.LshBucket)."""
    for ids in chunks(article_ids):
        rows = [{"d_band": band, "d_bucket": bucket, "d_article": aid}
                for aid, blob in conn.execute(select(minhash_t.c.article_id, minhash_t.c.signature)
                                              .where(minhash_t.c.article_id.in_(ids)))
                for band, bucket in bands(load_signature(blob))]
        if rows:
            conn.execute(delete(buckets_t).where(buckets_t.c.band == bindparam("d_band"),
                                                 buckets_t.c.bucket == bindparam("d_bucket"),
                                                 buckets_t.c.article_id == bindparam("d_article")), rows)
        conn.execute(delete(minhash_t).where(minhash_t.c.article_id.in_(ids)))


def _join(conn: Connection, known: _Archived, aid: int, scored: list[tuple[float, int]], changed: dict[int, int],
          now: datetime) -> None:
    """Join `aid` to the story of its most similar candidate (scored: ranked()'s list) that the
    evidence supports and that has no article of aid's municipality yet."""
    muni, story = known.muni, known.story
    for sim, other in scored:
        if sim < JACCARD_WITH_QUOTE:
            break
        if muni[other] == muni[aid]:
            continue  # a story is one text on different sites
        if story[other] is not None and (story[other], muni[aid]) in known.members:
            continue
        mine, theirs = known.profile(aid), known.profile(other)
        if mine is None or theirs is None or not decide(mine, theirs, sim).join:
            continue
        other_story = story[other]
        if other_story is None:
            other_story = story[other] = changed[other] = conn.execute(
                insert(stories_t).values(created_at=now).returning(stories_t.c.id)).scalar_one()
            known.members.add((other_story, muni[other]))
        story[aid] = changed[aid] = other_story
        known.members.add((other_story, muni[aid]))
        return
