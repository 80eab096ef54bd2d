"""What the crawl keeps of a fetch: the capture behind a record (its provenance in the archive),
and the validators (ETag, Last-Modified) of a page seen without a record."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scrapy.http import Response

from records.crawl import Capture


def capture_of(response: Response) -> Capture:
    return Capture(
        url=response.request.url, final_url=response.url, status=response.status,
        request_headers=_headers(response.request.headers), headers=_headers(response.headers),
        body=response.body, fetched_at=datetime.now(UTC),
    )


def header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _headers(headers: Any) -> dict[str, str]:
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in headers.items()}
