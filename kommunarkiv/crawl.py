"""Run a crawl of some sites in this process: take the archive's crawl lock, open a run record,
crawl with the project's settings plus overrides, then check each site's health and close the run.
The archive's engine is opened once by the caller and handed to every crawler's pipelines.

Every run ends recorded as `finished`, `failed` (with the reason), or `stopped` (SIGTERM or SIGINT:
systemd stopping the service, Ctrl-C); a run whose process died stays `running` until the next
crawl marks it `killed` and says so."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.ossignal import signal_names
from sqlalchemy import Engine

from archive import runs
from archive.db import ArchiveError
from archive.health import check_site
from archive.lock import CrawlLock, Locked, crawl_lock
from archive.notify import notify
from archive.outage import patiently
from archive.watches import collect
from records.crawlstats import summary_lines
from records.sites import Site
from spiders.distributed import client_params, redis_settings
from spiders.sitevision import spider_class


@dataclass
class SiteOutcome:
    site: str
    stats: dict[str, Any]
    failures: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> list[str]:
        return summary_lines(self.site, self.stats, self.failures)


@dataclass
class CrawlResult:
    run_id: int
    sites: list[SiteOutcome]
    problems: list[str]
    stopped: str | None = None  # "SIGTERM", or "SIGTERM twice" when a second signal stopped it at once


log = logging.getLogger(__name__)


class Process(CrawlerProcess):
    """Scrapy's process, remembering the stop signals it got. Scrapy's own handling is kept: the
    first SIGTERM or SIGINT closes the spiders gracefully (each pipeline stores its last batch and
    its part of the run record), a second stops the reactor at once (a batch being written still
    commits or rolls back whole: writes run in the reactor's turn, never inside a signal handler)."""

    def __init__(self, settings: Settings):
        super().__init__(settings)
        self.signals_received: list[str] = []

    def _signal_shutdown(self, signum: int, frame: Any) -> None:
        self.signals_received.append(signal_names.get(signum, str(signum)))
        super()._signal_shutdown(signum, frame)

    def _signal_kill(self, signum: int, frame: Any) -> None:
        self.signals_received.append(signal_names.get(signum, str(signum)))
        super()._signal_kill(signum, frame)

    def stopped(self) -> str | None:
        if not self.signals_received:
            return None
        first = self.signals_received[0]
        return first if len(self.signals_received) == 1 else f"{first} twice"


class JsonLines(logging.Formatter):
    """One JSON object per log record, for log collectors (--log-format json)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(),
                 "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def crawl_settings(overrides: dict[str, str]) -> Settings:
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    return settings


def request_queue(settings: Settings, distributed: bool) -> contextlib.AbstractContextManager[str | None]:
    """A fresh folder for this crawl's on-disk request queue, removed when the crawl ends; None when
    the queue stays in memory (KOMMUNARKIV_DISK_QUEUE off), is in Redis, or JOBDIR was given."""
    if distributed or settings.get("JOBDIR") or not settings.getbool("KOMMUNARKIV_DISK_QUEUE"):
        return contextlib.nullcontext()
    return tempfile.TemporaryDirectory(prefix="kommunarkiv-queue-", dir=settings.get("KOMMUNARKIV_QUEUE_DIR"))


def _json_logging(level: str) -> None:
    """JSON lines on stderr from `level` up. The level is the handler's own: Scrapy sets the root
    logger's level again when its crawlers start, which let DEBUG and INFO through (run by run, about
    a hundred lines of banners and stats that --log-level WARNING had asked to leave out)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    handler.setLevel(level)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


ProgressCallback = Callable[[dict[str, dict[str, Any]]], None]
PROGRESS_INTERVAL = 0.5  # seconds between two looks at the crawlers' stats


def _watch(crawlers: list[tuple[str, Any]], on_progress: ProgressCallback) -> Callable[[], None]:
    """Hand each site's live stats to `on_progress` every PROGRESS_INTERVAL while the reactor runs;
    returns what to call after the crawl, which hands over the final stats once more."""
    from twisted.internet import reactor, task  # installed by now: the crawlers have been created

    def look() -> None:
        on_progress({slug: crawler.stats.get_stats() for slug, crawler in crawlers})

    loop = task.LoopingCall(look)
    reactor.callWhenRunning(loop.start, PROGRESS_INTERVAL)

    def finish() -> None:
        if loop.running:
            loop.stop()
        look()
    return finish


def run_crawl(sites: list[Site], engine: Engine, overrides: dict[str, str] | None = None,
              log_format: str = "text", redis_url: str | None = None, crawl_id: str | None = None,
              on_progress: ProgressCallback | None = None) -> CrawlResult:
    """Crawl `sites` into the open archive `engine`. Raises archive.lock.Locked when another crawl
    holds this archive (or took it while a lost connection was being replaced), ArchiveError when
    the archive refuses writes or cannot be reached. With `redis_url` this process is one worker of
    the distributed crawl `crawl_id`: no lock (the workers share the archive), the request queue and
    duplicate filter in Redis. `on_progress`, if given, is called on the crawl's thread with each
    site's Scrapy stats (slug -> stats) every PROGRESS_INTERVAL seconds and once at the end."""
    with contextlib.ExitStack() as stack:
        lock = CrawlLock() if redis_url else stack.enter_context(crawl_lock(engine))
        run_id = runs.start_run(engine, [s.slug for s in sites])
        if not redis_url:
            for dead in runs.close_stale_runs(engine, run_id):
                log.warning("run %d, started %s, was still marked running with no crawl holding the archive: "
                            "its process died (or could not reach the database to record its end); marked killed",
                            dead["id"], dead["started_at"])
        try:
            return _crawl(sites, engine, lock, run_id, overrides or {}, log_format, redis_url, crawl_id, stack,
                          on_progress)
        except BaseException as exc:
            status = "stopped" if isinstance(exc, KeyboardInterrupt) else "failed"
            reason = str(exc) if isinstance(exc, ArchiveError | Locked) else f"{type(exc).__name__}: {exc}"
            with contextlib.suppress(Exception):  # the reason the run ends is already on its way up
                runs.finish_run(engine, run_id, status, {"error": reason})
            raise


def _crawl(sites: list[Site], engine: Engine, lock: CrawlLock, run_id: int, overrides: dict[str, str],
           log_format: str, redis_url: str | None, crawl_id: str | None, stack: contextlib.ExitStack,
           on_progress: ProgressCallback | None) -> CrawlResult:
    distributed = redis_settings(redis_url, crawl_id or "default") if redis_url else {}
    settings = crawl_settings({**overrides, **distributed, "KOMMUNARKIV_RUN_ID": str(run_id),
                               "LOG_INSTALL_ROOT_HANDLER": str(log_format != "json")})
    queue_dir = stack.enter_context(request_queue(settings, bool(redis_url)))
    if redis_url:
        settings.set("EXTENSIONS", {**settings.getdict("EXTENSIONS"),
                                    "spiders.distributed.DistributedCrawl": 600}, priority="cmdline")
        settings.set("REDIS_PARAMS", client_params(settings.getfloat("KOMMUNARKIV_REDIS_OUTAGE_SECONDS")),
                     priority="cmdline")
    process = Process(settings)
    if log_format == "json":
        _json_logging(settings.get("LOG_LEVEL", "INFO"))
    crawlers = []
    for site in sites:
        crawler = process.create_crawler(spider_class(site))
        crawler.archive_engine = engine  # type: ignore[attr-defined]  # read by the store pipeline
        crawler.archive_lock = lock  # type: ignore[attr-defined]  # checked before each batch is stored
        if queue_dir:  # each site's queue a folder of its own
            crawler.settings.set("JOBDIR", str(Path(queue_dir) / site.slug), priority="cmdline")
        process.crawl(crawler)
        crawlers.append((site.slug, crawler))
    finish_watch = _watch(crawlers, on_progress) if on_progress else None
    process.start()
    if finish_watch:
        finish_watch()
    for key, error in (("kommunarkiv/lock_lost", Locked), ("kommunarkiv/archive_error", ArchiveError),
                       ("kommunarkiv/redis_error", ArchiveError)):
        fault = next((c.stats.get_value(key) for _, c in crawlers if c.stats.get_value(key)), None)
        if fault:  # another crawl took the archive, or it refused writes: no health checks; exit 5 or 4
            raise error(fault)
    outage = settings.getfloat("KOMMUNARKIV_DB_OUTAGE_SECONDS")
    outcomes = [SiteOutcome(slug, crawler.stats.get_stats(), list(getattr(crawler.spider, "failures", [])))
                for slug, crawler in crawlers]
    extra: dict[str, Any] = {"lock_retaken": lock.retaken} if lock.retaken else {}
    if stopped := process.stopped():
        # what was stored is whole and kept; the next crawl fetches the rest. No health checks: a
        # stopped crawl would fail them for having stopped.
        extra["stopped_by"] = stopped
        if len(process.signals_received) == 1:
            extra |= _watches(engine, run_id)
        patiently(engine, lambda: runs.finish_run(engine, run_id, "stopped", extra), outage, "recording the run")
        return CrawlResult(run_id, outcomes, [], stopped)
    problems = []
    max_error_rate = settings.getfloat("KOMMUNARKIV_MAX_ERROR_RATE")
    drop = settings.getfloat("KOMMUNARKIV_COVERAGE_DROP")
    recorded = runs.run_stats(engine, run_id).get("sites", {})
    for slug, _ in crawlers:
        now = recorded.get(slug)
        if now is None:
            problems.append(f"{slug}: the crawl stopped before storing anything (see the log)")
            continue
        problems += check_site(slug, now, runs.previous_site_stats(engine, slug, run_id), max_error_rate, drop)
    # still ours at the end? Else another crawl runs now: exit 5, not "finished"
    patiently(engine, lock.hold, outage, "checking the crawl lock")
    extra |= {"health": problems} | _watches(engine, run_id)
    patiently(engine, lambda: runs.finish_run(engine, run_id, "failed" if problems else "finished", extra), outage,
              "recording the run")
    return CrawlResult(run_id, outcomes, problems)


def _watches(engine: Engine, run_id: int) -> dict[str, Any]:
    watched = collect(engine, run_id)  # each saved search takes its new and changed articles
    return {"watches": watched, "notifications": notify(engine, watched, run_id)}
