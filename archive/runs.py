"""Crawl run records: one row per crawl, opened when it starts, closed with its status and each
site's stats, and read back for the health checks and `kommunarkiv runs`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from archive.models import CrawlRun
from archive.when import iso


def now() -> datetime:
    return datetime.now(UTC)


def start_run(engine: Engine, sites: Iterable[str]) -> int:
    with Session(engine) as s, s.begin():
        run = CrawlRun(started_at=now(), sites=",".join(sites), status="running", stats={})
        s.add(run)
        s.flush()
        return run.id


def finish_run(engine: Engine, run_id: int, status: str, extra: dict[str, Any] | None = None) -> None:
    with Session(engine) as s, s.begin():
        run = s.get(CrawlRun, run_id)
        if run is not None:
            run.finished_at, run.status = now(), status
            run.stats = {**(run.stats or {}), **(extra or {})}


def run_stats(engine: Engine, run_id: int) -> dict[str, Any]:
    with Session(engine) as s:
        run = s.get(CrawlRun, run_id)
        return dict(run.stats or {}) if run else {}


def record_site(engine: Engine, run_id: int, site: str, stats: dict[str, Any]) -> None:
    """This site's part of the run record: {"sites": {slug: stats}}."""
    with Session(engine) as s, s.begin():
        run = s.get(CrawlRun, run_id)
        if run is not None:
            sites = dict((run.stats or {}).get("sites", {}))
            sites[site] = stats
            run.stats = {**(run.stats or {}), "sites": sites}


def previous_site_stats(engine: Engine, site: str, before_run: int, limit: int = 5) -> list[dict[str, Any]]:
    """This site's stats in the last `limit` runs that finished before `before_run`."""
    with Session(engine) as s:
        runs = s.scalars(select(CrawlRun).where(CrawlRun.id < before_run,
                                                CrawlRun.status.in_(("finished", "failed")))
                         .order_by(CrawlRun.id.desc())).all()
    out = [r.stats["sites"][site] for r in runs if r.stats and site in r.stats.get("sites", {})]
    return out[:limit]


def close_stale_runs(engine: Engine, by_run: int) -> list[dict[str, Any]]:
    """Runs still marked running when crawl run `by_run` holds the lock were killed: their process
    died (SIGKILL, a crash, the machine), or it ended while the database could not be reached and
    so could not record its end. Marks them so and returns their id and start."""
    with Session(engine) as s, s.begin():
        stale = s.scalars(select(CrawlRun).where(CrawlRun.status == "running", CrawlRun.id != by_run)).all()
        for run in stale:
            run.status = "killed"
            run.stats = {**(run.stats or {}), "error": f"found still running by run {by_run}: its process died, "
                                                    "or could not reach the database to record its end"}
        return [{"id": run.id, "started_at": iso(run.started_at)} for run in stale]


def latest_runs(engine: Engine, limit: int = 10) -> list[dict[str, Any]]:
    with Session(engine) as s:
        runs = s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)).all()
        return [{"id": r.id, "status": r.status, "sites": r.sites,
                 "started_at": iso(r.started_at), "finished_at": iso(r.finished_at),
                 "stats": r.stats or {}} for r in runs]
