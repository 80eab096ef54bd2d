"""What the incremental crawl knows of each site's pages, read at the start of a crawl."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from archive.models import Page
from records.crawl import Known


def known_pages(engine: Engine, site: str) -> dict[str, Known]:
    with Session(engine) as s:
        rows = s.execute(select(Page.url, Page.kind, Page.etag, Page.last_modified, Page.sitemap_lastmod,
                                Page.last_status).where(Page.site == site)).all()
    return {url: Known(kind, etag, lm, slm, status) for url, kind, etag, lm, slm, status in rows}
