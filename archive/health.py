"""Health checks at the end of a crawl: did each site yield articles, did a field's coverage drop
against the earlier runs (the template changed), did too many fetches fail.

A failed check makes `kommunarkiv crawl` exit 3 with a short report; the report is stored in the
run record. Thresholds are settings: KOMMUNARKIV_MAX_ERROR_RATE, KOMMUNARKIV_COVERAGE_DROP.
"""

from __future__ import annotations

from typing import Any

MAX_ERROR_RATE = 0.20  # failed fetches / pages fetched
COVERAGE_DROP = 0.30  # a field found on 95 % of articles before and on under 65 % now
MIN_RECORDS = 10  # coverage is compared only over enough records, tonight and before
FIELD_NAMES = {"published_at": "publication dates", "updated_at": "update dates", "title": "titles",
               "lead": "leads", "body": "body texts", "quotes": "quotes", "page_contact": "page contacts",
               "contact": "contact footers"}


def site_stats(stats: dict[str, Any], failures: list[tuple[str, str]], coverage: dict[str, int]) -> dict[str, Any]:
    """This site's part of a run record, from the crawl's stats."""
    def k(name: str) -> int:
        return int(stats.get(f"kommunarkiv/{name}", 0))

    records = coverage.get("records", 0)
    return {
        "pages_fetched": int(stats.get("downloader/response_count", 0)),
        "not_modified": int(stats.get("downloader/response_status_count/304", 0)),
        "skipped_by_lastmod": k("skipped_by_lastmod"),
        "articles_parsed": records,
        "new_articles": k("new_articles"), "new_revisions": k("new_revisions"), "unchanged": k("unchanged"),
        "failed": k("failed") + k("store_failed"), "invalid": k("invalid"),
        "invalid_ratio_exceeded": stats.get("kommunarkiv/invalid_ratio_exceeded"),
        "coverage": {f: round(coverage.get(f, 0) / records, 3) for f in FIELD_NAMES} if records else {},
        "errors": [f"{url}: {reason}" for url, reason in failures[:200]],
        "faults": fault_counts(stats, failures),
    }


def fault_counts(stats: dict[str, Any], failures: list[tuple[str, str]]) -> dict[str, Any]:
    """What went wrong, by kind: the spider's `kommunarkiv/fault/<kind>` counts (timeouts, too_large,
    soft_404s, ...), HTTP errors by status, Scrapy's retries and over-long URLs, and the URLs of
    the pages the parser failed on."""
    prefix = "kommunarkiv/fault/"
    faults: dict[str, Any] = {"http_errors": {}}
    for key, n in sorted(stats.items()):
        if key.startswith(prefix + "http_errors/"):
            faults["http_errors"][key.rsplit("/", 1)[1]] = int(n)
        elif key.startswith(prefix) and key != prefix + "parse_errors":
            faults[key[len(prefix):]] = int(n)
    faults["retries"] = int(stats.get("retry/count", 0))
    faults["retries_given_up"] = int(stats.get("retry/max_reached", 0))
    faults["url_too_long"] = int(stats.get("urllength/request_ignored_count", 0))
    faults["parse_errors"] = [url for url, reason in failures if reason.startswith("parser error")][:200]
    return faults


def check_site(site: str, now: dict[str, Any], before: list[dict[str, Any]],
               max_error_rate: float = MAX_ERROR_RATE, coverage_drop: float = COVERAGE_DROP) -> list[str]:
    """Problems found, each one readable line; empty when the site is healthy."""
    problems = []
    articles = now["articles_parsed"] + now["unchanged"]
    if now["pages_fetched"] == 0:
        problems.append(f"{site}: no page could be fetched")
    elif articles == 0:
        problems.append(f"{site}: no article found (fetched {now['pages_fetched']} pages)")
    if now["pages_fetched"] and now["failed"] / now["pages_fetched"] > max_error_rate:
        problems.append(f"{site}: {now['failed']} of {now['pages_fetched']} fetches failed "
                        f"({now['failed'] / now['pages_fetched']:.0%}, over {max_error_rate:.0%})")
    if now.get("invalid_ratio_exceeded"):
        problems.append(now["invalid_ratio_exceeded"])
    earlier = [b["coverage"] for b in before if b.get("articles_parsed", 0) >= MIN_RECORDS and b.get("coverage")]
    if now["articles_parsed"] >= MIN_RECORDS and earlier:
        for field, label in FIELD_NAMES.items():
            was = sum(c.get(field, 0) for c in earlier) / len(earlier)
            is_ = now["coverage"].get(field, 0)
            if was - is_ >= coverage_drop:
                problems.append(f"{site}: {label} found on {was:.0%} of articles in the last {len(earlier)} "
                                f"run(s), {is_:.0%} now: the page template may have changed")
    return problems
