"""The HTML pages: search and article. Scraped text is untrusted: Jinja2 escapes everything, and
the only markup added to it (snippet marks, diff marks) is added after escaping."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from archive import when
from archive.query import FilterToken, QueryError, filter_tokens, parse_query, without

_MARK = re.compile(r"\*\*(.+?)\*\*")
_DEL = re.compile(r"\[-(.+?)-\]")
_INS = re.compile(r"\{\+(.+?)\+\}")


def marks(snippet: str) -> Markup:
    return Markup(_MARK.sub(r"<mark>\1</mark>", str(escape(snippet))))


def diff(text: str) -> Markup:
    html = _DEL.sub(r"<del>\1</del>", str(escape(text)))
    return Markup(_INS.sub(r"<ins>\1</ins>", html))


def safe_url(url: str | None) -> str:
    """Only http(s) links leave the archive: a scraped javascript: URL becomes '#'."""
    return url if url and url.lower().startswith(("http://", "https://")) else "#"


def add_filter(query: str, key: str, value: str) -> str:
    """The query narrowed by a facet: `kommun:arboga`, `topic:"skola och förskola"`, a year's dates."""
    if key == "year":
        return f"{query} from:{value}-01-01 to:{value}-12-31".strip()
    return f'{query} {key}:"{value}"'.strip() if " " in value else f"{query} {key}:{value}".strip()


# How a chip names a filter's value: a municipality or a year speaks for itself, the others say what they are.
SHOWN = {"from": "från {}", "to": "till {}", "topic": "ämne: {}", "person": "person: {}"}


@dataclass(frozen=True)
class Chip:
    """An applied filter as the page shows it ("Köping", "2021", "ämne: skola"), and the query without it."""
    kind: str  # municipality, year, from, to, topic or person
    label: str
    query: str


def _whole_year(start: FilterToken, end: FilterToken) -> str | None:
    """The year that from: and to: span together, as a year facet writes them or a person types
    them (`from:2021 to:2021`); None for any other range."""
    year = start.value[:4]
    if start.value in (year, f"{year}-01-01") and end.value in (year, f"{year}-12-31"):
        return year
    return None


def chips(query: str, names: Mapping[str, str]) -> list[Chip]:
    """The query's filters in the order written, each with the query that drops it; a from: right
    before a to: of the same whole year is one chip, the year, as the year facet added it."""
    tokens = filter_tokens(query)
    found: list[Chip] = []
    i = 0
    while i < len(tokens):
        pair = tokens[i:i + 2]
        year = _whole_year(*pair) if [t.kind for t in pair] == ["from", "to"] else None
        found.append(Chip("year", year, _left(query, pair)) if year else _chip(query, tokens[i], names))
        i += 2 if year else 1
    return found


def _chip(query: str, token: FilterToken, names: Mapping[str, str]) -> Chip:
    if token.kind == "municipality":  # `kommun:arboga,koping` is either of them: one chip
        label = ", ".join(names.get(slug, slug) for slug in token.value.lower().split(",") if slug)
    else:
        label = SHOWN[token.kind].format(token.value)
    return Chip(token.kind, label, _left(query, [token]))


def applied(query: str) -> set[tuple[str, str]]:
    """The facet values the query filters by already, as (facet, value): the page shows them as
    chosen rather than as links that would add the same filter again."""
    tokens = filter_tokens(query)
    found = {("municipality", slug) for t in tokens if t.kind == "municipality" for slug in t.value.lower().split(",")}
    found |= {("topic", " ".join(t.value.lower().split())) for t in tokens if t.kind == "topic"}
    return found | {("year", c.label) for c in chips(query, {}) if c.kind == "year"}


def without_filters(query: str) -> str:
    """The query's words alone: what "clear all filters" searches for."""
    return _left(query, filter_tokens(query))


def _left(query: str, tokens: list[FilterToken]) -> str:
    """The query without these filters; exclusions alone are no search (the parser refuses
    `-budget`), so what is left of `-budget kommun:arboga` is the whole archive."""
    rest = without(query, tokens)
    try:
        parse_query(rest)
    except QueryError:
        return ""
    return rest


ENV = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")),
                  autoescape=select_autoescape(["html"]))
ENV.filters.update(marks=marks, diff=diff, safe_url=safe_url, human=when.human, month=when.month)
