"""What the archive is given to store: a normalised record, the site it came from and its capture,
and which of its fields count as content (a change in any of them is a new revision)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from archive.analysis import Analysis
from records.crawl import Capture
from records.sites import Site

# The contact footer (municipality-wide), the fetch URL and the extraction notes are not content.
CONTENT_FIELDS = ("title", "lead", "body", "subheadings", "published_at", "updated_at", "quotes", "people",
                  "page_contact", "images", "attachments")


def json_digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def content_hash(record: dict[str, Any]) -> str:
    return json_digest({k: record.get(k) for k in CONTENT_FIELDS})


@dataclass
class Incoming:
    site: Site
    record: dict[str, Any]
    capture: Capture | None = None  # a new fetch, stored with a new revision
    capture_id: int | None = None  # or a capture already stored (reparse)
    lastmod: str | None = None  # the sitemap's lastmod of the page when it was fetched
    analysis: Analysis | None = None  # Analysis.of(record), when made ahead (bench/generate.py, in other processes)
