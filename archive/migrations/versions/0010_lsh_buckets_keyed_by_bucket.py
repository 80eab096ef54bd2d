"""lsh_buckets keyed by (band, bucket, article_id) alone: WITHOUT ROWID on SQLite, no foreign key
and no index by article. Storing a batch wrote 64 rows an article into three B-trees on SQLite
(the rowid table, the (article_id, band) key and the (band, bucket) index) and, on PostgreSQL, a
heap, two indexes and a foreign-key check a row; lookups by (band, bucket) now read the key alone.
An article's rows are found from its stored signature's bands (archive/stories.py).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _rebuilt(*columns: sa.Column, **kw: object) -> None:
    """lsh_buckets made again with these columns and its rows copied over (through a plain copy:
    the old and the new table's key would share the name lsh_buckets_pkey on PostgreSQL)."""
    op.execute("CREATE TABLE lsh_buckets_copy AS SELECT article_id, band, bucket FROM lsh_buckets")
    op.drop_table("lsh_buckets")
    op.create_table("lsh_buckets", *columns, **kw)
    op.execute("INSERT INTO lsh_buckets (article_id, band, bucket) SELECT article_id, band, bucket FROM lsh_buckets_copy")
    op.drop_table("lsh_buckets_copy")


def upgrade() -> None:
    _rebuilt(sa.Column("band", sa.Integer, primary_key=True, autoincrement=False),
             sa.Column("bucket", sa.BigInteger, primary_key=True, autoincrement=False),
             sa.Column("article_id", sa.Integer, primary_key=True, autoincrement=False),
             sqlite_with_rowid=False)


def downgrade() -> None:
    _rebuilt(sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True),
             sa.Column("band", sa.Integer, primary_key=True),
             sa.Column("bucket", sa.BigInteger, nullable=False))
    op.create_index("ix_lsh_band_bucket", "lsh_buckets", ["band", "bucket"])
