"""Facet bitmaps: for each municipality, year, month and topic, the ids of its articles as one
compressed (roaring) bitmap, stored in the archive (facet_bitmaps, migration 0011) and kept in
memory by each reading process. A query's count and facets are then its matches intersected with
these sets, instead of every match joined to its article row and its topics.

The writer keeps them current in each batch's transaction (`record_written`); a missing or stale
set (nothing built yet, or articles or revisions stored past them by a path that does not keep
them, such as bench/copies.py) is rebuilt from the articles when next read. Paths that change
topics without a new revision (archive/retopic.py) call `invalidate`. Writers and a rebuild take
one lock (SQLite's write lock; an advisory transaction lock per schema on PostgreSQL), so each
write of the sets is whole and their version only grows.
"""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from pyroaring import BitMap, FrozenBitMap
from sqlalchemy import Connection, Engine, bindparam, text

from archive.db import storage_fault

FACETS = ("municipality", "year", "month", "topic")
_CLASS = int.from_bytes(hashlib.sha1(b"kommunarkiv facet bitmaps").digest()[:4], "big", signed=True)


@dataclass(frozen=True)
class Written:
    """What the writer stored of one article: the values it now has."""

    article_id: int
    municipality_id: int
    published_at: str | None
    published_date: date | None
    topics: tuple[str, ...]
    reindexed: bool  # an article stored before: its old values are taken away first


def _values(w: Written) -> list[tuple[str, str]]:
    out = [("municipality", str(w.municipality_id))]
    if w.published_at and w.published_at[:4]:  # as facets count years: substr(published_at, 1, 4)
        out.append(("year", w.published_at[:4]))
    if w.published_date is not None:  # as the date filters read it: published_date
        out.append(("month", str(w.published_date)[:7]))
    out += [("topic", t) for t in w.topics]
    return out


@dataclass(frozen=True)
class State:
    version: int  # grows with every write of the sets
    rebuilt: int  # the version of the last whole rebuild: a reader holding older sets reads all again
    max_article: int  # the largest article and revision ids the sets reflect
    max_revision: int


@dataclass(frozen=True)
class Bitmaps:
    """The sets as one reader holds them: facet -> value -> article ids."""

    state: State
    sets: dict[str, dict[str, BitMap]]
    # query -> its match set (archive/match_sets.py), valid as long as these sets are: a new article
    # or revision makes a new Bitmaps. The web's search counts facets, then ranks: one set for both.
    matches: dict[str, FrozenBitMap] = field(default_factory=dict)

    def get(self, facet: str, value: str) -> BitMap:
        return self.sets.get(facet, {}).get(value) or BitMap()

    def every_article(self) -> BitMap:
        return union(self.sets.get("municipality", {}).values())


def union(sets: Iterable[BitMap]) -> BitMap:
    sets = list(sets)
    return BitMap.union(*sets) if sets else BitMap()


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:c, hashtext(current_schema()))"), {"c": _CLASS})


def _state(conn: Connection) -> State | None:
    row = conn.execute(text("SELECT version, rebuilt, max_article, max_revision FROM facet_bitmap_state WHERE id = 1")).first()
    return None if row is None else State(*row)


def _archive_stamp(conn: Connection) -> tuple[int, int]:
    row = conn.execute(text("SELECT (SELECT max(id) FROM articles), (SELECT max(id) FROM revisions)")).one()
    return row[0] or 0, row[1] or 0


def _save(conn: Connection, sets: dict[tuple[str, str], BitMap], version: int, rebuilt: int) -> None:
    rows = []
    for (facet, value), ids in sets.items():
        ids.run_optimize()
        rows.append({"f": facet, "v": value, "b": ids.serialize(), "ver": version})
    if rows:
        conn.execute(text("INSERT INTO facet_bitmaps (facet, value, bitmap, version) VALUES (:f, :v, :b, :ver) "
                          "ON CONFLICT (facet, value) DO UPDATE SET bitmap = excluded.bitmap, version = excluded.version"),
                     rows)
    max_article, max_revision = _archive_stamp(conn)
    conn.execute(text("DELETE FROM facet_bitmap_state"))
    conn.execute(text("INSERT INTO facet_bitmap_state (id, version, rebuilt, max_article, max_revision) "
                      "VALUES (1, :v, :rb, :a, :r)"), {"v": version, "rb": rebuilt, "a": max_article, "r": max_revision})


def _stored(conn: Connection, keys: set[tuple[str, str]]) -> dict[tuple[str, str], BitMap]:
    """These sets as stored (empty for a value not stored yet)."""
    out = {key: BitMap() for key in keys}
    for facet in sorted({f for f, _ in keys}):
        values = sorted(v for f, v in keys if f == facet)
        for row in conn.execute(text("SELECT value, bitmap FROM facet_bitmaps WHERE facet = :f AND value IN :vs")
                                .bindparams(bindparam("vs", expanding=True)), {"f": facet, "vs": values}):
            out[(facet, row[0])] = BitMap.deserialize(row[1])
    return out


def record_written(conn: Connection, written: list[Written]) -> None:
    """The writer's hook, in its batch's transaction: the stored articles' ids added to the sets of
    their values (and, for articles stored before, taken out of any other year, month or topic).
    Nothing to do while the sets are not built: the first reader builds them."""
    if not written:
        return
    _lock(conn)
    state = _state(conn)
    if state is None:
        return
    keys = {key for w in written for key in _values(w)}
    old = BitMap(w.article_id for w in written if w.reindexed)
    if old:  # every set an article's year, month or topics can leave
        keys |= {(f, v) for f, v in conn.execute(text("SELECT facet, value FROM facet_bitmaps WHERE facet <> 'municipality'"))}
    sets = _stored(conn, keys)
    for (facet, _), ids in sets.items():
        if facet != "municipality":
            ids -= old
    for w in written:
        for key in _values(w):
            sets[key].add(w.article_id)
    _save(conn, sets, state.version + 1, state.rebuilt)


def invalidate(conn: Connection) -> None:
    """Mark the sets stale: the next reader builds them again (for paths other than the writer that
    change an article's topics, dates or municipality)."""
    _lock(conn)
    conn.execute(text("UPDATE facet_bitmap_state SET max_article = -1"))


def _built(conn: Connection) -> dict[tuple[str, str], BitMap]:
    members: dict[tuple[str, str], list[int]] = defaultdict(list)
    for aid, mid, published_at, published_date in conn.execute(text(
            "SELECT id, municipality_id, published_at, published_date FROM articles")):
        day = date.fromisoformat(str(published_date)[:10]) if published_date is not None else None
        for key in _values(Written(aid, mid, published_at, day, (), False)):
            members[key].append(aid)
    for aid, topic in conn.execute(text("SELECT article_id, topic FROM article_topics")):
        members[("topic", topic)].append(aid)
    return {key: BitMap(ids) for key, ids in members.items()}


def _by_facet(sets: dict[tuple[str, str], BitMap]) -> dict[str, dict[str, BitMap]]:
    out: dict[str, dict[str, BitMap]] = {f: {} for f in FACETS}
    for (facet, value), ids in sets.items():
        out.setdefault(facet, {})[value] = ids
    return out


def rebuild(engine: Engine) -> None:
    """Build the sets from the articles (whatever was stored before is replaced)."""
    with engine.begin() as conn:
        _lock(conn)
        conn.execute(text("DELETE FROM facet_bitmaps"))  # first a write: SQLite's write lock before reading
        state = _state(conn)
        version = (state.version if state else 0) + 1
        _save(conn, _built(conn), version, version)


# archive URL -> the sets as last read; a web server's threads share them
_HELD: dict[str, Bitmaps] = {}
_READING = threading.Lock()


def forget_matches() -> None:
    """Drop every match set kept with the sets held: a benchmark times each query as a new one."""
    with _READING:
        for held in _HELD.values():
            held.matches.clear()


def current(engine: Engine, conn: Connection) -> Bitmaps:
    """The archive's sets as of now: those held, with the rows written since, or all read again
    (and built first, on a connection of its own, when missing or stale). `conn` is the caller's
    reading connection: checking costs one statement on it, not a connection of its own."""
    key = engine.url.render_as_string(hide_password=False)
    for _ in range(2):
        # one statement, one snapshot: read apart, a batch stored between them would look stale
        row = conn.execute(text("SELECT s.version, s.rebuilt, s.max_article, s.max_revision, "
                                "(SELECT max(id) FROM articles), (SELECT max(id) FROM revisions) "
                                "FROM facet_bitmap_state s WHERE s.id = 1")).first()
        state = State(*row[:4]) if row is not None else None
        if row is not None and (row[2], row[3]) == (row[4] or 0, row[5] or 0):
            break
        try:
            rebuild(engine)
        except Exception as exc:
            if storage_fault(exc) is None:
                raise
            # An archive that cannot be written (read-only file, a standby server) is still searched:
            # its sets are built from the articles for this read alone, neither stored nor held.
            return Bitmaps(State(-1, -1, row[4] or 0, row[5] or 0) if row is not None else State(-1, -1, 0, 0),
                           _by_facet(_built(conn)))
    else:
        raise RuntimeError("facet bitmaps: rebuilt, and still not current")
    assert state is not None  # the loop left with current sets
    with _READING:
        held = _HELD.get(key)
        if held is not None and held.state == state:
            return held
        since = held.state.version if held is not None and state.rebuilt <= held.state.version < state.version else -1
        sets = {f: dict(held.sets.get(f, {})) for f in FACETS} if held is not None and since >= 0 else {f: {} for f in FACETS}
        for facet, value, blob in conn.execute(text("SELECT facet, value, bitmap FROM facet_bitmaps WHERE version > :v"),
                                               {"v": since}):
            sets.setdefault(facet, {})[value] = BitMap.deserialize(blob)
        held = _HELD[key] = Bitmaps(state, sets)
        return held
