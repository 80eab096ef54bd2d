"""Raw captures, stories with their MinHash/LSH index, people and quotes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "raw_captures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, index=True),
        sa.Column("crawl_run_id", sa.Integer, sa.ForeignKey("crawl_runs.id")),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("final_url", sa.String(2000), nullable=False),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("request_headers", sa.JSON, nullable=False),
        sa.Column("headers", sa.JSON, nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("body_length", sa.Integer, nullable=False),
        sa.Column("body_sha256", sa.String(64), nullable=False),
        sa.Column("fetched_at", TZ, nullable=False),
    )
    op.create_table("stories", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("created_at", TZ, nullable=False))
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("capture_id", sa.Integer))
        batch.create_foreign_key("fk_revisions_capture", "raw_captures", ["capture_id"], ["id"])
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("story_id", sa.Integer))
        batch.create_foreign_key("fk_articles_story", "stories", ["story_id"], ["id"])
        batch.create_index("ix_articles_story_id", ["story_id"])
    op.create_table(
        "minhashes",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "lsh_buckets",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("band", sa.Integer, primary_key=True),
        sa.Column("bucket", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_lsh_band_bucket", "lsh_buckets", ["band", "bucket"])
    op.create_table("people", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(200), nullable=False, unique=True))
    op.create_table(
        "article_people",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), primary_key=True, index=True),
        sa.Column("role", sa.Text),
        sa.Column("party", sa.String(20)),
        sa.Column("quoted", sa.Boolean, nullable=False),
    )
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), index=True),
        sa.Column("speaker", sa.String(200)),
        sa.Column("role", sa.Text),
        sa.Column("party", sa.String(20)),
    )


def downgrade() -> None:
    for table in ("quotes", "article_people", "people", "lsh_buckets", "minhashes"):
        op.drop_table(table)
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_story_id")
        batch.drop_constraint("fk_articles_story", type_="foreignkey")
        batch.drop_column("story_id")
    with op.batch_alter_table("revisions") as batch:
        batch.drop_constraint("fk_revisions_capture", type_="foreignkey")
        batch.drop_column("capture_id")
    op.drop_table("stories")
    op.drop_table("raw_captures")
