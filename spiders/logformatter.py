"""Log dropped items (duplicates, invalid records) in one line with the reason, not the whole item:
a record holds the page's bytes, which would flood the log."""

from __future__ import annotations

import logging

from scrapy.logformatter import LogFormatter


class ConciseLogFormatter(LogFormatter):
    def dropped(self, item, exception, response, spider):  # noqa: ANN001, ANN201 - Scrapy's signature
        return {"level": logging.INFO, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}
