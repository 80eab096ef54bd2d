"""Topics of an article, by documented rules over its words and their Swedish stems.

samverkan (cooperation between municipalities) is the topic journalists follow most. It is given
when an article names a joint body (gemensam nämnd, kommunalförbund, överförmyndarnämnd,
räddningsförbund, myndighetsförbund, ...), or uses cooperation words (samverkan, samarbete,
avtalssamverkan, gemensam/gemensamt) together with two or more of the cooperating municipalities
or "Västra Mälardalen". A school working with a football club is "samarbete", but names no second
municipality: not samverkan. Västerås and Eskilstuna do not count as the second: the police, the
region and the university sit there, so they are named as places (docs/topics.md, "a passing
mention"), and a company such as VafabMiljö counts only when the text says the work is joint.

The other topics are given by keyword stems, at least two hits (one in the title counts twice).
A keyword stem matches the stems it begins ("förskol" matches "förskolan" and "förskolebarn");
the short ones in WHOLE_STEMS only a stem equal to them, since as prefixes they would match place
names ("val" matches Valskog, "bad" Badelunda). No stem may begin a place name of the region
(tests/unit/test_topics.py checks a list of them): "mälar" would make every "Mälardalen" environment news.
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
    r"överförmyndarnämnd|räddningsförbund|myndighetsförbund|västra mälardalens energi|"
    r"avtalssamverkan|mellankommunal", re.IGNORECASE)
COOPERATION = re.compile(r"\b(?:samverk\w*|samarbet\w*|gemensam\w*|tillsammans)\b", re.IGNORECASE)
MUNICIPALITIES = re.compile(r"\b(arboga|köping|kungsör|fagersta|hallstahammar|surahammar|västra mälardalen)\w*",
                            re.IGNORECASE)
# Keywords per topic, from the definitions in docs/topics.md. A keyword matches a word that it
# begins, or whose Swedish stem it begins ("lekplats" is the stem of "lekplatsen" but not of
# "lekplats", which stems to "lekplat"); WHOLE_STEMS match only a stem equal to them.
TOPIC_STEMS: dict[str, set[str]] = {
    "skola och förskola": {"skol", "förskol", "elev", "rektor", "gymnasi", "lärar", "undervisning", "fritidshem",
                           "grundskol", "grundsärskol", "vuxenutbildning", "sfi", "pedagog", "barnomsorg", "klassrum",
                           "yrkesvux", "komvux", "förskoleklass"},
    "vård och omsorg": {"omsorg", "äldreboend", "hemtjänst", "vård", "demens", "sjukskötersk", "äldreomsorg",
                        "socialtjänst", "funktionsnedsättning", "lss", "överförmyndar", "anhörig", "trygghetslarm",
                        "hemsjukvård", "försörjningsstöd", "missbruk", "socialnämnd", "underskötersk", "besöksstopp",
                        "boendestöd", "vaccin", "folkhäls", "ställföreträd"},
    "bygga och bo": {"bygglov", "detaljplan", "bostad", "bostäd", "lägenhet", "tomt", "byggnad", "kvarter",
                     "hyresgäst", "översiktsplan", "byggstart", "ombyggnad", "byggkostnad", "vatten", "vattnet", "brunn", "nybygg", "dricksvatten", "vattenledning", "avlopp",
                     "kokningsrekommendation", "fjärrvärm", "sotning", "bostadsbolag", "hyres", "vattenverk",
                     "ledningsnät", "byggherr", "entreprenör", "bostadsområd", "markanvisning", "planområd"},
    "trafik": {"trafik", "väg", "gat", "cykelban", "cykel", "buss", "parkering", "hastig", "rondell", "e18", "e20",
               "korsning", "cirkulationsplats", "laddplats", "laddstolp", "gatubelysning", "snöröjning",
               "kollektivtrafik", "resecentrum", "pendl", "omledning", "avstängning", "trottoar", "gångban",
               "skolväg"},
    "miljö": {"miljö", "avfall", "återvinning", "klimat", "natur", "solcell", "energi", "matavfall", "sopor",
              "utsläpp", "grundvatten", "buller", "fossilfri", "biologisk", "sopkärl", "fyrfack", "kompost",
              "nedskräp"},
    "näringsliv och arbete": {"företag", "näringsliv", "jobb", "arbetsmarknad", "etablering", "industri",
                              "feriearbet", "handel", "handlar", "turism", "sommarjobb", "arbetslös", "rekryter",
                              "butik", "företagar", "arbetstillfäll", "nyföretag", "besöksnäring", "upphandling",
                              "serveringstillstånd"},
    "kultur och fritid": {"bibliotek", "museum", "kultur", "konsert", "idrott", "förening", "simhall",
                          "fritidsgård", "utställning", "festival", "lekplats", "utegym", "utomhusgym", "friluft",
                          "motionsspår", "simbassäng", "badplats", "teater", "musik", "publik", "evenemang",
                          "fritidsaktivitet", "ishall", "sporthall", "medeltidsdag", "marknad", "fotboll", "klubb",
                          "trav"},
    "politik och demokrati": {"kommunfullmäktig", "fullmäktig", "budget", "politik", "ledamot", "skattesats",
                              "valnämnd", "vallokal", "valdag", "valsedel", "röstkort", "motion", "medborgarförslag",
                              "parti", "majoritet", "opposition", "votering", "medborgardialog", "kommunutredning",
                              "förtidsröst", "riksdagsval", "kommunval", "sammanträd"},
}
WHOLE_STEMS: dict[str, set[str]] = {
    "kultur och fritid": {"bad", "badhus", "lov", "park"},
    "politik och demokrati": {"val"},
    "trafik": {"bro"},
    "bygga och bo": {"va", "vatt", "ledning"},
}
# Stems that begin with a topic's keyword but belong elsewhere ("skolvägar" are trafik).
NOT_STEMS: dict[str, tuple[str, ...]] = {"skola och förskola": ("skolväg", "skolgat")}
# How an article's words weigh (docs/topics.md: title and lead first; a passing mention in the body
# does not count, a paragraph of its own does).
TITLE_WEIGHT, LEAD_WEIGHT = 3, 1
PARAGRAPH_HITS = 3  # a body paragraph with this many hits of a topic reports on it
SUBJECT_DEMOTED = True  # the title's first word (its actor) counts only when nothing after it has a topic
MIN_SCORE = 3
MAX_TOPICS = 3
RELATIVE = 0.3  # a topic scoring under this share of the best one is a side matter


def is_samverkan(text: str) -> bool:
    if JOINT_BODIES.search(text):
        return True
    if not COOPERATION.search(text):
        return False
    return len({m.group(1).lower() for m in MUNICIPALITIES.finditer(text)}) >= 2


_PREFIXES = {topic: tuple(sorted(stems)) for topic, stems in TOPIC_STEMS.items()}


@lru_cache(maxsize=65536)
def _topics_of(token_stem: str) -> tuple[str, ...]:
    """The topics whose keyword stems begin this stem, or equal it (each stem is looked at once)."""
    return tuple(topic for topic, prefixes in _PREFIXES.items()
                 if (token_stem.startswith(prefixes) and not token_stem.startswith(NOT_STEMS.get(topic, ("\0",))))
                 or token_stem in WHOLE_STEMS.get(topic, ()))


@lru_cache(maxsize=65536)
def _topics_of_word(word: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_topics_of(word) + _topics_of(stem(word))))


def _hits(ws: list[str]) -> Counter[str]:
    hits: Counter[str] = Counter()
    for w in ws:
        for topic in _topics_of_word(w):
            hits[topic] += 1
    return hits


def classify(title: str | None, lead: str | None, body: str | None) -> list[str]:
    """The article's topics, samverkan first when it applies, then at most MAX_TOPICS others, best
    first: each scored by its hits in the title and lead, and by the body paragraphs that report on
    it. The title or the lead must name it: on the labelled set a topic found only in the body was
    a passing mention far more often than the news (bench/topics.py)."""
    text = "\n".join(filter(None, [title, lead, body]))
    title_words = words(title)
    in_title, in_lead = _hits(title_words), _hits(words(lead))
    rest = _hits(title_words[1:])
    if SUBJECT_DEMOTED and rest and set(_hits(title_words[:1])) - set(rest):
        in_title = rest  # "Förskolan startar laddplatser": the object decides, not the actor
    head = Counter({t: TITLE_WEIGHT * in_title[t] + LEAD_WEIGHT * in_lead[t] for t in in_title | in_lead})
    reported: Counter[str] = Counter()
    for paragraph in (body or "").split("\n\n"):
        reported.update(t for t, n in _hits(words(paragraph)).items() if n >= PARAGRAPH_HITS)
    score = {t: head[t] + reported[t] for t in _PREFIXES if head[t]}
    ranked = sorted((t for t in score if score[t] >= MIN_SCORE), key=lambda t: -score[t])
    topics = [SAMVERKAN] if is_samverkan(text) else []
    if ranked:
        best = score[ranked[0]]
        topics += [t for t in ranked if score[t] >= RELATIVE * best][:MAX_TOPICS]
    return topics
