"""The first pipeline stage: the spider's parsed record becomes the archive's normalised record."""

from __future__ import annotations

from archive.incoming import Incoming
from records.crawl import ArticleItem, PageSeen
from records.normalise import normalise_record


class NormalisePipeline:
    """ArticleItem (the parser's dataclass) in, Incoming (the archive's plain record) out."""

    def process_item(self, item: ArticleItem | PageSeen) -> Incoming | PageSeen:
        if isinstance(item, PageSeen):
            return item  # pages seen without a record pass straight to the store
        return Incoming(item.site, normalise_record(item.record), item.capture, lastmod=item.lastmod)
