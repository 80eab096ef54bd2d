"""Page parsers: pure functions from HTML and a URL to typed records. They never fetch."""

from records.article import ArticleRecord
from records.parsers.article import parse_article

__all__ = ["ArticleRecord", "parse_article"]
