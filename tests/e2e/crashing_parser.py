"""A page parser that fails on purpose, for the hostile crawl test (`-s KOMMUNARKIV_PARSER=...`):
it raises on pages that hold replica.hostile.CRASH_MARKER and parses every other page as usual."""

from __future__ import annotations

from typing import Any

from records.article import ArticleRecord
from records.parsers import parse_article as real_parse_article
from replica.hostile import CRASH_MARKER


def parse_article(body: bytes, url: str, **kwargs: Any) -> ArticleRecord:
    if CRASH_MARKER.encode() in body:
        raise RuntimeError(f"the parser met {CRASH_MARKER}")
    return real_parse_article(body, url, **kwargs)
