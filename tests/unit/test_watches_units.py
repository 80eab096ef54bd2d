"""archive/watches.py's parts called directly on values written out here: a feed entry made of a
record (_item), an article's date read for the Atom feed (_date, _aware), and the exact Atom
document of a small watch. Fast, so a mutation run can afford them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import feedgen.feed  # noqa: F401 - imported at collection, once: atom_feed imports it on first use, in every mutation worker otherwise
import feedparser
import pytest
from sqlalchemy import event, update
from sqlalchemy.orm import Session

import archive.watches
from archive import runs
from archive.models import Watch
from archive.watches import FeedEntry, _aware, _date, _item, add_watch, atom_feed, collect, entries, run_entries
from archive.writer import ArchiveWriter
from tests.unit.archives import new_archive
from tests.unit.records import batch, record

FOUND = datetime(2024, 3, 8, 12, 30, tzinfo=UTC)
WATCH = SimpleNamespace(name="två ord")
RECORD = {"title": "Samverkan om IT", "lead": "Ny samverkan.", "body": "Arboga fördjupar sin samverkan.",
          "published_at": "2024-03-05T10:00:00+01:00", "updated_at": "2024-03-07"}
URL = "https://www.arboga.se/samverkan.html"


def test_a_match_is_an_item_of_the_article_summed_up_by_its_lead():
    assert _item(WATCH, None, 12, RECORD, URL, "arboga", FOUND) == FeedEntry(
        id="urn:kommunarkiv:watch:tv%C3%A5%20ord:article:12", kind="new", title="Samverkan om IT", url=URL,
        municipality="arboga", published_at="2024-03-05T10:00:00+01:00", updated_at="2024-03-07", found_at=FOUND,
        summary="Ny samverkan.")


def test_a_match_with_no_lead_is_summed_up_by_the_first_sixty_words_of_its_body():
    body = "  ".join(f"ord{i}" for i in range(61)) + "\n"
    item = _item(WATCH, None, 12, {"lead": "", "body": body}, URL, "arboga", FOUND.replace(tzinfo=None))
    assert item.summary == " ".join(f"ord{i}" for i in range(60))
    assert (item.title, item.published_at, item.updated_at, item.found_at) == (URL, None, None, FOUND)
    assert _item(WATCH, None, 12, {"title": ""}, URL, "arboga", FOUND).summary == ""
    assert _item(WATCH, None, 12, {"title": ""}, URL, "arboga", FOUND).title == URL


def test_a_change_is_an_item_of_the_entry_summed_up_by_its_diffs():
    entry = SimpleNamespace(kind="changed", id=7, changes={"title": "Samverkan {+växer+}", "body": "[-a-] {+b+}"})
    item = _item(WATCH, entry, 12, RECORD, URL, "arboga", FOUND)
    assert (item.id, item.kind, item.summary) == ("urn:kommunarkiv:watch:tv%C3%A5%20ord:change:7", "changed",
                                                  "Ändrad: title: Samverkan {+växer+}; body: [-a-] {+b+}")
    assert _item(WATCH, SimpleNamespace(kind="changed", id=8, changes=None), 12, RECORD, URL, "s", FOUND).summary \
        == "Ändrad: "


def test_an_entry_of_a_new_article_is_an_item_of_the_article():
    entry = SimpleNamespace(kind="new", id=7, changes=None)
    item = _item(WATCH, entry, 12, RECORD, URL, "arboga", FOUND)
    assert (item.id, item.kind, item.summary) == ("urn:kommunarkiv:watch:tv%C3%A5%20ord:article:12", "new",
                                                  "Ny samverkan.")


@pytest.mark.parametrize("value, read", [
    ("2024-03-05", datetime(2024, 3, 5, tzinfo=ZoneInfo("Europe/Stockholm"))),  # the sites' midnight: 23:00 UTC
    ("2024-03-05T10:00:00+01:00", datetime(2024, 3, 5, 10, tzinfo=timezone(timedelta(hours=1)))),
    ("2024-03-05T10:00:00", datetime(2024, 3, 5, 10, tzinfo=ZoneInfo("Europe/Stockholm"))),
    (None, FOUND), ("", FOUND), ("i tisdags", FOUND), ("2024-13-01", FOUND),
])
def test_an_articles_date_is_read_aware_or_is_the_fallback(value, read):
    moment = _date(value, FOUND)
    assert moment == read and moment.utcoffset() == read.utcoffset()


def test_a_naive_fallback_is_made_utc_and_an_aware_moment_keeps_its_zone():
    assert _date(None, datetime(2024, 3, 5, 10)).tzinfo is UTC
    assert _aware(datetime(2024, 3, 5, 10)) == datetime(2024, 3, 5, 10, tzinfo=UTC)
    stockholm = timezone(timedelta(hours=1))
    assert _aware(datetime(2024, 3, 5, 10, tzinfo=stockholm)).tzinfo is stockholm


@pytest.fixture
def engine(tmp_path):
    engine = new_archive(tmp_path)
    yield engine
    engine.dispose()


def watched(engine, name: str, query: str, made: datetime = datetime(2000, 1, 1, tzinfo=UTC)) -> None:
    add_watch(engine, name, query)
    with Session(engine) as s, s.begin():
        s.execute(update(Watch).where(Watch.name == name).values(created_at=made))


def crawled(engine, *records: dict) -> int:
    run = runs.start_run(engine, sorted({r["municipality"] for r in records}))
    ArchiveWriter(engine).write(batch(*records), run)
    collect(engine, run)
    return run


NEWER = record("arboga", "/ny.html", "Samverkan ny", "Samverkan om vatten.", "2024-03-05T10:00:00+01:00")
OLDER = record("koping", "/gammal.html", "Samverkan gammal", "Samverkan om skolor.", "2023-01-02")
UNDATED = record("kungsor", "/odaterad.html", "Samverkan odaterad", "Samverkan om vägar.", None)


def test_the_feed_puts_an_article_of_no_date_last(engine):
    watched(engine, "samverkan", "samverkan")
    crawled(engine, UNDATED, OLDER, NEWER)
    assert [i.url for i in entries(engine, "samverkan")[1]] == [NEWER["url"], OLDER["url"], UNDATED["url"]]


def test_the_atom_feed_is_dated_by_its_newest_entry_and_lists_the_entries_newest_first(engine):
    watched(engine, "samverkan", "samverkan")
    crawled(engine, OLDER, NEWER)
    feed = feedparser.parse(atom_feed(engine, "samverkan"))
    assert tuple(feed.feed.updated_parsed)[:5] == (2024, 3, 5, 9, 0)
    assert [(e.title, e.link, tuple(e.published_parsed)[:5], tuple(e.updated_parsed)[:5], e.tags[0].term)
            for e in feed.entries] == [("Samverkan ny", NEWER["url"], (2024, 3, 5, 9, 0), (2024, 3, 5, 9, 0), "arboga"),
                                       ("Samverkan gammal", OLDER["url"], (2023, 1, 1, 23, 0), (2023, 1, 1, 23, 0), "koping")]


@pytest.mark.parametrize(("updated", "expected"), [
    ("2024-10-01", (2024, 10, 1, 8, 0)),  # a date alone, the day it was published at ten: updated at ten
    ("2024-10-03", (2024, 10, 2, 22, 0)),  # a later day: its midnight in Stockholm (summer time)
    ("2024-10-01T15:30:00+02:00", (2024, 10, 1, 13, 30)),
])
def test_an_entry_is_never_updated_before_it_was_published(engine, updated, expected):
    watched(engine, "samverkan", "samverkan")
    crawled(engine, dict(NEWER, published_at="2024-10-01T10:00:00+02:00", updated_at=updated))
    feed = feedparser.parse(atom_feed(engine, "samverkan"))
    (entry,) = feed.entries
    assert tuple(entry.published_parsed)[:5] == (2024, 10, 1, 8, 0)
    assert tuple(entry.updated_parsed)[:5] == tuple(feed.feed.updated_parsed)[:5] == expected


def test_a_run_whose_first_revision_changed_no_watched_field_still_gives_the_rest(engine):
    watched(engine, "samverkan", "samverkan")
    crawled(engine, OLDER)
    quoted = dict(OLDER, quotes=[{"speaker": "Anna Berg", "text": "Det här blir bra för alla", "role": None}])
    run = crawled(engine, quoted, NEWER)  # OLDER's new revision first: only its quotes changed
    assert [(i.kind, i.url) for i in run_entries(engine, "samverkan", run)[1]] == [("new", NEWER["url"])]


def test_a_runs_entries_keep_the_order_of_its_revisions_whatever_order_the_database_returns(engine):
    """PRAGMA reverse_unordered_selects makes SQLite return a SELECT without ORDER BY backwards, as
    another database (or plan) may: the digest still lists the run's articles in the order stored."""

    @event.listens_for(engine, "connect")
    def backwards(dbapi_connection, _):
        dbapi_connection.execute("PRAGMA reverse_unordered_selects = ON")

    engine.dispose()  # connections made from now on return unordered rows backwards
    watched(engine, "samverkan", "samverkan")
    run = crawled(engine, OLDER, NEWER, UNDATED)
    assert [i.url for i in run_entries(engine, "samverkan", run)[1]] == [OLDER["url"], NEWER["url"], UNDATED["url"]]


def test_a_watch_given_nothing_new_runs_no_search(engine, monkeypatch):
    """The run stored nothing seen after the watch was made: its query is not run at all (a crawl
    collects for every watch)."""
    searched = []
    monkeypatch.setattr(archive.watches, "matching_ids", lambda engine, query: searched.append(query) or [])
    watched(engine, "early", "vatten")
    watched(engine, "later", "samverkan", made=datetime(2100, 1, 1, tzinfo=UTC))
    run = runs.start_run(engine, ["arboga"])
    ArchiveWriter(engine).write(batch(NEWER), run)
    assert collect(engine, run) == {"early": 0, "later": 0} and searched == ["vatten"]


def test_a_feed_of_no_matches_reads_no_articles(engine, monkeypatch):
    read = []
    rows = archive.watches._rows
    monkeypatch.setattr(archive.watches, "_rows", lambda s, query: read.append(query) or rows(s, query))
    watched(engine, "tom", "simhall")
    watched(engine, "samverkan", "samverkan")
    crawled(engine, NEWER)
    assert entries(engine, "tom")[1] == [] and len(read) == 1  # the watch's changes, and no articles
    assert [i.url for i in entries(engine, "samverkan")[1]] == [NEWER["url"]] and len(read) == 3  # changes, articles


def test_the_atom_feed_is_indented_for_a_reader(engine):
    watched(engine, "samverkan", "samverkan")
    crawled(engine, NEWER)
    document = atom_feed(engine, "samverkan").decode()
    assert document.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns=")
    assert "\n  <title>kommunarkiv: samverkan</title>\n" in document and "\n  <entry>\n    <id>" in document


def test_the_feed_orders_by_the_moment_of_each_date_not_its_text(engine):
    """Half past midnight in Stockholm is 23:30 UTC the day before: an article of 23:45 UTC that
    day is the newer, though its date sorts first as text."""
    watched(engine, "samverkan", "samverkan")
    stockholm = dict(NEWER, published_at="2024-03-05T00:30:00+01:00")
    utc = dict(OLDER, published_at="2024-03-04T23:45:00Z")
    unreadable = dict(UNDATED, published_at="i tisdags")
    crawled(engine, stockholm, utc, unreadable)
    assert [i.url for i in entries(engine, "samverkan")[1]] == [OLDER["url"], NEWER["url"], UNDATED["url"]]


def test_the_feed_orders_by_the_later_of_an_articles_two_dates_as_its_atom_updated_does(engine):
    """A page whose update line is older than its publication (a site's error) is ordered by its
    publication, the date its Atom <updated> carries: the order agrees with the feed's own dates."""
    watched(engine, "samverkan", "samverkan")
    muddled = dict(NEWER, published_at="2024-03-06T10:00:00+01:00", updated_at="2024-01-01")
    updated_later = dict(OLDER, published_at="2024-02-01", updated_at="2024-03-05T12:00:00+01:00")
    crawled(engine, muddled, updated_later)
    items = entries(engine, "samverkan")[1]
    assert [i.url for i in items] == [NEWER["url"], OLDER["url"]]
    parsed = feedparser.parse(atom_feed(engine, "samverkan"))
    assert [e.link for e in parsed.entries] == [NEWER["url"], OLDER["url"]]
    assert [e.updated for e in parsed.entries] == ["2024-03-06T10:00:00+01:00", "2024-03-05T12:00:00+01:00"]
