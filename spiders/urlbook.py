"""What a spider remembers of every URL of its crawl, on disk (spiders.scratch): how each URL was
found (bits, one a way), the sitemap's lastmod of a page until the page is handled, whether the
news listing has shown it, and what the archive knew of each page when the crawl began.

Held in dicts and sets this grew with the site for the whole crawl (about 1 KB a page, tracemalloc,
9,300-page crawl), and a 100,000-page crawl peaked at 1.61x the memory of a 10,000-page one. It
cannot travel in the requests instead: a URL already queued (on disk) may be found another way
later, and that later way decides whether the page is news."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from records.crawl import Known
from spiders.scratch import Scratch

SCHEMA = """
CREATE TABLE urls (
    url TEXT PRIMARY KEY,
    via INTEGER NOT NULL DEFAULT 0,   -- the ways it was found this crawl; 0: not found (yet)
    lastmod TEXT,                     -- the sitemap's, until the page is handled
    shown INTEGER NOT NULL DEFAULT 0  -- the news listing showed it
) WITHOUT ROWID;
CREATE TABLE known (
    url TEXT PRIMARY KEY, kind TEXT NOT NULL, etag TEXT, last_modified TEXT, sitemap_lastmod TEXT,
    last_status INTEGER NOT NULL
) WITHOUT ROWID;
"""
IN_CHUNK = 500  # URLs a lookup asks for at once


class UrlBook:
    def __init__(self) -> None:
        self.scratch = Scratch(SCHEMA)
        self.knows_any = False  # whether the archive knew any page of the site

    # -- this crawl ------------------------------------------------------------------------------
    def found(self, url: str, bit: int) -> int:
        """Add `bit` to the ways `url` was found; the ways it had been found before (0: never)."""
        before = self.via(url)
        if not before & bit:
            self.scratch.write("INSERT INTO urls (url, via) VALUES (?, ?) "
                               "ON CONFLICT (url) DO UPDATE SET via = via | excluded.via", (url, bit))
        return before

    def via(self, url: str) -> int:
        row = self.scratch.one("SELECT via FROM urls WHERE url = ?", (url,))
        return row[0] if row else 0

    def set_lastmod(self, url: str, lastmod: str) -> None:
        self.scratch.write("INSERT INTO urls (url, lastmod) VALUES (?, ?) "
                           "ON CONFLICT (url) DO UPDATE SET lastmod = excluded.lastmod", (url, lastmod))

    def take_lastmod(self, url: str) -> str | None:
        """The sitemap's lastmod of `url`, forgotten once taken (the page is handled)."""
        row = self.scratch.one("SELECT lastmod FROM urls WHERE url = ?", (url,))
        if row is None or row[0] is None:
            return None
        self.scratch.write("UPDATE urls SET lastmod = NULL WHERE url = ?", (url,))
        return str(row[0])

    def unshown(self, urls: Sequence[str]) -> list[str]:
        """Those of `urls` the news listing has not shown before."""
        out = []
        for url in urls:
            row = self.scratch.one("SELECT shown FROM urls WHERE url = ?", (url,))
            if not (row and row[0]):
                out.append(url)
        return out

    def show(self, urls: Iterable[str]) -> None:
        self.scratch.write_many("INSERT INTO urls (url, shown) VALUES (?, 1) "
                                "ON CONFLICT (url) DO UPDATE SET shown = 1", ((u,) for u in urls))

    # -- earlier crawls --------------------------------------------------------------------------
    def learn(self, pages: Iterable[tuple[str, Known]]) -> None:
        """What the archive knows of the site's pages, before the crawl; taken again whole if repeated."""
        batch: list[tuple[str, str, str | None, str | None, str | None, int]] = []
        for url, k in pages:
            batch.append((url, k.kind, k.etag, k.last_modified, k.sitemap_lastmod, k.last_status))
            if len(batch) >= IN_CHUNK:
                self._learn(batch)
                batch = []
        self._learn(batch)

    def _learn(self, batch: list[tuple[str, str, str | None, str | None, str | None, int]]) -> None:
        if batch:
            self.scratch.write_many("INSERT OR REPLACE INTO known VALUES (?, ?, ?, ?, ?, ?)", batch)
            self.knows_any = True

    def known(self, urls: Sequence[str]) -> dict[str, Known]:
        """What the archive knew of those of `urls` it knew."""
        out: dict[str, Known] = {}
        if not self.knows_any:
            return out
        for i in range(0, len(urls), IN_CHUNK):
            part = urls[i:i + IN_CHUNK]
            marks = ",".join("?" * len(part))
            for url, *k in self.scratch.db.execute(f"SELECT * FROM known WHERE url IN ({marks})", part):
                out[url] = Known(*k)
        return out

    def close(self) -> None:
        self.scratch.close()
