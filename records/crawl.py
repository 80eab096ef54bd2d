"""What a crawl knows and hands on: the parsed record with the capture it came from and how the
page was found, the pages seen without a record, and what earlier crawls knew of a page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from records.article import ArticleRecord
from records.sites import Site


@dataclass
class Capture:
    """The fetch a record was parsed from (kept by the archive as its provenance)."""

    url: str
    final_url: str
    status: int
    request_headers: dict[str, str]
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime


@dataclass
class ArticleItem:
    record: ArticleRecord
    capture: Capture
    site: Site
    via: list[str] = field(default_factory=list)  # feed, listing, sitemap
    lastmod: str | None = None  # the sitemap's lastmod for the page, when the sitemap listed it


@dataclass
class PageSeen:
    """A page fetched or seen without a new record: a non-news page, a 304, or a sitemap entry
    whose lastmod has not changed since the page was last fetched (status None: not fetched)."""

    site: str
    url: str
    kind: str  # article | other
    status: int | None
    etag: str | None = None
    last_modified: str | None = None
    lastmod: str | None = None


@dataclass(frozen=True)
class Known:
    """What the archive knows of a page from earlier crawls (for conditional requests)."""

    kind: str  # article | other
    etag: str | None
    last_modified: str | None
    sitemap_lastmod: str | None
    last_status: int
