"""Drop a second copy of the same canonical URL within one crawl (the archive deduplicates across
crawls by canonical URL and content hash when it stores)."""

from __future__ import annotations

import hashlib

from scrapy.exceptions import DropItem

from archive.incoming import Incoming
from records.crawl import PageSeen


class DedupePipeline:
    def __init__(self) -> None:
        self.seen: set[bytes] = set()  # 16-byte digests of the canonical URLs: a crawl remembers all of them

    def process_item(self, item: Incoming | PageSeen) -> Incoming | PageSeen:
        if isinstance(item, PageSeen):
            return item  # pages seen without a record pass straight to the store
        url = item.record["canonical_url"]
        key = hashlib.blake2b(url.encode(), digest_size=16).digest()
        if key in self.seen:
            raise DropItem(f"duplicate of {url} (reached again as {item.record['url']})")
        self.seen.add(key)
        return item
