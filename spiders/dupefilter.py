"""Scrapy's duplicate filter with its fingerprints on disk (spiders.scratch) instead of in a Python
set that held one for every request of the crawl, JOBDIR or not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.dupefilters import RFPDupeFilter
from scrapy.http import Request

from spiders.scratch import DiskSet


class DiskDupeFilter(RFPDupeFilter):
    """The same fingerprints, log lines and stats as Scrapy's RFPDupeFilter. With a JOBDIR they are
    kept there (requests.seen.sqlite) for a resumed crawl, as Scrapy keeps its requests.seen;
    without one they are in a temporary file SQLite deletes."""

    def __init__(self, path: str | None = None, debug: bool = False, *, fingerprinter: Any = None):
        super().__init__(None, debug, fingerprinter=fingerprinter)  # None: no requests.seen file of Scrapy's
        self.seen = DiskSet(str(Path(path, "requests.seen.sqlite")) if path else "")

    def request_seen(self, request: Request) -> bool:
        return not self.seen.add(self._fingerprint(request))

    def close(self, reason: str) -> None:
        self.seen.close()
