"""Distributed crawling over Redis: several workers, on one machine or many, share one request
queue and one duplicate filter (scrapy-redis), and a ledger kept here that makes a killed worker
lose nothing.

The ledger holds, per crawl and site: every URL a worker has asked for (`discovered`, with how to
ask again), every URL whose outcome is safely stored (`done`), and each worker's heartbeat. A worker
that runs out of work waits while another is busy; the last one standing asks again for whatever
was discovered and never done (the requests a killed worker had popped from the queue), then closes.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid
import warnings
from collections.abc import Callable
from typing import Any

import redis
import scrapy_redis.scheduler
from redis.backoff import ExponentialBackoff
from redis.retry import Retry
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, ScrapyDeprecationWarning
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

# scrapy-redis 0.9 still passes spider= to the stats collector; Scrapy 2.13+ warns on every request.
warnings.filterwarnings("ignore", message="Passing a 'spider' argument", category=ScrapyDeprecationWarning)

HEARTBEAT_SECONDS = 2.0
DEAD_AFTER_SECONDS = 10.0
KEYS_TTL_SECONDS = 3 * 24 * 3600


def redis_settings(redis_url: str, crawl_id: str) -> dict[str, Any]:
    """The Scrapy settings that make a crawl one worker of the distributed crawl `crawl_id`."""
    prefix = f"kommunarkiv:{crawl_id}:%(spider)s"
    return {
        "SCHEDULER": "spiders.distributed.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # the other workers still need the queue and the filter
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        "REDIS_URL": redis_url,
        "KOMMUNARKIV_REDIS_URL": redis_url,
        "KOMMUNARKIV_CRAWL_ID": crawl_id,
    }


def client_params(outage_seconds: float) -> dict[str, Any]:
    """redis-py's own retry, for the ledger's client and scrapy-redis's (REDIS_PARAMS): a Redis that
    restarts or fails over is asked again, with a growing pause, for about `outage_seconds`; the
    worker waits meanwhile. Every command here may be repeated safely: the ledger's are set
    operations, and a request popped from the queue whose answer was lost is still discovered and
    not done in the ledger, so it is asked for again at the end."""
    backoff = ExponentialBackoff(cap=5.0, base=0.25)
    retries, total = 0, 0.0
    while total < outage_seconds:
        retries += 1
        total += backoff.compute(retries)
    return {"retry": Retry(backoff, retries), "retry_on_error": [redis.ConnectionError, redis.TimeoutError],
            "socket_connect_timeout": 5}


class Ledger:
    def __init__(self, server: redis.Redis, prefix: str, worker: str):
        self.r, self.prefix, self.worker = server, prefix, worker
        self.k_discovered, self.k_done = f"{prefix}:discovered", f"{prefix}:done"
        self.k_workers, self.k_reconcile = f"{prefix}:workers", f"{prefix}:reconciler"
        self.on_lost: Callable[[Exception], None] | None = None
        self.lost: Exception | None = None

    def discovered(self, url: str, callback: str, via: str) -> None:
        self.unless_lost(lambda: self.r.hsetnx(self.k_discovered, url,
                                               json.dumps({"callback": callback, "via": via})))

    def done(self, urls: list[str]) -> None:
        if urls:
            self.unless_lost(lambda: self.r.sadd(self.k_done, *urls))

    def unless_lost(self, call: Callable[[], Any]) -> None:
        """Redis past the bound (redis-py has retried all along): the worker stops, once, with one
        line, and asks Redis nothing more; what it did not record is still discovered and not done
        for the other workers or the next crawl."""
        if self.lost is not None:
            return
        try:
            call()
        except redis.RedisError as exc:
            self.lost = exc
            if self.on_lost is None:
                raise
            self.on_lost(exc)

    def heartbeat(self, state: str) -> None:
        self.r.hset(self.k_workers, self.worker, json.dumps({"state": state, "at": time.time()}))
        for key in (self.k_discovered, self.k_done, self.k_workers):
            self.r.expire(key, KEYS_TTL_SECONDS)

    def others(self) -> dict[str, dict[str, Any]]:
        """The other live workers: {worker: {"state": busy | idle, "at": time of its heartbeat}}."""
        out = {}
        for worker, raw in self.r.hgetall(self.k_workers).items():
            worker = worker.decode()
            info = json.loads(raw)
            if worker != self.worker and time.time() - info["at"] < DEAD_AFTER_SECONDS:
                out[worker] = info
        return out

    def missing(self) -> dict[str, dict[str, str]]:
        done = {u.decode() for u in self.r.smembers(self.k_done)}
        return {u.decode(): json.loads(v) for u, v in self.r.hgetall(self.k_discovered).items()
                if u.decode() not in done}

    def claim_reconcile(self) -> bool:
        return bool(self.r.set(self.k_reconcile, self.worker, nx=True, ex=int(DEAD_AFTER_SECONDS)))

    def leave(self) -> None:
        self.unless_lost(lambda: self.r.hdel(self.k_workers, self.worker))


class Scheduler(scrapy_redis.scheduler.Scheduler):
    """scrapy-redis's scheduler, stopping the worker with one line when Redis stays out of reach
    past the bound instead of raising into Scrapy's engine (a traceback per request)."""

    def _lost(self, exc: redis.RedisError) -> None:
        getattr(self.spider, "redis_lost", lambda _: None)(exc)

    def enqueue_request(self, request: Any) -> bool:
        try:
            return bool(super().enqueue_request(request))
        except redis.RedisError as exc:  # discovered in the ledger already: asked again at the end
            self._lost(exc)
            return False

    def next_request(self) -> Any:
        try:
            return super().next_request()
        except redis.RedisError as exc:
            self._lost(exc)
            return None

    def __len__(self) -> int:
        try:
            return int(super().__len__())
        except redis.RedisError as exc:
            self._lost(exc)
            return 0

    def close(self, reason: str) -> None:
        with contextlib.suppress(redis.RedisError):
            super().close(reason)


class DistributedCrawl:
    """Scrapy extension: the ledger, heartbeats, and the idle rule described above."""

    def __init__(self, crawler):  # noqa: ANN001 - Scrapy's crawler
        self.crawler = crawler
        self.server = redis.Redis.from_url(crawler.settings.get("KOMMUNARKIV_REDIS_URL"),
                                           **client_params(crawler.settings.getfloat("KOMMUNARKIV_REDIS_OUTAGE_SECONDS")))
        self.crawl_id = crawler.settings.get("KOMMUNARKIV_CRAWL_ID")
        self.worker = f"{uuid.uuid4().hex[:8]}"
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.idle, signal=signals.spider_idle)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)
        crawler.signals.connect(self.dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.working, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        return cls(crawler)

    def opened(self, spider) -> None:  # noqa: ANN001
        spider.ledger = self.ledger = Ledger(self.server, f"kommunarkiv:{self.crawl_id}:{spider.name}", self.worker)
        self.ledger.on_lost = spider.redis_lost = lambda exc: _in_reactor(lambda: self.lost(exc))
        self.confirm_after: float | None = None
        self.current = "busy"
        self.ledger.heartbeat("busy")
        # The crawl's thread reads what the worker is doing; a thread of its own posts it. Posted
        # from the crawl's thread, the heartbeat stopped while that thread was busy (storing a
        # batch synchronously takes seconds on a loaded machine), and past DEAD_AFTER_SECONDS an
        # idle worker took the live one for dead and asked again for its pages: fetched twice.
        self.beat = task.LoopingCall(self._beat)
        self.beat.start(HEARTBEAT_SECONDS, now=False)
        self.stop_beating = threading.Event()
        self.beater = threading.Thread(target=self._post_beats, name="kommunarkiv-heartbeat", daemon=True)
        self.beater.start()

    def _beat(self) -> None:
        self.current = self.state()

    def working(self, response, request, spider) -> None:  # noqa: ANN001
        self.current = "busy"  # at once, not at the next _beat: it may be seconds away

    def _post_beats(self) -> None:
        """Alive while the process is: a heartbeat every HEARTBEAT_SECONDS, whatever the crawl's thread does."""
        while not self.stop_beating.wait(HEARTBEAT_SECONDS) and self.ledger.lost is None:
            self.ledger.unless_lost(lambda: self.ledger.heartbeat(self.current))

    def _stop_beats(self) -> None:
        if self.beat.running:
            self.beat.stop()
        self.stop_beating.set()

    def state(self) -> str:
        """Idle only when nothing is in flight and every outcome is stored and marked done: an
        engine that is idle with a batch not yet stored still holds pages that no other worker
        may ask for again (the other worker would see them as discovered and never done)."""
        spider = self.crawler.spider
        holding = getattr(spider, "store_pending", lambda: False)()
        return "idle" if self.crawler.engine.spider_is_idle() and not holding else "busy"

    def lost(self, exc: Exception) -> None:
        """Redis stayed out of reach past the bound: stop this worker with one line (exit 4). What it
        stored is whole; the other workers, or the next crawl, do the rest."""
        if self.crawler.stats.get_value("kommunarkiv/redis_error"):
            return
        url = self.crawler.settings.get("KOMMUNARKIV_REDIS_URL")
        message = (f"cannot reach Redis at {url} ({exc}): check that the server is running and accepts "
                   f"connections (redis-cli -u {url} ping); this worker stops")
        self.crawler.stats.set_value("kommunarkiv/redis_error", message)
        self.crawler.spider.logger.error("%s", message)
        self._stop_beats()
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="redis_error"))

    def idle(self, spider) -> None:  # noqa: ANN001
        if self.ledger.lost is not None:
            return  # stopping: let it close
        try:
            self._idle(spider)
        except redis.RedisError as exc:
            self.ledger.lost = exc
            self.lost(exc)

    def _idle(self, spider) -> None:  # noqa: ANN001
        if len(self.crawler.engine._slot.scheduler):  # more work already queued in Redis
            raise DontCloseSpider
        getattr(spider, "flush_store", lambda: None)()  # its outcomes are done before it says idle
        self.current = "idle"
        self.ledger.heartbeat("idle")
        others = self.ledger.others()
        if any(o["state"] == "busy" for o in others.values()):
            self.confirm_after = None
            raise DontCloseSpider  # they may yet queue more work for everyone
        missing = self.ledger.missing()
        if not missing:
            return
        # Everyone looks idle, yet some URLs are not done: their worker died, or a worker just
        # popped them and has not said so yet. Ask again only once every live worker has posted
        # a heartbeat since then, still idle.
        if self.confirm_after is None or any(o["at"] <= self.confirm_after for o in others.values()):
            self.confirm_after = self.confirm_after or time.time()
            raise DontCloseSpider
        if not self.ledger.claim_reconcile():
            raise DontCloseSpider  # another idle worker is asking for them again
        self.confirm_after = None
        spider.logger.warning("asking again for %d URLs discovered but never done (a worker died)", len(missing))
        spider.crawler.stats.inc_value("kommunarkiv/recovered_requests", len(missing))
        for url, info in missing.items():
            self.crawler.engine.crawl(spider.rebuild_request(url, info["callback"], info["via"]))
        raise DontCloseSpider

    def dropped(self, item, response, exception, spider) -> None:  # noqa: ANN001
        """An invalid or duplicate record is an outcome too: do not ask for its page again."""
        url = item.capture.url if hasattr(item, "capture") else getattr(item, "url", None)
        if url:
            self.ledger.done([url])

    def closed(self, spider) -> None:  # noqa: ANN001
        self._stop_beats()
        self.beater.join(HEARTBEAT_SECONDS + 1)  # no heartbeat after leaving
        self.ledger.leave()


def _in_reactor(call: Callable[[], None]) -> None:
    """Run `call` in the reactor's thread (the store and the heartbeat run in threads of their own)."""
    from twisted.internet import reactor

    if threading.current_thread() is threading.main_thread():
        call()
    else:
        reactor.callFromThread(call)  # type: ignore[attr-defined]
