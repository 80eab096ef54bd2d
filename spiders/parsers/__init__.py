"""Page parsers: pure functions from HTML and a URL to typed records. They never fetch."""

from spiders.parsers.article import parse_article
from spiders.parsers.record import ArticleRecord

__all__ = ["ArticleRecord", "parse_article"]
