"""Watches (archive/watches.py) without a crawl: what collect records for a run (new articles,
changes to watched fields, nothing from before the watch), what the feed and a run's digest hold,
and the Atom feed's dates (the article's own)."""

from __future__ import annotations

from datetime import UTC, datetime

import feedparser
import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from archive import runs
from archive.models import Article, Revision, Watch, WatchEntry
from archive.query import QueryError
from archive.watches import (
    WatchError,
    WatchNotFound,
    add_watch,
    atom_feed,
    collect,
    describe,
    entries,
    list_watches,
    remove_watch,
    run_entries,
)
from archive.writer import ArchiveWriter
from tests.unit.archives import new_archive
from tests.unit.records import batch, record

LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)
LATER = datetime(2100, 1, 1, tzinfo=UTC)

SAMVERKAN = record("arboga", "/samverkan.html", "Samverkan om IT", "Arboga fördjupar sin samverkan om IT-drift.",
                   "2024-03-05T10:00:00+01:00", lead="Ny samverkan.")
BUDGET = record("koping", "/budget.html", "Budget för skola", "Skolans budget ökar i Köping.",
                "2024-03-06T09:00:00+01:00")


@pytest.fixture
def engine(tmp_path):
    engine = new_archive(tmp_path)
    yield engine
    engine.dispose()


def watch(engine, name: str, query: str, made: datetime = LONG_AGO, **kw) -> None:
    """A watch made at `made` (the moment decides which revisions it takes)."""
    add_watch(engine, name, query, **kw)
    with Session(engine) as s, s.begin():
        s.execute(update(Watch).where(Watch.name == name).values(created_at=made))


def crawl(engine, *records: dict) -> int:
    """A crawl run that stores these records; its id."""
    run = runs.start_run(engine, sorted({r["municipality"] for r in records}))
    ArchiveWriter(engine).write(batch(*records), run)
    return run


def stored(engine) -> list[tuple[str, str, str, dict | None, int | None]]:
    """Every watch entry: (watch, article path, kind, changes, run)."""
    with Session(engine) as s:
        rows = s.execute(select(Watch.name, Article.canonical_url, WatchEntry.kind, WatchEntry.changes,
                                WatchEntry.crawl_run_id)
                         .join(Watch, Watch.id == WatchEntry.watch_id)
                         .join(Article, Article.id == WatchEntry.article_id).order_by(WatchEntry.id)).all()
    return [(name, url.split(".se", 1)[1], kind, changes, run) for name, url, kind, changes, run in rows]


def test_a_new_matching_article_is_recorded_as_new(engine):
    watch(engine, "samverkan", "samverkan")
    run = crawl(engine, SAMVERKAN, BUDGET)
    assert collect(engine, run) == {"samverkan": 1}
    assert stored(engine) == [("samverkan", "/samverkan.html", "new", None, run)]
    with Session(engine) as s:
        entry = s.scalar(select(WatchEntry))
        assert entry.revision_id == s.scalar(select(Article.current_revision_id)
                                             .where(Article.canonical_url == SAMVERKAN["canonical_url"]))
        assert s.scalar(select(Watch.last_run_id)) == run


def test_a_changed_article_is_recorded_with_the_word_diff_of_each_watched_field(engine):
    watch(engine, "samverkan", "samverkan")
    first = crawl(engine, SAMVERKAN)
    collect(engine, first)
    second = crawl(engine, dict(SAMVERKAN, title="Samverkan om IT växer", body=SAMVERKAN["body"] + " Avtalet gäller."))
    assert collect(engine, second) == {"samverkan": 1}
    assert stored(engine)[1:] == [("samverkan", "/samverkan.html", "changed",
                                   {"title": "Samverkan om IT {+växer+}",
                                    "body": "Arboga fördjupar sin samverkan om IT-drift. {+Avtalet gäller.+}"}, second)]


def test_a_change_to_fields_not_watched_is_not_recorded(engine):
    watch(engine, "samverkan", "samverkan")
    collect(engine, crawl(engine, SAMVERKAN))
    quoted = dict(SAMVERKAN, quotes=[{"speaker": "Anna Berg", "text": "Det här blir bra för alla", "role": None}])
    run = crawl(engine, quoted)
    with Session(engine) as s:  # the quote is a new revision, so collect had something to read
        assert s.scalar(select(Revision.id).where(Revision.crawl_run_id == run)) is not None
    assert collect(engine, run) == {"samverkan": 0}
    assert [kind for _, _, kind, _, _ in stored(engine)] == ["new"]


def test_an_unchanged_article_is_not_recorded_again(engine):
    watch(engine, "samverkan", "samverkan")
    collect(engine, crawl(engine, SAMVERKAN))
    assert collect(engine, crawl(engine, SAMVERKAN)) == {"samverkan": 0}
    assert len(stored(engine)) == 1


def test_nothing_seen_before_the_watch_was_made_is_recorded(engine):
    watch(engine, "samverkan", "samverkan", made=LATER)
    run = crawl(engine, SAMVERKAN)
    assert collect(engine, run) == {"samverkan": 0}
    assert stored(engine) == []
    with Session(engine) as s:  # the run still counts as read for this watch
        assert s.scalar(select(Watch.last_run_id)) == run


def test_each_watch_takes_only_its_own_matches_of_its_own_run(engine):
    watch(engine, "samverkan", "samverkan")
    watch(engine, "budget", "budget")
    watch(engine, "ingenting", "simhall")
    first = crawl(engine, SAMVERKAN, BUDGET)
    assert collect(engine, first) == {"samverkan": 1, "budget": 1, "ingenting": 0}
    second = crawl(engine, dict(BUDGET, body=BUDGET["body"] + " Samverkan med Arboga utreds."))
    assert collect(engine, second) == {"samverkan": 1, "budget": 1, "ingenting": 0}
    assert stored(engine) == [
        ("samverkan", "/samverkan.html", "new", None, first),
        ("budget", "/budget.html", "new", None, first),
        ("samverkan", "/budget.html", "changed",
         {"body": "Skolans budget ökar i Köping. {+Samverkan med Arboga utreds.+}"}, second),
        ("budget", "/budget.html", "changed",
         {"body": "Skolans budget ökar i Köping. {+Samverkan med Arboga utreds.+}"}, second)]
    assert [(i.kind, i.url) for i in run_entries(engine, "budget", second)[1]] == [("changed", BUDGET["url"])]
    assert run_entries(engine, "ingenting", second)[1] == []


def test_a_change_that_stops_matching_is_not_recorded(engine):
    watch(engine, "samverkan", "samverkan")
    collect(engine, crawl(engine, SAMVERKAN))
    gone = dict(SAMVERKAN, title="Om IT", lead=None, body="Arboga byter leverantör av IT-drift.")
    assert collect(engine, crawl(engine, gone)) == {"samverkan": 0}


def test_a_run_collected_twice_adds_no_entries_of_other_runs(engine):
    watch(engine, "samverkan", "samverkan")
    first = crawl(engine, SAMVERKAN)
    collect(engine, first)
    empty = runs.start_run(engine, ["arboga"])
    assert collect(engine, empty) == {"samverkan": 0}
    assert [run for *_, run in stored(engine)] == [first]


def test_run_entries_are_the_digest_of_one_run_with_the_articles_own_dates(engine):
    watch(engine, "samverkan", "samverkan")
    collect(engine, crawl(engine, SAMVERKAN))
    changed = dict(SAMVERKAN, updated_at="2024-03-07T08:30:00+01:00", body=SAMVERKAN["body"] + " Nytt.")
    run = crawl(engine, changed)
    collect(engine, run)
    found, items = run_entries(engine, "samverkan", run)
    assert found.name == "samverkan"
    assert [(i.kind, i.title, i.url, i.municipality, i.published_at, i.updated_at) for i in items] == [
        ("changed", "Samverkan om IT", SAMVERKAN["url"], "arboga", "2024-03-05T10:00:00+01:00",
         "2024-03-07T08:30:00+01:00")]
    with Session(engine) as s:
        entry_id = s.scalar(select(WatchEntry.id).where(WatchEntry.crawl_run_id == run))
    assert items[0].id == f"urn:kommunarkiv:watch:samverkan:change:{entry_id}"
    assert items[0].summary == ("Ändrad: body: Arboga fördjupar sin samverkan om IT-drift. {+Nytt.+}; "
                                "updated_at: {+2024-03-07T08:30:00+01:00+}")
    with pytest.raises(WatchNotFound, match="no watch named 'ingen'"):
        run_entries(engine, "ingen", run)


def test_feed_holds_the_newest_matches_and_the_changes_newest_first_by_the_articles_dates(engine):
    older = record("kungsor", "/aldre.html", "Samverkan förr", "En äldre text om samverkan " + "ord " * 70,
                   "2023-01-02")
    watch(engine, "samverkan", "samverkan")
    collect(engine, crawl(engine, SAMVERKAN, older, BUDGET))
    run = crawl(engine, dict(older, updated_at="2024-04-01", body=older["body"] + "slut"))
    collect(engine, run)
    _, items = entries(engine, "samverkan")
    assert [(i.kind, i.url, i.published_at, i.updated_at) for i in items] == [
        ("changed", older["url"], "2023-01-02", "2024-04-01"),
        ("new", older["url"], "2023-01-02", "2024-04-01"),
        ("new", SAMVERKAN["url"], "2024-03-05T10:00:00+01:00", None)]
    new = {i.url: i for i in items if i.kind == "new"}
    with Session(engine) as s:
        ids = dict(s.execute(select(Article.canonical_url, Article.id)).all())
    assert new[SAMVERKAN["url"]].id == f"urn:kommunarkiv:watch:samverkan:article:{ids[SAMVERKAN['url']]}"
    assert new[SAMVERKAN["url"]].summary == "Ny samverkan."  # the lead
    assert new[older["url"]].summary == " ".join(("En äldre text om samverkan " + "ord " * 70).split()[:60])
    assert [i.kind for i in entries(engine, "samverkan", limit=1)[1]] == ["changed", "new"]


def test_atom_entries_carry_the_articles_own_dates(engine):
    watch(engine, "samverkan", "samverkan")
    collect(engine, crawl(engine, SAMVERKAN))
    run = crawl(engine, dict(SAMVERKAN, updated_at="2024-03-07T08:30:00+01:00", body=SAMVERKAN["body"] + " Nytt."))
    collect(engine, run)
    feed = feedparser.parse(atom_feed(engine, "samverkan", "https://example.se/s.atom"))
    assert not feed.bozo and feed.feed.title == "kommunarkiv: samverkan"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == ["https://example.se/s.atom"]
    assert [(e.title, tuple(e.published_parsed)[:5], tuple(e.updated_parsed)[:5], e.tags[0].term)
            for e in feed.entries] == [
        ("Ändrad: Samverkan om IT", (2024, 3, 5, 9, 0), (2024, 3, 7, 7, 30), "arboga"),
        ("Samverkan om IT", (2024, 3, 5, 9, 0), (2024, 3, 7, 7, 30), "arboga")]
    assert tuple(feed.feed.updated_parsed)[:5] == (2024, 3, 7, 7, 30)


def test_atom_dates_an_undated_article_when_it_was_found(engine):
    watch(engine, "samverkan", "samverkan")
    run = crawl(engine, dict(SAMVERKAN, published_at=None))
    collect(engine, run)
    with Session(engine) as s:
        seen = s.scalar(select(Article.first_seen_at))
    [entry] = feedparser.parse(atom_feed(engine, "samverkan")).entries
    assert tuple(entry.published_parsed)[:6] == seen.timetuple()[:6] == tuple(entry.updated_parsed)[:6]


def test_adding_refuses_what_cannot_be_watched(engine):
    crawl(engine, SAMVERKAN)
    with pytest.raises(QueryError, match="unbalanced quote"):
        add_watch(engine, "trasig", '"oavslutad')
    with pytest.raises(QueryError, match="unknown municipality 'oslo'"):
        add_watch(engine, "oslo", "kommun:oslo")
    for name, kw, said in [("", {}, "a watch needs a name of 1 to 100 characters"),
                           ("   ", {}, "a watch needs a name of 1 to 100 characters"),
                           ("x" * 101, {}, "a watch needs a name of 1 to 100 characters"),
                           ("e", {"email": "nobody"}, "'nobody' is not an e-mail address"),
                           ("w", {"webhook_url": "ftp://x"}, "webhook 'ftp://x' must be an http(s) URL")]:
        with pytest.raises(WatchError) as refused:
            add_watch(engine, name, "samverkan", **kw)
        assert str(refused.value) == said
    made = add_watch(engine, "x" * 100, "samverkan", email="a@b.se", webhook_url="http://127.0.0.1:9/h")
    assert (made.name, made.query, made.email, made.webhook_url, made.last_run_id) == (
        "x" * 100, "samverkan", "a@b.se", "http://127.0.0.1:9/h", None)
    with pytest.raises(WatchError, match="a watch named 'x+' exists already: remove it first"):
        add_watch(engine, "x" * 100, "budget")
    assert [w["name"] for w in list_watches(engine)] == ["x" * 100]


def test_list_counts_entries_and_remove_takes_them_away(engine):
    watch(engine, "samverkan", "samverkan", email="r@example.se", webhook_url="https://example.se/hook")
    watch(engine, "budget", "budget", made=datetime(2024, 2, 3, 4, 5, tzinfo=UTC))
    watch(engine, "aaa", "simhall")
    collect(engine, crawl(engine, SAMVERKAN, BUDGET, record("arboga", "/s2.html", "Mer samverkan", "Samverkan.")))
    assert [(w["name"], w["query"], w["email"], w["webhook_url"], w["entries"]) for w in list_watches(engine)] == [
        ("aaa", "simhall", None, None, 0), ("budget", "budget", None, None, 1),
        ("samverkan", "samverkan", "r@example.se", "https://example.se/hook", 2)]
    assert list_watches(engine)[1]["created_at"] == "2024-02-03T05:05:00+01:00"  # in Stockholm time
    remove_watch(engine, "samverkan")
    assert [w["name"] for w in list_watches(engine)] == ["aaa", "budget"]
    assert {name for name, *_ in stored(engine)} == {"budget"}  # the removed watch's entries went with it
    with pytest.raises(WatchNotFound, match="no watch named 'samverkan'"):
        remove_watch(engine, "samverkan")


def test_describe_says_what_is_sent_and_what_is_not(engine):
    add_watch(engine, "tom", "samverkan", email="r@example.se")
    with Session(engine) as s:
        empty = s.scalar(select(Watch))
    assert describe(engine, empty, smtp_configured=False) == [
        "watching 'tom': samverkan",
        "feed: the 0 newest of the 0 articles matching it now, then each new or changed match "
        "(kommunarkiv watch feed tom, or /watches/tom.atom when served)",
        "after each crawl, the articles it stored from now on that match (new ones, and changes to title, dates, "
        "lead or body with the word diff) are e-mailed to r@example.se (set KOMMUNARKIV_SMTP_HOST for the crawl, "
        "or nothing is sent); the archive is empty, so the first crawl's matches will all be sent"]
    crawl(engine, SAMVERKAN)
    add_watch(engine, "två ord", "samverkan", webhook_url="https://example.se/h")
    with Session(engine) as s:
        hooked = s.scalar(select(Watch).where(Watch.name == "två ord"))
    assert describe(engine, hooked, smtp_configured=True)[1:] == [
        "feed: the 1 newest of the 1 articles matching it now, then each new or changed match "
        "(kommunarkiv watch feed 'två ord', or /watches/tv%C3%A5%20ord.atom when served)",
        "after each crawl, the articles it stored from now on that match (new ones, and changes to title, dates, "
        "lead or body with the word diff) are posted as JSON to https://example.se/h; "
        "the 1 matching already archived are not sent"]
    add_watch(engine, "bara", "samverkan")
    with Session(engine) as s:
        plain = s.scalar(select(Watch).where(Watch.name == "bara"))
    assert describe(engine, plain, smtp_configured=True)[2] == \
        "no e-mail or webhook: the feed only (add the watch again with --email or --webhook)"


def test_a_revision_seen_at_the_very_moment_the_watch_was_made_counts(engine):
    add_watch(engine, "samverkan", "samverkan")
    run = crawl(engine, SAMVERKAN)
    with Session(engine) as s, s.begin():
        seen = s.scalar(select(Revision.first_seen_at))
        s.execute(update(Watch).values(created_at=seen))
    assert collect(engine, run) == {"samverkan": 1}


def test_a_change_is_the_diff_against_the_revision_just_before(engine):
    watch(engine, "samverkan", "samverkan")
    collect(engine, crawl(engine, SAMVERKAN))
    collect(engine, crawl(engine, dict(SAMVERKAN, title="Samverkan om IT 2")))
    third = crawl(engine, dict(SAMVERKAN, title="Samverkan om IT 3"))
    collect(engine, third)
    assert stored(engine)[-1] == ("samverkan", "/samverkan.html", "changed", {"title": "Samverkan om IT [-2-] {+3+}"},
                                  third)


def test_watches_and_entries_are_dated_in_utc_whatever_the_local_zone(engine, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        before = datetime.now(UTC).replace(tzinfo=None)
        add_watch(engine, "samverkan", "samverkan")
        run = crawl(engine, SAMVERKAN)
        collect(engine, run)
        after = datetime.now(UTC).replace(tzinfo=None)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    with Session(engine) as s:
        found = s.scalar(select(WatchEntry.found_at)).replace(tzinfo=None)
        made = s.scalar(select(Watch.created_at)).replace(tzinfo=None)
    assert before <= made <= found <= after


def test_a_runs_digest_lists_its_entries_in_the_order_found(engine):
    watch(engine, "samverkan", "samverkan")
    later = record("kungsor", "/b.html", "Samverkan igen", "Mer samverkan.", "2024-05-01")
    run = crawl(engine, SAMVERKAN, later)
    collect(engine, run)
    other = crawl(engine, record("arboga", "/c.html", "Samverkan tre", "Samverkan tre.", "2024-06-01"))
    collect(engine, other)
    assert [i.url for i in run_entries(engine, "samverkan", run)[1]] == [SAMVERKAN["url"], later["url"]]
    assert [i.url for i in run_entries(engine, "samverkan", other)[1]] == ["https://www.arboga.se/c.html"]
    assert [(i.kind, i.id) for i in run_entries(engine, "samverkan", run)[1]] == [
        ("new", "urn:kommunarkiv:watch:samverkan:article:1"), ("new", "urn:kommunarkiv:watch:samverkan:article:2")]


def test_an_untitled_article_is_titled_by_its_url(engine):
    watch(engine, "samverkan", "samverkan")
    run = crawl(engine, dict(SAMVERKAN, title=None))
    collect(engine, run)
    assert [i.title for i in run_entries(engine, "samverkan", run)[1]] == [SAMVERKAN["url"]]
    assert [i.title for i in entries(engine, "samverkan")[1]] == [SAMVERKAN["url"]]


def test_the_feed_takes_the_newest_by_date_and_the_latest_changes_up_to_its_limit(engine):
    older = record("kungsor", "/aldre.html", "Samverkan", "Samverkan samverkan samverkan om allt.", "2023-01-02")
    watch(engine, "samverkan", "samverkan")
    collect(engine, crawl(engine, older, SAMVERKAN))
    collect(engine, crawl(engine, dict(older, body=older["body"] + " Ett.")))
    collect(engine, crawl(engine, dict(older, body=older["body"] + " Två.")))
    _, items = entries(engine, "samverkan", limit=1)
    assert [(i.kind, i.url, i.summary) for i in items] == [
        ("new", SAMVERKAN["url"], "Ny samverkan."),
        ("changed", older["url"], "Ändrad: body: Samverkan samverkan samverkan om allt. [-Ett.-] {+Två.+}")]


def test_the_feed_lists_every_matching_article_of_a_story(engine):
    from tests.unit.test_story_joining import story_record

    watch(engine, "samarbete", "samarbetet")
    collect(engine, crawl(engine, story_record("arboga", "/a.html"), story_record("koping", "/k.html")))
    with Session(engine) as s:
        assert len(set(s.scalars(select(Article.story_id)).all()) - {None}) == 1
    assert sorted(i.municipality for i in entries(engine, "samarbete")[1]) == ["arboga", "koping"]


def test_atom_feed_of_an_empty_watch_is_dated_when_the_watch_was_made(engine):
    watch(engine, "tom", "simhall", made=datetime(2024, 2, 3, 4, 5, tzinfo=UTC))
    feed = feedparser.parse(atom_feed(engine, "tom"))
    assert not feed.bozo and feed.entries == [] and "links" not in feed.feed
    assert tuple(feed.feed.updated_parsed)[:5] == (2024, 2, 3, 4, 5)
    assert feed.feed.id == "urn:kommunarkiv:watch:tom" and feed.feed.subtitle == \
        "Nya och ändrade nyheter för sökningen simhall"
    assert feed.feed.language == "sv"


def test_atom_dates_a_change_the_page_does_not_date_when_it_was_found(engine):
    watch(engine, "samverkan", "samverkan")
    collect(engine, crawl(engine, SAMVERKAN))
    run = crawl(engine, dict(SAMVERKAN, body=SAMVERKAN["body"] + " Nytt."))
    collect(engine, run)
    with Session(engine) as s:
        found = s.scalar(select(WatchEntry.found_at).where(WatchEntry.crawl_run_id == run))
    feed = feedparser.parse(atom_feed(engine, "samverkan"))
    dates = {e.title: (tuple(e.published_parsed)[:6], tuple(e.updated_parsed)[:6]) for e in feed.entries}
    assert dates == {"Ändrad: Samverkan om IT": ((2024, 3, 5, 9, 0, 0), found.timetuple()[:6]),
                     "Samverkan om IT": ((2024, 3, 5, 9, 0, 0), (2024, 3, 5, 9, 0, 0))}
    assert [e.link for e in feed.entries] == [SAMVERKAN["url"]] * 2
    assert [e.summary for e in feed.entries] == ["Ändrad: body: Arboga fördjupar sin samverkan om IT-drift. {+Nytt.+}",
                                                 "Ny samverkan."]
    assert [e.id for e in feed.entries][1] == "urn:kommunarkiv:watch:samverkan:article:1"


def test_atom_dates_a_page_whose_date_is_not_a_date_when_it_was_found(engine):
    watch(engine, "samverkan", "samverkan")
    collect(engine, crawl(engine, dict(SAMVERKAN, published_at="i tisdags")))
    with Session(engine) as s:
        seen = s.scalar(select(Article.first_seen_at))
    [entry] = feedparser.parse(atom_feed(engine, "samverkan")).entries
    assert tuple(entry.published_parsed)[:6] == seen.timetuple()[:6]


def test_describe_names_both_targets_and_no_smtp_warning_when_mail_is_set_up(engine):
    add_watch(engine, "båda", "samverkan", email="r@example.se", webhook_url="https://example.se/h")
    with Session(engine) as s:
        both = s.scalar(select(Watch))
    assert describe(engine, both, smtp_configured=True)[2] == (
        "after each crawl, the articles it stored from now on that match (new ones, and changes to title, dates, "
        "lead or body with the word diff) are e-mailed to r@example.se and posted as JSON to https://example.se/h; "
        "the archive is empty, so the first crawl's matches will all be sent")


def test_a_feed_lists_only_its_own_watchs_changes(engine):
    watch(engine, "samverkan", "samverkan")
    watch(engine, "it", "it")
    collect(engine, crawl(engine, SAMVERKAN))
    collect(engine, crawl(engine, dict(SAMVERKAN, body=SAMVERKAN["body"] + " Nytt.")))
    assert [i.kind for i in entries(engine, "it")[1]] == ["changed", "new"]
    assert len([i for i in entries(engine, "samverkan")[1] if i.kind == "changed"]) == 1
