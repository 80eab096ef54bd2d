"""Store records in the archive in batches of KOMMUNARKIV_STORE_BATCH, one transaction each, and
write the crawl's run record when the spider closes."""

from __future__ import annotations

from collections import Counter

from archive.db import open_archive
from archive.store import ArchiveWriter, Incoming, SiteInfo
from spiders.items import ArticleItem


class StorePipeline:
    def __init__(self, db_url: str, batch_size: int):
        self.db_url = db_url
        self.batch_size = batch_size
        self.batch: list[Incoming] = []
        self.counts: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206 - Scrapy's factory signature
        pipe = cls(crawler.settings.get("KOMMUNARKIV_DB"), crawler.settings.getint("KOMMUNARKIV_STORE_BATCH", 50))
        pipe.crawler = crawler
        return pipe

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.writer = ArchiveWriter(open_archive(self.db_url))
        self.site = SiteInfo(spider.site.slug, spider.site.name, spider.site.base_url)
        self.run_id = self.writer.start_run([spider.site.slug])

    def process_item(self, item: ArticleItem) -> ArticleItem:
        self.batch.append(Incoming(self.site, item.record, item.capture))
        if len(self.batch) >= self.batch_size:
            self._flush()
        return item

    def _flush(self) -> None:
        if self.batch:
            self.counts.update(self.writer.write(self.batch, self.run_id))
            self.batch = []

    def close_spider(self) -> None:
        self._flush()
        stats = self.crawler.stats
        for key, n in self.counts.items():
            stats.set_value(f"kommunarkiv/{key}", n)
        failed = stats.get_value("kommunarkiv/invalid_ratio_exceeded")
        summary = {k.removeprefix("kommunarkiv/"): v for k, v in stats.get_stats().items()
                   if k.startswith("kommunarkiv/") or k in ("downloader/response_count", "item_scraped_count")}
        summary["failures"] = [f"{u}: {r}" for u, r in getattr(self.crawler.spider, "failures", [])][:200]
        self.writer.finish_run(self.run_id, "failed" if failed else "finished", summary)
        self.writer.engine.dispose()
