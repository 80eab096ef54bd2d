"""Writing crawled records into the archive: idempotent, revision-keeping, batched.

The same crawl twice changes nothing but last-seen times; a changed page adds a revision and never
overwrites the old one; each batch is one transaction, so a killed crawl leaves whole batches.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Iterable

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from archive.models import (Article, ArticlePerson, ContactVersion, CrawlRun, Municipality, Person, QuoteRow,
                            RawCapture, Revision, SearchDoc)
from archive.stories import index_article
from archive.text import analyse
from spiders.items import Capture

# Fields that make up an article's content: a change in any of them is a new revision. The
# contact footer (municipality-wide), the fetch URL and the extraction notes are not content.
CONTENT_FIELDS = ("title", "lead", "body", "subheadings", "published_at", "updated_at", "quotes", "people",
                  "page_contact", "images", "attachments")


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

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        with Session(self.engine) as s, s.begin():
            run = s.get(CrawlRun, run_id)
            if run is not None:
                run.finished_at, run.status, run.stats = now(), status, stats

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

    def write(self, batch: list[Incoming], run_id: int | None = None) -> Counter[str]:
        """Store a batch of records in one transaction. Returns counts of what happened:
        new_articles, new_revisions, unchanged."""
        outcome: Counter[str] = Counter()
        seen = now()
        with Session(self.engine) as s, s.begin():
            for item in batch:
                mid = self._municipality(s, item.site)
                self._contact(s, mid, item.record.get("contact"), seen)
                outcome[self._store_record(s, mid, item, seen, run_id)] += 1
        return outcome

    def _store_record(self, s: Session, mid: int, item: Incoming, seen: datetime, run_id: int | None) -> str:
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
