"""Opening an archive: the database URL, the engine with its SQLite settings, and the schema check."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

DEFAULT_DB = "sqlite:///data/kommunarkiv.sqlite"
# The newest migration. Kept here, not read from migrations/, so checking an archive needs no
# migration files (a zipped Scrapyd egg has none on disk); tests assert it matches Alembic's head.
SCHEMA_HEAD = "0005"
DB_ENV = "KOMMUNARKIV_DB"
MIGRATIONS = Path(__file__).with_name("migrations")
logging.getLogger("alembic").setLevel(logging.WARNING)  # migrations report through our own messages


class ArchiveError(RuntimeError):
    """An archive that cannot be used as it is; the message says what to do."""


def resolve_url(url: str | None = None) -> str:
    url = url or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" not in url:  # a plain path means an SQLite file
        url = "sqlite:///" + url
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DBAPI connection
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str | None = None) -> Engine:
    url = resolve_url(url)
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise ArchiveError(f"not a database URL: {url!r} (try sqlite:///path/to/file.sqlite)") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url)
    except NoSuchModuleError:
        raise ArchiveError(f"unknown database kind {parsed.get_backend_name()!r} in {url!r}: use "
                           "sqlite:///FILE or postgresql+psycopg://USER@HOST/DB") from None
    except Exception as exc:  # noqa: BLE001 - a missing driver is an ImportError, others vary
        raise ArchiveError(f"cannot open archive {url}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    return SCHEMA_HEAD


def migrations_head() -> str:
    return ScriptDirectory.from_config(_alembic_config(None)).get_current_head()  # type: ignore[arg-type]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    before = current_revision(engine)
    command.upgrade(_alembic_config(engine), "head")
    return before, current_revision(engine) or ""


def open_archive(url: str | None = None, *, create: bool = True) -> Engine:
    """An engine on an archive whose schema is current. A new, empty database is created when
    `create` is set; an archive with an older schema is refused with the command to run."""
    engine = make_engine(url)
    try:
        current = current_revision(engine)
        empty = not inspect(engine).get_table_names()
    except OperationalError as exc:
        raise ArchiveError(f"cannot open archive {engine.url.render_as_string(hide_password=True)}: "
                           f"{exc.orig}") from None
    head = head_revision()
    if current == head:
        return engine
    if current is None and empty:
        if not create:
            raise ArchiveError(f"archive {engine.url.render_as_string(hide_password=True)} is empty: "
                               "crawl into it first (kommunarkiv crawl)")
        from archive.lock import migration_lock

        with migration_lock(engine):
            if current_revision(engine) is None:  # nobody created it while we waited
                upgrade(engine)
        return engine
    raise ArchiveError(
        f"archive {engine.url.render_as_string(hide_password=True)} has schema {current or 'unknown'}, "
        f"this kommunarkiv needs {head}: run `kommunarkiv db upgrade` (back it up first)"
    )
