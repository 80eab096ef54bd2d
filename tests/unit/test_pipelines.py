"""The item pipelines: normalise, validate (with the 10 % rule), deduplicate."""

import logging
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from archive.incoming import Incoming
from pipelines.dedupe import DedupePipeline
from pipelines.normalise import NormalisePipeline
from pipelines.validate import ValidatePipeline
from records.article import ArticleRecord
from records.crawl import ArticleItem, Capture
from spiders.sitevision import SitevisionSpider
from tests.unit.records import SITES, record


def capture(rec):
    return Capture(rec["url"], rec["url"], 200, {}, {}, b"", datetime.now(UTC))


def item(rec, site="arboga"):
    """What the validate and dedupe stages see: the normalised record the archive will store."""
    return Incoming(SITES[site], rec, capture(rec))


def parsed(rec, site="arboga"):
    """What the spider yields: the parser's dataclass (nested fields may stay plain dicts here)."""
    return ArticleItem(record=ArticleRecord(**rec), capture=capture(rec), site=SITES[site])


@pytest.fixture
def validator():
    crawler = get_crawler(SitevisionSpider, {"KOMMUNARKIV_MAX_INVALID_RATIO": 0.10})
    crawler.spider = SimpleNamespace(logger=logging.getLogger("test"))  # the pipeline only logs through it
    return ValidatePipeline.from_crawler(crawler)


def good(i):
    return record("arboga", f"/a{i}.html", f"Titel {i}", "Brödtext.", "2021-05-03")


def test_invalid_record_is_dropped_with_its_fields(validator):
    bad = dict(good(0), title="", published_at="3 maj")
    with pytest.raises(DropItem) as exc:
        validator.process_item(item(bad))
    assert "published_at:" in str(exc.value) and "title:" in str(exc.value)


def test_run_fails_over_ten_percent_invalid_and_names_the_fields(validator):
    for i in range(8):
        validator.process_item(item(good(i)))
    for i in range(2):
        with pytest.raises(DropItem):
            validator.process_item(item(dict(good(10 + i), published_at=None)))
    validator.close_spider()
    message = validator.crawler.stats.get_value("kommunarkiv/invalid_ratio_exceeded")
    assert message.startswith("arboga: 2 of 10 records invalid (20%)") and "published_at (2)" in message


def test_run_passes_at_ten_percent(validator):
    for i in range(9):
        validator.process_item(item(good(i)))
    with pytest.raises(DropItem):
        validator.process_item(item(dict(good(9), body="")))
    validator.close_spider()
    assert validator.crawler.stats.get_value("kommunarkiv/invalid_ratio_exceeded") is None


def test_normalise_then_dedupe_drops_the_second_copy_of_a_canonical_url():
    normalise, dedupe = NormalisePipeline(), DedupePipeline()
    dedupe.open_spider()
    first = record("arboga", "/a.html", "T", "B.")
    second = dict(first, url="https://www.arboga.se/a.html?utm_source=rss",
                  canonical_url="HTTPS://WWW.ARBOGA.SE/a.html#top")
    dedupe.process_item(normalise.process_item(parsed(first)))
    with pytest.raises(DropItem, match="duplicate of https://www.arboga.se/a.html"):
        dedupe.process_item(normalise.process_item(parsed(second)))
