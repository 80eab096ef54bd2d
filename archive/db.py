"""Opening an archive: the database URL, the engine with its SQLite settings, and the schema check."""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

DEFAULT_DB = "sqlite:///data/kommunarkiv.sqlite"
# The newest migration. Kept here, not read from migrations/, so checking an archive needs no
# migration files (a zipped Scrapyd egg has none on disk); tests assert it matches Alembic's head.
SCHEMA_HEAD = "0012"
DB_ENV = "KOMMUNARKIV_DB"
# Connections an engine keeps, and so at most opens (no overflow): as many as `kommunarkiv serve`
# has worker threads (archive/web/app.py sets its thread limit to this), so that no request waits
# for a connection another thread holds. With SQLAlchemy's default 5 + 10 under 64 clients, the
# 40 threads waited 30 s for a connection and answered 500 (bench/serve_load.py). Connections are
# opened only when wanted, so a crawl or a command still uses one or two.
POOL_SIZE = 40
POOL_TIMEOUT = 10  # seconds a request waits for a connection before the web answers 503
MIGRATIONS = Path(__file__).with_name("migrations")
logging.getLogger("alembic").setLevel(logging.WARNING)  # migrations report through our own messages


class ArchiveError(RuntimeError):
    """An archive that cannot be used as it is; the message says what to do."""


# What SQLite, PostgreSQL and the kernel say when an archive cannot be written, and what to do.
_FULL = "the disk is full: free some space and run the command again"
_READ_ONLY = ("the archive is read-only: check that its file system is mounted read-write and that this user may "
              "write the file and its folder")
_FAULTS = (("database or disk is full", _FULL), ("no space left on device", _FULL),
           ("readonly database", _READ_ONLY), ("read-only file system", _READ_ONLY),
           ("read-only transaction", _READ_ONLY),
           ("disk i/o error", "the disk gave an I/O error: check that it has free space and is healthy (dmesg)"))
_FAULT_ERRNOS = {errno.ENOSPC: _FULL, errno.EDQUOT: _FULL, errno.EROFS: _READ_ONLY}


def storage_fault(exc: BaseException) -> str | None:
    """One line for the user when `exc` means the archive's storage refuses writes (a full disk, a
    read-only file or file system, an I/O error); None for any other error."""
    if isinstance(exc, OSError) and exc.errno in _FAULT_ERRNOS:
        return f"cannot write {exc.filename or 'the archive'}: {exc.strerror}; {_FAULT_ERRNOS[exc.errno]}"
    said = " ".join(str(getattr(exc, "orig", None) or exc).split())
    for text, advice in _FAULTS:
        if text in said.lower():
            return f"cannot write to the archive ({said[:200]}); {advice}"
    return None


# PostgreSQL's SQLSTATEs for a server that is going away or not there yet: admin_shutdown
# (pg_terminate_backend, a restart), crash_shutdown, cannot_connect_now (starting or stopping);
# class 08 is "connection exception". The driver's own connection errors carry no SQLSTATE.
_GONE_STATES = ("57P01", "57P02", "57P03")


def server_gone(exc: BaseException) -> bool:
    """Whether `exc` means the database server cannot be reached right now (down, restarting, our
    connection ended by it), as opposed to a statement it refused. SQLite has no server: never."""
    if not isinstance(exc, DBAPIError) or type(exc.orig).__module__.split(".")[0] != "psycopg":
        return False
    if exc.connection_invalidated:
        return True
    state = getattr(exc.orig, "sqlstate", None)
    return isinstance(exc, OperationalError) and (state is None or state.startswith("08") or state in _GONE_STATES)


def where(engine: Engine) -> str:
    """The server an engine talks to, for messages: `PostgreSQL at host:port`."""
    url = engine.url
    return f"PostgreSQL at {url.host or 'localhost'}:{url.port or 5432}"


def unreachable_advice(engine: Engine) -> str:
    url = engine.url
    return (f"check that the server is running and accepts connections "
            f"(pg_isready -h {url.host or 'localhost'} -p {url.port or 5432})")


def resolve_url(url: str | None = None) -> str:
    url = url or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" not in url:  # a plain path means an SQLite file
        url = "sqlite:///" + url
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:  # a DBAPI connection and its pool record
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")  # first: the pragmas below may wait for a writer too
    cur.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer, nor it for them
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
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
        # pre_ping: a pooled connection that a server restart or pg_terminate_backend ended is
        # replaced when it is checked out, instead of failing the next statement
        in_memory = parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")
        pool = {} if in_memory else {"pool_size": POOL_SIZE, "max_overflow": 0, "pool_timeout": POOL_TIMEOUT}
        engine = create_engine(url, pool_pre_ping=parsed.get_backend_name() != "sqlite", **pool)
    except NoSuchModuleError:
        raise ArchiveError(f"unknown database kind {parsed.get_backend_name()!r} in {url!r}: use "
                           "sqlite:///FILE or postgresql+psycopg://USER@HOST/DB") from None
    except Exception as exc:  # noqa: BLE001 - a missing driver is an ImportError, others vary
        raise ArchiveError(f"cannot open archive {url}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _alembic_config(engine: Engine | None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    return SCHEMA_HEAD


def migrations_head() -> str:
    head = ScriptDirectory.from_config(_alembic_config(None)).get_current_head()
    assert head is not None, "the migrations have one head"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    before = current_revision(engine)
    command.upgrade(_alembic_config(engine), "head")
    return before, current_revision(engine) or ""


def _unwritable_folder(engine: Engine) -> str:
    """Why an SQLite archive may not open: SQLite writes its -wal and -shm files beside it."""
    if engine.dialect.name != "sqlite" or not engine.url.database or engine.url.database == ":memory:":
        return ""
    folder = Path(engine.url.database).resolve().parent
    if not os.access(folder, os.W_OK):
        return (f"; its folder {folder} is read-only, and SQLite writes the archive's -wal and -shm files there: "
                "mount it read-write or give this user write access")
    return ""


def open_archive(url: str | None = None, *, create: bool = True) -> Engine:
    """An engine on an archive whose schema is current. A new, empty database is created when
    `create` is set; an archive with an older schema is refused with the command to run."""
    engine = make_engine(url)
    try:
        current = current_revision(engine)
        empty = not inspect(engine).get_table_names()
    except OperationalError as exc:
        if server_gone(exc):
            said = " ".join(str(exc.orig).split())
            raise ArchiveError(f"cannot reach the archive's {where(engine)} ({said[:200]}): "
                               f"{unreachable_advice(engine)}") from None
        raise ArchiveError(f"cannot open archive {engine.url.render_as_string(hide_password=True)}: "
                           f"{exc.orig}{_unwritable_folder(engine)}") from None
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
