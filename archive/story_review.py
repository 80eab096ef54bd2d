"""Stories looked at again: why an article shares a story (or does not), and the whole archive
grouped again under the current rules.

`explain` gives, for an article, each pair of its story's articles with the decision that joins
them (archive/evidence.decide, on their current records), and the LSH candidates that were not
joined with the reason. `rebuild` drops every story and the LSH index and indexes the current
records again in the order they were first stored, so the stories are those that storing the
archive's records afresh gives (tests/unit/test_stories.py compares the two).
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, update

from archive.evidence import Profile, decide
from archive.models import Article, LshBucket, LshStopBucket, MinHashSignature, Municipality, Revision, Story, table_of
from archive.stories import (
    Entry,
    bands,
    chunks,
    in_band,
    index_batch,
    load_signature,
    records_of,
    signature_of,
    similarity,
)
from archive.text import words

REBUILD_BATCH = 500
articles_t, buckets_t, minhash_t = table_of(Article), table_of(LshBucket), table_of(MinHashSignature)
stop_t = table_of(LshStopBucket)
stories_t = table_of(Story)


class StoryArticleNotFound(LookupError):
    pass


def _summary(conn: Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = conn.execute(select(Article.id, Article.title, Article.canonical_url, Article.published_at,
                               Article.municipality_id, Municipality.slug)
                        .join(Municipality, Municipality.id == Article.municipality_id)
                        .where(Article.id.in_(ids))).all()
    return {r.id: {"id": r.id, "title": r.title, "url": r.canonical_url, "published_at": r.published_at,
                   "municipality": r.slug, "municipality_id": r.municipality_id} for r in rows}


def article_id_of(engine: Engine, given: str) -> int:
    """An article's id from its id or its (canonical or fetched) URL."""
    if given.isdigit():
        return int(given)
    with engine.connect() as conn:
        found = conn.scalar(select(Article.id).where((Article.canonical_url == given) | (Article.url == given)))
    if found is None:
        raise StoryArticleNotFound(f"no article {given!r} in the archive: give its id or URL")
    return found


def explain(engine: Engine, article_id: int) -> dict[str, Any]:
    """The article's story: its articles, every pair's decision, and the candidates left out."""
    with engine.connect() as conn:
        story_id = conn.scalar(select(Article.story_id).where(Article.id == article_id))
        if story_id is None and conn.scalar(select(Article.id).where(Article.id == article_id)) is None:
            raise StoryArticleNotFound(f"no article {article_id}")
        members = [article_id] if story_id is None else list(conn.scalars(
            select(Article.id).where(Article.story_id == story_id).order_by(Article.id)))
        own = conn.scalar(select(minhash_t.c.signature).where(minhash_t.c.article_id == article_id))
        sharing = {aid for band, bucket in (bands(load_signature(own)) if own is not None else [])
                   for (aid,) in in_band(conn, "article_id", buckets_t.name, band, [bucket])}
        candidates = sorted(sharing - set(members))
        ids = members + candidates
        info = _summary(conn, ids)
        records = records_of(conn, ids)
        sigs = {aid: load_signature(blob) for aid, blob in conn.execute(
            select(minhash_t.c.article_id, minhash_t.c.signature).where(minhash_t.c.article_id.in_(ids)))}

    def decision(a: int, b: int) -> dict[str, Any]:
        sim = similarity(sigs[a], sigs[b]) if a in sigs and b in sigs else 0.0
        return decide(Profile.of(a, info[a]["municipality_id"], records[a]),
                      Profile.of(b, info[b]["municipality_id"], records[b]), sim).as_dict()

    public = {aid: {k: v for k, v in info[aid].items() if k != "municipality_id"} for aid in ids}
    return {"article": public[article_id], "story_id": story_id,
            "articles": [public[aid] for aid in members],
            "links": [{"a": a, "b": b, **decision(a, b)} for a, b in itertools.combinations(members, 2)],
            "candidates": [{**public[c], **decision(article_id, c)} for c in candidates]}


def rebuild(engine: Engine) -> dict[str, int]:
    """Group the whole archive again, in one transaction. Returns counts of stories and of
    articles in them."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(update(articles_t).values(story_id=None))
        conn.execute(delete(stories_t))
        conn.execute(delete(buckets_t))
        conn.execute(delete(stop_t))
        conn.execute(delete(minhash_t))
        ids = list(conn.scalars(select(Article.id).where(Article.current_revision_id.is_not(None))
                                .order_by(Article.id)))
        for part in chunks(ids, REBUILD_BATCH):
            rows = conn.execute(select(Article.id, Article.municipality_id, Revision.record)
                                .join(Revision, Revision.id == Article.current_revision_id)
                                .where(Article.id.in_(part)).order_by(Article.id)).all()
            index_batch(conn, [Entry(aid, mid, None, signature_of(words(record.get("body") or "")), record=record)
                               for aid, mid, record in rows], now)
        stories = conn.scalar(select(func.count()).select_from(stories_t)) or 0
        grouped = conn.scalar(select(func.count()).select_from(articles_t).where(articles_t.c.story_id.is_not(None))) or 0
    return {"stories": stories, "articles_in_stories": grouped}
