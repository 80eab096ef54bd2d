"""A new, empty SQLite archive for a test in milliseconds instead of the half second of creating
its schema (alembic's migrations): the schema is made once, when this module is imported at
collection, and each test opens a copy of that file. Made at import so that the workers of a
mutation run, forked after collection, copy it too instead of migrating for every mutant."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import Engine

from archive.db import open_archive


def _empty_archive() -> bytes:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "empty.sqlite"
        open_archive(f"sqlite:///{path}").dispose()  # the last connection's close checkpoints the WAL into the file
        return path.read_bytes()


_EMPTY = _empty_archive()


def new_archive(directory: Path, name: str = "archive.sqlite") -> Engine:
    """An engine on a new archive in `directory` (the schema current, no rows)."""
    path = directory / name
    path.write_bytes(_EMPTY)
    return open_archive(f"sqlite:///{path}")
