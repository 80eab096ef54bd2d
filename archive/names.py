"""People's names as articles write them, and when two spellings are one person.

A party mark is not part of a name: "Anders Röhfors (S)" is "Anders Röhfors". An initial is a
name only on evidence: "A. Röhfors" joins "Anders Röhfors" when he is the one person of that
surname and initial in the archive who has been given the same role (role and place, as
archive/people.role_and_place reads it) as this mention; otherwise "A. Röhfors" stays a person
of their own, since two people may share an initial and a surname.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection, select

from archive.models import ArticlePerson, Person
from archive.people import role_and_place

_PARTY = re.compile(r"\s*\([A-ZÅÄÖ]{1,3}\)\s*$")
_INITIAL = re.compile(r"^(?P<initial>[A-ZÅÄÖ])\.?\s+(?P<surname>[A-ZÅÄÖ][\wåäöé-]+(?:\s+[A-ZÅÄÖ][\wåäöé-]+)?)$")


def plain_name(name: str) -> str:
    """The name without a party mark and with single spaces."""
    return " ".join(_PARTY.sub("", name).split())


def same_role(a: str | None, b: str | None) -> bool:
    ra, rb = role_and_place(a), role_and_place(b)
    return ra[0] is not None and (ra[0].lower(), ra[1]) == ((rb[0] or "").lower(), rb[1])


def initial_variant(conn: Connection, name: str, roles: Iterable[str | None]) -> int | None:
    """The id of the one archived person that an initial form ("A. Röhfors") stands for, judged by
    a role they share; None when the name has no initial or the evidence is not one person."""
    m = _INITIAL.match(name)
    roles = [r for r in roles if r]
    if m is None or not roles:
        return None
    pattern = f"{m['initial']}% {m['surname']}"
    candidates = conn.execute(select(Person.id, Person.name).where(Person.name.like(pattern))).all()
    matching = set()
    for pid, full in candidates:
        if _INITIAL.match(full):
            continue  # another initial form is no evidence of a full name
        given = conn.scalars(select(ArticlePerson.role).where(ArticlePerson.person_id == pid)).all()
        if any(same_role(r, g) for r in roles for g in given):
            matching.add(pid)
    return matching.pop() if len(matching) == 1 else None
