"""The LSH index in 64 bands of 2 rows (was 32 of 4), so that two sites' rewrites of one press
release sharing a quarter of their shingles still meet as candidates (archive/stories.py). The
buckets are made again from the stored MinHash signatures; the stories stay as they were until
`kommunarkiv stories --rebuild` groups the archive again under the evidence rules.

The topics of every article are given again by the current rules (archive/topics.py): their
stems no longer match place names ("mälar" made every Mälardalen article environment news).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import hashlib
import json

import numpy as np
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CHUNK = 2000


def _bands(sig: np.ndarray, bands: int, rows: int) -> list[tuple[int, int]]:
    """archive.stories.bands, written out so this migration stays as it is."""
    return [(b, int.from_bytes(hashlib.blake2b(sig[b * rows:(b + 1) * rows].tobytes(), digest_size=8).digest(),
                               "big", signed=True)) for b in range(bands)]


def _rebuild(bands: int, rows: int) -> None:
    conn = op.get_bind()
    buckets = sa.table("lsh_buckets", sa.column("article_id"), sa.column("band"), sa.column("bucket"))
    conn.execute(sa.text("DELETE FROM lsh_buckets"))
    last = 0
    while True:
        found = conn.execute(sa.text("SELECT article_id, signature FROM minhashes WHERE article_id > :last "
                                     "ORDER BY article_id LIMIT :n"), {"last": last, "n": CHUNK}).all()
        if not found:
            break
        conn.execute(sa.insert(buckets), [{"article_id": aid, "band": b, "bucket": h} for aid, blob in found
                                          for b, h in _bands(np.frombuffer(blob, dtype=np.uint64), bands, rows)])
        last = found[-1][0]


def _relabel() -> None:
    from archive.topics import classify

    conn = op.get_bind()
    table = sa.table("article_topics", sa.column("article_id"), sa.column("topic"))
    conn.execute(sa.text("DELETE FROM article_topics"))
    rows = conn.execute(sa.text("SELECT a.id, r.record FROM articles a JOIN revisions r "
                                "ON r.id = a.current_revision_id")).all()
    for article_id, record in rows:
        record = record if isinstance(record, dict) else json.loads(record)
        topics = classify(record.get("title"), record.get("lead"), record.get("body"))
        if topics:
            conn.execute(sa.insert(table), [{"article_id": article_id, "topic": t} for t in topics])


def upgrade() -> None:
    _rebuild(64, 2)
    _relabel()


def downgrade() -> None:
    _rebuild(32, 4)
