"""What a spider hands to the pipelines: the parsed record, the capture it came from, and how
the page was found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from spiders.parsers.record import ArticleRecord


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
    site: str
    via: list[str] = field(default_factory=list)  # feed, listing, sitemap
