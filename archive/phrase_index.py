"""PostgreSQL: the index on the phrase vector (search_docs.tsv_words, migration 0007) is RUM when
the server has the `rum` extension, GIN otherwise.

GIN keeps no positions: for a phrase (`'vid' <-> 'stationen'`) it returns every article holding
both words, and PostgreSQL then reads each candidate's vector out of TOAST to test the positions
(300,000 articles, "vid stationen": 117,744 candidates, 816 ms of recheck against 12 ms in the
index). RUM keeps the positions in the index and answers without the recheck (bench/rum_phrases.py:
0.086 of GIN's time at 53,000 articles). The queries stay the same (`tsv_words @@ tsquery`): the
planner picks whichever index exists.

Used by migration 0012 and again by `kommunarkiv db upgrade`, so an archive migrated before the
server had the package gets RUM by running the upgrade command once the package is installed.
"""

from __future__ import annotations

import os

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

GIN = "search_docs_tsv_words"  # migration 0007's name, kept for the GIN index
RUM = "search_docs_tsv_words_rum"  # another name, so a plan says which index it used
# RUM's build, like GIN's, gathers entries in maintenance_work_mem and writes them out whenever it
# fills (Debian's default is 64 MB); set for the build's own transaction only. Not measured against
# the default: at 100,000 articles the build took 10-12 s with it (README)
BUILD_MEMORY = "512MB"
# RUM has no fast-update list: storing an article on PostgreSQL costs about twice the CPU with it
# (README, Search latency). `gin` keeps GIN for an archive that ingests more than it is searched,
# or for a first bulk crawl (unset it and run `kommunarkiv db upgrade` afterwards: RUM is built then).
SETTING = "KOMMUNARKIV_PHRASE_INDEX"


def kind(conn: Connection) -> str | None:
    """'rum' or 'gin': the access method of the phrase vector's index (None: none, or SQLite)."""
    if conn.dialect.name != "postgresql":
        return None
    found = conn.execute(text(
        "SELECT am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
        "WHERE i.indrelid = to_regclass('search_docs') AND c.relname IN (:gin, :rum) ORDER BY am.amname DESC"),
        {"gin": GIN, "rum": RUM}).scalars().first()  # 'rum' before 'gin' if both (a build interrupted)
    return str(found) if found else None


def package(conn: Connection) -> str:
    """Debian's package of the extension for this server's major version."""
    major = int(conn.execute(text("SHOW server_version_num")).scalar_one()) // 10000
    return f"postgresql-{major}-rum"


def advice(conn: Connection, why: str) -> str:
    """One line for the user when the phrase index stays GIN."""
    if why.startswith(SETTING):
        return (f"phrase search stays slow on this archive ({why}: GIN, cheaper to write): unset it and run "
                "`kommunarkiv db upgrade` to index phrases with RUM")
    return (f"phrase search stays slow on this archive ({why}): GIN rechecks every candidate's positions; "
            f"install {package(conn)} on the database server (or have its administrator run CREATE EXTENSION rum) "
            "and run `kommunarkiv db upgrade` to index phrases with RUM")


def _extension_schema(conn: Connection) -> str | None:
    return conn.execute(text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                             "WHERE e.extname = 'rum'")).scalar()


def _create_extension(conn: Connection) -> str | None:
    """CREATE EXTENSION rum; None when done, else why not. In `public` when the database has it:
    one database may hold many archives, each a schema of its own (the tests do), and an extension
    created in one of them would be dropped with it, with every other archive's RUM index."""
    if not conn.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")).scalar():
        return "the server has no rum extension"
    public = conn.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = 'public'")).scalar()
    try:
        with conn.begin_nested():  # a refusal must not abort the migration's transaction
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS rum" + (" SCHEMA public" if public else "")))
    except DBAPIError as exc:
        said = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        return f"this database user cannot create the rum extension: {said}"
    return None


def use_rum(conn: Connection) -> str | None:
    """Index the phrase vector with RUM in place of GIN, in `conn`'s transaction. Returns None when
    the index is RUM (now or already), else why it stays GIN (for advice())."""
    if os.environ.get(SETTING, "").strip().lower() == "gin":
        return f"{SETTING}=gin"
    if kind(conn) == "rum":
        return None
    schema = _extension_schema(conn)
    if schema is None:
        why = _create_extension(conn)
        if why:
            return why
        schema = _extension_schema(conn)
    conn.execute(text(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'"))
    # the operator class lives in the extension's schema, which is not on an archive's search_path
    conn.execute(text(f'CREATE INDEX IF NOT EXISTS {RUM} ON search_docs USING rum (tsv_words "{schema}".rum_tsvector_ops)'))
    conn.execute(text(f"DROP INDEX IF EXISTS {GIN}"))
    return None


def use_gin(conn: Connection) -> None:
    """Back to migration 0007's GIN index. The extension stays: other archives may use it."""
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS {GIN} ON search_docs USING GIN (tsv_words)"))
    conn.execute(text(f"DROP INDEX IF EXISTS {RUM}"))


def ensure(engine: Engine) -> str:
    """After an upgrade: RUM when it can be had (an archive migrated before the package was
    installed gets it here). Returns one line saying which index phrases use, and why."""
    if engine.dialect.name != "postgresql":
        return "phrase search: the FTS5 index (SQLite)"
    with engine.begin() as conn:
        why = use_rum(conn)
        if why is None:
            return "phrase search: RUM index (positions in the index)"
        use_gin(conn)  # KOMMUNARKIV_PHRASE_INDEX=gin, or a backup restored without the extension
        return advice(conn, why)
