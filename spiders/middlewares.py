"""Downloader middlewares for the web as it is: redirects that go round, on and on or off the site,
and servers that ask the crawler to come back later (429/503 with Retry-After).

Scrapy's RedirectMiddleware follows a loop until REDIRECT_MAX_TIMES (or until its duplicate filter
silently drops the repeat), and follows redirects to any host in allowed_domains, whose ports do
not count. Its RetryMiddleware retries 429 and 503 at once, whatever Retry-After says.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from records.crawlstats import FAULT_STAT
from spiders.faults import OffsiteRedirect, RedirectLoop, TooManyRedirects

logger = logging.getLogger(__name__)
REDIRECT_STATUSES = (301, 302, 303, 307, 308)


def _owns(spider, url: str) -> bool:  # noqa: ANN001 - any spider; those without a site own all
    site = getattr(spider, "site", None)
    return site is None or site.owns(url)


class RedirectGuard:
    """Refuse a redirect that comes back to a URL of its own chain, one past REDIRECT_MAX_TIMES, or
    one that leaves the site (another host or port); each reaches the spider's errback as a
    RedirectRefused that names the kind."""

    def __init__(self, crawler):  # noqa: ANN001 - Scrapy's crawler
        self.crawler = crawler
        self.max_times = crawler.settings.getint("REDIRECT_MAX_TIMES")

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        return cls(crawler)

    def process_request(self, request: Request, spider=None) -> None:  # noqa: ANN001
        # Redirects by <meta http-equiv=refresh> come this way only.
        if request.meta.get("redirect_urls") and not _owns(self.crawler.spider, request.url):
            raise OffsiteRedirect(f"redirected off the site to {request.url}")

    def process_response(self, request: Request, response: Response, spider=None) -> Response:  # noqa: ANN001
        location = response.headers.get("Location")
        if response.status not in REDIRECT_STATUSES or not location or request.meta.get("dont_redirect"):
            return response
        target = urljoin(request.url, location.decode("latin-1"))
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in chain:
            raise RedirectLoop(f"redirect loop: {' -> '.join([*chain, target])}")
        if request.meta.get("redirect_times", 0) >= self.max_times:
            raise TooManyRedirects(f"more than {self.max_times} redirects (REDIRECT_MAX_TIMES): {chain[0]}")
        if not _owns(self.crawler.spider, target):
            raise OffsiteRedirect(f"redirected off the site to {target}")
        return response


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None when absent
    or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware:
    """On 429 or 503 with Retry-After: wait as asked (up to KOMMUNARKIV_RETRY_AFTER_MAX seconds),
    then retry within RETRY_TIMES. A longer wait is not retried in this crawl; without the header,
    RetryMiddleware retries as usual."""

    def __init__(self, crawler):  # noqa: ANN001 - Scrapy's crawler
        self.crawler = crawler
        self.cap = crawler.settings.getfloat("KOMMUNARKIV_RETRY_AFTER_MAX", 60.0)

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        return cls(crawler)

    def _count(self, kind: str, n: float = 1) -> None:
        self.crawler.stats.inc_value(FAULT_STAT.format(kind), n)

    async def process_response(self, request: Request, response: Response, spider=None) -> Request | Response:  # noqa: ANN001
        if response.status not in (429, 503) or request.meta.get("dont_retry"):
            return response
        delay = retry_after_seconds(response.headers.get("Retry-After"))
        if delay is None:
            return response
        if delay > self.cap:
            logger.warning("%s answered %d with Retry-After %.0f s, over KOMMUNARKIV_RETRY_AFTER_MAX (%.0f s): "
                           "not retried in this crawl", request.url, response.status, delay, self.cap)
            self._count("retry_after_refused")
            request.meta["dont_retry"] = True
            return response
        retry = get_retry_request(request, spider=self.crawler.spider,
                                  reason=f"{response.status} with Retry-After {delay:.0f} s")
        if retry is None:  # RETRY_TIMES used up; keep RetryMiddleware from counting it again
            request.meta["dont_retry"] = True
            return response
        self._count("retry_after_waits")
        from twisted.internet import reactor  # the installed one; importing it early would install the default

        await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
        return retry
