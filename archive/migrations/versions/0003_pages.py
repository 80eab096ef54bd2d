"""Pages: what the incremental crawl knows of every fetched URL (ETag, Last-Modified, lastmod).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pages",
        sa.Column("url", sa.String(2000), primary_key=True),
        sa.Column("site", sa.String(64), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), index=True),
        sa.Column("etag", sa.String(200)),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("sitemap_lastmod", sa.String(40)),
        sa.Column("last_status", sa.Integer, nullable=False),
        sa.Column("last_fetched_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("pages")
