"""Municipalities as an article names them: any of Sweden's 290 (municipalities.txt, SCB's list of
kommunkoder), as the municipality, not as the place of something else.

"Polisen i Västerås" names the police, "Umeå universitet" a university, "Maria Berg" a person and
"Mora IK" a club; "Vara med och tyck till" begins with a verb. None of them names a municipality.
"""

from __future__ import annotations

import re
from importlib.resources import files

# All 290 municipalities (archive/municipalities.txt, from SCB's list of kommunkoder), and
# "Västra Mälardalen", the three that cooperate as one. Matched as capitalised whole words with the
# genitive -s, so that "salar" (halls), "mark" (ground) or "ale" inside a word are no Sala, Mark or Ale.
# Read through importlib.resources, so it loads from a zipped egg too (Scrapyd deploys one).
MUNICIPALITY_NAMES = files("archive").joinpath("municipalities.txt")
NAMES = [line.strip() for line in MUNICIPALITY_NAMES.read_text(encoding="utf-8").splitlines()
         if line.strip() and not line.startswith("#")]
_NAMES = NAMES
_ALTERNATIVES = "|".join(map(re.escape, sorted([*_NAMES, "Västra Mälardalen"], key=len, reverse=True)))
MUNICIPALITIES = re.compile(rf"(?<!\w)({_ALTERNATIVES})s?(?!\w)")
A_NAME = rf"(?<!\w)(?:{_ALTERNATIVES})s?(?!\w)"
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

def municipalities(text: str) -> set[str]:
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
