"""Run a crawl of some sites in this process, with the project's settings plus overrides."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from spiders.sitevision import SitevisionSpider, _spider_class
from spiders.sites import Site
from spiders.summary import summary_lines


@dataclass
class SiteOutcome:
    site: str
    stats: dict[str, Any]
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def broken(self) -> str | None:
        """Why this site's crawl counts as failed, or None."""
        if not self.stats.get("downloader/response_count"):
            return "no page could be fetched"
        if msg := self.stats.get("kommunarkiv/invalid_ratio_exceeded"):
            return msg
        return None

    def summary(self) -> list[str]:
        return summary_lines(self.site, self.stats, self.failures)


def crawl_settings(db_url: str, overrides: dict[str, str]) -> Settings:
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    settings.set("KOMMUNARKIV_DB", db_url, priority="cmdline")
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(sites: list[Site], db_url: str, overrides: dict[str, str] | None = None) -> list[SiteOutcome]:
    process = CrawlerProcess(crawl_settings(db_url, overrides or {}))
    crawlers = []
    for site in sites:
        crawler = process.create_crawler(_spider_class(site))
        process.crawl(crawler)
        crawlers.append((site.slug, crawler))
    process.start()
    out = []
    for slug, crawler in crawlers:
        spider: SitevisionSpider | None = crawler.spider
        out.append(SiteOutcome(slug, crawler.stats.get_stats(), list(getattr(spider, "failures", []))))
    return out
