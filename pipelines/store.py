"""Store records (and what the crawl learnt of the pages it saw) in the archive in batches of
KOMMUNARKIV_STORE_BATCH, one transaction each, and write this site's part of the crawl's run
record when the spider closes.

With KOMMUNARKIV_STORE_THREAD=True batches are written by one thread of their own, in order,
while the crawl goes on fetching and parsing (the drivers let go of the interpreter while the
database works); the item that fills a batch waits for its batch. Off by default: on the 2-core
machine it gained nothing measurable (bench/crawl_speed.py --no-thread, 2026-11-28: 55.8 pages/s
threaded, 57.8 in the crawl's thread; the writer's Python work holds the interpreter lock), and
a faster first worker of a distributed crawl then left the second too few pages for its health
check (tests/e2e/test_distributed.py).

`kommunarkiv crawl` opens the run (KOMMUNARKIV_RUN_ID) and closes it with the health report; a
bare `scrapy crawl` gets a run of its own, opened and closed here."""

from __future__ import annotations

import logging
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import Deferred

from archive.db import ArchiveError, open_archive
from archive.health import check_site, site_stats
from archive.store import ArchiveWriter, Incoming, SiteInfo
from spiders.items import ArticleItem, PageSeen

log = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, db_url: str, batch_size: int, run_id: int | None, in_thread: bool = True):
        self.db_url = db_url
        self.batch_size = batch_size
        self.in_thread = in_thread
        self.writes: ThreadPoolExecutor | None = None
        self.pending: list[Future] = []
        self.run_id = run_id
        self.own_run = run_id is None
        self.batch: list[Incoming | PageSeen] = []
        self.counts: Counter[str] = Counter()
        self.fault: str | None = None  # the archive refused a write (disk full, read-only)

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206 - Scrapy's factory signature
        run_id = crawler.settings.getint("KOMMUNARKIV_RUN_ID", 0) or None
        pipe = cls(crawler.settings.get("KOMMUNARKIV_DB"), crawler.settings.getint("KOMMUNARKIV_STORE_BATCH", 50),
                   run_id, crawler.settings.getbool("KOMMUNARKIV_STORE_THREAD", False))
        pipe.crawler = crawler
        return pipe

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.writer = ArchiveWriter(open_archive(self.db_url))
        self.site = SiteInfo(spider.site.slug, spider.site.name, spider.site.base_url)
        if self.own_run:
            self.run_id = self.writer.start_run([spider.site.slug])
        spider.flush_store = self._flush  # a distributed worker going idle stores its batch first
        if self.in_thread:
            self.writes = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"store-{self.site.slug}")

    async def process_item(self, item: ArticleItem | PageSeen) -> ArticleItem | PageSeen:
        self.batch.append(Incoming(self.site, item.record, item.capture, lastmod=item.lastmod)
                          if isinstance(item, ArticleItem) else item)
        if len(self.batch) >= self.batch_size:
            batch, self.batch = self.batch, []
            if self.writes is None:
                self._store(batch)
            else:
                done = self.writes.submit(self._store, batch)
                self.pending = [f for f in self.pending if not f.done()] + [done]
                stored: Deferred = Deferred()
                done.add_done_callback(lambda _: _in_reactor(lambda: stored.callback(None)))
                await maybe_deferred_to_future(stored)
        return item

    def _flush(self) -> None:
        """Store what is waiting, here and now, after the batches already handed to the thread."""
        for done in self.pending:
            done.result()
        self.pending = []
        batch, self.batch = self.batch, []
        self._store(batch)

    def _store(self, batch: list[Incoming | PageSeen]) -> None:
        """Write one batch (in the store thread, or in the crawl's when called from _flush)."""
        if not batch or self.fault is not None:
            return
        try:
            self.counts.update(self.writer.write(batch, self.run_id))
        except ArchiveError as exc:  # nothing more can be stored: stop the crawl, say why once
            self.fault = str(exc)
            log.error("%s", exc)
            _in_reactor(self._stop_crawl)
            return
        ledger = getattr(self.crawler.spider, "ledger", None)
        if ledger is not None:  # distributed crawl: these pages' outcomes are now safe
            ledger.done([i.url if isinstance(i, PageSeen) else i.capture.url for i in batch
                         if isinstance(i, PageSeen) or i.capture is not None])

    def _stop_crawl(self) -> None:
        self.crawler.stats.set_value("kommunarkiv/archive_error", self.fault)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="archive_error"))

    def close_spider(self) -> None:
        self._flush()
        if self.writes is not None:
            self.writes.shutdown(wait=True)
        if self.fault is not None:
            self.crawler.stats.set_value("kommunarkiv/archive_error", self.fault)
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


def _in_reactor(call) -> None:  # noqa: ANN001 - a callable
    """Run `call` in the reactor's thread: Scrapy's engine and stats are not for other threads."""
    import threading

    from twisted.internet import reactor  # the one Scrapy installed; imported late so as not to install another

    if threading.current_thread() is threading.main_thread():
        call()
    else:
        reactor.callFromThread(call)
