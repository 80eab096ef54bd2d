"""One crawl at a time per archive: a lock file beside an SQLite archive (released by the kernel
when the process dies, SIGKILL included), a session advisory lock on PostgreSQL."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

LOCK_KEY = int.from_bytes(hashlib.sha1(b"kommunarkiv crawl").digest()[:8], "big", signed=True)


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


@contextlib.contextmanager
def _advisory_lock(engine: Engine) -> Iterator[None]:
    with engine.connect() as conn:
        if not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": LOCK_KEY}).scalar():
            raise Locked("another crawl is running on this archive (PostgreSQL advisory lock held)")
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": LOCK_KEY})


def crawl_lock(engine: Engine) -> contextlib.AbstractContextManager[None]:
    url = make_url(str(engine.url.render_as_string(hide_password=False)))
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            return contextlib.nullcontext()
        return _file_lock(Path(url.database + ".lock"))
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
