"""Give stored articles the topics today's rules and trained model give them (archive/topics.py
classify; the model's weights are archive/topic_weights.json.gz).

Topics are stored apart from the record (ArticleTopic), so when the rules or the weights change a
record that has not changed keeps the topics it was stored under. `kommunarkiv reparse` calls this
after rebuilding the records, so the archive's topics always follow the current rules and weights (every article is classified
again: no version or fingerprint decides which).
"""

from __future__ import annotations

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.orm import Session

from archive.bitmaps import invalidate
from archive.models import Article, ArticleTopic, Municipality, Revision
from archive.topics import classify


def retopic(engine: Engine, site: str | None = None, batch_size: int = 500) -> int:
    """Classify each article's latest revision again; returns how many articles' topics changed."""
    query = (select(Article.id, Revision.record).join(Revision, Revision.id == Article.current_revision_id)
             .order_by(Article.id))
    if site:
        query = query.join(Municipality, Municipality.id == Article.municipality_id).where(Municipality.slug == site)
    changed = 0
    last = 0
    while True:
        with Session(engine) as s, s.begin():
            rows = s.execute(query.where(Article.id > last).limit(batch_size)).all()
            if not rows:
                return changed
            last = rows[-1][0]
            ids = [aid for aid, _ in rows]
            stored: dict[int, set[str]] = {aid: set() for aid in ids}
            for aid, topic in s.execute(select(ArticleTopic.article_id, ArticleTopic.topic)
                                        .where(ArticleTopic.article_id.in_(ids))):
                stored[aid].add(topic)
            before = changed
            for aid, record in rows:
                topics = classify(record.get("title"), record.get("lead"), record.get("body"))
                if set(topics) == stored[aid]:
                    continue
                changed += 1
                s.execute(delete(ArticleTopic).where(ArticleTopic.article_id == aid))
                if topics:
                    s.execute(insert(ArticleTopic), [{"article_id": aid, "topic": t} for t in topics])
            if changed > before:  # topics changed with no new revision: the topic bitmaps are stale
                invalidate(s.connection())
