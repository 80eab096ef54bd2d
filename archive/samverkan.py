"""samverkan, cooperation between municipalities: the topic journalists follow most.

It is given when an article names a joint body that shows it is joint (a gemensam nämnd, Västra
Mälardalens överförmyndarnämnd, a kommunalförbund, räddningsförbund or myndighetsförbund, ...), or
uses a cooperation word (samverkan, samarbete, gemensam/gemensamt, tillsammans, samordnar,
varandra, an agreement with or between) in a paragraph, or in the title and lead read together, that
names the cooperating municipalities: two or more by name, or as "kommunerna", "grannkommunerna".

A school working with a football club is "samarbete", but names no second municipality; "Köpings
kommun samarbetar med polisen" names one, even if Arboga is named further down; a company that
"samarbetar med arbetsförmedlingen" in an article that names Köping and Västra Mälardalen elsewhere
is a company's partnership: none of them is samverkan. Västerås and Eskilstuna do not count:
the police, the region and the university sit there, so they are named as places (docs/topics.md,
"a passing mention"); nor does "Västra Mälardalen" ending a name ("Teknikcollege Västra
Mälardalen"); and a company such as VafabMiljö counts only when the text says the work is joint.
"""

from __future__ import annotations

import re

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
COOPERATION = re.compile(r"\b(?:samverk\w*|samarbet\w*|gemensam\w*|tillsammans|samordn\w*|varandra|ihop|"
                         r"värdkommun\w*|avtal\w* (?:med|mellan))\b", re.IGNORECASE)
# The municipalities of Västmanland and their neighbours that cooperate (Västerås and Eskilstuna
# are left out, see above). The short names must be whole words: "salar" are halls.
MUNICIPALITIES = re.compile(r"\b(arboga|köping|kungsör|fagersta|hallstahammar|surahammar|västra mälardalen)\w*|"
                            r"\b(norberg|skinnskatteberg|sala|heby)s?\b", re.IGNORECASE)
# Cooperating municipalities named without their names ("grannkommunerna", "de tre kommunerna").
PARTNERS = re.compile(r"\b(?:\w*kommuner(?:na)?s?|grannkommun\w*|medlemskommun\w*)\b", re.IGNORECASE)


def _municipalities(text: str) -> set[str]:
    """The municipalities a text names; not "Västra Mälardalen" as the end of a name that begins
    with a capital ("Teknikcollege Västra Mälardalen" is a school, not the region)."""
    found: set[str] = set()
    for m in MUNICIPALITIES.finditer(text):
        name = (m.group(1) or m.group(2)).lower()
        before = text[:m.start()].rstrip(" ").rsplit(maxsplit=1)
        if name == "västra mälardalen" and before and before[-1][:1].isupper() and before[-1][-1:].isalpha():
            continue
        found.add(name)
    return found


def is_samverkan(text: str, headline: str = "") -> bool:
    """A joint body, or a cooperation word in a paragraph of the text, or in its headline (title and
    lead together), that names the cooperating municipalities: two or more, or "kommunerna"."""
    if JOINT_BODIES.search(text):
        return True
    if len(_municipalities(text)) < 2:
        return False
    return any(COOPERATION.search(s) and (len(_municipalities(s)) >= 2 or PARTNERS.search(s))
               for s in [headline, *text.split("\n")])
