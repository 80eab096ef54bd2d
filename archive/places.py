"""Municipalities by name: "Köping" for people, the slug `koping` for machines, and a query's
`kommun:` value read either way ("köping", "Kungsör", "KUNGSOR", "Köpings kommun").

The names come from the archive's own municipalities table (filled from the site list), so a
fourth site needs nothing here."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from sqlalchemy import Engine, text

from archive.query import QueryError

_SUFFIXES = (" kommun", " stad")


def fold(value: str) -> str:
    """Lower case without diacritics: 'Köping' -> 'koping', as slugs are written."""
    decomposed = unicodedata.normalize("NFKD", value.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def place_name(slug: str, name: str | None) -> str:
    """The town as a reader names it: 'Köpings kommun' -> 'Köping', 'Arboga kommun' -> 'Arboga'.
    The genitive s goes only where the slug has none: 'Vännäs kommun' (vannas) stays 'Vännäs'."""
    place = (name or "").strip()
    for suffix in _SUFFIXES:
        if place.lower().endswith(suffix):
            place = place[: -len(suffix)]
    if place.endswith("s") and not slug.endswith("s") and fold(place[:-1]) == slug:
        place = place[:-1]
    return place if place and fold(place) == slug else slug


class Names(dict[str, str]):
    """slug -> place name; an unknown slug shows as itself."""

    def __missing__(self, slug: str) -> str:
        return slug


_CACHE: dict[int, Names] = {}


def names(engine: Engine, refresh: bool = False) -> Names:
    """The place names of the archive's municipalities (read once per engine; a new site is rare)."""
    key = id(engine)
    if refresh or key not in _CACHE or not _CACHE[key]:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT slug, name FROM municipalities ORDER BY slug")).all()
        _CACHE[key] = Names({slug: place_name(slug, name) for slug, name in rows})
    return _CACHE[key]


def resolve(engine: Engine, values: Iterable[str]) -> list[str]:
    """The slugs that `kommun:` values name, by slug or name, in any case, with or without å, ä, ö.
    An unknown one is a QueryError that lists the known ones."""
    values = list(values)
    known = names(engine)
    if any(fold(v) not in _lookup(known) for v in values):
        known = names(engine, refresh=True)  # a site added since the cache was filled
    lookup = _lookup(known)
    out = []
    for value in values:
        slug = lookup.get(fold(value))
        if slug is None:
            listed = ", ".join(f"{known[s]} ({s})" if known[s] != s else s for s in known) or "none yet"
            raise QueryError(f"unknown municipality {value!r} in kommun:; known: {listed}",
                             sv=f"okänd kommun {value!r} i kommun:; kända: {listed}")
        out.append(slug)
    return out


def _lookup(known: Names) -> dict[str, str]:
    by_fold = {fold(slug): slug for slug in known}
    by_fold.update({fold(place): slug for slug, place in known.items()})
    by_fold.update({fold(place) + genitive + suffix: slug for slug, place in known.items()
                    for suffix in _SUFFIXES for genitive in ("", "s")})
    return by_fold
