"""The raw captures as WARC 1.1 (warcio): a request, a response and a metadata record per capture.

The response payload is the stored body byte for byte. Scrapy stores bodies already decoded from
gzip/deflate, so Content-Encoding is dropped and Content-Length set to the stored length, which keeps
the record valid for standard WARC tools (`warcio check`, `warcio index`).
"""

from __future__ import annotations

import json
import zlib
from http import HTTPStatus
from io import BytesIO
from typing import BinaryIO
from urllib.parse import urlsplit

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from archive.models import Article, RawCapture, Revision

DROPPED = {"content-encoding", "transfer-encoding", "content-length"}


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def export_warc(engine: Engine, out: BinaryIO, filename: str = "kommunarkiv.warc.gz") -> int:
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    writer.write_record(writer.create_warcinfo_record(filename, {
        "software": "kommunarkiv", "format": "WARC File Format 1.1",
        "description": "raw captures of Swedish municipal news pages, one per archived revision",
    }))
    n = 0
    query = (select(RawCapture, Revision.id, Revision.content_hash, Article.canonical_url)
             .join(Revision, Revision.capture_id == RawCapture.id)
             .join(Article, Article.id == RawCapture.article_id).order_by(RawCapture.id))
    with Session(engine) as s:
        for cap, revision_id, content_hash, canonical in s.execute(query).yield_per(200):
            body = zlib.decompress(cap.body)
            date = datetime_to_iso_date(cap.fetched_at.replace(tzinfo=None), use_micros=True)
            headers = [(k, v) for k, v in cap.headers.items() if k.lower() not in DROPPED]
            headers.append(("Content-Length", str(len(body))))
            http = StatusAndHeaders(f"{cap.status} {_reason(cap.status)}", headers, protocol="HTTP/1.1")
            response = writer.create_warc_record(cap.final_url, "response", payload=BytesIO(body), length=len(body),
                                                 http_headers=http, warc_headers_dict={"WARC-Date": date})
            target = urlsplit(cap.final_url)
            path = (target.path or "/") + (f"?{target.query}" if target.query else "")
            req_headers = [("Host", target.netloc)] + [(k, v) for k, v in cap.request_headers.items()
                                                       if k.lower() != "host"]
            request = writer.create_warc_record(
                cap.final_url, "request",
                http_headers=StatusAndHeaders(f"GET {path} HTTP/1.1", req_headers, is_http_request=True),
                warc_headers_dict={"WARC-Date": date})
            writer.write_request_response_pair(request, response)
            meta = json.dumps({"article_canonical_url": canonical, "revision_id": revision_id,
                               "content_hash": content_hash, "crawl_run_id": cap.crawl_run_id,
                               "requested_url": cap.url, "body_sha256": cap.body_sha256}).encode()
            writer.write_record(writer.create_warc_record(
                cap.final_url, "metadata", payload=BytesIO(meta), length=len(meta),
                warc_content_type="application/json",
                warc_headers_dict={"WARC-Date": date,
                                   "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")}))
            n += 1
    return n
