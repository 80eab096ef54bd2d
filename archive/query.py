"""The search query language, parsed into a small tree the back ends turn into their own syntax.

    samverkan                 a word; Swedish stemming ("samverkans" finds "samverkan")
    "gemensam nämnd"          an exact phrase
    samverkan*                a prefix ("samverkansavtal")
    skola OR förskola         either
    -budget                   not
    kommun:arboga  municipality:koping   from:2020-01-01  to:2021-12-31   filters
    topic:samverkan   topic:"skola och förskola"   person:"Anders Röhfors"

User text never reaches SQL or the FTS engine as syntax: every term is re-quoted by the back end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from archive.text import stem, words

FILTERS = {"kommun": "municipality", "municipality": "municipality", "from": "from", "to": "to",
           "topic": "topic", "person": "person"}
_TOKEN = re.compile(r'\s*(?:(?P<fkey>[A-Za-z]+):"(?P<fval>[^"]*)"|(?P<neg>-)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+)))'
                    r'|\s*(?P<quote>")')


class QueryError(ValueError):
    """A query that cannot be run; the message says what is wrong, in one line, in English (the
    CLI, the API) and in Swedish (`sv`, the web pages)."""

    def __init__(self, message: str, sv: str | None = None) -> None:
        super().__init__(message)
        self.sv = sv or message


@dataclass(frozen=True)
class Term:
    kind: str  # word | prefix | phrase
    words: tuple[str, ...]

    @property
    def stems(self) -> tuple[str, ...]:
        return tuple(stem(w) for w in self.words)


@dataclass
class Query:
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""

    @property
    def has_text(self) -> bool:
        return bool(self.groups)

    @property
    def has_filters(self) -> bool:
        return bool(self.municipalities or self.topics or self.people or self.date_from or self.date_to)

    def all_terms(self) -> list[Term]:
        return [t for g in self.groups for t in g]


def _term(raw: str, phrase: bool) -> Term | None:
    if phrase:
        ws = tuple(words(raw))
        if not ws:
            return None
        return Term("phrase" if len(ws) > 1 else "word", ws)
    is_prefix = raw.endswith("*")
    ws = tuple(words(raw))  # "*" is no letter: words() leaves it out
    if not ws:
        return None
    if len(ws) > 1:  # "e-post", "Köping/Arboga": the parts as a phrase
        return Term("phrase", ws)
    if is_prefix:
        if len(ws[0]) < 2:
            raise QueryError(f"prefix {raw!r} is too short: give at least two letters before *",
                             sv=f"prefixet {raw!r} är för kort: skriv minst två bokstäver före *")
        return Term("prefix", ws)
    return Term("word", ws)


def _filter(q: Query, key: str, value: str) -> None:
    kind = FILTERS[key]
    if not value:
        example = f"{key}:{'arboga' if kind == 'municipality' else '2021-05-03'}"
        raise QueryError(f"filter {key}: needs a value, e.g. {example}", sv=f"filtret {key}: behöver ett värde, t.ex. {example}")
    if kind == "municipality":
        q.municipalities.extend(v.lower() for v in value.split(",") if v)
        return
    if kind == "topic":
        q.topics.append(" ".join(value.lower().split()))
        return
    if kind == "person":
        q.people.append(" ".join(value.split()))
        return
    try:
        day = date.fromisoformat(value + "-01-01" if len(value) == 4 else value)  # a year: its first day
    except ValueError:
        shown = " ".join(value.split())  # a quoted value may hold line breaks; the message is one line
        raise QueryError(f"filter {key}:{shown} is not a date: use YYYY-MM-DD or YYYY",
                         sv=f"filtret {key}:{shown} är inget datum: skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ") from None
    if kind == "from":
        q.date_from = day
    else:
        q.date_to = date(day.year, 12, 31) if len(value) == 4 else day


@dataclass(frozen=True)
class FilterToken:
    """A filter as written in a query: where it stands in the text, its key as the parser knows it
    (`kommun:` and `municipality:` are both "municipality") and its value."""
    start: int
    end: int
    kind: str
    value: str


def filter_tokens(text: str) -> list[FilterToken]:
    """The query's filters in order, found as parse_query finds them (`-kommun:x` is an excluded
    word, not a filter), so that one can be taken out of the text and the rest left as written.
    A lone quote ends the scan: such a query is refused anyway."""
    found: list[FilterToken] = []
    pos = 0
    while (m := _TOKEN.match(text, pos)) is not None and not m["quote"]:
        pos = m.end()
        if m["fkey"] is not None and m["fkey"].lower() in FILTERS:
            found.append(FilterToken(m.start("fkey"), pos, FILTERS[m["fkey"].lower()], m["fval"].strip()))
        elif m["word"] and ":" in m["word"] and not m["neg"]:
            key, _, value = m["word"].partition(":")
            if key.lower() in FILTERS:
                found.append(FilterToken(m.start("word"), pos, FILTERS[key.lower()], value))
    return found


def without(text: str, tokens: list[FilterToken]) -> str:
    """The query's text with these filters taken out; everything else stays as it was written."""
    for token in sorted(tokens, key=lambda t: t.start, reverse=True):
        text = f"{text[:token.start].rstrip()} {text[token.end:].lstrip()}"
    return text.strip()


def parse_query(text: str) -> Query:
    if len(text) > 1000:
        raise QueryError("query is longer than 1000 characters", sv="sökningen är längre än 1000 tecken")
    if "\x00" in text:  # PostgreSQL refuses NUL in text; no word holds one
        raise QueryError("query contains a NUL character (\\x00)", sv="sökningen innehåller ett NUL-tecken (\\x00)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: bytes of a command-line argument that were not UTF-8
        raise QueryError("query is not valid UTF-8 text", sv="sökningen är inte giltig UTF-8-text") from None
    q = Query(text=text)
    pos, pending_or = 0, False
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:  # only blanks are left: every other character starts a token, a lone " included
            break
        pos = m.end()
        if m["quote"]:
            raise QueryError('unbalanced quote: close the phrase with a second "',
                             sv='citattecken saknar sin like: avsluta frasen med ett andra "')
        if m["fkey"] is not None:
            if m["fkey"].lower() not in FILTERS:
                known = ", ".join(sorted({f"{k}:" for k in FILTERS}))
                raise QueryError(f"unknown filter {m['fkey']}: (known: {known})",
                                 sv=f"okänt filter {m['fkey']}: (kända: {known})")
            _filter(q, m["fkey"].lower(), m["fval"].strip())
            continue
        word = m["word"]
        if word == "OR" and not m["neg"]:
            if not q.groups or pending_or:
                raise QueryError("OR needs a word on both sides, e.g. skola OR förskola",
                                 sv="OR behöver ett ord på var sida, t.ex. skola OR förskola")
            pending_or = True
            continue
        if word and ":" in word and not m["neg"]:
            key, _, value = word.partition(":")
            if key.lower() in FILTERS:
                _filter(q, key.lower(), value)
                continue
            if key.isalpha():
                known = ", ".join(sorted({f"{k}:" for k in FILTERS}))
                raise QueryError(f"unknown filter {key}: (known: {known})", sv=f"okänt filter {key}: (kända: {known})")
        term = _term(m["phrase"] if m["phrase"] is not None else word, m["phrase"] is not None)
        if term is None:
            continue
        if m["neg"]:
            if pending_or:
                raise QueryError("OR cannot be followed by an excluded term",
                                 sv="OR kan inte följas av ett uteslutet ord")
            q.excluded.append(term)
        elif pending_or:
            q.groups[-1].append(term)
            pending_or = False
        else:
            q.groups.append([term])
    if pending_or:
        raise QueryError("OR at the end of the query: give the word it leads to",
                         sv="OR sist i sökningen: skriv ordet som ska följa")
    if q.excluded and not q.groups and not q.has_filters:
        raise QueryError("a query needs a word or a filter besides what it excludes, e.g. samverkan -budget",
                         sv="en sökning behöver ett ord eller ett filter utöver det som utesluts, t.ex. samverkan -budget")
    if q.date_from and q.date_to and q.date_from > q.date_to:
        raise QueryError(f"from:{q.date_from} is after to:{q.date_to}",
                         sv=f"from:{q.date_from} ligger efter to:{q.date_to}")
    return q
