"""The crawl's closing summary: one readable block per site in the log, from the crawl's stats."""

from __future__ import annotations

from scrapy import signals

from records.crawlstats import summary_lines


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
