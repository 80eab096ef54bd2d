"""One crawl at a time per archive: a lock file beside an SQLite archive (released by the kernel
when the process dies, SIGKILL included), a session advisory lock on PostgreSQL."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)
LOCK_KEY = int.from_bytes(hashlib.sha1(b"kommunarkiv crawl").digest()[:8], "big", signed=True)
# The crawl lock on PostgreSQL is the pair (this, the archive's schema): advisory locks are
# database-wide, and two archives in two schemas of one database are two archives.
CRAWL_CLASS = int.from_bytes(hashlib.sha1(b"kommunarkiv crawl").digest()[:4], "big", signed=True)
_TRY_LOCK = text("SELECT pg_try_advisory_lock(:c, hashtext(current_schema()))")
_UNLOCK = text("SELECT pg_advisory_unlock(:c, hashtext(current_schema()))")


class Locked(RuntimeError):
    """Another crawl is running on this archive."""


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown process"
            raise Locked(f"another crawl is running on this archive ({holder}; lock {path})") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
        fh.flush()
        try:
            yield
        finally:
            fh.truncate(0)
            fcntl.flock(fh, fcntl.LOCK_UN)


class CrawlLock:
    """The crawl's hold on its archive. On PostgreSQL the advisory lock belongs to one session, and
    a server restart or pg_terminate_backend ends that session and the lock with it, silently:
    `hold()`, called before each batch is stored, notices, takes the lock again on a new
    connection, or raises Locked when another crawl took it meanwhile. A lock file cannot be lost."""

    def __init__(self, engine: Engine | None = None):
        self.engine = engine
        self.conn: Connection | None = None
        self.retaken = 0
        self._mutex = threading.Lock()  # a store thread and the crawl's thread may both ask

    def take(self) -> None:
        if self.engine is None:
            return
        conn = self.engine.connect()
        try:
            got = conn.execute(_TRY_LOCK, {"c": CRAWL_CLASS}).scalar()
            conn.commit()  # the lock is the session's; no transaction stays open beside it
        except BaseException:
            conn.close()
            raise
        if not got:
            conn.close()
            raise Locked("another crawl is running on this archive (PostgreSQL advisory lock held)")
        self.conn = conn

    def hold(self) -> None:
        """Make sure this crawl still holds the lock; raises Locked if another crawl has it now,
        and the database's own error if the server cannot be reached."""
        if self.engine is None:
            return
        with self._mutex:
            if self.conn is not None:
                try:  # one round trip: is our session, and so our lock, still there?
                    self.conn.execute(text("SELECT 1")).scalar()
                    self.conn.commit()
                    return
                except DBAPIError:
                    self._drop()
            self.take()
            self.retaken += 1
            log.warning("the connection holding the crawl lock was lost (a database restart?): lock taken again")

    def _drop(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(DBAPIError):
                self.conn.invalidate()
                self.conn.close()
            self.conn = None

    def release(self) -> None:
        """Unlock and close. A connection the server ended has no lock left to release: not an error."""
        if self.conn is None:
            return
        try:
            self.conn.execute(_UNLOCK, {"c": CRAWL_CLASS})
            self.conn.commit()
            self.conn.close()
        except DBAPIError:
            log.info("the crawl lock's connection was already closed by the server: nothing to unlock")
            self._drop()
        self.conn = None


@contextlib.contextmanager
def _advisory_lock(engine: Engine) -> Iterator[CrawlLock]:
    lock = CrawlLock(engine)
    lock.take()
    try:
        yield lock
    finally:
        lock.release()


@contextlib.contextmanager
def _file_locked(path: Path) -> Iterator[CrawlLock]:
    with _file_lock(path):
        yield CrawlLock()


def crawl_lock(engine: Engine) -> contextlib.AbstractContextManager[CrawlLock]:
    url = make_url(str(engine.url.render_as_string(hide_password=False)))
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            return contextlib.nullcontext(CrawlLock())
        return _file_locked(Path(url.database + ".lock"))
    return _advisory_lock(engine)


MIGRATION_KEY = LOCK_KEY + 1


@contextlib.contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Wait for any other process creating or migrating the same archive (two workers starting
    on a new archive at once)."""
    url = make_url(str(engine.url.render_as_string(hide_password=False)))
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            yield
            return
        path = Path(url.database + ".migrate.lock")
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_KEY})
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_KEY})
