"""Writing crawled records into the archive: idempotent, revision-keeping, batched.

The same crawl twice changes nothing but last-seen times; a changed page adds a revision and never
overwrites the old one; each batch is one transaction, so a killed crawl leaves whole batches.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Iterable

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from archive.db import ArchiveError, storage_fault
from archive.models import (Article, ArticlePerson, ArticleTopic, ContactVersion, CrawlRun, Municipality, Page, Person,
                            QuoteRow, RawCapture, Revision, SearchDoc)
from archive.stories import index_article
from archive.text import analyse
from archive.topics import classify
from spiders.items import Capture, PageSeen

# Fields that make up an article's content: a change in any of them is a new revision. The
# contact footer (municipality-wide), the fetch URL and the extraction notes are not content.
CONTENT_FIELDS = ("title", "lead", "body", "subheadings", "published_at", "updated_at", "quotes", "people",
                  "page_contact", "images", "attachments")


RETRIES = 5
log = logging.getLogger(__name__)


def _hash(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def content_hash(record: dict[str, Any]) -> str:
    return _hash({k: record.get(k) for k in CONTENT_FIELDS})


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class SiteInfo:
    slug: str
    name: str
    base_url: str


@dataclass
class Incoming:
    site: SiteInfo
    record: dict[str, Any]
    capture: Capture | None = None  # a new fetch, stored with a new revision
    capture_id: int | None = None  # or a capture already stored (reparse)
    lastmod: str | None = None  # the sitemap's lastmod of the page when it was fetched


def _published_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


class ArchiveWriter:
    """Stores records; one instance per crawl process."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._municipality_ids: dict[str, int] = {}

    # -- crawl runs ------------------------------------------------------------------------------
    def start_run(self, sites: Iterable[str]) -> int:
        with Session(self.engine) as s, s.begin():
            run = CrawlRun(started_at=now(), sites=",".join(sites), status="running", stats={})
            s.add(run)
            s.flush()
            return run.id

    def finish_run(self, run_id: int, status: str, extra: dict[str, Any] | None = None) -> None:
        with Session(self.engine) as s, s.begin():
            run = s.get(CrawlRun, run_id)
            if run is not None:
                run.finished_at, run.status = now(), status
                run.stats = {**(run.stats or {}), **(extra or {})}

    def run_stats(self, run_id: int) -> dict[str, Any]:
        with Session(self.engine) as s:
            run = s.get(CrawlRun, run_id)
            return dict(run.stats or {}) if run else {}

    def record_site(self, run_id: int, site: str, stats: dict[str, Any]) -> None:
        """This site's part of the run record: {"sites": {slug: stats}}."""
        with Session(self.engine) as s, s.begin():
            run = s.get(CrawlRun, run_id)
            if run is not None:
                sites = dict((run.stats or {}).get("sites", {}))
                sites[site] = stats
                run.stats = {**(run.stats or {}), "sites": sites}

    def previous_site_stats(self, site: str, before_run: int, limit: int = 5) -> list[dict[str, Any]]:
        """This site's stats in the last `limit` runs that finished before `before_run`."""
        with Session(self.engine) as s:
            runs = s.scalars(select(CrawlRun).where(CrawlRun.id < before_run,
                                                    CrawlRun.status.in_(("finished", "failed")))
                             .order_by(CrawlRun.id.desc())).all()
        out = [r.stats["sites"][site] for r in runs if r.stats and site in r.stats.get("sites", {})]
        return out[:limit]

    def close_stale_runs(self) -> int:
        """Runs still marked running when a new crawl holds the lock were killed; say so."""
        with Session(self.engine) as s, s.begin():
            stale = s.scalars(select(CrawlRun).where(CrawlRun.status == "running")).all()
            for run in stale:
                run.status = "killed"
            return len(stale)

    # -- records ---------------------------------------------------------------------------------
    def _municipality(self, s: Session, site: SiteInfo) -> int:
        if site.slug not in self._municipality_ids:
            m = s.scalar(select(Municipality).where(Municipality.slug == site.slug))
            if m is None:
                m = Municipality(slug=site.slug, name=site.name, base_url=site.base_url)
                s.add(m)
                s.flush()
            self._municipality_ids[site.slug] = m.id
        return self._municipality_ids[site.slug]

    def _contact(self, s: Session, municipality_id: int, contact: dict[str, Any] | None, seen: datetime) -> None:
        if not contact:
            return
        digest = _hash(contact)
        latest = s.scalar(select(ContactVersion).where(ContactVersion.municipality_id == municipality_id)
                          .order_by(ContactVersion.id.desc()).limit(1))
        if latest is not None and latest.content_hash == digest:
            latest.last_seen_at = seen
            return
        s.add(ContactVersion(municipality_id=municipality_id, contact=contact, content_hash=digest,
                             first_seen_at=seen, last_seen_at=seen))
        m = s.get(Municipality, municipality_id)
        m.contact, m.contact_seen_at = contact, seen  # type: ignore[union-attr]

    def write(self, batch: list[Incoming | PageSeen], run_id: int | None = None) -> Counter[str]:
        """Store a batch of records and pages seen in one transaction. Returns counts of what
        happened: new_articles, new_revisions, unchanged (articles), pages_seen (other pages).

        When another writer got there first (workers of a distributed crawl creating the same
        person or municipality at once), the batch is rolled back and its items are stored one by
        one, each retried, so nothing is lost. A record that still cannot be stored is logged with
        its URL and counted as store_failed; each record is stored whole or not at all. A full
        disk or a read-only archive raises ArchiveError at once: retrying cannot help."""
        try:
            return self._write(batch, run_id)
        except (IntegrityError, OperationalError) as exc:
            if fault := storage_fault(exc):
                raise ArchiveError(fault) from None
            self._municipality_ids.clear()  # ids from the rolled-back transaction are void
        outcome: Counter[str] = Counter()
        for item in batch:
            for attempt in range(RETRIES):
                try:
                    outcome.update(self._write([item], run_id))
                    break
                except (IntegrityError, OperationalError) as exc:
                    self._municipality_ids.clear()
                    if attempt == RETRIES - 1:
                        url = item.url if isinstance(item, PageSeen) else item.record.get("url")
                        log.error("cannot store %s: %s", url, exc.orig if hasattr(exc, "orig") else exc)
                        outcome["store_failed"] += 1
                    else:
                        time.sleep(0.05 * (attempt + 1))
        return outcome

    def _write(self, batch: list[Incoming | PageSeen], run_id: int | None) -> Counter[str]:
        outcome: Counter[str] = Counter()
        seen = now()
        with Session(self.engine) as s, s.begin():
            for item in batch:
                if isinstance(item, PageSeen):
                    outcome[self._page_seen(s, item, seen)] += 1
                    continue
                mid = self._municipality(s, item.site)
                self._contact(s, mid, item.record.get("contact"), seen)
                outcome[self._store_record(s, mid, item, seen, run_id)] += 1
        return outcome

    @staticmethod
    def _page_row(s: Session, site: str, url: str, kind: str, status: int, seen: datetime) -> Page:
        page = s.get(Page, url)
        if page is None:
            page = Page(url=url, site=site, kind=kind, last_status=status, last_fetched_at=seen)
            s.add(page)
        page.kind, page.last_status, page.last_fetched_at = kind, status, seen
        return page

    def _page_seen(self, s: Session, item: PageSeen, seen: datetime) -> str:
        page = s.get(Page, item.url)
        if item.status is not None:
            page = self._page_row(s, item.site, item.url, item.kind, item.status, seen)
            if item.status == 200 or item.etag or item.last_modified:
                page.etag, page.last_modified = item.etag, item.last_modified
        if page is not None and item.lastmod:
            page.sitemap_lastmod = item.lastmod
        if page is None or page.article_id is None:
            return "pages_seen"
        article = s.get(Article, page.article_id)
        article.last_seen_at = seen
        if article.current_revision_id:
            s.get(Revision, article.current_revision_id).last_seen_at = seen
        return "unchanged"

    def _store_record(self, s: Session, mid: int, item: Incoming, seen: datetime, run_id: int | None) -> str:
        kind = self._store_article(s, mid, item, seen, run_id)
        if item.capture is not None:
            article_id = s.scalar(select(Article.id).where(Article.canonical_url == item.record["canonical_url"]))
            page = self._page_row(s, item.site.slug, item.capture.url, "article", item.capture.status, seen)
            headers = {k.lower(): v for k, v in item.capture.headers.items()}
            page.article_id, page.etag, page.last_modified = article_id, headers.get("etag"), headers.get("last-modified")
            page.sitemap_lastmod = item.lastmod or page.sitemap_lastmod
        return kind

    def _store_article(self, s: Session, mid: int, item: Incoming, seen: datetime, run_id: int | None) -> str:
        record = item.record
        digest = content_hash(record)
        article = s.scalar(select(Article).where(Article.canonical_url == record["canonical_url"]))
        if article is not None:
            current = s.get(Revision, article.current_revision_id) if article.current_revision_id else None
            article.last_seen_at = seen
            if current is not None and current.content_hash == digest:
                current.last_seen_at = seen
                return "unchanged"
        revision = Revision(content_hash=digest, record=record, first_seen_at=seen, last_seen_at=seen,
                            crawl_run_id=run_id)
        kind = "new_revisions"
        if article is None:
            kind = "new_articles"
            article = Article(canonical_url=record["canonical_url"], url=record["url"], municipality_id=mid,
                              first_seen_at=seen, last_seen_at=seen)
            s.add(article)
            s.flush()
        revision.article_id = article.id
        revision.capture_id = (self._capture(s, article.id, item.capture, run_id) if item.capture is not None
                               else item.capture_id)
        s.add(revision)
        s.flush()
        article.current_revision_id = revision.id
        article.url = record["url"]
        article.title = record.get("title")
        article.published_at = record.get("published_at")
        article.published_date = _published_date(record.get("published_at"))
        self._index(s, article.id, record)
        self._people(s, article.id, record)
        s.execute(delete(ArticleTopic).where(ArticleTopic.article_id == article.id))
        s.add_all([ArticleTopic(article_id=article.id, topic=t)
                   for t in classify(record.get("title"), record.get("lead"), record.get("body"))])
        index_article(s, article, record.get("body") or "", seen)
        return kind

    @staticmethod
    def _capture(s: Session, article_id: int, c: Capture, run_id: int | None) -> int:
        row = RawCapture(article_id=article_id, crawl_run_id=run_id, url=c.url, final_url=c.final_url,
                         status=c.status, request_headers=dict(c.request_headers), headers=dict(c.headers),
                         body=zlib.compress(c.body, 6), body_length=len(c.body),
                         body_sha256=hashlib.sha256(c.body).hexdigest(), fetched_at=c.fetched_at)
        s.add(row)
        s.flush()
        return row.id

    def _person_id(self, s: Session, name: str) -> int:
        pid = s.scalar(select(Person.id).where(Person.name == name))
        if pid is None:
            person = Person(name=name)
            s.add(person)
            s.flush()
            pid = person.id
        return pid

    def _people(self, s: Session, article_id: int, record: dict[str, Any]) -> None:
        """The people and quotes of the article's latest revision (earlier ones stay in revisions)."""
        s.execute(delete(QuoteRow).where(QuoteRow.article_id == article_id))
        s.execute(delete(ArticlePerson).where(ArticlePerson.article_id == article_id))
        quoted = {q.get("speaker") for q in record.get("quotes") or [] if q.get("speaker")}
        linked: set[int] = set()
        for p in record.get("people") or []:
            pid = self._person_id(s, p["name"])
            if pid not in linked:
                linked.add(pid)
                s.add(ArticlePerson(article_id=article_id, person_id=pid, role=p.get("role"),
                                    party=p.get("party"), quoted=p["name"] in quoted))
        for i, q in enumerate(record.get("quotes") or []):
            pid = self._person_id(s, q["speaker"]) if q.get("speaker") else None
            s.add(QuoteRow(article_id=article_id, position=i, text=q["text"], person_id=pid,
                           speaker=q.get("speaker"), role=q.get("role"), party=q.get("party")))

    @staticmethod
    def _index(s: Session, article_id: int, record: dict[str, Any]) -> None:
        title_words, title_stems = analyse(record.get("title"))
        words, stems = analyse("\n".join(filter(None, [record.get("lead"), record.get("body")])))
        doc = s.get(SearchDoc, article_id)
        if doc is None:
            s.add(SearchDoc(article_id=article_id, title_words=title_words, title_stems=title_stems,
                            words=words, stems=stems))
        else:
            doc.title_words, doc.title_stems, doc.words, doc.stems = title_words, title_stems, words, stems
