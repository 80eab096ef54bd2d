"""The first schema: municipalities, articles, revisions, search documents, crawl runs.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
# The same expression archive/search.py matches against, weighted so a query can name the column.
PG_TSVECTOR = (
    "setweight(to_tsvector('simple', title_stems), 'A') || setweight(to_tsvector('simple', stems), 'B') || "
    "setweight(to_tsvector('simple', title_words), 'C') || setweight(to_tsvector('simple', words), 'D')"
)


def upgrade() -> None:
    op.create_table(
        "municipalities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("base_url", sa.String(500), nullable=False),
        sa.Column("contact", sa.JSON),
        sa.Column("contact_seen_at", TZ),
    )
    op.create_table(
        "contact_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("municipality_id", sa.Integer, sa.ForeignKey("municipalities.id"), nullable=False, index=True),
        sa.Column("contact", sa.JSON, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("first_seen_at", TZ, nullable=False),
        sa.Column("last_seen_at", TZ, nullable=False),
    )
    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("finished_at", TZ),
        sa.Column("sites", sa.String(500), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("stats", sa.JSON),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("canonical_url", sa.String(2000), nullable=False, unique=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("municipality_id", sa.Integer, sa.ForeignKey("municipalities.id"), nullable=False, index=True),
        sa.Column("title", sa.Text),
        sa.Column("published_at", sa.String(40)),
        sa.Column("published_date", sa.Date, index=True),
        sa.Column("first_seen_at", TZ, nullable=False),
        sa.Column("last_seen_at", TZ, nullable=False),
        sa.Column("current_revision_id", sa.Integer),
    )
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, index=True),
        sa.Column("content_hash", sa.String(64), nullable=False, index=True),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("first_seen_at", TZ, nullable=False),
        sa.Column("last_seen_at", TZ, nullable=False),
        sa.Column("crawl_run_id", sa.Integer, sa.ForeignKey("crawl_runs.id")),
    )
    with op.batch_alter_table("articles") as batch:
        batch.create_foreign_key("fk_articles_current_revision", "revisions", ["current_revision_id"], ["id"])
    op.create_table(
        "search_docs",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("title_words", sa.Text, nullable=False),
        sa.Column("title_stems", sa.Text, nullable=False),
        sa.Column("words", sa.Text, nullable=False),
        sa.Column("stems", sa.Text, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        # FTS5 over search_docs (external content), kept in step by triggers. The text is already
        # lower-cased and stemmed in Python; remove_diacritics 0 keeps å, ä, ö apart from a and o.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(title_words, title_stems, words, stems, "
            "content='search_docs', content_rowid='article_id', "
            "tokenize='unicode61 remove_diacritics 0', prefix='2 3 4 5')"
        )
        op.execute(
            "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN "
            "INSERT INTO search_fts(rowid, title_words, title_stems, words, stems) "
            "VALUES (new.article_id, new.title_words, new.title_stems, new.words, new.stems); END"
        )
        op.execute(
            "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, title_words, title_stems, words, stems) "
            "VALUES ('delete', old.article_id, old.title_words, old.title_stems, old.words, old.stems); END"
        )
        op.execute(
            "CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, title_words, title_stems, words, stems) "
            "VALUES ('delete', old.article_id, old.title_words, old.title_stems, old.words, old.stems); "
            "INSERT INTO search_fts(rowid, title_words, title_stems, words, stems) "
            "VALUES (new.article_id, new.title_words, new.title_stems, new.words, new.stems); END"
        )
    else:
        op.execute(f"CREATE INDEX search_docs_tsv ON search_docs USING GIN (({PG_TSVECTOR}))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    for table in ("search_docs", "revisions", "articles", "crawl_runs", "contact_versions", "municipalities"):
        op.drop_table(table)
