"""The Sitevision spider family: one spider per entry of the site list, all sharing this code.

Discovery from the base URL alone, as on the live sites: robots.txt (obeyed by Scrapy's
RobotsTxtMiddleware; its Sitemap: lines read here), the sitemaps, the RSS feed linked from the
pages, and the paged news listing. Whether a page is a news article is decided from the page
itself (the news template, a publication date) and from how it was reached (feed, listing).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Iterable
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.misc import load_object
from twisted.python.failure import Failure

from records.crawl import ArticleItem, Known, PageSeen
from records.crawlstats import COVERAGE_FIELDS, FAULT_STAT, STAT
from records.parsers import parse_article as default_parser
from records.sites import Site, load_sites, with_base_url
from spiders import discovery, pagechecks
from spiders.capture import capture_of, header
from spiders.faults import fault_kind
from spiders.urlbook import IN_CHUNK, UrlBook

PRIORITY = {"feed": 30, "listing": 20, "sitemap": 0}
# How a URL was found, one bit each (spiders.urlbook keeps them for every URL of the crawl)
VIAS = ("home", "listing", "listing-page", "sitemap-file", "sitemap", "feed-file", "feed", "other")
VIA_BIT = {name: 1 << i for i, name in enumerate(VIAS)}


class SitevisionSpider(scrapy.Spider):
    site: Site
    parse_article = staticmethod(default_parser)  # KOMMUNARKIV_PARSER replaces it (see from_crawler)

    def __init__(self, *args: Any, base_url: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if base_url:
            self.site = with_base_url(self.site, base_url)
        self.allowed_domains = sorted({urlsplit("//" + h).hostname or h for h in self.site.hosts})
        self.failures: list[tuple[str, str]] = []
        self.listing_pages = 0
        self.coverage: Counter[str] = Counter()  # how many article records had each field
        self.ledger = None  # set by spiders.distributed when the crawl runs on several workers
        self._book: UrlBook | None = None  # every URL of this crawl, on disk: opened at first use

    @property
    def book(self) -> UrlBook:
        if self._book is None:
            self._book = UrlBook()
        return self._book

    def learn_known(self, pages: Iterable[tuple[str, Known]]) -> None:
        """What earlier crawls stored of each page, for incremental crawling: handed in before the
        crawl starts by whoever holds the archive (the store pipeline's open_spider); a spider
        never opens the archive itself."""
        self.book.learn(pages)

    def closed(self, reason: str) -> None:
        if self._book is not None:
            self._book.close()
            self._book = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SitevisionSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # The page parser, by dotted path: a test can put one in that fails on purpose.
        if path := crawler.settings.get("KOMMUNARKIV_PARSER"):
            spider.parse_article = load_object(path)
        return spider

    # -- helpers ---------------------------------------------------------------------------------
    def _stat(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(STAT.format(key), n)

    def _fault(self, kind: str) -> None:
        self.crawler.stats.inc_value(FAULT_STAT.format(kind))

    def _request(self, url: str, callback: Any, via: str, **meta: Any) -> scrapy.Request | None:
        if urlsplit(url).scheme not in ("http", "https"):
            self._fault("non_http_links")  # mailto:, javascript:, tel:
            return None
        if not self.site.owns(url):
            self._fault("offsite_links")
            return None
        if not self._found(url, via):
            return None
        if self.ledger is not None:
            self.ledger.discovered(url, callback.__name__, via)
        return scrapy.Request(url, callback=callback, errback=self.on_error, priority=PRIORITY.get(via, 10),
                              meta={"via": via, **meta})

    def _found(self, url: str, via: str) -> bool:
        """Remember that `url` was found `via` this way; True the first time it is found at all."""
        return not self.book.found(url, VIA_BIT.get(via, VIA_BIT["other"]))

    def _via(self, url: str) -> set[str]:
        bits = self.book.via(url)
        return {name for name, bit in VIA_BIT.items() if bits & bit}

    def rebuild_request(self, url: str, callback: str, via: str) -> scrapy.Request:
        """Ask again for a URL another worker took and never finished (see spiders.distributed)."""
        return scrapy.Request(url, callback=getattr(self, callback), errback=self.on_error,
                              priority=PRIORITY.get(via, 10), meta={"via": via}, dont_filter=True)

    def _done(self, response: Response) -> None:
        self._mark_done(response.request.url)

    def _mark_done(self, url: str) -> None:
        """Tell the distributed crawl's ledger this URL's outcome is settled (no-op alone)."""
        if self.ledger is not None:
            self.ledger.done([url])

    def _page(self, url: str, via: str, known: Known | None, lastmod: str | None = None) \
            -> scrapy.Request | PageSeen | None:
        """The request for a page, made conditional when an earlier crawl fetched it (`known`: what
        the archive knew of it); no request at all when the sitemap's lastmod is the one it had then."""
        if lastmod:
            self.book.set_lastmod(url, lastmod)
        if known and lastmod and known.sitemap_lastmod == lastmod and known.last_status in (200, 304) \
                and not self.book.via(url):
            self._found(url, via)
            self._stat("skipped_by_lastmod")
            return PageSeen(self.site.slug, url, known.kind, None, lastmod=lastmod)
        req = self._request(url, self.parse_page, via)
        if req is not None and known is not None:
            if known.etag:
                req.headers["If-None-Match"] = known.etag
            if known.last_modified:
                req.headers["If-Modified-Since"] = known.last_modified
            req.meta["handle_httpstatus_list"] = [304]
        return req

    # -- discovery -------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        site = self.site
        yield scrapy.Request(site.url("/robots.txt"), callback=self.parse_robots, errback=self.on_error,
                             meta={"via": "robots"}, priority=40, dont_filter=True)
        for req in (self._request(site.url("/"), self.parse_home, "home"),
                    self._request(site.url(site.news_listing), self.parse_listing, "listing")
                    if site.news_listing else None):
            if req is not None:
                yield req

    def parse_robots(self, response: Response) -> Any:
        text = response.text if isinstance(response, TextResponse) else response.body.decode("utf-8", "replace")
        sitemaps = discovery.sitemaps_from_robots(text, self.site.base_url) or [self.site.url("/sitemap.xml")]
        for url in sitemaps:
            if req := self._request(url, self.parse_sitemap, "sitemap-file"):
                yield req
        self._done(response)

    def parse_sitemap(self, response: Response) -> Any:
        try:
            kind, entries, had_doctype = discovery.read_sitemap(
                response.body, self.settings.getint("DOWNLOAD_MAXSIZE"))
        except discovery.SitemapError as exc:
            self._fail(response.request.url, str(exc), "sitemap_errors")
            return
        if had_doctype:  # entity declarations (XXE, billion laughs): removed unread
            self.logger.warning("sitemap %s has a DOCTYPE: removed before parsing", response.url)
            self._fault("sitemap_doctype_removed")
        listed = 0
        while part := list(islice(entries, IN_CHUNK)):  # read as the requests are taken
            listed += len(part)
            known = self.book.known([loc for loc, _ in part]) if kind == "urlset" else {}
            for loc, lastmod in part:
                req = (self._request(loc, self.parse_sitemap, "sitemap-file") if kind == "sitemapindex"
                       else self._page(loc, "sitemap", known.get(loc), lastmod))
                if req is not None:
                    yield req
        if not listed:  # an entity-bomb sitemap parses to zero URLs without an error: say so
            self.logger.warning("sitemap %s lists no URLs", response.url)
            self._fault("sitemap_empty")
        self._done(response)

    def parse_home(self, response: Response) -> Any:
        self._done(response)
        if not isinstance(response, TextResponse):
            return
        sel = Selector(text=response.text)
        for url in discovery.feed_links_in_page(sel, response.url)[:3]:
            if req := self._request(url, self.parse_feed, "feed-file"):
                yield req
        if not self.site.news_listing:
            for url in discovery.listing_links(sel, response.url)[:1]:
                if req := self._request(url, self.parse_listing, "listing"):
                    yield req

    def parse_feed(self, response: Response) -> Any:
        self._done(response)
        links = discovery.items_in_feed(Selector(text=response.body.decode("utf-8", "replace"), type="xml"))
        if not links:
            self.logger.warning("feed %s has no items", response.url)
            self._fault("feed_empty")
        known = self.book.known(links)
        for url in links:
            if req := self._page(url, "feed", known.get(url)):
                yield req

    def parse_listing(self, response: Response) -> Any:
        self._done(response)
        if not isinstance(response, TextResponse):
            return
        self.listing_pages += 1
        articles, pages = discovery.listing_entries(Selector(text=response.text), response.url)
        known = self.book.known(articles)
        news = [u for u in articles if u not in known and not self.book.via(u)]
        unshown = self.book.unshown(articles)
        self.book.show(articles)
        for url in articles:
            if req := self._page(url, "listing", known.get(url)):
                yield req
        if self.book.knows_any and articles and not news:
            self._stat("listing_stopped_at_known")  # newest first: the rest was archived before
            return
        if articles and not unshown and discovery.listing_offset(response.url) == 0:
            return  # the first page again, as its own page links name it (arboga.se: `?skip=0`): nothing to page
        if not unshown:  # empty, or only what earlier pages showed: a listing that never ends
            self.logger.warning("listing stopped at %s: no article the listing had not shown before", response.url)
            self._fault("listing_stopped_no_new")
            return
        if self.listing_pages >= self.settings.getint("KOMMUNARKIV_MAX_LISTING_PAGES", 1000):
            self.logger.warning("listing stopped after %d pages at %s", self.listing_pages, response.url)
            self._fault("listing_truncated")
            return
        for url in pages:
            if req := self._request(url, self.parse_listing, "listing-page"):
                yield req

    # -- pages -----------------------------------------------------------------------------------
    def _seen(self, response: Response, kind: str) -> PageSeen:
        url = response.request.url
        return PageSeen(self.site.slug, url, kind, response.status,
                        etag=header(response, "ETag"), last_modified=header(response, "Last-Modified"),
                        lastmod=self.book.take_lastmod(url))

    def parse_page(self, response: Response) -> Any:
        if response.status == 304:
            self._stat("not_modified")
            known = self.book.known([response.request.url]).get(response.request.url)
            yield self._seen(response, known.kind if known else "other")
            return
        self._stat("pages_parsed")
        if not isinstance(response, TextResponse):
            self._stat("pages_not_html")
            self._done(response)
            return
        if pagechecks.is_empty(response.body):
            self._fail(response.request.url, "empty response body: no title or publication date", "empty_pages")
            return
        try:
            record = self.parse_article(response.body, response.url, municipality=self.site.slug,
                                        content_type=response.headers.get("Content-Type", b"").decode("latin-1"))
        except Exception as exc:  # noqa: BLE001 - a parser bug must cost one page, not the crawl
            self.logger.exception("parser failed on %s", response.url)
            self._fail(response.request.url, f"parser error: {exc!r}", "parse_errors")
            return
        if title := pagechecks.error_page_title(record.title):
            self._fail(response.request.url, f"soft 404: answered 200 with an error page ({title!r})", "soft_404s")
            return
        via = self._via(response.request.url) | self._via(response.url) | {response.meta.get("via", "")}
        if not pagechecks.is_news_article(record, via):
            if via & {"feed", "listing"}:  # promised as news, yet no title or date: a broken page
                self._fail(response.request.url, "reached from the news feed or listing but has no title or "
                           f"publication date ({'; '.join(record.extraction.warnings)})")
            else:
                self._stat("pages_not_news")
                yield self._seen(response, "other")
            return
        if pagechecks.looks_truncated(response.body):
            self._fail(response.request.url, "truncated HTML: the page ends before </html>", "truncated_pages")
            return
        self._stat("articles_found")
        self.coverage["records"] += 1
        self.coverage.update(f for f in COVERAGE_FIELDS if getattr(record, f))
        yield ArticleItem(record=record, capture=capture_of(response), site=self.site, via=sorted(via),
                          lastmod=self.book.take_lastmod(response.request.url))

    # -- errors ----------------------------------------------------------------------------------
    def _fail(self, url: str, reason: str, kind: str | None = None) -> None:
        self._mark_done(url)
        self.failures.append((url, reason))
        self._stat("failed")
        if kind:
            self._fault(kind)
        self.logger.error("failed %s: %s", url, reason)

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        kind = fault_kind(failure)
        if kind is None:
            self._stat("ignored_requests")  # robots.txt and the like: logged by Scrapy
            self._mark_done(request.url)
            return
        if failure.check(HttpError):
            self._fail(request.url, f"HTTP {failure.value.response.status}", kind)
        else:
            self._fail(request.url, f"{failure.type.__name__}: {failure.getErrorMessage()}", kind)


def spider_class(site: Site) -> type[SitevisionSpider]:
    return type(f"{site.slug.capitalize()}Spider", (SitevisionSpider,),
                {"name": site.slug, "site": site, "__module__": __name__})


for _site in load_sites().values():
    globals()[f"{_site.slug.capitalize()}Spider"] = spider_class(_site)
