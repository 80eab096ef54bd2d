"""Whether two articles of different municipalities tell one story, decided on the evidence a
reader would use, and said in words.

MinHash/LSH (archive/stories.py) only proposes candidates, generously: two sites rewriting one
press release may share no more than a quarter of their 5-word shingles. A candidate joins only
when the texts also share something specific to one event:

- a quote: the same words (one may be a trimmed version of the other) from the same speaker, or
- a named person, when the bodies share at least JACCARD_WITH_PERSON of their shingles;
- or, when each names someone (if not the same: a local contact each), bodies sharing
  JACCARD_ALIKE of their shingles and a title or lead at least HEADING_ALIKE the same;
- or, with the same text and heading as alike, when both name the same two or more of the
  cooperating municipalities: a joint release about them, not a template each site fills in
  with its own name;

and never when they were published more than MAX_DAYS apart (a boil-water notice comes back
every year in almost the same words; a release re-posted weeks later is still one story). Texts that share no quote and no person are not joined
however alike they are: that is what a template every site publishes looks like (election
information, a national campaign), and what two reports of different events on one topic look
like. Title and lead similarity and the named bodies are shown with each decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from archive.text import stem, words

MAX_DAYS = 31
JACCARD_WITH_QUOTE = 0.2  # below this a shared quote is more likely a stock phrase than one text
JACCARD_WITH_PERSON = 0.3
JACCARD_ALIKE, HEADING_ALIKE = 0.5, 0.5
QUOTE_CONTAINMENT = 0.6  # share of the shorter quote's words found in the other
MIN_QUOTE_WORDS = 6
# Named bodies: a capitalised word ending as a body's name does ("Överförmyndarnämnden",
# "Räddningsförbundet", "VafabMiljö" needs no list: people and quotes decide, bodies are shown).
_MUNICIPALITY = re.compile(r"\b(arboga|köping|kungsör|fagersta|hallstahammar|surahammar)", re.IGNORECASE)
_BODY = re.compile(r"\b[A-ZÅÄÖ][\wåäöé-]*(?:nämnd|nämnden|förbund|förbundet|styrelsen|bolag|bolaget|"
                   r"förvaltningen|enheten|myndigheten|verket|regionen)\b")


@dataclass
class Profile:
    """What the decision reads of one article's record."""

    article_id: int
    municipality_id: int
    title: set[str]
    lead: set[str]
    quotes: list[tuple[str | None, set[str], str]]  # (speaker, words, text)
    people: set[str]
    bodies: set[str]
    published: date | None
    municipalities: set[str] = field(default_factory=set)  # those the text names

    @classmethod
    def of(cls, article_id: int, municipality_id: int, record: dict[str, Any]) -> Profile:
        quotes = [(q.get("speaker"), set(words(q.get("text"))), q.get("text") or "")
                  for q in record.get("quotes") or [] if len(words(q.get("text"))) >= MIN_QUOTE_WORDS]
        people = {p["name"] for p in record.get("people") or [] if p.get("name")}
        people |= {s for s, _, _ in quotes if s}
        text = "\n".join(filter(None, [record.get("title"), record.get("lead"), record.get("body")]))
        return cls(article_id, municipality_id, _stems(record.get("title")), _stems(record.get("lead")), quotes,
                   people, set(_BODY.findall(text)), _date(record.get("published_at")),
                   {m.lower() for m in _MUNICIPALITY.findall(text)})


@dataclass
class Decision:
    join: bool
    jaccard: float
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"join": self.join, "jaccard": round(self.jaccard, 3), "reasons": self.reasons}


def _stems(text: str | None) -> set[str]:
    return {stem(w) for w in words(text) if len(w) > 2}


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def shared_quotes(a: Profile, b: Profile) -> list[tuple[str, str]]:
    """(speaker, text) of the quotes both give to the same speaker, trimmed or whole."""
    out = []
    for speaker, ws, text in a.quotes:
        for other_speaker, other_ws, _ in b.quotes:
            if speaker and speaker == other_speaker and \
                    len(ws & other_ws) >= QUOTE_CONTAINMENT * min(len(ws), len(other_ws)):
                out.append((speaker, text))
                break
    return out


def decide(a: Profile, b: Profile, jaccard: float) -> Decision:
    """Whether b joins a's story (or a b's): the decision and its reasons, one line each."""
    d = Decision(False, jaccard, [f"bodies share an estimated {jaccard:.0%} of their 5-word shingles"])
    if a.municipality_id == b.municipality_id:
        d.reasons.append("same municipality: a story is one text on different sites")
        return d
    if a.published and b.published:
        days = abs((a.published - b.published).days)
        d.reasons.append("published the same day" if days == 0 else f"published {days} day{'s' if days > 1 else ''} apart")
        if days > MAX_DAYS:
            d.reasons.append(f"more than {MAX_DAYS} days apart: a recurring notice, not one story")
            return d
    heading = max(overlap(a.title, b.title), overlap(a.lead, b.lead))
    d.reasons.append(f"titles {overlap(a.title, b.title):.0%} alike, leads {overlap(a.lead, b.lead):.0%} alike")
    if bodies := sorted(a.bodies & b.bodies):
        d.reasons.append("both name " + ", ".join(bodies))
    quotes = shared_quotes(a, b)
    people = sorted(a.people & b.people)
    for speaker, text in quotes:
        d.reasons.append(f"same quote from {speaker}: “{_short(text)}”")
    if people:
        d.reasons.append("both name " + ", ".join(people))
    if quotes and jaccard >= JACCARD_WITH_QUOTE or people and jaccard >= JACCARD_WITH_PERSON:
        d.join = True
    elif a.people and b.people and jaccard >= JACCARD_ALIKE and heading >= HEADING_ALIKE:
        d.reasons.append("each names its own people, and text and heading are alike")
        d.join = True
    elif len(named := a.municipalities & b.municipalities) >= 2 and jaccard >= JACCARD_ALIKE \
            and heading >= HEADING_ALIKE:
        d.reasons.append(f"text and heading alike, and both are about {', '.join(sorted(named))} together")
        d.join = True
    elif not a.people or not b.people:
        d.reasons.append("one names nobody: a template is published so, not a story")
    elif not quotes and not people:
        d.reasons.append("no quote or person in common and too little alike: another event")
    else:
        d.reasons.append("too little text in common for the person or quote shared")
    return d


def _short(text: str, n: int = 12) -> str:
    ws = text.split()
    return " ".join(ws[:n]) + (" …" if len(ws) > n else "")
