"""Discovery helpers: robots.txt sitemaps, sitemaps (plain, gzip, broken), feeds, listings."""

import gzip

import pytest
from parsel import Selector

from spiders.discovery import (
    SitemapError,
    feed_links_in_page,
    items_in_feed,
    listing_entries,
    listing_links,
    listing_offset,
    read_sitemap,
    sitemaps_from_robots,
)
from tests.conftest import REAL, saved_page

URLSET = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' \
         b"<url><loc>https://www.kungsor.se/a.html</loc><lastmod>2021-05-03</lastmod></url></urlset>"


def test_sitemaps_from_the_real_robots_txt():
    text = (REAL / "kungsbacka-chrome" / "robots.txt").read_text()
    assert sitemaps_from_robots(text, "https://kungsbacka.se") == ["https://kungsbacka.se/sitemapindex.xml"]


def test_plain_and_gzipped_sitemaps():
    kind, entries, had_doctype = read_sitemap(URLSET, 10**6)
    assert (kind, list(entries), had_doctype) == ("urlset", [("https://www.kungsor.se/a.html", "2021-05-03")], False)
    kind, entries, had_doctype = read_sitemap(gzip.compress(URLSET), 10**6)
    assert (kind, list(entries), had_doctype) == ("urlset", [("https://www.kungsor.se/a.html", "2021-05-03")], False)


@pytest.mark.parametrize("body,message", [(b"\x1f\x8bnot gzip at all", "not valid gzip"), (b"<html>", "not a sitemap"),
                                          (b"", "not XML")])
def test_broken_sitemaps_raise_a_clear_error(body, message):
    with pytest.raises(SitemapError, match=message):
        read_sitemap(body, 10**6)


def test_feed_link_in_every_replica_page_and_the_real_page():
    body, url = saved_page("koping/seed.html")
    [feed] = feed_links_in_page(Selector(text=body.decode()), url)
    assert feed.startswith("https://www.koping.se/4.") and ".portlet?state=rss&sv.contenttype=text/xml" in feed
    real = REAL / "kungsbacka-chrome" / "valnamndens-sammantraden.html"
    assert feed_links_in_page(Selector(text=real.read_text()), "https://kungsbacka.se/x") == [
        "https://kungsbacka.se/4.51f49f9317c1158e1c2685d1/12.6cf878e819c986b5ee78cfb6.portlet"
        "?state=rss&sv.contenttype=text/xml;charset=UTF-8"]


def test_rss_and_atom_items():
    rss = '<rss><channel><item><link>https://a.se/1.html</link></item></channel></rss>'
    atom = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://a.se/2.html"/></entry></feed>')
    assert items_in_feed(Selector(text=rss, type="xml")) == ["https://a.se/1.html"]
    assert items_in_feed(Selector(text=atom, type="xml")) == ["https://a.se/2.html"]


def test_listing_gives_articles_and_next_pages():
    body, url = saved_page("arboga/listing.html")
    articles, pages = listing_entries(Selector(text=body.decode()), url)
    assert len(articles) == 10 and all("/nyhetslista/nyhetsarkiv/" in a for a in articles)
    assert pages and all("skip=" in p for p in pages)


def test_the_real_arboga_listing_names_its_first_page_again_with_skip_0():
    """So a listing page that shows nothing new is the end of a listing that never ends only past
    the first page; the first page under its other URL is how every arboga.se listing goes."""
    body, url = saved_page("arboga/listing.html")
    _, pages = listing_entries(Selector(text=body.decode()), url)
    assert listing_offset(url) == 0 and [listing_offset(p) for p in pages[:4]] == [0, 10, 20, 30]
    assert listing_offset("https://a.se/nyheter.html?skip=x") == 0


def test_listing_link_by_its_text():
    html = '<main><a href="/n/arkiv.html">Alla nyheter</a><a href="/x.html">Bibliotek</a></main>'
    assert listing_links(Selector(text=html), "https://a.se/") == ["https://a.se/n/arkiv.html"]


def _as_scrapy_reads(body: bytes) -> tuple[str, list[tuple[str, str | None]]]:
    """What the spider read before the sitemap was streamed: Scrapy's Sitemap, parsed whole."""
    from scrapy.utils.sitemap import Sitemap

    sitemap = Sitemap(body)
    return sitemap.type, [(e["loc"].strip(), e.get("lastmod")) for e in sitemap if e.get("loc", "").strip()]


NS = b'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


@pytest.mark.parametrize("body", [
    URLSET,
    b"<urlset %s><url><loc> https://a.se/x.html </loc><lastmod></lastmod></url><url><lastmod>2024-01-01</lastmod>"
    b"</url><url><loc>  </loc></url><!-- a comment --><?pi here?><url><loc>https://a.se/y</loc></url></urlset>" % NS,
    b'<urlset %s xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://a.se/sv</loc>'
    b'<xhtml:link rel="alternate" hreflang="en" href="https://a.se/en"/><lastmod>2024-05-01T10:00:00+02:00</lastmod>'
    b"</url></urlset>" % NS,
    b"<sitemapindex %s><sitemap><loc>https://a.se/sitemap1.xml.gz</loc><lastmod>2024-05-01</lastmod></sitemap>"
    b"</sitemapindex>" % NS,
    b"<urlset><url><loc>https://a.se/no-namespace</loc></url></urlset>",
    b"<urlset %s><url><loc>https://a.se/1</loc></url><url><loc>https://a.se/2</loc></url><url><loc>https://a" % NS,
])
def test_streamed_sitemaps_read_what_scrapys_sitemap_reads(body):
    kind, entries, _ = read_sitemap(body, 10**6)
    assert not isinstance(entries, list)  # read as asked for, not parsed whole
    assert (kind, list(entries)) == _as_scrapy_reads(body)


def test_a_large_sitemap_streams_every_entry_in_order():
    urls = [f"https://a.se/nyheter/{i}.html" for i in range(5000)]
    body = b"<urlset %s>%s</urlset>" % (NS, b"".join(b"<url><loc>%s</loc></url>" % u.encode() for u in urls))
    kind, entries, _ = read_sitemap(gzip.compress(body), 10**7)
    assert kind == "urlset" and [loc for loc, _ in entries] == urls
