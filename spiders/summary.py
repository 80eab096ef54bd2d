"""The crawl's closing summary: one readable block per site in the log, from the crawl's stats."""

from __future__ import annotations

from scrapy import signals

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


def summary_lines(site: str, stats: dict, failures: list[tuple[str, str]]) -> list[str]:
    out = [f"{site}: " + ", ".join(f"{label} {stats.get(key, 0)}" for label, key in LINES)]
    out += [f"  failed {url}: {reason}" for url, reason in failures[:20]]
    if len(failures) > 20:
        out.append(f"  … and {len(failures) - 20} more failures")
    if msg := stats.get("kommunarkiv/invalid_ratio_exceeded"):
        out.append(f"  RUN FAILED: {msg}")
    return out


class CrawlSummary:
    def __init__(self, crawler):  # noqa: ANN001 - Scrapy's crawler
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        return cls(crawler)

    def spider_closed(self, spider, reason: str) -> None:  # noqa: ANN001
        for line in summary_lines(spider.name, self.crawler.stats.get_stats(), getattr(spider, "failures", [])):
            spider.logger.info("summary %s", line)
