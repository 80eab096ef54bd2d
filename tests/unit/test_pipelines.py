"""The item pipelines: normalise, validate (with the 10 % rule), deduplicate."""

import logging
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from pipelines.dedupe import DedupePipeline
from pipelines.normalize import NormalizePipeline
from pipelines.validate import ValidatePipeline
from spiders.items import ArticleItem, Capture
from spiders.sitevision import SitevisionSpider
from tests.unit.records import record


def item(rec, site="arboga"):
    capture = Capture(rec["url"], rec["url"], 200, {}, {}, b"", datetime.now(timezone.utc))
    return ArticleItem(record=rec, capture=capture, site=site)


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
    normalise, dedupe = NormalizePipeline(), DedupePipeline()
    first = record("arboga", "/a.html", "T", "B.")
    second = dict(first, url="https://www.arboga.se/a.html?utm_source=rss",
                  canonical_url="HTTPS://WWW.ARBOGA.SE/a.html#top")
    dedupe.process_item(normalise.process_item(item(first)))
    with pytest.raises(DropItem, match="duplicate of https://www.arboga.se/a.html"):
        dedupe.process_item(normalise.process_item(item(second)))
