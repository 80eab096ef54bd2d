"""Store records (and what the crawl learnt of the pages it saw) in the archive in batches of
KOMMUNARKIV_STORE_BATCH, one transaction each, and write this site's part of the crawl's run
record when the spider closes.

By default (KOMMUNARKIV_STORE_PROCESS=True) batches are analysed and written by a writer process of
their own (archive.writerprocess, one for all the sites of a crawl process), in order, while the crawl
goes on fetching and parsing on its core; a site waits only when KOMMUNARKIV_STORE_QUEUE of its
batches are not yet stored. The crawl lock is checked as each batch is handed over; a distributed
crawl's ledger learns of a page only once its batch is committed, so a crawl killed with batches
in the queue leaves their pages unknown, and the next crawl (or another worker) fetches them again.
With False each batch is stored on the crawl's own core, between responses.

`kommunarkiv crawl` hands down its open archive (the crawler's `archive_engine`) and its run
(KOMMUNARKIV_RUN_ID), and closes the run with the health report; a bare `scrapy crawl` opens the
archive at KOMMUNARKIV_DB and gets a run of its own, opened and closed here."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from sqlalchemy import Engine
from twisted.internet.defer import Deferred
from twisted.internet.threads import deferToThread

from archive import runs
from archive.db import ArchiveError, open_archive
from archive.health import check_site
from archive.incoming import Incoming
from archive.known import known_pages
from archive.lock import CrawlLock, Locked
from archive.outage import patiently
from archive.writer import ArchiveWriter
from archive.writerprocess import Stored, WriterProcess, settled_urls
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
        self.in_process = settings.getbool("KOMMUNARKIV_STORE_PROCESS", True)
        self.queue_size = max(1, settings.getint("KOMMUNARKIV_STORE_QUEUE", 4))
        self.incremental = settings.getbool("KOMMUNARKIV_INCREMENTAL", True)
        self.max_error_rate = settings.getfloat("KOMMUNARKIV_MAX_ERROR_RATE")
        self.coverage_drop = settings.getfloat("KOMMUNARKIV_COVERAGE_DROP")
        self.outage_seconds = settings.getfloat("KOMMUNARKIV_DB_OUTAGE_SECONDS")
        self.cache_kb = settings.getint("KOMMUNARKIV_WRITE_CACHE_KB") or None  # None: the writer's own
        self.lock: CrawlLock = getattr(crawler, "archive_lock", None) or CrawlLock()  # none: nothing to check
        self.run_id: int | None = settings.getint("KOMMUNARKIV_RUN_ID", 0) or None
        self.own_run = self.run_id is None
        self.writes: _SharedWriter | None = None
        self.in_flight = 0  # batches handed to the writer process and not yet stored
        self.settled = threading.Condition()  # guards in_flight, counts and fault against the results' thread
        self.waiting: list[Deferred[None]] = []  # process_item calls waiting for room in the queue
        self.closed = False
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
        self.writer = ArchiveWriter(self.engine, self.cache_kb)
        spider = self.crawler.spider
        self.slug = spider.site.slug
        if self.incremental:  # the spider asks conditionally for what earlier crawls fetched
            engine, slug = self.engine, self.slug
            patiently(engine, lambda: spider.learn_known(known_pages(engine, slug)), self.outage_seconds,
                      "reading the pages already known")
        if self.own_run:
            self.run_id = runs.start_run(self.engine, [self.slug])
        spider.flush_store = self._flush  # a distributed worker going idle stores its batch first
        spider.store_pending = self.holding  # and is not idle while it holds outcomes not yet stored
        if self.in_process:
            self.writes = _SharedWriter.join(self)

    async def process_item(self, item: Incoming | PageSeen) -> Incoming | PageSeen:
        room = lambda: self.in_flight < self.queue_size or self.fault is not None  # noqa: E731
        if self.writes is not None:
            # Every item waits while the writer is behind, not only the one that fills a batch:
            # the others returned at once, so the crawl went on fetching and each batch-filler held
            # a whole batch (pages and captures) while it waited. A 100,000-page crawl whose writer
            # fell behind grew 8 KB a page that way (381 MB at 35,000 pages, 2026-12-03).
            await self._until(room)
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            batch, self.batch = self.batch, []
            if self.writes is None:
                self._store(batch)
            else:
                await self._until(room)
                self._hand_over(batch)
        return item

    async def _until(self, ready: Callable[[], bool]) -> None:
        """Wait, letting the crawl go on, until `ready()`; it is asked again as each batch comes back."""
        while not ready():
            room: Deferred[None] = Deferred()
            self.waiting.append(room)
            await maybe_deferred_to_future(room)

    def holding(self) -> bool:
        """Whether items are waiting in the batch or a batch is still being written."""
        return bool(self.batch) or self.in_flight > 0

    def _flush(self) -> None:
        """Store what is waiting, here and now, after the batches already handed to the writer."""
        batch, self.batch = self.batch, []
        if self.writes is None:
            self._store(batch)
            return
        self._hand_over(batch)
        with self.settled:
            self.settled.wait_for(lambda: self.in_flight == 0)

    def _store(self, batch: list[Incoming | PageSeen]) -> None:
        """Write one batch in the crawl's thread."""
        if not batch or self.fault is not None:
            return
        def write() -> Counter[str]:
            self.lock.hold()  # still this crawl's archive, after any reconnection?
            return self.writer.write(batch, self.run_id)

        try:
            self.counts.update(patiently(self.engine, write, self.outage_seconds, f"storing {len(batch)} items"))
        except (ArchiveError, Locked) as exc:
            self._refused(exc)
            return
        self._settle(settled_urls(batch))

    def _hand_over(self, batch: list[Incoming | PageSeen]) -> None:
        """Give one batch to the writer process, once the crawl lock is known to be still ours."""
        if not batch or self.fault is not None:
            return
        try:
            patiently(self.engine, self.lock.hold, self.outage_seconds, "checking the crawl lock")
        except (ArchiveError, Locked) as exc:
            self._refused(exc)
            return
        assert self.writes is not None
        with self.settled:
            self.in_flight += 1
        self.writes.process.submit(self.slug, batch)

    def stored(self, result: Stored) -> None:
        """A batch is stored, or refused (on the writer's results thread)."""
        if result.error:
            log.error("storing a batch failed, its pages are left to the next crawl:\n%s", result.error)
        elif result.fault is not None:
            if self.fault is None:
                self._refused(ArchiveError(result.fault))
        else:
            self._settle(result.urls)
        with self.settled:
            self.counts.update(result.counts)
            self.in_flight -= 1
            self.settled.notify_all()
        _in_reactor(self._make_room)

    def lost(self, why: str) -> None:
        """The writer process is gone with this site's batches (on the writer's results thread)."""
        if self.fault is None:
            self._refused(ArchiveError(why))
        with self.settled:
            self.in_flight = 0
            self.settled.notify_all()
        _in_reactor(self._make_room)

    def _make_room(self) -> None:
        waiting, self.waiting = self.waiting, []
        for room in waiting:
            room.callback(None)

    def _settle(self, urls: list[str]) -> None:
        ledger = getattr(self.crawler.spider, "ledger", None)
        if ledger is not None:  # distributed crawl: these pages' outcomes are now safe
            ledger.done(urls)

    def _refused(self, exc: Exception) -> None:
        """Nothing more can be stored: stop the crawl, say why once."""
        self.fault = str(exc)
        if isinstance(exc, Locked):
            self.fault_stat = "kommunarkiv/lock_lost"
        log.error("%s", exc)
        _in_reactor(self._stop_crawl)

    def _stop_crawl(self) -> None:
        self.crawler.stats.set_value(self.fault_stat, self.fault)
        self._make_room()
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=self.fault_stat.split("/")[1]))

    async def close_spider(self) -> None:
        # Waiting for the writer must not block the reactor: Scrapy's HTTP handler closes its
        # connections meanwhile with a 1 s timer that, held up behind a blocked reactor, fires
        # its Deferred a second time (AlreadyCalledError, seen in test_crawl_output under load).
        if self.writes is None:
            self._flush()
        else:
            batch, self.batch = self.batch, []
            self._hand_over(batch)
            await self._until(lambda: self.in_flight == 0)
            await maybe_deferred_to_future(deferToThread(self.writes.leave, self))
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


class _SharedWriter:
    """One writer process for every site crawled into the same archive and run by this process
    (three writers would take turns at SQLite's one write lock on two cores); the last site to
    close ends it."""

    open: dict[tuple[str, int | None], _SharedWriter] = {}

    def __init__(self, key: tuple[str, int | None], pipe: StorePipeline):
        assert pipe.engine is not None
        self.key = key
        self.sites: dict[str, StorePipeline] = {}
        self.leaving = threading.Lock()
        self.process = WriterProcess(pipe.engine.url.render_as_string(hide_password=False), pipe.run_id,
                                     pipe.outage_seconds, self._stored, self._ended, pipe.cache_kb)

    @classmethod
    def join(cls, pipe: StorePipeline) -> _SharedWriter:
        assert pipe.engine is not None
        key = (pipe.engine.url.render_as_string(hide_password=False), pipe.run_id)
        shared = cls.open.get(key) or cls.open.setdefault(key, cls(key, pipe))
        shared.sites[pipe.slug] = pipe
        return shared

    def _stored(self, result: Stored) -> None:
        self.sites[result.key].stored(result)

    def _ended(self, exitcode: int | None) -> None:
        """The writer process ended while batches were still to come back (killed, or a crash)."""
        for pipe in self.sites.values():
            if pipe.in_flight:
                pipe.lost(f"the archive's writer process ended (exit code {exitcode}) with {pipe.in_flight} "
                          f"batches of {pipe.slug} not stored: the next crawl fetches their pages again")

    def leave(self, pipe: StorePipeline) -> None:
        """`pipe` has closed (on a thread of the reactor's pool); the last to close ends the writer."""
        with self.leaving:
            pipe.closed = True
            last = all(p.closed for p in self.sites.values()) and self.open.pop(self.key, None) is self
        if last:
            self.process.close()


def _in_reactor(call: Callable[[], None]) -> None:
    """Run `call` in the reactor's thread: Scrapy's engine and stats are not for other threads."""
    from twisted.internet import reactor  # the one Scrapy installed; imported late so as not to install another

    if threading.current_thread() is threading.main_thread():
        call()
    else:
        reactor.callFromThread(call)  # type: ignore[attr-defined]
