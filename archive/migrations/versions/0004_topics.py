"""Article topics.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_topics",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("topic", sa.String(64), primary_key=True, index=True),
    )
    # Articles stored before this version get their topics from their latest revision.
    from archive.topics import classify

    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT a.id, r.record FROM articles a JOIN revisions r "
                                "ON r.id = a.current_revision_id")).all()
    table = sa.table("article_topics", sa.column("article_id"), sa.column("topic"))
    for article_id, record in rows:
        record = record if isinstance(record, dict) else __import__("json").loads(record)
        topics = classify(record.get("title"), record.get("lead"), record.get("body"))
        if topics:
            op.bulk_insert(table, [{"article_id": article_id, "topic": t} for t in topics])


def downgrade() -> None:
    op.drop_table("article_topics")
