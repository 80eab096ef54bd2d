"""Writing crawled records into the archive: idempotent, revision-keeping, batched.

The same crawl twice changes nothing but last-seen times; a changed page adds a revision and never
overwrites the old one; each batch is one transaction, so a killed crawl leaves whole batches.
"""

from __future__ import annotations

import hashlib
import logging
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from archive.analysis import Analysis
from archive.bitmaps import Written, record_written
from archive.contacts import store_contacts
from archive.db import ArchiveError, server_gone, storage_fault
from archive.incoming import Incoming, content_hash
from archive.models import (
    Article,
    ArticlePerson,
    ArticleTopic,
    Municipality,
    Person,
    QuoteRow,
    RawCapture,
    Revision,
    SearchDoc,
    table_of,
)
from archive.names import initial_variant, plain_name
from archive.pages import store_pages
from archive.runs import now
from archive.stories import Entry, chunks, index_batch
from records.crawl import Capture, PageSeen
from records.sites import Site

RETRIES = 5
log = logging.getLogger(__name__)

def _published_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


class ArchiveWriter:
    """Stores batches of records and pages seen; one instance per crawl process."""

    def __init__(self, engine: Engine, cache_kb: int | None = None):
        self.engine = engine
        self.cache_kb = WRITE_CACHE_KB if cache_kb is None else cache_kb  # SQLite's page cache (write_cache)
        self._municipality_ids: dict[str, int] = {}

    def write(self, batch: list[Incoming | PageSeen], run_id: int | None = None) -> Counter[str]:
        """Store a batch of records and pages seen in one transaction. Returns counts of what
        happened: new_articles, new_revisions, unchanged (articles), pages_seen (other pages).

        When another writer got there first (workers of a distributed crawl creating the same
        person or municipality at once), the batch is rolled back and its items are stored one by
        one, each retried, so nothing is lost. A record that still cannot be stored is logged with
        its URL and counted as store_failed; each record is stored whole or not at all. A full
        disk or a read-only archive raises ArchiveError at once: retrying cannot help. A server
        that cannot be reached raises its error at once, the batch rolled back whole, for the
        caller to try the batch again (archive.outage)."""
        try:
            return self._write(batch, run_id)
        except (IntegrityError, OperationalError) as exc:
            self._municipality_ids.clear()  # ids from the rolled-back transaction are void
            if fault := storage_fault(exc):
                raise ArchiveError(fault) from None
            if server_gone(exc):
                raise
        outcome: Counter[str] = Counter()
        for item in batch:
            for attempt in range(RETRIES):
                try:
                    outcome.update(self._write([item], run_id))
                    break
                except (IntegrityError, OperationalError) as exc:
                    self._municipality_ids.clear()
                    if server_gone(exc):
                        raise
                    if attempt == RETRIES - 1:
                        url = item.url if isinstance(item, PageSeen) else item.record.get("url")
                        log.error("cannot store %s: %s", url, exc.orig if hasattr(exc, "orig") else exc)
                        outcome["store_failed"] += 1
                    else:
                        time.sleep(0.05 * (attempt + 1))
        return outcome

    def _write(self, batch: list[Incoming | PageSeen], run_id: int | None) -> Counter[str]:
        """One transaction of Core statements, each run once for many rows (executemany): the
        ORM's per-object flushes cost about 10 ms an article (profiled, see bench/ingest.py)."""
        outcome: Counter[str] = Counter()
        seen = now()
        with self.engine.begin() as conn:
            write_cache(conn, self.cache_kb)
            records = [item for item in batch if isinstance(item, Incoming)]
            mids = {slug: self._municipality(conn, site) for slug, site in {i.site.slug: i.site for i in records}.items()}
            store_contacts(conn, [(mids[i.site.slug], i.record.get("contact")) for i in records], seen)
            for wave in _waves(batch):
                _Wave(conn, seen, run_id, mids).store(wave, outcome)
        return outcome

    def _municipality(self, conn: Connection, site: Site) -> int:
        if site.slug not in self._municipality_ids:
            t = table_of(Municipality)
            mid = conn.scalar(select(t.c.id).where(t.c.slug == site.slug))
            if mid is None:
                mid = conn.execute(insert(t).values(slug=site.slug, name=site.name, base_url=site.base_url)
                                   .returning(t.c.id)).scalar_one()
            self._municipality_ids[site.slug] = mid
        return self._municipality_ids[site.slug]


WRITE_CACHE_KB = 65536


def write_cache(conn: Connection, kb: int = WRITE_CACHE_KB) -> None:
    """A larger SQLite page cache for writing connections (the default is 2 MB): with a million
    articles the LSH index (32 rows an article) is 1.5 GB, and each of a batch's bucket lookups
    and inserts then read its B-tree's inner pages again unless they stay cached
    (bench/neardup.py: 3.3x slower at 1M than at 10k articles with 2 MB)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA cache_size=-{kb}")


articles_t, revisions_t, captures_t = table_of(Article), table_of(Revision), table_of(RawCapture)
docs_t, topics_t = table_of(SearchDoc), table_of(ArticleTopic)
people_t, article_people_t, quotes_t = table_of(Person), table_of(ArticlePerson), table_of(QuoteRow)


def _waves(batch: list[Incoming | PageSeen]) -> Iterator[list[Incoming | PageSeen]]:
    """The batch cut where an article or page comes again, so that within a wave each is written
    once and the waves, in order, do what storing the items one by one would do."""
    wave: list[Incoming | PageSeen] = []
    keys: set[str] = set()
    for item in batch:
        mine = {item.url} if isinstance(item, PageSeen) else \
            {item.record["canonical_url"]} | ({item.capture.url} if item.capture is not None else set())
        if keys & mine:
            yield wave
            wave, keys = [], set()
        wave.append(item)
        keys |= mine
    if wave:
        yield wave


def _inserted_ids(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert many rows in one statement per few hundred; their ids, in the order of the rows."""
    if not rows:
        return []
    result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return list(result.scalars())


class _Wave:
    """Stores one wave of a batch: each statement once for all its rows."""

    def __init__(self, conn: Connection, seen: datetime, run_id: int | None, mids: dict[str, int]):
        self.conn, self.seen, self.run_id, self.mids = conn, seen, run_id, mids
        self.article_seen: set[int] = set()
        self.revision_seen: set[int] = set()

    def store(self, wave: list[Incoming | PageSeen], outcome: Counter[str]) -> None:
        records = [i for i in wave if isinstance(i, Incoming)]
        article_of = self._records(records, outcome) if records else {}
        articles, revisions = store_pages(self.conn, wave, article_of, outcome, self.seen)
        self.article_seen |= articles
        self.revision_seen |= revisions
        for ids in chunks(sorted(self.article_seen)):
            self.conn.execute(update(articles_t).where(articles_t.c.id.in_(ids)).values(last_seen_at=self.seen))
        for ids in chunks(sorted(self.revision_seen)):
            self.conn.execute(update(revisions_t).where(revisions_t.c.id.in_(ids)).values(last_seen_at=self.seen))

    def _records(self, records: list[Incoming], outcome: Counter[str]) -> dict[str, int]:
        """Articles and revisions; returns {capture URL: article id} for the pages table."""
        conn, seen = self.conn, self.seen
        existing: dict[str, tuple[int, int | None, int | None, str | None]] = {}
        urls = [i.record["canonical_url"] for i in records]
        for part in chunks(urls):
            q = (select(articles_t.c.canonical_url, articles_t.c.id, articles_t.c.current_revision_id,
                        articles_t.c.story_id, revisions_t.c.content_hash)
                 .select_from(articles_t.outerjoin(revisions_t, revisions_t.c.id == articles_t.c.current_revision_id))
                 .where(articles_t.c.canonical_url.in_(part)))
            existing.update((url, (aid, rid, sid, digest)) for url, aid, rid, sid, digest in conn.execute(q))
        changed: list[tuple[Incoming, str]] = []
        for item in records:
            digest = content_hash(item.record)
            old = existing.get(item.record["canonical_url"])
            if old is not None:
                self.article_seen.add(old[0])
                if old[1] is not None and old[3] == digest:
                    self.revision_seen.add(old[1])
                    outcome["unchanged"] += 1
                    continue
            outcome["new_revisions" if old is not None else "new_articles"] += 1
            changed.append((item, digest))
        new = [(item, digest) for item, digest in changed if item.record["canonical_url"] not in existing]
        new_ids = _inserted_ids(conn, articles_t, [
            {"canonical_url": i.record["canonical_url"], "url": i.record["url"], "municipality_id": self.mids[i.site.slug],
             "first_seen_at": seen, "last_seen_at": seen} for i, _ in new])
        ids = {i.record["canonical_url"]: aid for (i, _), aid in zip(new, new_ids, strict=True)}
        ids.update((url, old[0]) for url, old in existing.items())
        article_of = {i.capture.url: ids[i.record["canonical_url"]] for i in records if i.capture is not None}
        if not changed:
            return article_of
        article_ids = [ids[i.record["canonical_url"]] for i, _ in changed]
        captured = [(aid, i.capture) for aid, (i, _) in zip(article_ids, changed, strict=True) if i.capture is not None]
        capture_ids = iter(_inserted_ids(conn, captures_t, [_capture_row(aid, c, self.run_id) for aid, c in captured]))
        revision_ids = _inserted_ids(conn, revisions_t, [
            {"article_id": aid, "content_hash": digest, "record": i.record, "first_seen_at": seen,
             "last_seen_at": seen, "crawl_run_id": self.run_id,
             "capture_id": next(capture_ids) if i.capture is not None else i.capture_id}
            for aid, (i, digest) in zip(article_ids, changed, strict=True)])
        conn.execute(update(articles_t).where(articles_t.c.id == bindparam("b_id")).values(
            current_revision_id=bindparam("b_rid"), url=bindparam("b_url"), title=bindparam("b_title"),
            published_at=bindparam("b_at"), published_date=bindparam("b_date"), last_seen_at=seen),
            [{"b_id": aid, "b_rid": rid, "b_url": i.record["url"], "b_title": i.record.get("title"),
              "b_at": i.record.get("published_at"), "b_date": _published_date(i.record.get("published_at"))}
             for aid, rid, (i, _) in zip(article_ids, revision_ids, changed, strict=True)])
        self._index(article_ids, [i for i, _ in changed], existing, records)
        return article_of

    def _index(self, article_ids: list[int], changed: list[Incoming],
               existing: dict[str, tuple[int, int | None, int | None, str | None]], items: list[Incoming]) -> None:
        """Search text, topics, people and quotes, and stories of the articles' new revisions."""
        conn = self.conn
        records = [i.record for i in changed]
        analysed = [i.analysis or Analysis.of(i.record) for i in changed]
        old = [aid for aid, r in zip(article_ids, records, strict=True) if r["canonical_url"] in existing]
        for ids in chunks(old):
            for table in (docs_t, topics_t, quotes_t, article_people_t):
                conn.execute(delete(table).where(table.c.article_id.in_(ids)))
        conn.execute(insert(docs_t), [
            {"article_id": aid, "title_words": a.title_words, "title_stems": a.title_stems, "words": a.words,
             "stems": a.stems} for aid, a in zip(article_ids, analysed, strict=True)])
        topic_rows = [{"article_id": aid, "topic": t} for aid, a in zip(article_ids, analysed, strict=True)
                      for t in a.topics]
        if topic_rows:
            conn.execute(insert(topics_t), topic_rows)
        self._people(article_ids, records)
        muni = {i.record["canonical_url"]: self.mids[i.site.slug] for i in items}
        record_written(conn, [Written(aid, muni[r["canonical_url"]], r.get("published_at"), _published_date(
            r.get("published_at")), tuple(a.topics), r["canonical_url"] in existing)
            for aid, r, a in zip(article_ids, records, analysed, strict=True)])
        index_batch(conn, [Entry(aid, muni[r["canonical_url"]], existing.get(r["canonical_url"], (0, 0, None))[2],
                                 a.signature, reindexed=r["canonical_url"] in existing, record=r)
                           for aid, r, a in zip(article_ids, records, analysed, strict=True)], self.seen)

    def _people(self, article_ids: list[int], records: list[dict[str, Any]]) -> None:
        """The people and quotes of the articles' latest revisions (earlier ones stay in revisions)."""
        conn = self.conn
        roles: dict[str, set[str | None]] = {}
        for r in records:
            for p in r.get("people") or []:
                roles.setdefault(p["name"], set()).add(p.get("role"))
            for q in r.get("quotes") or []:
                if q.get("speaker"):
                    roles.setdefault(q["speaker"], set()).add(q.get("role"))
        if not roles:
            return
        plain = {n: plain_name(n) for n in roles}
        names = sorted(set(plain.values()))
        found: dict[str, int] = {}
        for part in chunks(names):
            found.update(conn.execute(select(people_t.c.name, people_t.c.id).where(people_t.c.name.in_(part))).all())
        for n in names:
            if n not in found and (pid := initial_variant(conn, n, {r for raw, p in plain.items() if p == n
                                                                    for r in roles[raw]})) is not None:
                found[n] = pid
        missing = [n for n in names if n not in found]
        found.update(zip(missing, _inserted_ids(conn, people_t, [{"name": n} for n in missing]), strict=True))
        person = {raw: found[p] for raw, p in plain.items()}
        links, quotes = [], []
        for aid, r in zip(article_ids, records, strict=True):
            quoted = {q.get("speaker") for q in r.get("quotes") or [] if q.get("speaker")}
            linked: set[int] = set()
            for p in r.get("people") or []:
                if person[p["name"]] not in linked:
                    linked.add(person[p["name"]])
                    links.append({"article_id": aid, "person_id": person[p["name"]], "role": p.get("role"),
                                  "party": p.get("party"), "quoted": p["name"] in quoted})
            quotes += [{"article_id": aid, "position": n, "text": q["text"],
                        "person_id": person[q["speaker"]] if q.get("speaker") else None, "speaker": q.get("speaker"),
                        "role": q.get("role"), "party": q.get("party")} for n, q in enumerate(r.get("quotes") or [])]
        if links:
            conn.execute(insert(article_people_t), links)
        if quotes:
            conn.execute(insert(quotes_t), quotes)

def _capture_row(article_id: int, c: Capture, run_id: int | None) -> dict[str, Any]:
    return {"article_id": article_id, "crawl_run_id": run_id, "url": c.url, "final_url": c.final_url,
            "status": c.status, "request_headers": dict(c.request_headers), "headers": dict(c.headers),
            "body": zlib.compress(c.body, 6), "body_length": len(c.body),
            "body_sha256": hashlib.sha256(c.body).hexdigest(), "fetched_at": c.fetched_at}
