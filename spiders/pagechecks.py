"""Whether a fetched page is a news article to archive: not an error page that answers 200 ("soft
404"), not cut off before its end, not empty, and news by its template or by how it was reached.
Pure functions of the bytes and the parsed record."""

from __future__ import annotations

import re

from records.article import ArticleRecord

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


def is_news_article(record: ArticleRecord, via: set[str]) -> bool:
    """A page is archived as news when it has a title and a publication date, and either uses a
    news template or was reached from the site's news feed or news listing."""
    return bool(record.title and record.published_at and (record.is_news or via & {"feed", "listing"}))
