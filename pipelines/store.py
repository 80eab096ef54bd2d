"""Store records (and what the crawl learnt of the pages it saw) in the archive in batches of
KOMMUNARKIV_STORE_BATCH, one transaction each, and write this site's part of the crawl's run
record when the spider closes.

With KOMMUNARKIV_STORE_THREAD=True batches are written by one thread of their own, in order,
while the crawl goes on fetching and parsing; the item that fills a batch waits for its batch.
It is off by default because the writer's Python work holds the interpreter lock, so the thread
gains nothing on two cores (bench/crawl_speed.py --thread measures it).

`kommunarkiv crawl` hands down its open archive (the crawler's `archive_engine`) and its run
(KOMMUNARKIV_RUN_ID), and closes the run with the health report; a bare `scrapy crawl` opens the
archive at KOMMUNARKIV_DB and gets a run of its own, opened and closed here."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from sqlalchemy import Engine
from twisted.internet.defer import Deferred

from archive import runs
from archive.db import ArchiveError, open_archive
from archive.health import check_site
from archive.incoming import Incoming
from archive.known import known_pages
from archive.lock import CrawlLock, Locked
from archive.outage import patiently
from archive.writer import ArchiveWriter
from records.crawl import PageSeen
from records.crawlstats import site_stats

log = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, crawler: Any, engine: Engine | None):
        settings = crawler.settings
        self.crawler = crawler
        self.db_url = settings.get("KOMMUNARKIV_DB")
        self.engine = engine  # handed down by `kommunarkiv crawl`; else opened in open_spider
        self.own_engine = engine is None  # opened here, so closed here
        self.batch_size = settings.getint("KOMMUNARKIV_STORE_BATCH", 50)
        self.in_thread = settings.getbool("KOMMUNARKIV_STORE_THREAD", False)
        self.incremental = settings.getbool("KOMMUNARKIV_INCREMENTAL", True)
        self.max_error_rate = settings.getfloat("KOMMUNARKIV_MAX_ERROR_RATE")
        self.coverage_drop = settings.getfloat("KOMMUNARKIV_COVERAGE_DROP")
        self.outage_seconds = settings.getfloat("KOMMUNARKIV_DB_OUTAGE_SECONDS")
        self.lock: CrawlLock = getattr(crawler, "archive_lock", None) or CrawlLock()  # none: nothing to check
        self.run_id: int | None = settings.getint("KOMMUNARKIV_RUN_ID", 0) or None
        self.own_run = self.run_id is None
        self.writes: ThreadPoolExecutor | None = None
        self.pending: list[Future[None]] = []
        self.batch: list[Incoming | PageSeen] = []
        self.counts: Counter[str] = Counter()
        self.fault: str | None = None  # the archive refused a write (disk full, read-only, unreachable)
        self.fault_stat = "kommunarkiv/archive_error"  # or kommunarkiv/lock_lost: another crawl took over

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        return cls(crawler, getattr(crawler, "archive_engine", None))

    def open_spider(self) -> None:
        if self.engine is None:
            self.engine = open_archive(self.db_url)
        self.writer = ArchiveWriter(self.engine)
        spider = self.crawler.spider
        self.slug = spider.site.slug
        if self.incremental:  # the spider asks conditionally for what earlier crawls fetched
            engine, slug = self.engine, self.slug
            spider.known = patiently(engine, lambda: known_pages(engine, slug), self.outage_seconds,
                                     "reading the pages already known")
        if self.own_run:
            self.run_id = runs.start_run(self.engine, [self.slug])
        spider.flush_store = self._flush  # a distributed worker going idle stores its batch first
        spider.store_pending = self.holding  # and is not idle while it holds outcomes not yet stored
        if self.in_thread:
            self.writes = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"store-{self.slug}")

    async def process_item(self, item: Incoming | PageSeen) -> Incoming | PageSeen:
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            batch, self.batch = self.batch, []
            if self.writes is None:
                self._store(batch)
            else:
                done = self.writes.submit(self._store, batch)
                self.pending = [f for f in self.pending if not f.done()] + [done]
                stored: Deferred[None] = Deferred()
                done.add_done_callback(lambda _: _in_reactor(lambda: stored.callback(None)))
                await maybe_deferred_to_future(stored)
        return item

    def holding(self) -> bool:
        """Whether items are waiting in the batch or a batch is still being written."""
        return bool(self.batch) or any(not f.done() for f in self.pending)

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
        def write() -> Counter[str]:
            self.lock.hold()  # still this crawl's archive, after any reconnection?
            return self.writer.write(batch, self.run_id)

        try:
            self.counts.update(patiently(self.engine, write, self.outage_seconds, f"storing {len(batch)} items"))
        except (ArchiveError, Locked) as exc:  # nothing more can be stored: stop the crawl, say why once
            self.fault = str(exc)
            if isinstance(exc, Locked):
                self.fault_stat = "kommunarkiv/lock_lost"
            log.error("%s", exc)
            _in_reactor(self._stop_crawl)
            return
        ledger = getattr(self.crawler.spider, "ledger", None)
        if ledger is not None:  # distributed crawl: these pages' outcomes are now safe
            ledger.done([i.url if isinstance(i, PageSeen) else i.capture.url for i in batch
                         if isinstance(i, PageSeen) or i.capture is not None])

    def _stop_crawl(self) -> None:
        self.crawler.stats.set_value(self.fault_stat, self.fault)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=self.fault_stat.split("/")[1]))

    def close_spider(self) -> None:
        self._flush()
        if self.writes is not None:
            self.writes.shutdown(wait=True)
        if self.fault is not None:  # the run record cannot be written either; the runner reports
            self.crawler.stats.set_value(self.fault_stat, self.fault)
            self._close()
            return
        assert self.run_id is not None  # set in __init__ or open_spider
        spider, stats = self.crawler.spider, self.crawler.stats
        for key, n in self.counts.items():
            stats.set_value(f"kommunarkiv/{key}", n)
        summary: dict[str, Any] = site_stats(stats.get_stats(), spider.failures, spider.coverage)
        engine, run_id = self.engine, self.run_id
        patiently(engine, lambda: runs.record_site(engine, run_id, self.slug, summary), self.outage_seconds,
                  "recording the run")
        if self.own_run:
            before = runs.previous_site_stats(self.engine, self.slug, self.run_id)
            problems = check_site(self.slug, summary, before, self.max_error_rate, self.coverage_drop)
            runs.finish_run(self.engine, self.run_id, "failed" if problems else "finished", {"health": problems})
        self._close()

    def _close(self) -> None:
        if self.own_engine and self.engine is not None:
            self.engine.dispose()


def _in_reactor(call: Callable[[], None]) -> None:
    """Run `call` in the reactor's thread: Scrapy's engine and stats are not for other threads."""
    from twisted.internet import reactor  # the one Scrapy installed; imported late so as not to install another

    if threading.current_thread() is threading.main_thread():
        call()
    else:
        reactor.callFromThread(call)  # type: ignore[attr-defined]
