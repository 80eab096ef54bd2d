"""A crawl's bookkeeping on disk: an SQLite file that only the crawl process uses, so that what it
remembers of each URL costs disk, not memory. Only SQLite's page cache (CACHE_KB a file) stays in
memory, however many URLs the crawl meets.

By default the file is a private temporary database (SQLite's empty file name): SQLite deletes it
when it is closed, and when the process dies, SIGKILL included. A path keeps it (a JOBDIR a crawl
may be resumed from), with a rollback journal so that a killed crawl leaves whole commits."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

CACHE_KB = 2048  # SQLite's page cache for one scratch file (its default): what stays in memory
COMMIT_EVERY = 1000  # writes a transaction; a commit writes the dirty pages out of the cache


class Scratch:
    """One scratch database: `schema` run on opening, writes committed every COMMIT_EVERY."""

    def __init__(self, schema: str, path: str = ""):
        self.db = sqlite3.connect(path, isolation_level=None)  # transactions begun and ended here
        # Nothing of a temporary file outlives the process; a kept one must survive the process only.
        self.db.execute(f"PRAGMA journal_mode={'TRUNCATE' if path else 'OFF'}")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute(f"PRAGMA cache_size=-{CACHE_KB}")
        self.db.executescript(schema)
        self.db.execute("BEGIN")
        self.writes = 0

    def one(self, sql: str, params: Sequence[Any]) -> Any:
        return self.db.execute(sql, params).fetchone()

    def write(self, sql: str, params: Sequence[Any]) -> int:
        """Run one write; the number of rows it changed."""
        changed = self.db.execute(sql, params).rowcount
        self._wrote(1)
        return changed

    def write_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        self.db.executemany(sql, rows)
        self._wrote(len(rows))

    def _wrote(self, n: int) -> None:
        self.writes += n
        if self.writes >= COMMIT_EVERY:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")
            self.writes = 0

    def close(self) -> None:
        self.db.execute("COMMIT")
        self.db.close()


class DiskSet:
    """A set of byte strings on disk (fingerprints, digests): membership only."""

    def __init__(self, path: str = ""):
        self.scratch = Scratch("CREATE TABLE IF NOT EXISTS keys (key BLOB PRIMARY KEY) WITHOUT ROWID", path)

    def add(self, key: bytes) -> bool:
        """Add `key`; True if it was not in the set before."""
        return self.scratch.write("INSERT OR IGNORE INTO keys (key) VALUES (?)", (key,)) == 1

    def __contains__(self, key: bytes) -> bool:
        return self.scratch.one("SELECT 1 FROM keys WHERE key = ?", (key,)) is not None

    def close(self) -> None:
        self.scratch.close()
