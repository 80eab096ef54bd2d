"""Snippets mark every word the query matches, and no other: by stem (any inflection), by a
phrase's words, by prefix, in any Unicode form of the text (the pattern that rules tokens out
before stemming must never rule out a match)."""

from __future__ import annotations

import unicodedata

import pytest

from archive.query import parse_query
from archive.snippets import snippet


@pytest.mark.parametrize(("query", "body", "marked"), [
    ("samverkan", "Kommunerna fördjupar samverkan. Samverkans nästa steg (samverkan).",
     ["**samverkan**.", "**Samverkans**", "(**samverkan**)."]),
    ("budget", "Budgeten ökar, budgetar läggs och budget antas.", ["**Budgeten**", "**budgetar**", "**budget**"]),
    ('"gemensam nämnd"', "En gemensam nämnd bildas; nämnden är gemensam.",
     ["**gemensam**", "**nämnd**", "**gemensam**."]),
    ("kungs*", "Kungsör och Kungsudden, inte Köping.", ["**Kungsör**", "**Kungsudden**,"]),
    ("kungsör", unicodedata.normalize("NFD", "Kungsörs kommun i Kungsör."), ["**Kungsörs**", "**Kungsör**."]),
    ("it", "IT-drift och it-stöd", ["**IT-drift**", "**it-stöd**"]),
])
def test_every_match_is_marked_and_nothing_else(query, body, marked):
    out = snippet(body, parse_query(query))
    assert [tok for tok in out.split() if "**" in tok] == marked


def test_a_query_with_no_match_in_the_body_marks_nothing():
    assert "**" not in snippet("Får på bete vid Kungsudden.", parse_query("samverkan"))
