"""Topics of an article, by documented rules over its words and their Swedish stems.

samverkan (cooperation between municipalities) is the topic journalists follow most. It is given
when an article names a joint body (gemensam nämnd, kommunalförbund, överförmyndarnämnd,
räddningsförbund, VafabMiljö, myndighetsförbund, ...), or uses cooperation words (samverkan,
samarbete, avtalssamverkan, gemensam/gemensamt) together with two or more of the cooperating
municipalities or "Västra Mälardalen". A school working with a football club is "samarbete", but
names no second municipality: not samverkan.

The other topics are given by keyword stems, at least two hits (one in the title counts twice).
Rules, not a trained model: every decision can be read here and argued with.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from archive.text import stem, words

SAMVERKAN = "samverkan"
JOINT_BODIES = re.compile(
    r"gemensamm?a? (?:nämnd|lönenämnd|upphandlingsnämnd|it-enhet|it-avdelning|lönecenter)|kommunalförbund|"
    r"överförmyndarnämnd|räddningsförbund|vafab|myndighetsförbund|västra mälardalens energi|"
    r"avtalssamverkan|mellankommunal", re.IGNORECASE)
COOPERATION = re.compile(r"\b(?:samverk\w*|samarbet\w*|gemensam\w*|tillsammans)\b", re.IGNORECASE)
MUNICIPALITIES = re.compile(r"\b(arboga|köping|kungsör|eskilstuna|fagersta|västerås|hallstahammar|surahammar|"
                            r"västra mälardalen)\w*", re.IGNORECASE)
TOPIC_STEMS: dict[str, set[str]] = {
    "skola och förskola": {"skol", "förskol", "elev", "rektor", "gymnasi", "lärar", "undervisning", "fritids",
                           "grundskol", "vuxenutbildning", "utbildning"},
    "vård och omsorg": {"omsorg", "äldreboend", "hemtjänst", "vård", "demens", "brukar", "sjukskötersk",
                        "äldreomsorg", "boend", "socialtjänst", "funktionsnedsättning"},
    "bygga och bo": {"bygglov", "detaljplan", "bostad", "bostäd", "lägenhet", "tomt", "byggnad", "bygg",
                     "kvarter", "villa", "hyresgäst"},
    "trafik": {"trafik", "väg", "gat", "cykelbaн", "cykel", "buss", "parkering", "hastig", "rondell", "e18",
               "e20", "trafikverket", "korsning"},
    "miljö": {"miljö", "avfall", "återvinning", "klimat", "vatten", "avlopp", "natur", "solcell", "energi",
              "matavfall", "sopor", "utsläpp", "mälar"},
    "näringsliv och arbete": {"företag", "näringsliv", "jobb", "arbetsmarknad", "anställd", "etablering",
                              "industri", "feriearbet", "handel", "arbetsgivar"},
    "kultur och fritid": {"bibliotek", "museum", "kultur", "konsert", "idrott", "förening", "simhall", "bad",
                          "fritid", "utställning", "festival", "lov"},
    "politik och demokrati": {"kommunfullmäktig", "kommunstyrels", "nämnd", "budget", "politik", "beslut",
                              "val", "ledamot", "ordförand", "skattesats", "fullmäktig"},
}


def is_samverkan(text: str) -> bool:
    if JOINT_BODIES.search(text):
        return True
    if not COOPERATION.search(text):
        return False
    return len({m.group(1).lower() for m in MUNICIPALITIES.finditer(text)}) >= 2


_PREFIXES = {topic: tuple(sorted(stems)) for topic, stems in TOPIC_STEMS.items()}


@lru_cache(maxsize=65536)
def _topics_of(token_stem: str) -> tuple[str, ...]:
    """The topics whose keyword stems begin this stem (each stem is looked at once)."""
    return tuple(topic for topic, prefixes in _PREFIXES.items() if token_stem.startswith(prefixes))


def classify(title: str | None, lead: str | None, body: str | None) -> list[str]:
    """The article's topics, samverkan first when it applies."""
    text = "\n".join(filter(None, [title, lead, body]))
    return classify_stems(text, list(map(stem, words(title))), list(map(stem, words(text))))


def classify_stems(text: str, title_stems: list[str], stems: list[str]) -> list[str]:
    """classify() for a caller that has the stems already: those of the title, and those of the
    title, lead and body together (`text`)."""
    hits: Counter[str] = Counter()
    for token_stem, n in Counter(stems).items():
        for topic in _topics_of(token_stem):
            hits[topic] += n
    for token_stem in title_stems:  # a title hit counts twice
        for topic in _topics_of(token_stem):
            hits[topic] += 1
    topics = [SAMVERKAN] if is_samverkan(text) else []
    return topics + [topic for topic in _PREFIXES if hits[topic] >= 2]
