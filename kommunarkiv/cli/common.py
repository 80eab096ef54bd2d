"""What every command shares: exit codes, the --db option, opening the archive, one-line failures.

Exit codes: 0 done; 2 bad usage, a malformed query or a page `parse` cannot read; 3 a crawl ran but
a health check failed (a site down or without articles, a field's coverage dropped, too many errors
or invalid records); 4 the archive (or the distributed crawl's Redis) cannot be opened or reached,
refuses writes, or needs `kommunarkiv db upgrade`; 5 another crawl is running on the archive; 6 the
crawl was stopped by SIGTERM or SIGINT (what it stored is kept whole). 1 is left to Python for an
unexpected error (a bug: please report it).
"""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import click
from sqlalchemy import Engine

from archive.db import DB_ENV, DEFAULT_DB, ArchiveError, open_archive, server_gone, storage_fault

EXIT_USAGE, EXIT_UNHEALTHY, EXIT_ARCHIVE, EXIT_LOCKED, EXIT_STOPPED = 2, 3, 4, 5, 6
db_option = click.option("--db", envvar=DB_ENV, default=None, metavar="URL",
                         help=f"Archive: any SQLAlchemy URL or an SQLite path (default {DEFAULT_DB}).")


def fail(message: str, code: int) -> NoReturn:
    click.echo(f"kommunarkiv: {message}", err=True)
    sys.exit(code)


def open_or_fail(db: str | None, create: bool = True) -> Engine:
    try:
        return open_archive(db, create=create)
    except ArchiveError as exc:
        fail(str(exc), EXIT_ARCHIVE)


class Commands(click.Group):
    """Any command that meets a full disk, a read-only archive or a database server that went away
    ends with one line and exit 4."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ArchiveError as exc:
            fail(str(exc), EXIT_ARCHIVE)
        except Exception as exc:  # only storage faults are handled here; anything else is re-raised
            fault = storage_fault(exc)
            if fault is None and server_gone(exc):
                said = " ".join(str(getattr(exc, "orig", exc)).split())[:200]
                fault = f"lost the archive's database server ({said}): check that it is running, then try again"
            if fault is None:
                raise
            fail(fault, EXIT_ARCHIVE)
