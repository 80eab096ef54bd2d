"""Name what went wrong with a fetch, so the run record can count each kind per site.

A fetch that fails reaches the spider's errback as a Twisted Failure; `fault_kind` turns it into
one short name (`timeouts`, `too_large`, `http_errors/503`, ...). The spider counts it as the stat
`kommunarkiv/fault/<kind>`, and records.crawlstats.site_stats gathers those into the run record.
"""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.defer import CancelledError
from twisted.internet.error import ConnectError, ConnectionDone, ConnectionLost, TimeoutError
from twisted.python.failure import Failure


class RedirectRefused(IgnoreRequest):
    """A redirect the crawl does not follow; `kind` names why in the run record."""

    kind = "redirect_refused"


class RedirectLoop(RedirectRefused):
    kind = "redirect_loops"


class TooManyRedirects(RedirectRefused):
    kind = "too_many_redirects"


class OffsiteRedirect(RedirectRefused):
    kind = "offsite_redirects"


def fault_kind(failure: Failure) -> str | None:
    """The run record's name for a failed fetch; None for requests dropped on purpose (robots.txt)."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"http_errors/{exc.response.status}"
    if isinstance(exc, RedirectRefused):
        return exc.kind
    if isinstance(exc, (DownloadTimeoutError, TimeoutError)):
        return "timeouts"
    if isinstance(exc, (DownloadCancelledError, CancelledError)):
        return "too_large"  # the download handler cancels only when DOWNLOAD_MAXSIZE is passed
    if isinstance(exc, IgnoreRequest):
        # HttpCompressionMiddleware stops a gzip bomb with an IgnoreRequest that names the setting.
        return "too_large" if "DOWNLOAD_MAXSIZE" in str(exc) else None
    if isinstance(exc, ResponseDataLossError):
        return "data_loss"
    if isinstance(exc, (DownloadConnectionRefusedError, CannotResolveHostError, DownloadFailedError,
                        ConnectError, ConnectionDone, ConnectionLost)):
        return "connection_errors"
    return "other_errors"
