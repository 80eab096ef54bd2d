"""Pure helpers for discovery: robots.txt sitemaps, sitemap XML, RSS/Atom links, the news listing."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

from parsel import Selector
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

FEED_TYPES = ("application/rss+xml", "application/atom+xml")
LISTING_TEXT = re.compile(r"^(?:alla|fler|visa alla|till alla)\s+nyheter|^nyhetsarkiv", re.IGNORECASE)
GZIP_MAGIC = b"\x1f\x8b"
# A sitemap has no use for a DTD; one with internal entities is an XXE or "billion laughs" attack.
# lxml (Scrapy's Sitemap) resolves none, but then drops every <loc> of such a file, valid ones too.
DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.DOTALL | re.IGNORECASE)


class SitemapError(ValueError):
    pass


def sitemaps_from_robots(text: str, base_url: str) -> list[str]:
    out = []
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            out.append(urljoin(base_url + "/", value.strip()))
    return out


def without_doctype(body: bytes) -> tuple[bytes, bool]:
    """The XML with its DOCTYPE (and any entity declarations in it) removed, and whether it had one."""
    head = body[:65536]
    m = DOCTYPE.search(head)
    return (body[:m.start()] + body[m.end():], True) if m else (body, False)


def read_sitemap(body: bytes, max_size: int) -> tuple[str, list[tuple[str, str | None]], bool]:
    """('urlset' | 'sitemapindex', [(loc, lastmod)], whether a DOCTYPE had to be removed: a hostile
    or broken sitemap). Gzip is detected by its magic bytes, whatever the file is called."""
    if body[:2] == GZIP_MAGIC:
        try:
            body = gunzip(body, max_size=max_size)
        except Exception as exc:  # noqa: BLE001 - gzip, zlib and size errors all mean "unusable"
            raise SitemapError(f"sitemap is not valid gzip: {exc}") from None
    body, had_doctype = without_doctype(body)
    try:
        sitemap = Sitemap(body)
    except Exception as exc:  # noqa: BLE001 - lxml raises several types on broken XML
        raise SitemapError(f"sitemap is not XML: {exc}") from None
    if sitemap.type not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap (root element <{sitemap.type}>)")
    entries = [(e["loc"].strip(), e.get("lastmod")) for e in sitemap if e.get("loc", "").strip()]
    return sitemap.type, entries, had_doctype


def feed_links_in_page(html: Selector, page_url: str) -> list[str]:
    out = []
    for link in html.css("link[rel~=alternate]"):
        if (link.attrib.get("type") or "").lower() in FEED_TYPES and link.attrib.get("href"):
            out.append(urljoin(page_url, link.attrib["href"]))
    return out


def items_in_feed(xml: Selector) -> list[str]:
    xml.remove_namespaces()
    links = xml.xpath("//item/link/text()").getall()
    links += xml.xpath("//entry/link[not(@rel) or @rel='alternate']/@href").getall()
    return [link.strip() for link in links if link.strip()]


def listing_links(html: Selector, page_url: str) -> list[str]:
    """Links on the home page that lead to the news listing ("Alla nyheter", "Nyhetsarkiv")."""
    return [urljoin(page_url, a.attrib["href"]) for a in html.css("a[href]")
            if LISTING_TEXT.search(" ".join(a.css("::text").getall()).strip())]


def listing_entries(html: Selector, page_url: str) -> tuple[list[str], list[str]]:
    """(article candidates, further listing pages) on one page of the paged news listing."""
    main = html.css("main") or html
    path = urlsplit(page_url).path
    articles, pages = [], []
    for a in main.css("a[href]"):
        href = urljoin(page_url, a.attrib["href"])
        parts = urlsplit(href)
        if parts.path == path and "skip" in parse_qs(parts.query):
            pages.append(href)
        elif (a.xpath("ancestor::*[contains(@class, 'sv-archive-portlet') or self::ul or self::ol]")
              and not a.xpath("ancestor::nav")):
            articles.append(href)
    return articles, pages


def listing_offset(url: str) -> int:
    """Where a page of the paged listing starts (its `skip`); 0 for the first page, under any URL."""
    skip = parse_qs(urlsplit(url).query).get("skip", ["0"])[0]
    return int(skip) if skip.isdigit() else 0
