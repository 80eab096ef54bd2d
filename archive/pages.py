"""The pages table: what the next crawl needs of each page fetched or seen (ETag, Last-Modified,
the sitemap's lastmod, and the article it holds), so it can ask conditionally or skip the page."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from archive.incoming import Incoming
from archive.models import Article, Page, table_of
from archive.stories import chunks
from records.crawl import PageSeen

articles_t, pages_t = table_of(Article), table_of(Page)


def store_pages(conn: Connection, wave: list[Incoming | PageSeen], article_of: dict[str, int],
                outcome: Counter[str], seen: datetime) -> tuple[set[int], set[int]]:
    """Write the pages of one wave; returns the ids of the articles and of the revisions that were
    seen again unchanged (their last-seen times move on)."""
    article_seen: set[int] = set()
    revision_seen: set[int] = set()
    urls: list[str] = []
    for i in wave:
        if isinstance(i, PageSeen):
            urls.append(i.url)
        elif i.capture is not None:
            urls.append(i.capture.url)
    if not urls:
        return article_seen, revision_seen
    cols = [c.name for c in pages_t.columns]
    pages: dict[str, dict[str, Any]] = {}
    for part in chunks(urls):
        pages.update((row.url, dict(row._mapping)) for row in conn.execute(
            select(pages_t).where(pages_t.c.url.in_(part))))
    stored = set(pages)
    write: set[str] = set()
    held: set[int] = set()  # articles of pages seen unchanged: their current revision was seen again
    page: dict[str, Any] | None
    for item in wave:
        if isinstance(item, Incoming):
            if item.capture is None:
                continue
            c = item.capture
            headers = {k.lower(): v for k, v in c.headers.items()}
            page = pages.setdefault(c.url, {"url": c.url, "sitemap_lastmod": None})
            page.update(site=page.get("site") or item.site.slug, kind="article", last_status=c.status, last_fetched_at=seen,
                        article_id=article_of[c.url], etag=headers.get("etag"),
                        last_modified=headers.get("last-modified"),
                        sitemap_lastmod=item.lastmod or page["sitemap_lastmod"])
            write.add(c.url)
            continue
        page = pages.get(item.url)
        if item.status is not None:
            page = pages.setdefault(item.url, {"url": item.url, "article_id": None, "etag": None,
                                               "last_modified": None, "sitemap_lastmod": None})
            page.update(site=page.get("site") or item.site, kind=item.kind, last_status=item.status,
                        last_fetched_at=seen)
            if item.status == 200 or item.etag or item.last_modified:
                page.update(etag=item.etag, last_modified=item.last_modified)
            write.add(item.url)
        if page is not None and item.lastmod:
            page["sitemap_lastmod"] = item.lastmod
            write.add(item.url)
        if page is None or page.get("article_id") is None:
            outcome["pages_seen"] += 1
            continue
        article_seen.add(page["article_id"])
        held.add(page["article_id"])
        outcome["unchanged"] += 1
    fresh = [{c: pages[u].get(c) for c in cols} for u in urls if u in write and u not in stored]
    if fresh:
        conn.execute(insert(pages_t), list({row["url"]: row for row in fresh}.values()))
    again = [{"b_" + c: pages[u][c] for c in cols} for u in sorted(write & stored)]
    if again:
        conn.execute(update(pages_t).where(pages_t.c.url == bindparam("b_url")).values(
            {c: bindparam("b_" + c) for c in cols if c != "url"}), again)
    for ids in chunks(sorted(held)):
        revision_seen.update(rid for rid in conn.scalars(
            select(articles_t.c.current_revision_id).where(articles_t.c.id.in_(ids))) if rid is not None)


    return article_seen, revision_seen
