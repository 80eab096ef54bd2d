"""Pure helpers for discovery: robots.txt sitemaps, sitemap XML, RSS/Atom links, the news listing."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

from lxml import etree
from parsel import Selector
from scrapy.utils.gz import gunzip

FEED_TYPES = ("application/rss+xml", "application/atom+xml")
LISTING_TEXT = re.compile(r"^(?:alla|fler|visa alla|till alla)\s+nyheter|^nyhetsarkiv", re.IGNORECASE)
GZIP_MAGIC = b"\x1f\x8b"
# A sitemap has no use for a DTD; one with internal entities is an XXE or "billion laughs" attack.
# lxml (as Scrapy's Sitemap sets it up) resolves none, but then drops every <loc> of such a file, valid ones too.
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


def read_sitemap(body: bytes, max_size: int) -> tuple[str, Iterator[tuple[str, str | None]], bool]:
    """('urlset' | 'sitemapindex', (loc, lastmod) as they are read, whether a DOCTYPE had to be
    removed: a hostile or broken sitemap). Gzip is detected by its magic bytes, whatever the file is
    called. The entries are parsed as they are asked for, each element dropped once read: parsed
    whole (Scrapy's Sitemap, then a list), a 33,000-URL sitemap raised the crawl's peak by 17 MB, and
    a site's sitemap grows with the site. Parsed as Scrapy's Sitemap parses: lxml recovering from
    broken XML, resolving no entity, reading no DTD or network resource."""
    if body[:2] == GZIP_MAGIC:
        try:
            body = gunzip(body, max_size=max_size)
        except Exception as exc:  # noqa: BLE001 - gzip, zlib and size errors all mean "unusable"
            raise SitemapError(f"sitemap is not valid gzip: {exc}") from None
    body, had_doctype = without_doctype(body)
    events = etree.iterparse(io.BytesIO(body), events=("start", "end"), recover=True, resolve_entities=False,
                             no_network=True, remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        _, root = next(events)
    except (etree.XMLSyntaxError, StopIteration) as exc:
        raise SitemapError(f"sitemap is not XML: {exc or 'no root element'}") from None
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap (root element <{kind}>)")
    return kind, _entries(events, root), had_doctype


def _entries(events: Iterator[tuple[str, Any]], root: Any) -> Iterator[tuple[str, str | None]]:
    """Each <url> or <sitemap> under the root as its (loc, lastmod); '' for an empty lastmod, None
    for none (as Scrapy's Sitemap gives them); those without a loc left out."""
    try:
        for event, elem in events:
            if event != "end" or elem.getparent() is not root:
                continue
            fields = {etree.QName(child).localname: (child.text or "").strip()
                      for child in elem if isinstance(child.tag, str)}
            elem.clear()
            while elem.getprevious() is not None:  # the elements read so far, gone
                del root[0]
            if fields.get("loc"):
                yield fields["loc"], fields.get("lastmod")
    except etree.XMLSyntaxError:  # broken beyond what lxml recovers from: the entries read so far stand
        return


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
