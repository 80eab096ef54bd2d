"""What the incremental crawl knows of each site's pages, read at the start of a crawl."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from archive.models import Page
from records.crawl import Known

BATCH = 1000  # rows fetched at a time: a site's pages are read through, never held all at once


def known_pages(engine: Engine, site: str) -> Iterator[tuple[str, Known]]:
    """(URL, what the archive knows of it) for every page of `site` the archive has."""
    with Session(engine) as s:
        rows = s.execute(select(Page.url, Page.kind, Page.etag, Page.last_modified, Page.sitemap_lastmod,
                                Page.last_status).where(Page.site == site).execution_options(yield_per=BATCH))
        for url, kind, etag, lm, slm, status in rows:
            yield url, Known(kind, etag, lm, slm, status)
