"""Store records (and what the crawl learnt of the pages it saw) in the archive in batches of
KOMMUNARKIV_STORE_BATCH, one transaction each, and write this site's part of the crawl's run
record when the spider closes.

`kommunarkiv crawl` opens the run (KOMMUNARKIV_RUN_ID) and closes it with the health report; a
bare `scrapy crawl` gets a run of its own, opened and closed here."""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from scrapy.utils.defer import deferred_from_coro

from archive.db import ArchiveError, open_archive
from archive.health import check_site, site_stats
from archive.store import ArchiveWriter, Incoming, SiteInfo
from spiders.items import ArticleItem, PageSeen

log = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, db_url: str, batch_size: int, run_id: int | None):
        self.db_url = db_url
        self.batch_size = batch_size
        self.run_id = run_id
        self.own_run = run_id is None
        self.batch: list[Incoming | PageSeen] = []
        self.counts: Counter[str] = Counter()
        self.fault: str | None = None  # the archive refused a write (disk full, read-only)

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206 - Scrapy's factory signature
        run_id = crawler.settings.getint("KOMMUNARKIV_RUN_ID", 0) or None
        pipe = cls(crawler.settings.get("KOMMUNARKIV_DB"), crawler.settings.getint("KOMMUNARKIV_STORE_BATCH", 50),
                   run_id)
        pipe.crawler = crawler
        return pipe

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.writer = ArchiveWriter(open_archive(self.db_url))
        self.site = SiteInfo(spider.site.slug, spider.site.name, spider.site.base_url)
        if self.own_run:
            self.run_id = self.writer.start_run([spider.site.slug])
        spider.flush_store = self._flush  # a distributed worker going idle stores its batch first

    def process_item(self, item: ArticleItem | PageSeen) -> ArticleItem | PageSeen:
        self.batch.append(Incoming(self.site, item.record, item.capture, lastmod=item.lastmod)
                          if isinstance(item, ArticleItem) else item)
        if len(self.batch) >= self.batch_size:
            self._flush()
        return item

    def _flush(self) -> None:
        if self.batch and self.fault is None:
            try:
                self.counts.update(self.writer.write(self.batch, self.run_id))
            except ArchiveError as exc:  # nothing more can be stored: stop the crawl, say why once
                self.fault, self.batch = str(exc), []
                log.error("%s", exc)
                self.crawler.stats.set_value("kommunarkiv/archive_error", self.fault)
                deferred_from_coro(self.crawler.engine.close_spider_async(reason="archive_error"))
                return
            ledger = getattr(self.crawler.spider, "ledger", None)
            if ledger is not None:  # distributed crawl: these pages' outcomes are now safe
                ledger.done([i.url if isinstance(i, PageSeen) else i.capture.url for i in self.batch
                             if isinstance(i, PageSeen) or i.capture is not None])
            self.batch = []

    def close_spider(self) -> None:
        self._flush()
        if self.fault is not None:  # the run record cannot be written either; the runner reports
            self.writer.engine.dispose()
            return
        spider, stats = self.crawler.spider, self.crawler.stats
        for key, n in self.counts.items():
            stats.set_value(f"kommunarkiv/{key}", n)
        summary: dict[str, Any] = site_stats(stats.get_stats(), spider.failures, spider.coverage)
        self.writer.record_site(self.run_id, self.site.slug, summary)
        if self.own_run:
            problems = check_site(self.site.slug, summary, self.writer.previous_site_stats(self.site.slug, self.run_id))
            self.writer.finish_run(self.run_id, "failed" if problems else "finished", {"health": problems})
        self.writer.engine.dispose()
