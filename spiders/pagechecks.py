"""Pages that answer 200 and are still not an article: an error page ("soft 404"), a page cut off
before its end, an empty body. Pure functions of the bytes and the parsed record."""

from __future__ import annotations

import re

# Titles Sitevision and other CMSs give their "not found" and error pages, in Swedish and English.
ERROR_TITLES = re.compile(
    r"^\s*(?:(?:404|410|500|503)\s*(?:[-–:|]|$)"
    r"|sidan (?:kunde inte hittas|hittades inte|finns inte|saknas|är borttagen)"
    r"|(?:hittade inte|kunde inte hitta) sidan|ett fel (?:har )?uppstått|tekniskt fel"
    r"|page not found|not found\s*$|error\s*$)",
    re.IGNORECASE,
)
_HTML_END = re.compile(rb"</html\s*>", re.IGNORECASE)


def is_empty(body: bytes) -> bool:
    return not body.strip()


def error_page_title(title: str | None) -> str | None:
    """The title when it is an error page's title ("Sidan kunde inte hittas"), else None."""
    return title if title and ERROR_TITLES.match(title) else None


def looks_truncated(body: bytes) -> bool:
    """True when an HTML document stops before its closing </html> tag. Sitevision always sends
    one; a page that ends without it was cut off on the way (the body text would be partial)."""
    start = body[:1024].lstrip().lower()
    if not (start.startswith(b"<!doctype html") or start.startswith(b"<html")):
        return False  # not a whole document (a fragment or a generic page): no claim either way
    return _HTML_END.search(body, max(0, len(body) - 65536)) is None
