"""Run a crawl of some sites in this process: take the archive's crawl lock, open a run record,
crawl with the project's settings plus overrides, then check each site's health and close the run.
The archive's engine is opened once by the caller and handed to every crawler's pipelines."""

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
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from archive import runs
from archive.db import ArchiveError
from archive.health import check_site
from archive.lock import crawl_lock
from archive.notify import notify
from archive.watches import collect
from records.crawlstats import summary_lines
from records.sites import Site
from spiders.distributed import redis_settings
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
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
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
    holds this archive. With `redis_url` this process is one worker of the distributed crawl
    `crawl_id`: no lock (the workers share the archive), the request queue and duplicate filter
    in Redis. `on_progress`, if given, is called on the crawl's thread with each site's Scrapy
    stats (slug -> stats) every PROGRESS_INTERVAL seconds and once at the end."""
    distributed = redis_settings(redis_url, crawl_id or "default") if redis_url else {}
    with contextlib.ExitStack() as stack:
        if not redis_url:
            stack.enter_context(crawl_lock(engine))
            runs.close_stale_runs(engine)
        run_id = runs.start_run(engine, [s.slug for s in sites])
        settings = crawl_settings({**(overrides or {}), **distributed, "KOMMUNARKIV_RUN_ID": str(run_id),
                                           "LOG_INSTALL_ROOT_HANDLER": str(log_format != "json")})
        queue_dir = stack.enter_context(request_queue(settings, bool(redis_url)))
        if redis_url:
            settings.set("EXTENSIONS", {**settings.getdict("EXTENSIONS"),
                                        "spiders.distributed.DistributedCrawl": 600}, priority="cmdline")
        process = CrawlerProcess(settings)
        if log_format == "json":
            _json_logging(settings.get("LOG_LEVEL", "INFO"))
        crawlers = []
        for site in sites:
            crawler = process.create_crawler(spider_class(site))
            crawler.archive_engine = engine  # type: ignore[attr-defined]  # read by the store pipeline
            if queue_dir:  # each site's queue a folder of its own
                crawler.settings.set("JOBDIR", str(Path(queue_dir) / site.slug), priority="cmdline")
            process.crawl(crawler)
            crawlers.append((site.slug, crawler))
        finish_watch = _watch(crawlers, on_progress) if on_progress else None
        process.start()
        if finish_watch:
            finish_watch()
        fault = next((c.stats.get_value("kommunarkiv/archive_error") for _, c in crawlers
                      if c.stats.get_value("kommunarkiv/archive_error")), None)
        if fault:  # the archive refused writes (disk full, read-only): no health checks, exit 4
            with contextlib.suppress(SQLAlchemyError):
                runs.finish_run(engine, run_id, "failed", {"health": [], "error": fault})
            raise ArchiveError(fault)
        outcomes, problems = [], []
        max_error_rate = settings.getfloat("KOMMUNARKIV_MAX_ERROR_RATE")
        drop = settings.getfloat("KOMMUNARKIV_COVERAGE_DROP")
        recorded = runs.run_stats(engine, run_id).get("sites", {})
        for slug, crawler in crawlers:
            outcomes.append(SiteOutcome(slug, crawler.stats.get_stats(),
                                        list(getattr(crawler.spider, "failures", []))))
            now = recorded.get(slug)
            if now is None:
                problems.append(f"{slug}: the crawl stopped before storing anything (see the log)")
                continue
            problems += check_site(slug, now, runs.previous_site_stats(engine, slug, run_id), max_error_rate,
                                   drop)
        watched = collect(engine, run_id)  # each saved search takes its new and changed articles
        notified = notify(engine, watched, run_id)
        runs.finish_run(engine, run_id, "failed" if problems else "finished",
                        {"health": problems, "watches": watched, "notifications": notified})
    return CrawlResult(run_id, outcomes, problems)
