"""samverkan, cooperation between municipalities: the topic journalists follow most.

It is given when an article names a joint body that shows it is joint (a gemensam nämnd, Västra
Mälardalens överförmyndarnämnd, a kommunalförbund, räddningsförbund or myndighetsförbund, ...), or
uses a cooperation word (samverkan, samarbete, gemensam/gemensamt, tillsammans, samordnar,
varandra, an agreement with or between, delar på, ägs av, köper ... av) in a paragraph, or in the
title and lead read together, that names the cooperating municipalities: two or more by name, as
"kommunerna", "grannkommunerna", "Hälsingekommunerna", or one "med X kommun" in an article about
another.

The municipalities are all 290 of Sweden (archive/municipalities.txt), named as municipalities.
A school working with a football club is "samarbete", but names no second municipality; "Köpings
kommun samarbetar med polisen" names one, even if Arboga is named further down; a company that
"samarbetar med arbetsförmedlingen" in an article that names Köping and Västra Mälardalen elsewhere
is a company's partnership: none of them is samverkan. A municipality named only as the place of
an actor that is no municipality does not count ("Polisen i Västerås", "Region Uppsala", "Umeå
universitet": docs/topics.md, "a passing mention"); nor does a name that is part of a longer name
("Teknikcollege Västra Mälardalen", "Maria Berg", "Mora IK"); and a company such as VafabMiljö
counts only when the text says the work is joint, or that municipalities own it.
"""

from __future__ import annotations

import re
from pathlib import Path

SAMVERKAN = "samverkan"
# A joint body shows that it is joint (docs/topics.md): by "gemensam", by the region's name, or by
# being a förbund of municipalities; "Överförmyndarnämnden söker gode män" alone may be one
# municipality's committee.
JOINT_BODIES = re.compile(
    r"gemensamm?a? (?:\w*nämnd|it-enhet|it-avdelning|lönecenter|räddningstjänst)|västra mälardalens \w*nämnd|"
    r"kommunalförbund|räddningsförbund|räddningstjänstförbund|myndighetsförbund|"
    r"västra mälardalens energi|avtalssamverkan|mellankommunal", re.IGNORECASE)
# Working together, or an agreement with or between (the paragraph must name the municipalities):
# "samordnar sin skolskjutsplanering", "köper IT-drift av varandra", "avtal med Köpings kommun",
# and the host of a joint body ("Köping är värdkommun"); not "samman", since rankings "väger samman".
# Sharing or buying between municipalities is working together too: "Dorotea och Åsele delar på
# socialchef", "Krokom köper överförmyndarverksamhet av Östersund" (a name follows "av": not "köper
# kläder av en handlare"); "Kramfors och Härnösand går ihop" is "ihop".
COOPERATION = re.compile(r"\b(?:samverk\w*|samarbet\w*|gemensam\w*|tillsammans|samordn\w*|varandra|ihop|"
                         r"värdkommun\w*|avtal\w* (?:med|mellan)|delar på|"
                         r"köper\b[^.\n]{0,60}?\bav(?= (?-i:[A-ZÅÄÖ])))\b", re.IGNORECASE)
# All 290 municipalities (archive/municipalities.txt, from SCB's list of kommunkoder), and
# "Västra Mälardalen", the three that cooperate as one. Matched as capitalised whole words with the
# genitive -s, so that "salar" (halls), "mark" (ground) or "ale" inside a word are no Sala, Mark or Ale.
MUNICIPALITY_NAMES = Path(__file__).with_name("municipalities.txt")
_NAMES = [line.strip() for line in MUNICIPALITY_NAMES.read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.startswith("#")]
_ALTERNATIVES = "|".join(map(re.escape, sorted([*_NAMES, "Västra Mälardalen"], key=len, reverse=True)))
MUNICIPALITIES = re.compile(rf"(?<!\w)({_ALTERNATIVES})s?(?!\w)")
_A_NAME = rf"(?<!\w)(?:{_ALTERNATIVES})s?(?!\w)"
# A municipality named as the place of an actor that is not a municipality is no cooperating
# municipality (docs/topics.md, "a passing mention"): "Polisen i Västerås", "sjukhuset i Eskilstuna",
# "Region Uppsala", "Umeå universitet".
ACTOR_BEFORE = re.compile(r"(?:\b(?:polis|region|universitet|högskola|sjukhus|lasarett|länsstyrelse|tingsrätt|"
                          r"hovrätt|stift|domkyrka|migrationsverket|arbetsförmedling|försäkringskassa)\w* i|"
                          r"\bRegion(?:en)?)\s*$", re.IGNORECASE)
ACTOR_AFTER = re.compile(r"^s?\s+(?:universitet|högskola|sjukhus|lasarett|tingsrätt|hovrätt|stift|domkyrka|"
                         r"läns?\b)", re.IGNORECASE)
# A capitalised word right after the name makes it a company's, a club's or a person's name
# ("Nyköping Vatten", "Mora IK", "Nora Lind"); "Göteborgs Stad" is the municipality.
NAME_AFTER = re.compile(r"^s? (?!Stad\b|Kommun\b)[A-ZÅÄÖ]")
SENTENCE_END = tuple(".!?:–-\"”")
# Municipalities whose name is also a common word that may begin a sentence ("Vara", "Mark").
COMMON_WORDS = {"Vara", "Mark"}
# A company owned by two or more municipalities is joint: "som ägs av Sundsvall, Timrå och Nordanstig",
# "ägs av Varbergs och Falkenbergs kommuner"; not "ägs av Alingsås" with Vårgårda named after.
JOINTLY_OWNED = re.compile(rf"\bägs (?:gemensamt )?av {_A_NAME}(?:(?:, | och ){_A_NAME})+")
# One partner named as a municipality in a text about another: "planeras tillsammans med Götene kommun".
WITH_MUNICIPALITY = re.compile(r"\bmed " + MUNICIPALITIES.pattern + r" kommun\b")
# A group of municipalities named by what joins them: "Hälsingekommunerna", "inlandskommuner",
# "ägarkommunerna" (not "kommunerna" alone, which needs the municipalities named in the text).
GROUPS = re.compile(r"\b\w+kommuner(?:na)?s?\b", re.IGNORECASE)
# Cooperating municipalities named without their names ("grannkommunerna", "de tre kommunerna").
PARTNERS = re.compile(r"\b(?:\w*kommuner(?:na)?s?|grannkommun\w*|medlemskommun\w*)\b", re.IGNORECASE)


def _municipalities(text: str) -> set[str]:
    """The municipalities a text names as municipalities (see _names_a_municipality)."""
    return {m.group(1) for m in MUNICIPALITIES.finditer(text) if _names_a_municipality(text, m)}


def _names_a_municipality(text: str, m: re.Match[str]) -> bool:
    """Whether a matched name stands for the municipality: not the place of a non-municipal actor
    ("Polisen i Västerås", "Umeå universitet"); not part of a longer proper name, which a capitalised
    word next to it shows ("Teknikcollege Västra Mälardalen", "Maria Berg", "Nora Lind", "Mora IK"),
    unless the word before begins the sentence ("I Krokom"); and not a common word beginning a
    sentence ("Vara med och tyck till", "Mark och vatten") unless "kommun" follows."""
    before, after = text[:m.start()].rsplit("\n", 1)[-1], text[m.end(1):]
    if ACTOR_BEFORE.search(before) or ACTOR_AFTER.match(after) or NAME_AFTER.match(after):
        return False
    words = before.rsplit(maxsplit=2)
    sentence_start = not words or words[-1][-1:] in SENTENCE_END
    if not sentence_start and before.endswith(" ") and len(words) > 1 and _begins_a_name(words):
        return False
    return not (sentence_start and m.group(1) in COMMON_WORDS and not after.startswith((" kommun", "s kommun")))


def _begins_a_name(words: list[str]) -> bool:
    """Whether the word before a name (the last of words, the one before it too) is a capitalised
    word, ending in a letter, that does not begin its sentence."""
    word = words[-1]
    return word[:1].isupper() and word[-1:].isalpha() and words[-2][-1:] not in SENTENCE_END


def is_samverkan(text: str, headline: str = "") -> bool:
    """A joint body, or a cooperation word in a paragraph of the text, or in its headline (title and
    lead together), that names the cooperating municipalities: two or more, or "kommunerna"; a group
    of municipalities ("Hälsingekommunerna") needs no names."""
    if JOINT_BODIES.search(text):
        return True
    paragraphs = [headline, *text.split("\n")]
    if any(COOPERATION.search(s) and GROUPS.search(s) for s in paragraphs):
        return True
    if any(len(_municipalities(m.group(0))) >= 2 for m in JOINTLY_OWNED.finditer(text)):
        return True
    if len(_municipalities(text)) < 2:
        return False
    own = _municipalities(headline)
    return any(COOPERATION.search(s) and (len(_municipalities(s)) >= 2 or PARTNERS.search(s)
                                          or _with_another_municipality(s, own))
               for s in paragraphs)


def _with_another_municipality(paragraph: str, own: set[str]) -> bool:
    """Whether a paragraph works "med X kommun" where X is not the article's own municipality (the
    one its headline names): "Simhallen i Lidköping planeras tillsammans med Götene kommun" is
    samverkan, "Universitetet startar en utbildning i Köping i samarbete med Köpings kommun" is not."""
    partners = {m.group(1) for m in WITH_MUNICIPALITY.finditer(paragraph)}
    return bool(partners and own - partners)
