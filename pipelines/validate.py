"""Validate records against the archive's public record schema (archive/schema/article.schema.json).

An invalid record is dropped with the fields that failed; when more than
KOMMUNARKIV_MAX_INVALID_RATIO of a site's records are invalid, the crawl is marked failed.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator
from scrapy.exceptions import DropItem

from archive.incoming import Incoming
from records.crawl import PageSeen

SCHEMA_PATH = files("archive") / "schema" / "article.schema.json"  # works from a zipped egg too


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def record_errors(record: dict[str, Any]) -> list[str]:
    """'field: message' for every way the record breaks the schema; empty when it is valid."""
    out = []
    for err in sorted(validator().iter_errors(record), key=lambda e: list(e.absolute_path)):
        where = ".".join(str(p) for p in err.absolute_path) or "(record)"
        out.append(f"{where}: {err.message}")
    return out


class ValidatePipeline:
    def __init__(self, max_invalid_ratio: float):
        self.max_invalid_ratio = max_invalid_ratio
        self.seen: Counter[str] = Counter()
        self.invalid: Counter[str] = Counter()
        self.failed_fields: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206 - Scrapy's factory signature
        pipe = cls(crawler.settings.getfloat("KOMMUNARKIV_MAX_INVALID_RATIO", 0.10))
        pipe.crawler = crawler
        return pipe

    def process_item(self, item: Incoming | PageSeen) -> Incoming | PageSeen:
        if isinstance(item, PageSeen):
            return item  # pages seen without a record pass straight to the store
        self.seen[item.site.slug] += 1
        errors = record_errors(item.record)
        if errors:
            self.invalid[item.site.slug] += 1
            for e in errors:
                self.failed_fields[e.split(":")[0]] += 1
            self.crawler.stats.inc_value("kommunarkiv/invalid")
            raise DropItem(f"invalid record {item.record.get('url')}: {'; '.join(errors)}")
        return item

    def close_spider(self) -> None:
        for site, total in self.seen.items():
            ratio = self.invalid[site] / total
            if ratio > self.max_invalid_ratio:
                fields = ", ".join(f"{f} ({n})" for f, n in self.failed_fields.most_common(5))
                message = f"{site}: {self.invalid[site]} of {total} records invalid ({ratio:.0%}); fields: {fields}"
                self.crawler.stats.set_value("kommunarkiv/invalid_ratio_exceeded", message)
                self.crawler.spider.logger.error(message)
