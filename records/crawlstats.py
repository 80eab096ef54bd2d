"""A crawl's statistics as kommunarkiv keeps them: the names of its own Scrapy stats, a site's
part of the run record made from them, and the readable summary lines of a site's crawl.

The spider and pipelines count under these names; the store pipeline writes `site_stats` into the
run record; the crawl's log and `kommunarkiv crawl` print `summary_lines`; a crawl on a terminal
shows `progress` of each site while it runs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STAT = "kommunarkiv/{}"
FAULT_STAT = "kommunarkiv/fault/{}"
# The record fields whose coverage (share of article records that have them) is watched per site.
COVERAGE_FIELDS = {"published_at": "publication dates", "updated_at": "update dates", "title": "titles",
                   "lead": "leads", "body": "body texts", "quotes": "quotes", "page_contact": "page contacts",
                   "contact": "contact footers"}

LINES = (
    ("pages fetched", "downloader/response_count"),
    ("not modified", "downloader/response_status_count/304"),
    ("skipped by lastmod", "kommunarkiv/skipped_by_lastmod"),
    ("articles found", "kommunarkiv/articles_found"),
    ("pages not news", "kommunarkiv/pages_not_news"),
    ("new articles", "kommunarkiv/new_articles"),
    ("new revisions", "kommunarkiv/new_revisions"),
    ("unchanged", "kommunarkiv/unchanged"),
    ("invalid", "kommunarkiv/invalid"),
    ("failed", "kommunarkiv/failed"),
    ("not stored", "kommunarkiv/store_failed"),
    ("queued on disk", "scheduler/enqueued/disk"),
)


def summary_lines(site: str, stats: dict[str, Any], failures: list[tuple[str, str]]) -> list[str]:
    out = [f"{site}: " + ", ".join(f"{label} {stats.get(key, 0)}" for label, key in LINES)]
    out += [f"  failed {url}: {reason}" for url, reason in failures[:20]]
    if len(failures) > 20:
        out.append(f"  … and {len(failures) - 20} more failures")
    if msg := stats.get("kommunarkiv/invalid_ratio_exceeded"):
        out.append(f"  RUN FAILED: {msg}")
    return out


@dataclass(frozen=True)
class SiteProgress:
    """A site's crawl so far, as a live display shows it."""

    fetched: int  # responses received, 304s included
    waiting: int  # requests in the scheduler's queue, not yet handed to the downloader
    new: int  # articles stored for the first time
    changed: int  # new revisions of stored articles
    failed: int  # pages that failed to fetch, parse or store
    done: bool  # the site's spider has closed


def progress(stats: dict[str, Any]) -> SiteProgress:
    """What a site's live stats say so far. scrapy-redis counts its queue under names of its own."""
    def n(key: str) -> int:
        return int(stats.get(key, 0))

    queue = "scheduler/{}" if "scheduler/enqueued" in stats else "scheduler/{}/redis"
    return SiteProgress(
        fetched=n("downloader/response_count"),
        # a distributed worker may take more from the shared queue than it put in: never below 0
        waiting=max(n(queue.format("enqueued")) - n(queue.format("dequeued")), 0),
        new=n(STAT.format("new_articles")), changed=n(STAT.format("new_revisions")),
        failed=n(STAT.format("failed")) + n(STAT.format("store_failed")),
        done="finish_reason" in stats)


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
        "coverage": {f: round(coverage.get(f, 0) / records, 3) for f in COVERAGE_FIELDS} if records else {},
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
