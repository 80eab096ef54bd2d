"""Watches: saved searches. Their Atom feed shows the newest FEED_SIZE matches from the moment the
watch is added, and each article changed since (with its word diff). After each crawl run a
watch collects what the run stored that matches it and is new or changed since the watch was
made: that, and only that, goes out by e-mail and webhook (archive/notify.py). So a watch added
to a full archive does not flood anyone, and one added before the first crawl reports that
crawl's matches."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast
from urllib.parse import quote

from sqlalchemy import Engine, Select, delete, func, select
from sqlalchemy.orm import Session

from archive.history import changed_fields
from archive.models import Article, Municipality, Revision, Watch, WatchEntry
from archive.places import resolve as resolve_municipalities
from archive.query import parse_query
from archive.search import matching_ids, search
from archive.when import ZONE, iso

WATCHED_FIELDS = ("title", "published_at", "updated_at", "lead", "body")
FEED_SIZE = 50


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


def describe(engine: Engine, watch: Watch, smtp_configured: bool) -> list[str]:
    """What a watch will send and when, in lines for the one who added it."""
    matching = len(matching_ids(engine, watch.query))
    name = watch.name
    lines = [f"watching {name!r}: {watch.query}",
             f"feed: the {min(matching, FEED_SIZE)} newest of the {matching} articles matching it now, then each new or "
             f"changed match (kommunarkiv watch feed {shlex.quote(name)}, or /watches/{quote(name)}.atom when served)"]
    targets = [f"e-mailed to {watch.email}" + ("" if smtp_configured else
                                                " (set KOMMUNARKIV_SMTP_HOST for the crawl, or nothing is sent)")
               ] if watch.email else []
    targets += [f"posted as JSON to {watch.webhook_url}"] if watch.webhook_url else []
    if targets:
        what = ("after each crawl, the articles it stored from now on that match (new ones, and changes to title, "
                "dates, lead or body with the word diff) are " + " and ".join(targets))
        lines.append(what + ("; the archive is empty, so the first crawl's matches will all be sent" if not matching
                             else f"; the {matching} matching already archived are not sent"))
    else:
        lines.append("no e-mail or webhook: the feed only (add the watch again with --email or --webhook)")
    return lines


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
    """Give each watch what the crawl run `run_id` stored that matches it and was first seen after
    the watch was made: new articles, and new revisions whose watched fields changed. Returns new
    entries per watch."""
    found: dict[str, int] = {}
    with Session(engine) as s:
        watches = s.scalars(select(Watch)).all()
        revisions = s.execute(select(Revision.id, Revision.article_id, Revision.first_seen_at)
                              .where(Revision.crawl_run_id == run_id).order_by(Revision.id)).all()
    for watch in watches:
        made = _aware(watch.created_at)
        fresh = [(rid, aid) for rid, aid, seen in revisions if _aware(seen) >= made]
        matches = set(matching_ids(engine, watch.query)) if fresh else set()
        entries = []
        with Session(engine) as s, s.begin():
            stored = s.get(Watch, watch.id)
            assert stored is not None  # it was read above; watches are not removed during a run
            stored.last_run_id = run_id
            for revision_id, article_id in fresh:
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


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes of what was stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass
class FeedEntry:
    """One article of a watch's feed or digest: a match, or a change to one (with its diffs)."""

    id: str  # stable: the article's for a match, the entry's for a change
    kind: str  # new | changed
    title: str
    url: str
    municipality: str
    published_at: str | None  # the article's own dates, as the page gave them
    updated_at: str | None
    found_at: datetime
    summary: str


def _watch(s: Session, name: str) -> Watch:
    watch = s.scalar(select(Watch).where(Watch.name == name))
    if watch is None:
        raise WatchNotFound(f"no watch named {name!r}")
    return watch


def _item(watch: Watch, entry: WatchEntry | None, article_id: int, record: dict[str, Any], url: str, slug: str,
          seen: datetime) -> FeedEntry:
    base = f"urn:kommunarkiv:watch:{quote(watch.name)}"
    if entry is not None and entry.kind == "changed":
        summary = "Ändrad: " + "; ".join(f"{field}: {diff}" for field, diff in (entry.changes or {}).items())
        ident = f"{base}:change:{entry.id}"
    else:
        summary = record.get("lead") or " ".join((record.get("body") or "").split()[:60])
        ident = f"{base}:article:{article_id}"
    return FeedEntry(id=ident, kind=entry.kind if entry is not None else "new", title=record.get("title") or url,
                     url=url, municipality=slug, published_at=record.get("published_at"),
                     updated_at=record.get("updated_at"), found_at=_aware(seen), summary=summary)


def _rows(s: Session, query: Select[Any]) -> Sequence[Any]:
    """The query's rows (an entry or article id, record, URL, slug and more) joined to article and municipality."""
    return s.execute(query.join(Article, Article.id == Revision.article_id)
                     .join(Municipality, Municipality.id == Article.municipality_id)).all()


def run_entries(engine: Engine, name: str, run_id: int) -> tuple[Watch, list[FeedEntry]]:
    """What the watch collected in one crawl run: what its digest and webhook send."""
    with Session(engine) as s:
        watch = _watch(s, name)
        rows = _rows(s, select(WatchEntry, Revision.record, Article.canonical_url, Municipality.slug)
                     .join(Revision, Revision.id == WatchEntry.revision_id)
                     .where(WatchEntry.watch_id == watch.id, WatchEntry.crawl_run_id == run_id)
                     .order_by(WatchEntry.id))
        items = [_item(watch, e, e.article_id, record, url, slug, e.found_at) for e, record, url, slug in rows]
        s.expunge(watch)
        return watch, items


def entries(engine: Engine, name: str, limit: int = FEED_SIZE) -> tuple[Watch, list[FeedEntry]]:
    """The feed: the newest `limit` matches by publication date, and the `limit` latest changes to
    matching articles, newest first by the article's own date."""
    with Session(engine) as s:
        watch = _watch(s, name)
    hits = search(engine, watch.query, limit=limit, sort="date", collapse=False).hits
    newest = [h.id for h in hits]
    with Session(engine) as s:
        changes = _rows(s, select(WatchEntry, Revision.record, Article.canonical_url, Municipality.slug)
                        .join(Revision, Revision.id == WatchEntry.revision_id)
                        .where(WatchEntry.watch_id == watch.id, WatchEntry.kind == "changed")
                        .order_by(WatchEntry.id.desc()).limit(limit))
        current = _rows(s, select(Article.id, Revision.record, Article.canonical_url, Municipality.slug,
                                  Article.first_seen_at)
                        .select_from(Revision).where(Revision.id == Article.current_revision_id,
                                                     Article.id.in_(newest))) if newest else []
    items = [_item(watch, e, e.article_id, record, url, slug, e.found_at) for e, record, url, slug in changes]
    items += [_item(watch, None, aid, record, url, slug, seen) for aid, record, url, slug, seen in current]
    # by the moment each date names, the later of the two as the Atom feed's <updated> takes it (an
    # update dated before its publication is the publication): ISO text of two UTC offsets does not
    # sort as time ("00:30+01:00" is before "23:45Z" the day before); no readable date, last
    items.sort(key=lambda i: (max(_date(i.updated_at, _UNDATED), _date(i.published_at, _UNDATED)), i.found_at),
               reverse=True)
    return watch, items


_UNDATED = datetime.min.replace(tzinfo=UTC)


def _date(value: str | None, fallback: datetime) -> datetime:
    """An article's ISO date as an aware datetime, else the fallback (a moment the archive stored, in
    UTC). A date without a zone is the sites' own, Stockholm's: "Senast uppdaterad 2024-10-01" began at
    midnight there, not at midnight UTC (two hours later in summer)."""
    try:
        moment = datetime.fromisoformat(value) if value else None
    except ValueError:
        moment = None
    if moment is None:
        return _aware(fallback)
    return moment if moment.tzinfo else moment.replace(tzinfo=ZONE)


def _entry_dates(item: FeedEntry) -> tuple[datetime, datetime]:
    """An entry's <published> and <updated>: the article's own dates. A change the page does not date
    is dated when it was found; an update is never before the publication (a page that gives its
    update as a date alone, on the day it was published at ten, was updated that day: at ten)."""
    published = _date(item.published_at, item.found_at)
    updated = _date(item.updated_at, published if item.kind == "new" else item.found_at)
    return published, max(updated, published)


def atom_feed(engine: Engine, name: str, feed_url: str | None = None) -> bytes:
    """The watch's feed as Atom 1.0 (feedgen): each entry's <published> and <updated> are the
    article's own dates; `feed_url`, where the feed is served, is its rel="self" link; an entry
    for a changed article carries the word diffs."""
    from feedgen.feed import FeedGenerator

    watch, items = entries(engine, name)
    fg = FeedGenerator()
    fg.id(f"urn:kommunarkiv:watch:{quote(watch.name)}")
    fg.title(f"kommunarkiv: {watch.name}")
    fg.subtitle(f"Nya och ändrade nyheter för sökningen {watch.query}")
    if feed_url:
        fg.link(href=feed_url, rel="self")
    fg.language("sv")
    dates = [_entry_dates(i) for i in items]
    fg.updated(max(updated for _, updated in dates) if dates else _aware(watch.created_at))
    for item, (published, updated) in reversed(list(zip(items, dates, strict=True))):  # feedgen prepends
        fe = fg.add_entry()
        fe.id(item.id)
        fe.title(("Ändrad: " if item.kind == "changed" else "") + item.title)
        fe.link(href=item.url)
        fe.published(published)
        fe.updated(updated)
        fe.summary(item.summary)
        fe.category(term=item.municipality)
    return cast(bytes, fg.atom_str(pretty=True))
