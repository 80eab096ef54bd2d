"""A query's matching articles as one set of ids: the full-text index's matches (read from the
index alone, no article row) intersected with the facet bitmaps of its filters (archive/bitmaps.py).
Its size is the exact count, and its intersections with the facet bitmaps are the facets."""

from __future__ import annotations

import calendar
from array import array
from datetime import date
from typing import Any

import numpy as np
from pyroaring import BitMap, FrozenBitMap
from sqlalchemy import Connection, bindparam, text

from archive.bitmaps import Bitmaps, union
from archive.matching import fts5_match, pg_match, pg_or
from archive.query import Query


def _joined(conn: Connection, sql: str, params: dict[str, Any]) -> BitMap:
    """The ids one aggregate query joins with commas: one string parsed in C (numpy), not a row a
    match (a word in 68,000 articles: 20 ms of the client's CPU as rows, 8 as one string)."""
    joined = conn.execute(text(sql), params).scalar()
    if not joined:
        return BitMap()
    # pyroaring reads an array.array of "I" at C speed, a numpy array a value at a time: 2 against
    # 18 ms for 500,000 ids (pyroaring 1.2)
    return BitMap(array("I", np.fromstring(joined, dtype=np.uint32, sep=",").tobytes()))


def text_matches(conn: Connection, q: Query) -> BitMap:
    """The articles whose text matches q's words (its exclusions taken out), filters aside."""
    params: dict[str, Any] = {}
    if conn.dialect.name == "sqlite":
        params["match"] = fts5_match(q)
        return _joined(conn, "SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH :match", params)
    condition, _score = pg_match(q, params)
    return _joined(conn, f"SELECT string_agg(d.article_id::text, ',') FROM search_docs d WHERE {condition}", params)


def _excluded(conn: Connection, q: Query) -> BitMap:
    """The articles holding any of q's excluded terms (for a query of filters and exclusions)."""
    unwanted = Query(groups=[list(q.excluded)])
    if conn.dialect.name == "sqlite":
        return text_matches(conn, unwanted)
    params: dict[str, Any] = {}
    condition = pg_or(unwanted.groups[0], params)
    return _joined(conn, f"SELECT string_agg(d.article_id::text, ',') FROM search_docs d WHERE {condition}", params)


def _month(key: str) -> tuple[date, date]:
    year, month = int(key[:4]), int(key[5:7])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _dated(conn: Connection, q: Query, sets: Bitmaps) -> BitMap:
    """Articles published from q.date_from to q.date_to: whole months from their bitmaps, the days
    of the (at most two) months the range cuts through from the published_date index."""
    lo, hi = q.date_from or date.min, q.date_to or date.max
    whole, cut = [], []
    for key, ids in sets.sets.get("month", {}).items():
        first, last = _month(key)
        if lo <= first and last <= hi:
            whole.append(ids)
        elif first <= hi and lo <= last:
            cut.append((max(lo, first), min(hi, last)))
    out = union(whole)
    for start, end in cut:
        out |= BitMap(conn.execute(text("SELECT id FROM articles WHERE published_date >= :a AND published_date <= :b"),
                                   {"a": start, "b": end}).scalars())
    return out


def _filtered(conn: Connection, q: Query, sets: Bitmaps) -> BitMap | None:
    """The articles q's filters allow (None: no filter). q.municipalities are slugs, resolved."""
    parts: list[BitMap] = []
    if q.municipalities:
        ids = conn.execute(text("SELECT id FROM municipalities WHERE slug IN :munis")
                           .bindparams(bindparam("munis", expanding=True)), {"munis": q.municipalities}).scalars()
        parts.append(union(sets.get("municipality", str(mid)) for mid in ids))
    if q.date_from or q.date_to:
        parts.append(_dated(conn, q, sets))
    parts += [sets.get("topic", topic) for topic in q.topics]
    for person in q.people:  # no bitmap: a person filter is rare, and its articles few
        parts.append(BitMap(conn.execute(text(
            "SELECT ap.article_id FROM article_people ap JOIN people p ON p.id = ap.person_id "
            "WHERE lower(p.name) = lower(:person)"), {"person": person}).scalars()))
    if not parts:
        return None
    return BitMap.intersection(*parts) if len(parts) > 1 else BitMap(parts[0])


MATCHES_KEPT = 32  # match sets a Bitmaps keeps (a few MB at most at 1M articles)


def match_set(conn: Connection, q: Query, sets: Bitmaps) -> FrozenBitMap:
    """Every article q matches, as a set of ids (q.municipalities resolved to slugs); kept with
    `sets` for the next call of the same query, so it must not be changed (hence frozen)."""
    key = repr((q.groups, q.excluded, q.municipalities, q.topics, q.people, q.date_from, q.date_to))
    found = sets.matches.get(key)
    if found is None:
        if len(sets.matches) >= MATCHES_KEPT:
            sets.matches.clear()
        found = sets.matches[key] = FrozenBitMap(_matched(conn, q, sets))
    return found


def _matched(conn: Connection, q: Query, sets: Bitmaps) -> BitMap:
    allowed = _filtered(conn, q, sets)
    if q.has_text:
        found = text_matches(conn, q)
    else:
        found = BitMap(allowed) if allowed is not None else sets.every_article()
        if q.excluded:
            found -= _excluded(conn, q)
    return found & allowed if allowed is not None else found
