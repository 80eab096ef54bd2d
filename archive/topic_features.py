"""The words the trained topic model reads (archive/topic_model.py), place names left out.

An article's title, lead and body become stemmed words kept apart by prefixes ("t:", "l:", "b:"),
and the title's and lead's stems again as headline words ("h:") and adjacent pairs ("p:"), so the
news the headline names can weigh more than a passing mention in the body.

No feature is a place name: a topic must never be learnt from where the news happened (issue 15:
"a topic is given to half the archive for a place name", when "mälar" made every "Mälardalen"
environment news). Every word of Sweden's 290 municipalities (municipalities.txt) and of the places
of the region below, with its genitive, is dropped, and so is every word that begins with one of the
region's names that form compounds ("Mälardalsregionen", "Köpingsborna", "Arbogaån").
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

from archive.text import stem, words

# Places of the three municipalities and the region around them as articles name them (the rules
# guard against the same ones: tests/unit/test_topics.py, PLACES), and the region's waters.
REGION_PLACES = (
    "Arboga", "Köping", "Kungsör", "Kolsva", "Valskog", "Munktorp", "Medåker", "Götlunda", "Himmeta", "Mälardalen",
    "Mälaren", "Hjälmaren", "Västerås", "Hallstahammar", "Surahammar", "Fagersta", "Eskilstuna", "Badelunda",
    "Skillinge", "Nybyholm", "Sätra", "Västermalm", "Karlberg", "Norberg", "Skinnskatteberg", "Sala", "Västmanland",
    "Örebro", "Strängnäs", "Torshälla", "Bergslagen", "Lindesberg", "Nora", "Ramnäs", "Virsbo", "Barkarö", "Irsta",
    "Kärrbo", "Odensvi", "Malma", "Lovisedal", "Buskåker", "Arbogaån", "Glasbruket", "Vallby", "Gäddeholm",
    "Kungsörsån", "Köpingsån", "Hedströmmen", "Strömsholm", "Kvicksund", "Jäder", "Tidö", "Kungsudden", "Ullvi",
    "Kristinelund", "Stureparken", "Herrgårdsskogen", "Karlbergsskogen", "Västerled", "Malmön", "Nygatan",
    "Drottninggatan", "Järntorget", "Fiskartorget", "Stora torget", "Kyrkbacken", "Karlslund", "Hedensberg",
    "Fellingsbro", "Heby", "Västra Mälardalen",
)
# The region's names that begin compounds of places and people: "Mälardalsregionen", "Mälarbanan",
# "Köpingsborna", "Arbogaån", "Västmanlandstrafiken".
PLACE_PREFIXES = ("mälar", "mälard", "hjälmar", "arboga", "köping", "kungsör", "västerås", "västmanland", "bergslag")


def _place_words() -> frozenset[str]:
    names = [line.strip() for line in files("archive").joinpath("municipalities.txt").read_text(encoding="utf-8")
             .splitlines() if line.strip() and not line.startswith("#")]
    forms = {w for name in [*names, *REGION_PLACES] for word in words(name) for w in (word, word + "s")}
    return frozenset(forms | {stem(w) for w in forms})


PLACE_WORDS = _place_words()


def is_place(word_stem: str) -> bool:
    """Whether a stem is (or begins with) a place name."""
    return word_stem in PLACE_WORDS or word_stem.startswith(PLACE_PREFIXES)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """The word's stem, "" for a place name (each word is looked at once)."""
    s = stem(word)
    return "" if is_place(s) else s


def features(row: dict[str, Any]) -> list[str]:
    """The model's tokens of an article (a dict with "title", "lead" and "body"), place names left out."""
    title, lead, body = ([_stem(w) for w in words(row.get(k))] for k in ("title", "lead", "body"))
    out = [f"{kind}:{s}" for kind, part in (("t", title), ("l", lead), ("b", body)) for s in part if s]
    for part in (title, lead):
        out += [f"h:{s}" for s in part if s]
        out += [f"p:{a}_{b}" for a, b in zip(part, part[1:], strict=False) if a and b]
    return out
