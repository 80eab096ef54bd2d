"""Rebuild records from the stored raw captures with today's parser, with no network. A revision is
added only where the record changed; the capture stays the one the record came from. Every article's
topics are then given again by today's rules and trained model, whether its record changed or not."""

from __future__ import annotations

import zlib
from collections import Counter

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from archive.incoming import Incoming
from archive.models import Article, Municipality, RawCapture, Revision
from archive.retopic import retopic
from archive.writer import ArchiveWriter
from records.normalise import normalise_record
from records.parsers import parse_article
from records.sites import Site


def reparse(engine: Engine, site: str | None = None, batch_size: int = 200) -> Counter[str]:
    """Reparse the capture behind each article's latest revision; returns the store's counts, and
    under "topics_changed" the articles whose topics changed with the rules."""
    writer = ArchiveWriter(engine)
    query = (select(Article.id, Municipality.slug, Municipality.name, Municipality.base_url, RawCapture.id)
             .join(Municipality, Municipality.id == Article.municipality_id)
             .join(Revision, Revision.id == Article.current_revision_id)
             .join(RawCapture, RawCapture.id == Revision.capture_id).order_by(Article.id))
    if site:
        query = query.where(Municipality.slug == site)
    counts: Counter[str] = Counter()
    with Session(engine) as s:
        todo = s.execute(query).all()
    for start in range(0, len(todo), batch_size):
        batch = []
        with Session(engine) as s:
            for _article_id, slug, name, base, capture_id in todo[start:start + batch_size]:
                cap = s.get(RawCapture, capture_id)
                body = zlib.decompress(cap.body)
                ctype = next((v for k, v in cap.headers.items() if k.lower() == "content-type"), None)
                record = normalise_record(parse_article(body, cap.final_url, content_type=ctype, municipality=slug))
                batch.append(Incoming(Site(slug, name, base), record, capture_id=cap.id))
        counts.update(writer.write(batch))
    counts["topics_changed"] = retopic(engine, site)
    return counts
