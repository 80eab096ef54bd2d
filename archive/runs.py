"""Reading crawl run records."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from archive.models import CrawlRun


def latest_runs(engine: Engine, limit: int = 10) -> list[dict[str, Any]]:
    with Session(engine) as s:
        runs = s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)).all()
        return [{"id": r.id, "status": r.status, "sites": r.sites,
                 "started_at": r.started_at.isoformat(), "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                 "stats": r.stats or {}} for r in runs]
