"""PostgreSQL: the phrase vector (search_docs.tsv_words) indexed with RUM in place of GIN when the
server has the `rum` extension (Debian: postgresql-15-rum), so a phrase is answered from the
positions in the index instead of rechecking every candidate's vector (archive/phrase_index.py).
Without the extension, or without the right to create it, GIN stays and one warning says how to
get RUM later (install the package, then `kommunarkiv db upgrade`, which checks again).

The stem vector (tsv_stems, one-word queries) keeps its GIN index: GIN answers a word without a
recheck already, and its fast-update list makes writes cheaper (measured in the README's Search
latency section).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

import logging

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

log = logging.getLogger("kommunarkiv.migrations")


def upgrade() -> None:
    from archive.phrase_index import advice, use_rum

    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    why = use_rum(conn)
    if why:
        log.warning(advice(conn, why))


def downgrade() -> None:
    from archive.phrase_index import use_gin

    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        use_gin(conn)
