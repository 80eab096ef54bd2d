"""Drop a second copy of the same canonical URL within one crawl (the archive deduplicates across
crawls by canonical URL and content hash when it stores)."""

from __future__ import annotations

import hashlib

from scrapy.exceptions import DropItem

from archive.incoming import Incoming
from records.crawl import PageSeen
from spiders.scratch import DiskSet


class DedupePipeline:
    def __init__(self) -> None:
        self.seen: DiskSet | None = None  # 16-byte digests of the canonical URLs, every one of the crawl: on disk

    def open_spider(self) -> None:
        self.seen = DiskSet()

    def close_spider(self) -> None:
        if self.seen is not None:
            self.seen.close()
            self.seen = None

    def process_item(self, item: Incoming | PageSeen) -> Incoming | PageSeen:
        if isinstance(item, PageSeen):
            return item  # pages seen without a record pass straight to the store
        assert self.seen is not None, "open_spider first"
        url = item.record["canonical_url"]
        if not self.seen.add(hashlib.blake2b(url.encode(), digest_size=16).digest()):
            raise DropItem(f"duplicate of {url} (reached again as {item.record['url']})")
        return item
