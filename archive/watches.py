"""Watches: saved searches that collect, after each crawl run, their new matches (new articles,
and new revisions whose title, dates, lead or body changed), and an Atom feed of them.

A watch's first crawl run is its baseline: what the archive holds then is not news to the watch,
so a watch added to a full archive does not open with a thousand entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from archive.history import changed_fields
from archive.models import Article, Municipality, Revision, Watch, WatchEntry
from archive.places import resolve as resolve_municipalities
from archive.query import parse_query
from archive.search import matching_ids
from archive.when import iso

WATCHED_FIELDS = ("title", "published_at", "updated_at", "lead", "body")


class WatchError(ValueError):
    """A watch that cannot be added or found; the message says why."""


class WatchNotFound(WatchError, LookupError):
    pass


def add_watch(engine: Engine, name: str, query: str, email: str | None = None,
              webhook_url: str | None = None) -> Watch:
    parsed = parse_query(query)  # a malformed query is refused now, not at the next crawl (QueryError)
    if parsed.municipalities:
        resolve_municipalities(engine, parsed.municipalities)  # so is an unknown kommun:
    if not name.strip() or len(name) > 100:
        raise WatchError("a watch needs a name of 1 to 100 characters")
    if email and "@" not in email:
        raise WatchError(f"{email!r} is not an e-mail address")
    if webhook_url and not webhook_url.startswith(("http://", "https://")):
        raise WatchError(f"webhook {webhook_url!r} must be an http(s) URL")
    with Session(engine) as s, s.begin():
        if s.scalar(select(Watch).where(Watch.name == name)):
            raise WatchError(f"a watch named {name!r} exists already: remove it first")
        watch = Watch(name=name, query=query, created_at=datetime.now(UTC), email=email,
                      webhook_url=webhook_url)
        s.add(watch)
        s.flush()
        s.expunge(watch)
        return watch


def remove_watch(engine: Engine, name: str) -> None:
    with Session(engine) as s, s.begin():
        watch = s.scalar(select(Watch).where(Watch.name == name))
        if watch is None:
            raise WatchNotFound(f"no watch named {name!r}")
        s.execute(delete(WatchEntry).where(WatchEntry.watch_id == watch.id))
        s.execute(delete(Watch).where(Watch.id == watch.id))


def list_watches(engine: Engine) -> list[dict[str, Any]]:
    with Session(engine) as s:
        counts = dict(s.execute(select(WatchEntry.watch_id, func.count()).group_by(WatchEntry.watch_id)).all())
        return [{"name": w.name, "query": w.query, "created_at": iso(w.created_at), "email": w.email,
                 "webhook_url": w.webhook_url, "entries": counts.get(w.id, 0)}
                for w in s.scalars(select(Watch).order_by(Watch.name))]


def collect(engine: Engine, run_id: int) -> dict[str, int]:
    """Give each watch what the crawl run `run_id` stored that matches it. Returns new entries per watch."""
    found: dict[str, int] = {}
    with Session(engine) as s:
        watches = s.scalars(select(Watch)).all()
        revisions = s.execute(select(Revision.id, Revision.article_id).where(Revision.crawl_run_id == run_id)).all()
    for watch in watches:
        if watch.last_run_id is None:  # the baseline run
            with Session(engine) as s, s.begin():
                stored = s.get(Watch, watch.id)
                assert stored is not None  # it was read above; watches are not removed during a run
                stored.last_run_id = run_id
            found[watch.name] = 0
            continue
        matches = set(matching_ids(engine, watch.query)) if revisions else set()
        entries = []
        with Session(engine) as s, s.begin():
            stored = s.get(Watch, watch.id)
            assert stored is not None  # it was read above; watches are not removed during a run
            stored.last_run_id = run_id
            for revision_id, article_id in revisions:
                if article_id not in matches:
                    continue
                previous = s.scalar(select(Revision).where(Revision.article_id == article_id,
                                                           Revision.id < revision_id).order_by(Revision.id.desc()))
                if previous is None:
                    kind, changes = "new", None
                else:
                    current = s.get(Revision, revision_id)
                    assert current is not None  # the run's own revision, read above
                    changes = {k: v for k, v in changed_fields(previous.record, current.record).items()
                               if k in WATCHED_FIELDS}
                    if not changes:
                        continue  # only quotes, images or the page contact changed
                    kind = "changed"
                entries.append(WatchEntry(watch_id=watch.id, article_id=article_id, revision_id=revision_id,
                                          kind=kind, changes=changes, found_at=datetime.now(UTC),
                                          crawl_run_id=run_id))
            s.add_all(entries)
        found[watch.name] = len(entries)
    return found


@dataclass
class FeedEntry:
    id: int
    kind: str
    title: str
    url: str
    municipality: str
    published_at: str | None
    found_at: datetime
    summary: str


def entries(engine: Engine, name: str, limit: int = 100) -> tuple[Watch, list[FeedEntry]]:
    with Session(engine) as s:
        watch = s.scalar(select(Watch).where(Watch.name == name))
        if watch is None:
            raise WatchNotFound(f"no watch named {name!r}")
        rows = s.execute(
            select(WatchEntry, Revision.record, Article.canonical_url, Municipality.slug)
            .join(Revision, Revision.id == WatchEntry.revision_id)
            .join(Article, Article.id == WatchEntry.article_id)
            .join(Municipality, Municipality.id == Article.municipality_id)
            .where(WatchEntry.watch_id == watch.id).order_by(WatchEntry.id.desc()).limit(limit)).all()
        out = []
        for entry, record, url, slug in rows:
            if entry.kind == "changed":
                summary = "Ändrad: " + "; ".join(f"{field}: {diff}" for field, diff in (entry.changes or {}).items())
            else:
                summary = record.get("lead") or " ".join((record.get("body") or "").split()[:60])
            out.append(FeedEntry(id=entry.id, kind=entry.kind, title=record.get("title") or url, url=url,
                                 municipality=slug, published_at=record.get("published_at"),
                                 found_at=entry.found_at.replace(tzinfo=entry.found_at.tzinfo or UTC),
                                 summary=summary))
        s.expunge(watch)
        return watch, out


def atom_feed(engine: Engine, name: str, feed_url: str = "urn:kommunarkiv:watch") -> bytes:
    """The watch's entries as Atom 1.0 (feedgen): title, link, date and summary per entry; an entry
    for a changed article says what changed."""
    from feedgen.feed import FeedGenerator

    watch, items = entries(engine, name)
    fg = FeedGenerator()
    fg.id(f"{feed_url}:{watch.name}")
    fg.title(f"kommunarkiv: {watch.name}")
    fg.subtitle(f"Nya och ändrade nyheter för sökningen {watch.query}")
    fg.link(href=feed_url, rel="self")
    fg.language("sv")
    fg.updated(items[0].found_at if items else watch.created_at.replace(tzinfo=watch.created_at.tzinfo or UTC))
    for item in reversed(items):  # feedgen prepends
        fe = fg.add_entry()
        fe.id(f"{feed_url}:{watch.name}:entry:{item.id}")
        fe.title(("Ändrad: " if item.kind == "changed" else "") + item.title)
        fe.link(href=item.url)
        fe.updated(item.found_at)
        fe.published(item.found_at)
        fe.summary(item.summary)
        fe.category(term=item.municipality)
    return cast(bytes, fg.atom_str(pretty=True))
