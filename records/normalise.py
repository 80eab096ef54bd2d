"""A parsed record in the form the archive keeps: canonical URL, whitespace and Unicode NFC in every
text field. Crawl, reparse and `kommunarkiv parse` all go through `normalise_record`, so a page
gives the same record whichever way it is read."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from records.article import ArticleRecord

TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|_ga)$", re.IGNORECASE)
SITEVISION_STATE = {"sv.url", "state", "sv.state", "sv.contenttype", "sv.portlet"}
_SPACE = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_BLANKS = re.compile(r"\n{3,}")


def canonical_url(url: str) -> str:
    """Lower-cased scheme and host, no fragment, no ;jsessionid, no tracking or Sitevision view
    parameters (sv.url, state); the remaining query sorted. The path keeps its case."""
    parts = urlsplit(url.strip())
    path = re.sub(r";jsessionid=[^/?#]*", "", parts.path, flags=re.IGNORECASE) or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not TRACKING.match(k) and k not in SITEVISION_STATE]
    netloc = parts.netloc.lower()
    if (parts.scheme == "http" and netloc.endswith(":80")) or (parts.scheme == "https" and netloc.endswith(":443")):
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((parts.scheme.lower(), netloc, path, urlencode(sorted(query)), ""))


def normalise_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACE.sub(" ", line).strip() for line in value.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def normalise(value: Any) -> Any:
    if isinstance(value, str):
        return normalise_text(value)
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    return value


def normalise_record(record: ArticleRecord) -> dict[str, Any]:
    """The parser's record as the archive stores it (the JSON of archive/schema/article.schema.json)."""
    fields = record.to_dict()
    out = {k: normalise(v) if k not in ("url", "canonical_url") else v for k, v in fields.items()}
    out["canonical_url"] = canonical_url(fields.get("canonical_url") or fields["url"])
    return out
