"""The HTML pages: search and article. Scraped text is untrusted: Jinja2 escapes everything, and
the only markup added to it (snippet marks, diff marks) is added after escaping."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from archive import when

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


ENV = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")),
                  autoescape=select_autoescape(["html"]))
ENV.filters.update(marks=marks, diff=diff, safe_url=safe_url, human=when.human, month=when.month)
