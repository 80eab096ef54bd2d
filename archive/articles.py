"""One article as readers see it: the latest record, its revisions with what changed, the story's
other publications, the people named (with their ids) and the raw captures it was parsed from."""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from archive.history import changed_fields
from archive.models import Article, ArticleTopic, Municipality, RawCapture, Revision
from archive.people import people_ids
from archive.when import iso


class ArticleNotFound(LookupError):
    pass


def _captures(s: Session, article_id: int) -> list[dict[str, Any]]:
    rows = s.execute(select(RawCapture.id, RawCapture.url, RawCapture.final_url, RawCapture.status,
                            RawCapture.fetched_at, RawCapture.body_length, RawCapture.body_sha256)
                     .where(RawCapture.article_id == article_id).order_by(RawCapture.id)).all()
    return [{"id": c.id, "url": c.url, "final_url": c.final_url, "status": c.status,
             "fetched_at": iso(c.fetched_at), "length": c.body_length, "sha256": c.body_sha256} for c in rows]


def article_view(engine: Engine, article_id: int) -> dict[str, Any]:
    with Session(engine) as s:
        article = s.get(Article, article_id)
        if article is None:
            raise ArticleNotFound(f"no article {article_id}")
        revisions = s.scalars(select(Revision).where(Revision.article_id == article_id).order_by(Revision.id)).all()
        also = [] if article.story_id is None else [
            {"id": a.id, "url": a.canonical_url, "municipality": slug, "published_at": a.published_at}
            for a, slug in s.execute(select(Article, Municipality.slug).join(Municipality)
                                     .where(Article.story_id == article.story_id, Article.id != article.id)
                                     .order_by(Article.published_date, Article.id))]
        history: list[dict[str, Any]] = []
        previous: dict[str, Any] | None = None
        for r in revisions:
            history.append({"id": r.id, "first_seen_at": iso(r.first_seen_at),
                            "last_seen_at": iso(r.last_seen_at), "capture_id": r.capture_id,
                            "changes": changed_fields(previous, r.record) if previous else {}})
            previous = r.record
        record = revisions[-1].record
        names = [p["name"] for p in record.get("people") or []] + \
                [q["speaker"] for q in record.get("quotes") or [] if q.get("speaker")]
        topics = list(s.scalars(select(ArticleTopic.topic).where(ArticleTopic.article_id == article_id)
                                .order_by(ArticleTopic.topic)))
        return {"id": article.id, "story_id": article.story_id, "topics": topics,
                "first_seen_at": iso(article.first_seen_at),
                "last_seen_at": iso(article.last_seen_at), "record": record, "revisions": history,
                "also_published": also, "people_ids": people_ids(engine, sorted(set(names))),
                "captures": _captures(s, article_id)}


def capture_body(engine: Engine, article_id: int, capture_id: int | None = None) -> tuple[bytes, dict[str, Any]]:
    """The bytes of an article's capture (the latest when no id is given) and its response headers."""
    with Session(engine) as s:
        query = select(RawCapture).where(RawCapture.article_id == article_id)
        if capture_id is not None:
            query = query.where(RawCapture.id == capture_id)
        capture = s.scalars(query.order_by(RawCapture.id.desc()).limit(1)).first()
        if capture is None:
            raise ArticleNotFound(f"no capture {capture_id or ''} of article {article_id}".replace("  ", " "))
        return zlib.decompress(capture.body), dict(capture.headers or {})
