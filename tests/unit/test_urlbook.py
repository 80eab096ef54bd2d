"""The crawl's per-URL state on disk: the spider's URL book, the duplicate filter, the on-disk set."""

from scrapy import Request
from scrapy.utils.test import get_crawler

from records.crawl import Known
from spiders import scratch
from spiders.dupefilter import DiskDupeFilter
from spiders.scratch import DiskSet
from spiders.sitevision import VIA_BIT
from spiders.urlbook import IN_CHUNK, UrlBook

A, B = "https://www.arboga.se/nyheter/a.html", "https://www.arboga.se/nyheter/b.html"


def test_found_returns_the_ways_found_before_and_adds_this_one():
    book = UrlBook()
    assert book.found(A, VIA_BIT["sitemap"]) == 0  # first time
    assert book.found(A, VIA_BIT["listing"]) == VIA_BIT["sitemap"]
    assert book.found(A, VIA_BIT["listing"]) == VIA_BIT["sitemap"] | VIA_BIT["listing"]
    assert book.via(A) == VIA_BIT["sitemap"] | VIA_BIT["listing"]
    assert book.via(B) == 0
    book.close()


def test_a_lastmod_or_a_listing_alone_does_not_count_as_found():
    book = UrlBook()
    book.set_lastmod(A, "2026-11-01")
    book.show([B])
    assert book.via(A) == book.via(B) == 0
    assert book.found(A, VIA_BIT["sitemap"]) == 0 and book.found(B, VIA_BIT["listing"]) == 0
    assert book.take_lastmod(A) == "2026-11-01"  # found meanwhile: the lastmod is still there
    book.close()


def test_a_lastmod_is_taken_once_and_the_last_one_set_wins():
    book = UrlBook()
    book.found(A, VIA_BIT["listing"])
    book.set_lastmod(A, "2026-11-01")
    book.set_lastmod(A, "2026-11-02")
    assert book.take_lastmod(A) == "2026-11-02"
    assert book.take_lastmod(A) is None
    assert book.take_lastmod(B) is None
    assert book.via(A) == VIA_BIT["listing"]
    book.close()


def test_unshown_names_what_the_listing_never_showed_in_order_and_with_repeats():
    book = UrlBook()
    book.found(B, VIA_BIT["sitemap"])  # found, never shown
    assert book.unshown([A, B, A]) == [A, B, A]
    book.show([A, B, A])
    assert book.unshown([B, "https://www.arboga.se/c.html", A]) == ["https://www.arboga.se/c.html"]
    assert book.via(A) == 0 and book.via(B) == VIA_BIT["sitemap"]
    book.close()


def test_known_pages_are_looked_up_in_chunks_and_learnt_again_whole():
    book = UrlBook()
    assert book.known([A]) == {} and not book.knows_any
    pages = [(f"https://www.arboga.se/{i}.html", Known("article", f'"e{i}"', None, "2026-10-01", 200))
             for i in range(IN_CHUNK * 2 + 7)]
    book.learn(iter(pages))
    book.learn(iter(pages[:3]))  # a retried read: the same rows again, no error, no doubles
    assert book.knows_any
    urls = [u for u, _ in pages] + [A]
    found = book.known(urls)
    assert found == dict(pages)
    assert book.known([B]) == {}
    book.close()


def test_writes_past_a_commit_are_all_kept(monkeypatch):
    monkeypatch.setattr(scratch, "COMMIT_EVERY", 10)
    book = UrlBook()
    urls = [f"https://www.arboga.se/{i}.html" for i in range(95)]
    for u in urls:
        book.found(u, VIA_BIT["sitemap"])
    assert [book.via(u) for u in urls] == [VIA_BIT["sitemap"]] * 95
    book.close()


def test_disk_set():
    seen = DiskSet()
    assert seen.add(b"x") is True
    assert seen.add(b"x") is False
    assert b"x" in seen and b"y" not in seen
    seen.close()


def test_dupe_filter_drops_a_repeat_by_scrapy_fingerprint():
    crawler = get_crawler()
    dupes = DiskDupeFilter.from_crawler(crawler)
    assert dupes.request_seen(Request("https://www.arboga.se/a.html?x=1&y=2")) is False
    assert dupes.request_seen(Request("https://www.arboga.se/a.html?y=2&x=1#top")) is True  # canonically the same
    assert dupes.request_seen(Request("https://www.arboga.se/a.html?x=1&y=2", method="POST")) is False
    dupes.close("finished")


def test_dupe_filter_with_a_jobdir_keeps_its_fingerprints_there_for_a_resumed_crawl(tmp_path):
    crawler = get_crawler(settings_dict={"JOBDIR": str(tmp_path)})
    first = DiskDupeFilter.from_crawler(crawler)
    assert first.request_seen(Request("https://www.arboga.se/a.html")) is False
    first.close("shutdown")
    assert (tmp_path / "requests.seen.sqlite").exists()
    resumed = DiskDupeFilter.from_crawler(crawler)
    assert resumed.request_seen(Request("https://www.arboga.se/a.html")) is True
    assert resumed.request_seen(Request("https://www.arboga.se/b.html")) is False
    resumed.close("finished")
