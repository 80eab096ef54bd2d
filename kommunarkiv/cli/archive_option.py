"""The --db option and opening the archive, for the commands that read or write one (`parse` and
`replica` do not, and do not import the archive's database layer)."""

from __future__ import annotations

import click
from sqlalchemy import Engine

from archive.db import DB_ENV, DEFAULT_DB, ArchiveError, open_archive
from kommunarkiv.cli.common import EXIT_ARCHIVE, fail

db_option = click.option("--db", envvar=DB_ENV, default=None, metavar="URL",
                         help=f"Archive: any SQLAlchemy URL or an SQLite path (default {DEFAULT_DB}).")


def open_or_fail(db: str | None, create: bool = True) -> Engine:
    try:
        return open_archive(db, create=create)
    except ArchiveError as exc:
        fail(str(exc), EXIT_ARCHIVE)
