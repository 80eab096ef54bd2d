"""SQLAlchemy models of the archive. Nothing is overwritten: an article's content versions are
revisions, each with when it was first and last seen."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}


def table_of(model: type[Base]) -> Table:
    """A model's Core table, typed as one (`__table__` is typed as any FromClause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Municipality(Base):
    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    base_url: Mapped[str] = mapped_column(String(500))
    contact: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    contact_seen_at: Mapped[datetime | None]


class ContactVersion(Base):
    """Every distinct contact footer a municipality has shown, with when it was first seen."""

    __tablename__ = "contact_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    contact: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]


class Article(Base):
    """One news article, one per canonical URL. Its fields mirror the latest revision."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    canonical_url: Mapped[str] = mapped_column(String(2000), unique=True)
    url: Mapped[str] = mapped_column(String(2000))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[str | None] = mapped_column(String(40))  # ISO 8601 as the page gave it
    published_date: Mapped[date | None] = mapped_column(Date, index=True)
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revisions.id", use_alter=True, name="fk_articles_current_revision")
    )
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id"), index=True)

    municipality: Mapped[Municipality] = relationship()
    revisions: Mapped[list[Revision]] = relationship(
        back_populates="article", foreign_keys="Revision.article_id", order_by="Revision.id"
    )


class Revision(Base):
    """One distinct content version of an article (the parsed record, not the page bytes)."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    capture_id: Mapped[int | None] = mapped_column(ForeignKey("raw_captures.id"))

    article: Mapped[Article] = relationship(back_populates="revisions", foreign_keys=[article_id])


class RawCapture(Base):
    """The bytes a revision was parsed from: request, response headers and zlib-compressed body."""

    __tablename__ = "raw_captures"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    url: Mapped[str] = mapped_column(String(2000))
    final_url: Mapped[str] = mapped_column(String(2000))
    status: Mapped[int]
    request_headers: Mapped[dict[str, Any]] = mapped_column(JSON)
    headers: Mapped[dict[str, Any]] = mapped_column(JSON)
    body: Mapped[bytes] = mapped_column(LargeBinary)  # zlib
    body_length: Mapped[int]
    body_sha256: Mapped[str] = mapped_column(String(64))
    fetched_at: Mapped[datetime]


class Story(Base):
    """Articles that carry the same text on different sites (a cross-posted press release)."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime]


class MinHashSignature(Base):
    __tablename__ = "minhashes"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class LshBucket(Base):
    """One band of an article's MinHash: articles sharing a (band, bucket) are candidates. Keyed
    by (band, bucket, article_id), the order it is looked up in, and nothing else: one B-tree a
    row on SQLite (WITHOUT ROWID) and one index on PostgreSQL, no foreign key checked a row. It is
    derived from minhashes (archive/stories.py writes both, story_review.rebuild makes it again)
    and an article's rows are found from its signature's bands (migration 0010)."""

    __tablename__ = "lsh_buckets"
    __table_args__ = ({"sqlite_with_rowid": False},)

    band: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)


class LshStopBucket(Base):
    """A (band, bucket) that more than archive.stories.BUCKET_CAP articles fell into: text that
    many articles share (a stock phrase, a footer), not one text on a few sites. Its rows are gone
    from lsh_buckets and it gives no candidates, so a new article's check costs the same however
    large the archive grows (migration 0009)."""

    __tablename__ = "lsh_stop_buckets"

    band: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class ArticlePerson(Base):
    """A person named in an article's latest revision, with the role and party given there."""

    __tablename__ = "article_people"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    role: Mapped[str | None] = mapped_column(Text)
    party: Mapped[str | None] = mapped_column(String(20))
    quoted: Mapped[bool] = mapped_column(Boolean, default=False)


class QuoteRow(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    speaker: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(Text)
    party: Mapped[str | None] = mapped_column(String(20))


class SearchDoc(Base):
    """The analysed text of an article's latest revision: lower-cased words and their Swedish
    stems, position by position. Both back ends index these same tokens, so a query finds the
    same articles on SQLite (FTS5) and PostgreSQL (GIN)."""

    __tablename__ = "search_docs"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    title_words: Mapped[str] = mapped_column(Text)
    title_stems: Mapped[str] = mapped_column(Text)
    words: Mapped[str] = mapped_column(Text)
    stems: Mapped[str] = mapped_column(Text)


class FacetBitmap(Base):
    """The ids of the articles with one facet value (a municipality id, a year, a month, a topic) as
    a serialized roaring bitmap; `version` is the facet_bitmap_state version that last wrote it
    (archive/bitmaps.py, migration 0011)."""

    __tablename__ = "facet_bitmaps"

    facet: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(64), primary_key=True)
    bitmap: Mapped[bytes] = mapped_column(LargeBinary)
    version: Mapped[int]


class FacetBitmapState(Base):
    """One row once the facet bitmaps are built: their version, the version of their last whole
    rebuild, and the largest article and revision id they reflect (an archive written past them
    without the bitmaps is rebuilt)."""

    __tablename__ = "facet_bitmap_state"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version: Mapped[int]
    rebuilt: Mapped[int]
    max_article: Mapped[int]
    max_revision: Mapped[int]


class CrawlRun(Base):
    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    sites: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), default="running")
    stats: Mapped[dict[str, Any] | None] = mapped_column(JSON)


SCHEMA_TABLES = [t.name for t in Base.metadata.sorted_tables]
__all__ = ["Article", "ArticlePerson", "ArticleTopic", "Watch", "WatchEntry", "Base", "ContactVersion", "CrawlRun", "FacetBitmap", "FacetBitmapState", "LshBucket", "LshStopBucket", "MinHashSignature",
           "Municipality", "Page", "Person", "QuoteRow", "RawCapture", "Revision", "SearchDoc", "Story", "Integer"]


class Page(Base):
    """Every page a crawl has fetched, with what makes the next fetch conditional or unneeded:
    its ETag and Last-Modified, and the sitemap's lastmod when it was last fetched."""

    __tablename__ = "pages"

    url: Mapped[str] = mapped_column(String(2000), primary_key=True)
    site: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # article | other
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    etag: Mapped[str | None] = mapped_column(String(200))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    sitemap_lastmod: Mapped[str | None] = mapped_column(String(40))
    last_status: Mapped[int]
    last_fetched_at: Mapped[datetime]


class ArticleTopic(Base):
    """A topic of an article's latest revision (archive/topics.py); not part of the record, so a
    better classifier re-labels articles without new revisions."""

    __tablename__ = "article_topics"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class Watch(Base):
    """A saved search a journalist follows: after each crawl it collects its new matches."""

    __tablename__ = "watches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    query: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))  # None: not yet baselined
    email: Mapped[str | None] = mapped_column(String(320))  # digest recipient
    webhook_url: Mapped[str | None] = mapped_column(String(2000))


class WatchEntry(Base):
    """One thing a watch found: a new article, or a new revision whose title, dates, lead or body
    changed (with the word diffs)."""

    __tablename__ = "watch_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    watch_id: Mapped[int] = mapped_column(ForeignKey("watches.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"))
    kind: Mapped[str] = mapped_column(String(10))  # new | changed
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    found_at: Mapped[datetime]
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
