"""Exports: one row per article (its latest revision) with every record field, its provenance, its
topics and its story's other publications, as JSON lines, CSV or Parquet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from itertools import islice
from typing import Any, BinaryIO, cast

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from archive.models import Article, ArticleTopic, Municipality, RawCapture, Revision
from archive.when import iso

FORMATS = ("jsonl", "csv", "parquet")
PROVENANCE = ("id", "story_id", "first_seen_at", "last_seen_at", "revision_count", "fetched_at")
CHUNK = 500


def _extras(s: Session, articles: list[Article]) -> tuple[dict[int, list[str]], dict[int, list[dict[str, Any]]]]:
    """Topics per article, and the publications of each story among these articles."""
    ids = [a.id for a in articles]
    topics: dict[int, list[str]] = {}
    for aid, topic in s.execute(select(ArticleTopic.article_id, ArticleTopic.topic)
                                .where(ArticleTopic.article_id.in_(ids)).order_by(ArticleTopic.topic)):
        topics.setdefault(aid, []).append(topic)
    stories: dict[int, list[dict[str, Any]]] = {}
    story_ids = sorted({a.story_id for a in articles if a.story_id is not None})
    if story_ids:
        for a, slug in s.execute(select(Article, Municipality.slug).join(Municipality)
                                 .where(Article.story_id.in_(story_ids)).order_by(Article.published_date, Article.id)):
            if a.story_id is not None:  # the query asks for these stories' articles only
                stories.setdefault(a.story_id, []).append({"id": a.id, "municipality": slug, "url": a.canonical_url,
                                                           "published_at": a.published_at})
    return topics, stories


def rows(engine: Engine, article_ids: list[int] | None = None) -> Iterator[dict[str, Any]]:
    counts = (select(Revision.article_id, func.count().label("n")).group_by(Revision.article_id).subquery())
    query = (select(Article, Revision.record, counts.c.n, RawCapture.fetched_at, Municipality.slug)
             .join(Revision, Revision.id == Article.current_revision_id)
             .join(counts, counts.c.article_id == Article.id)
             .join(Municipality, Municipality.id == Article.municipality_id)
             .outerjoin(RawCapture, RawCapture.id == Revision.capture_id)
             .order_by(Article.id))
    if article_ids is not None:
        query = query.where(Article.id.in_(article_ids))
    with Session(engine) as s:
        result = iter(s.execute(query).yield_per(CHUNK))
        while chunk := list(islice(result, CHUNK)):
            topics, stories = _extras(s, [row[0] for row in chunk])
            for article, record, n, fetched_at, _slug in chunk:
                yield {
                    "id": article.id, "story_id": article.story_id,
                    "first_seen_at": iso(article.first_seen_at), "last_seen_at": iso(article.last_seen_at),
                    "revision_count": n, "fetched_at": iso(fetched_at),
                    **record,
                    "topics": topics.get(article.id, []),
                    "also_published": [p for p in stories.get(article.story_id, []) if p["id"] != article.id]
                    if article.story_id is not None else [],
                }


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def write(engine: Engine, fmt: str, out: io.IOBase | Any, article_ids: list[int] | None = None) -> int:
    """Write the export to a binary file object; returns the number of articles."""
    data = rows(engine, article_ids)
    if fmt == "jsonl":
        n = 0
        for row in data:
            out.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
            n += 1
        return n
    if fmt == "csv":
        text = io.TextIOWrapper(cast(BinaryIO, out), encoding="utf-8", newline="", write_through=True)
        writer: csv.DictWriter[str] | None = None
        n = 0
        for row in data:
            if writer is None:
                writer = csv.DictWriter(text, fieldnames=list(row))
                writer.writeheader()
            writer.writerow({k: _flat(v) for k, v in row.items()})
            n += 1
        text.detach()
        return n
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist([{k: _flat(v) for k, v in row.items()} for row in data])
        pq.write_table(table, out)
        return cast(int, table.num_rows)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
