"""Watches (saved searches) and what they found.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_run_id", sa.Integer, sa.ForeignKey("crawl_runs.id")),
        sa.Column("email", sa.String(320)),
        sa.Column("webhook_url", sa.String(2000)),
    )
    op.create_table(
        "watch_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("watch_id", sa.Integer, sa.ForeignKey("watches.id"), nullable=False, index=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("changes", sa.JSON),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("crawl_run_id", sa.Integer, sa.ForeignKey("crawl_runs.id")),
    )


def downgrade() -> None:
    op.drop_table("watch_entries")
    op.drop_table("watches")
