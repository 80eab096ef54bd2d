"""Reading crawl run records."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from archive.models import CrawlRun
from archive.when import iso


def latest_runs(engine: Engine, limit: int = 10) -> list[dict[str, Any]]:
    with Session(engine) as s:
        runs = s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)).all()
        return [{"id": r.id, "status": r.status, "sites": r.sites,
                 "started_at": iso(r.started_at), "finished_at": iso(r.finished_at),
                 "stats": r.stats or {}} for r in runs]
