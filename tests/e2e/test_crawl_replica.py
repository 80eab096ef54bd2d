"""Crawl the three replica sites over HTTP into SQLite: every news article exactly once, no other
page, robots.txt obeyed, search finds the seed article, and a second crawl changes nothing."""

import re
from collections import Counter

import pytest

from replica.server import Replica
from tests.e2e.helpers import cli, crawl, rows, search_json
from tests.sites import SLUGS

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def replica():
    """A replica of this module's own, so its request logs hold this module's crawls only."""
    with Replica() as server:
        yield server


@pytest.fixture(scope="module")
def crawled(replica, tmp_path_factory):
    folder = tmp_path_factory.mktemp("crawl")
    db_file = folder / "archive.sqlite"
    db = f"sqlite:///{db_file}"
    (folder / "queues").mkdir()
    result = crawl(db, *replica.base_url_args(), extra=("-s", f"KOMMUNARKIV_QUEUE_DIR={folder / 'queues'}"))
    assert result.returncode == 0, result.stderr[-3000:]
    first_crawl_requests = {slug: site.paths_requested() for slug, site in replica.sites.items()}
    return db, db_file, result, first_crawl_requests


def test_every_replica_article_is_archived_exactly_once(replica, crawled):
    _, db_file, _, _ = crawled
    archived = Counter(url for (url,) in rows(db_file, "SELECT canonical_url FROM articles"))
    expected = {site.base + a.path for site in replica.sites.values() for a in site.content.articles}
    assert set(archived) == expected
    assert max(archived.values()) == 1
    assert rows(db_file, "SELECT count(*) FROM revisions") == [(len(expected),)]


def test_no_non_news_page_is_archived(replica, crawled):
    _, db_file, _, _ = crawled
    archived = {url for (url,) in rows(db_file, "SELECT canonical_url FROM articles")}
    others = {site.base + p.path for site in replica.sites.values() for p in site.content.pages}
    assert others and not archived & others


def test_articles_are_stored_with_their_municipality_and_dates(replica, crawled):
    _, db_file, _, _ = crawled
    per_site = dict(rows(db_file, "SELECT m.slug, count(*) FROM articles a JOIN municipalities m "
                                  "ON m.id = a.municipality_id GROUP BY m.slug"))
    assert per_site == {slug: len(site.content.articles) for slug, site in replica.sites.items()}
    assert rows(db_file, "SELECT count(*) FROM articles WHERE published_date IS NULL") == [(0,)]


def test_robots_txt_is_read_and_obeyed(replica, crawled):
    for paths in crawled[3].values():
        assert "/robots.txt" in paths
        assert not [p for p in paths if p.startswith("/intranat/")]


def test_discovery_used_feed_listing_and_sitemap(replica, crawled):
    for slug, paths in crawled[3].items():
        site = replica.sites[slug]
        assert any(p.startswith(site.content.profile.rss_path) for p in paths)
        assert "/sitemap1.xml.gz" in paths
        assert any("skip=" in p for p in paths)


def test_no_page_is_fetched_twice(crawled):
    for paths in crawled[3].values():
        pages = [p for p in paths if p != "/robots.txt"]  # Scrapy's middleware reads it too
        assert len(pages) == len(set(pages))


def test_closing_summary_counts(replica, crawled):
    out = crawled[2].stdout
    for slug, site in replica.sites.items():
        assert f"{slug}: " in out and f"new articles {len(site.content.articles)}," in out


def test_requests_wait_in_a_disk_queue_removed_after_the_crawl(replica, crawled):
    """The waiting requests were on disk, not in memory (so memory does not grow with the site), in
    a folder of this crawl's own that is gone once it ends."""
    _, db_file, result, requests = crawled
    for slug in replica.sites:
        queued = re.search(rf"^{slug}: .*queued on disk (\d+)", result.stdout, re.MULTILINE)
        assert queued and int(queued.group(1)) >= len(replica.sites[slug].content.articles), result.stdout
    assert list((db_file.parent / "queues").iterdir()) == []


def test_search_lists_the_seed_article(crawled):
    hits = search_json(crawled[0], "samverkan")
    seed = [h for h in hits if h["title"].replace("\xa0", " ") == "Kommunsamverkan på scen i Almedalen"]
    # the three municipalities published one story: it is one hit that names the other two
    assert len(seed) == 1
    also = seed[0]["also_published"]
    assert sorted([seed[0]["municipality"]] + [a["municipality"] for a in also]) == SLUGS
    assert all(a["url"].startswith("http://127.0.0.1:") and a["id"] != seed[0]["id"] for a in also)
    assert {"url", "title", "municipality", "published_at", "snippet"} <= set(seed[0])
    assert "**samverkan**" in seed[0]["snippet"]


def test_second_crawl_changes_nothing(replica, crawled):
    db, db_file, _, _ = crawled
    before = rows(db_file, "SELECT id, canonical_url, current_revision_id FROM articles ORDER BY id")
    result = crawl(db, *replica.base_url_args())
    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(db_file, "SELECT id, canonical_url, current_revision_id FROM articles ORDER BY id") == before
    assert rows(db_file, "SELECT count(*) FROM revisions") == [(len(before),)]
    assert "new articles 0, new revisions 0" in result.stdout


def test_malformed_query_exits_2_with_one_line(crawled):
    result = cli("search", '"unclosed', "--db", crawled[0])
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ['kommunarkiv: bad query: unbalanced quote: close the phrase '
                                                  'with a second "']


def test_storing_on_the_crawls_own_core_archives_the_same(replica, crawled, tmp_path):
    """The writer process is the default; KOMMUNARKIV_STORE_PROCESS=False stores between responses
    on Scrapy's core instead. Both must leave the same articles, revisions, stories and summary."""
    _, db_file, result, _ = crawled
    own_file = tmp_path / "own-core.sqlite"
    own = crawl(f"sqlite:///{own_file}", *replica.base_url_args(), extra=("-s", "KOMMUNARKIV_STORE_PROCESS=False"))
    assert own.returncode == 0, own.stderr[-3000:]
    assert archived(own_file) == archived(db_file)
    assert len(archived(own_file)) == sum(len(s.content.articles) for s in replica.sites.values())
    summary = re.search(r"new articles \d+, new revisions \d+", own.stdout)
    assert summary is not None and summary.group() in result.stdout


def archived(db_file) -> dict[str, tuple]:
    """Each article's URL -> its title, date, municipality, revision hash and its story's other URLs."""
    found = rows(db_file, "SELECT a.canonical_url, a.title, a.published_date, m.slug, r.content_hash, a.story_id "
                          "FROM articles a JOIN municipalities m ON m.id = a.municipality_id "
                          "JOIN revisions r ON r.id = a.current_revision_id")
    stories: dict[int, set[str]] = {}
    for url, *_, story in found:
        stories.setdefault(story, set()).add(url)
    return {url: (*fields, tuple(sorted(stories[story] - {url})) if story is not None else ())
            for url, *fields, story in found}
