"""Stop buckets: a (band, bucket) of the LSH index holding more than 100 articles is recorded in
lsh_stop_buckets, its rows leave lsh_buckets, and it gives no candidates any more
(archive/stories.py, BUCKET_CAP). Text many articles share sent all of them to a few buckets, so
each new article's lookup read, loaded and compared more candidates as the archive grew:
PostgreSQL stored a generated archive at 190 articles/s at 10,000 and 64/s at 35,000
(profile in the commit). Stories already made stay as they are.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

import hashlib

import numpy as np
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

CAP = 100  # archive.stories.BUCKET_CAP when this was written
BANDS, ROWS, CHUNK = 64, 2, 2000


def upgrade() -> None:
    op.create_table("lsh_stop_buckets", sa.Column("band", sa.Integer, primary_key=True, autoincrement=False),
                    sa.Column("bucket", sa.BigInteger, primary_key=True, autoincrement=False))
    op.execute("INSERT INTO lsh_stop_buckets (band, bucket) SELECT band, bucket FROM lsh_buckets "
               f"GROUP BY band, bucket HAVING count(*) > {CAP}")
    op.execute("DELETE FROM lsh_buckets WHERE EXISTS (SELECT 1 FROM lsh_stop_buckets s "
               "WHERE s.band = lsh_buckets.band AND s.bucket = lsh_buckets.bucket)")


def downgrade() -> None:
    """The stop buckets' rows made again from the stored MinHash signatures."""
    conn = op.get_bind()
    stopped = set(map(tuple, conn.execute(sa.text("SELECT band, bucket FROM lsh_stop_buckets")).all()))
    buckets = sa.table("lsh_buckets", sa.column("article_id"), sa.column("band"), sa.column("bucket"))
    last = 0
    while stopped:
        found = conn.execute(sa.text("SELECT article_id, signature FROM minhashes WHERE article_id > :last "
                                     "ORDER BY article_id LIMIT :n"), {"last": last, "n": CHUNK}).all()
        if not found:
            break
        rows = []
        for aid, blob in found:
            sig = np.frombuffer(blob, dtype=np.uint64)
            for b in range(BANDS):
                h = int.from_bytes(hashlib.blake2b(sig[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).digest(),
                                   "big", signed=True)
                if (b, h) in stopped:
                    rows.append({"article_id": aid, "band": b, "bucket": h})
        if rows:
            conn.execute(sa.insert(buckets), rows)
        last = found[-1][0]
    op.drop_table("lsh_stop_buckets")
