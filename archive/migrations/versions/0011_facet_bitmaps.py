"""Facet bitmaps: for each municipality, year, month and topic the ids of its articles as one
compressed (roaring) bitmap, so that a query's counts and facets intersect its matches with these
sets instead of joining every match to its article row (archive/bitmaps.py). Created empty: the
first search or the first stored batch that needs them builds them from the articles.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("facet_bitmaps",
                    sa.Column("facet", sa.String(16), primary_key=True),
                    sa.Column("value", sa.String(64), primary_key=True),
                    sa.Column("bitmap", sa.LargeBinary, nullable=False),
                    sa.Column("version", sa.Integer, nullable=False))
    op.create_table("facet_bitmap_state",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                    sa.Column("version", sa.Integer, nullable=False),
                    sa.Column("rebuilt", sa.Integer, nullable=False),
                    sa.Column("max_article", sa.Integer, nullable=False),
                    sa.Column("max_revision", sa.Integer, nullable=False))


def downgrade() -> None:
    op.drop_table("facet_bitmap_state")
    op.drop_table("facet_bitmaps")
