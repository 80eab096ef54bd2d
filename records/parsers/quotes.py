"""Quotes and people in Swedish press style.

    – Text, säger Namn Efternamn, roll.           a dash quote; the role after the name
    ”Text”, säger civilminister Namn Efternamn.    quote marks; the role before the name
    – Text, säger Namn Efternamn (S), roll.        the party after the name, kept apart
    – First paragraph.  /  – Last paragraph, säger …   one quote over several paragraphs
"""

from __future__ import annotations

import re

from records.article import Person, Quote

VERBS = ("säger", "sa", "berättar", "konstaterar", "menar", "förklarar", "fortsätter", "avslutar",
         "understryker", "betonar", "tycker", "påpekar", "framhåller", "svarar", "skriver", "tillägger")
OPENERS = ("– ", "- ", "— ", "”", '"', "«")
_UPPER = "A-ZÅÄÖÉÜ"
_NAME_WORD = rf"[{_UPPER}][a-zåäöéüß]+(?:-[{_UPPER}][a-zåäöéüß]+)?"
NAME = rf"{_NAME_WORD}(?:\s+(?:af|von|de|van|der)\s+{_NAME_WORD}|\s+{_NAME_WORD}){{1,2}}"
_ATTRIBUTION = re.compile(
    r"[,”\"»]\s*,?\s*(?P<verb>" + "|".join(VERBS) + r")\s+"
    # role words before the name, an organisation's genitive among them ("Trafikverkets projektledare")
    r"(?P<pre>(?:(?:[a-zåäöé][\wåäöé-]*|[A-ZÅÄÖ][\wåäöé-]*s)\s+){0,4}?)"
    r"(?P<name>" + NAME + r")"
    r"(?:\s*\((?P<party>[A-ZÅÄÖ]{1,3})\))?"
    r"(?:\s*,\s*(?P<role>[^\n]+?))?\s*\.?\s*$"
)
_PRONOUN = re.compile(r"[,”\"»]\s*,?\s*(?:" + "|".join(VERBS) + r")\s+(?:hon|han|hen|de|vi)\b[^\n]*$")
ROLE_WORD = re.compile(
    r"\b[a-zåäö]*(?:ordförande|minister|chef|direktör|rektor|ansvarig|samordnare|strateg|ledare|"
    r"sekreterare|handläggare|ingenjör|inspektör|kommunalråd|råd|talesperson|förvaltare|ombud|"
    r"projektledare|planerare|expert|specialist|bibliotekarie|sjuksköterska|lärare|konsult|vd)\b"
)
_MENTION_AFTER = re.compile(r"(?P<name>" + NAME + r")(?:\s*\((?P<party>[A-ZÅÄÖ]{1,3})\))?,\s+(?P<role>[a-zåäö][^,.;:()]{2,80}?)(?=[.,;:]|\s+och\s|$)")
_ROLE_BEFORE_NAME = re.compile("minister|ordförande|chef|direktör|rektor|kommunalråd")
_MENTION_BEFORE = re.compile(r"\b(?P<role>[a-zåäö]*(?:" + _ROLE_BEFORE_NAME.pattern + r"))\s+(?P<name>" + NAME + r")")


# Capitalised words that open a sentence but never a name ("Enligt Fredrik Hallberg, trafikplanerare").
NOT_NAMES = frozenset(["Enligt", "Även", "Också", "När", "Där", "Det", "Den", "De", "Dessa", "Detta", "Som", "Men", "Och", "Nu", "Då", "Han", "Hon", "Hen", "Vi", "Av", "För", "Med", "Till", "Från", "I", "På", "Om", "Under", "Efter", "Inför", "Hos", "Vid", "Bland", "Sedan", "Både", "Att", "Under", "Mellan", "Genom", "Utan", "Trots", "Dessutom", "Samtidigt", "Tillsammans", "Ordförande", "Kommunens", "Kommunstyrelsens"])


def _clean_name(name: str) -> str | None:
    parts = name.split()
    while parts and parts[0] in NOT_NAMES:
        parts.pop(0)
    return " ".join(parts) if len(parts) >= 2 else None


def _strip_quote_marks(text: str) -> str:
    text = text.strip()
    for opener in OPENERS:
        if text.startswith(opener):
            text = text[len(opener):]
            break
    return text.strip().strip("”\"«»").strip()


def is_quote_paragraph(text: str) -> bool:
    return text.startswith(OPENERS)


def _attribution(text: str) -> tuple[str, re.Match[str] | None, bool]:
    """(quote text without attribution, attribution match, whether a pronoun attribution ended it)."""
    m = _ATTRIBUTION.search(text)
    if m:
        return text[: m.start()].rstrip(" ,”\""), m, False
    p = _PRONOUN.search(text)
    if p:
        return text[: p.start()].rstrip(" ,”\""), None, True
    return text, None, False


def _role(m: re.Match[str]) -> str | None:
    role = (m["role"] or "").strip().rstrip(".") or None
    pre = (m["pre"] or "").strip() or None
    return role or pre


def extract_quotes(paragraphs: list[str]) -> list[Quote]:
    quotes: list[Quote] = []
    pending: list[str] = []
    last: Quote | None = None
    for para in paragraphs:
        if not is_quote_paragraph(para):
            pending = []
            continue
        body, m, pronoun = _attribution(para)
        pending.append(_strip_quote_marks(body))
        if m or pronoun:
            q = Quote(text="\n\n".join(pending))
            if m:
                q.speaker, q.role, q.party = m["name"], _role(m), m["party"]
            elif last is not None:  # "säger hon": the last named speaker
                q.speaker, q.role, q.party = last.speaker, last.role, last.party
            quotes.append(q)
            last = q if q.speaker else last
            pending = []
    return quotes


def extract_people(paragraphs: list[str], quotes: list[Quote]) -> list[Person]:
    people: dict[str, Person] = {}
    for q in quotes:
        if q.speaker and q.speaker not in people:
            people[q.speaker] = Person(q.speaker, q.role, q.party)
    for para in paragraphs:
        if is_quote_paragraph(para):
            para = _attribution(para)[0]
        # _MENTION_BEFORE backtracks through every word; most paragraphs name none of its roles.
        for m in _MENTION_BEFORE.finditer(para) if _ROLE_BEFORE_NAME.search(para) else ():
            if name := _clean_name(m["name"]):
                people.setdefault(name, Person(name, m["role"]))
        # "Namn, roll" always holds a comma; two paragraphs in three hold none.
        for m in _MENTION_AFTER.finditer(para) if "," in para else ():
            role, name = m["role"].strip(), _clean_name(m["name"])
            if name and ROLE_WORD.search(role) and name not in people:
                people[name] = Person(name, role, m["party"])
    return list(people.values())
