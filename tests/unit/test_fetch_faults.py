"""The pure parts of handling the hostile web: Retry-After, error pages, cut-off pages, hostile
sitemaps, and the names failures get in the run record."""

from datetime import UTC, datetime

import pytest
from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest, ResponseDataLossError
from scrapy.http import HtmlResponse, Request
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from records.crawlstats import fault_counts
from spiders import discovery, pagechecks
from spiders.faults import OffsiteRedirect, fault_kind
from spiders.middlewares import retry_after_seconds

NOW = datetime(2026, 11, 28, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize("value, seconds", [
    (b"120", 120.0), ("7", 7.0), (b"Sat, 28 Nov 2026 12:00:30 GMT", 30.0),
    (b"Sat, 28 Nov 2026 11:00:00 GMT", 0.0), (b"soon", None), (None, None), (b"", None), (b"-5", None),
])
def test_retry_after_seconds(value, seconds):
    assert retry_after_seconds(value, NOW) == seconds


@pytest.mark.parametrize("title, is_error", [
    ("Sidan kunde inte hittas", True), ("404 – Sidan kunde inte hittas", True), ("Page not found | Arboga", True),
    ("Ett fel har uppstått", True), ("500 nya bostäder i centrum", False), ("Sidan om bygglov", False),
    ("Hittade inte sidan", True), (None, False),
])
def test_error_page_titles(title, is_error):
    assert (pagechecks.error_page_title(title) is not None) is is_error


@pytest.mark.parametrize("body, truncated", [
    (b"<!DOCTYPE html><html><body><p>Hela sidan</p></body></html>\n", False),
    (b"<!DOCTYPE html><html><body><p>Halva sid", True),
    (b"<html><body>ok</body></HTML >", False),
    (b"<p>a fragment without a document</p>", False),  # no claim about what is not a document
])
def test_looks_truncated(body, truncated):
    assert pagechecks.looks_truncated(body) is truncated


def test_empty_means_nothing_but_whitespace():
    assert pagechecks.is_empty(b" \r\n\t") and not pagechecks.is_empty(b"<html>")


URLSET = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">%s</urlset>'


def test_an_entity_bomb_sitemap_keeps_its_valid_urls_and_expands_nothing():
    levels = b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
    body = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY l0 "lol">' + levels + b"]>"
            + URLSET % b"<url><loc>https://a.se/&l9;</loc></url><url><loc>https://a.se/ok.html</loc></url>")
    kind, entries, had_doctype = discovery.read_sitemap(body, 10_000_000)
    assert had_doctype and kind == "urlset"
    assert [loc for loc, _ in entries] == ["https://a.se/", "https://a.se/ok.html"]


def test_an_xxe_sitemap_reads_no_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    body = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file://%s">]>' % str(secret).encode()
            + URLSET % b"<url><loc>https://a.se/?d=&x;</loc></url>")
    _, entries, _ = discovery.read_sitemap(body, 10_000_000)
    assert list(entries) == [("https://a.se/?d=", None)]


def _failure(exc: Exception) -> Failure:
    try:
        raise exc
    except Exception:  # noqa: BLE001
        return Failure()


def test_fault_kinds():
    response = HtmlResponse("https://a.se/x", status=503, request=Request("https://a.se/x"))
    assert fault_kind(_failure(HttpError(response))) == "http_errors/503"
    assert fault_kind(_failure(DownloadTimeoutError("slow"))) == "timeouts"
    assert fault_kind(_failure(DownloadCancelledError("big"))) == "too_large"
    assert fault_kind(_failure(IgnoreRequest("... exceeded DOWNLOAD_MAXSIZE (1 B) during decompression."))) == "too_large"
    assert fault_kind(_failure(ResponseDataLossError())) == "data_loss"
    assert fault_kind(_failure(OffsiteRedirect("away"))) == "offsite_redirects"
    assert fault_kind(_failure(IgnoreRequest("Forbidden by robots.txt"))) is None


def test_fault_counts_in_the_run_record():
    stats = {"kommunarkiv/fault/timeouts": 2, "kommunarkiv/fault/http_errors/429": 1, "retry/count": 5,
             "urllength/request_ignored_count": 1, "kommunarkiv/failed": 3}
    faults = fault_counts(stats, [("https://a.se/1", "parser error: RuntimeError()"), ("https://a.se/2", "HTTP 429")])
    assert faults == {"http_errors": {"429": 1}, "timeouts": 2, "retries": 5, "retries_given_up": 0,
                      "url_too_long": 1, "parse_errors": ["https://a.se/1"]}
