"""What every command shares: exit codes, one-line failures, the group that imports a command when run.

Exit codes: 0 done; 2 bad usage, a malformed query or a page `parse` cannot read; 3 a crawl ran but
a health check failed (a site down or without articles, a field's coverage dropped, too many errors
or invalid records); 4 the archive (or the distributed crawl's Redis) cannot be opened or reached,
refuses writes, or needs `kommunarkiv db upgrade`; 5 another crawl is running on the archive; 6 the
crawl was stopped by SIGTERM or SIGINT (what it stored is kept whole). 1 is left to Python for an
unexpected error (a bug: please report it).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, NoReturn

import click

EXIT_USAGE, EXIT_UNHEALTHY, EXIT_ARCHIVE, EXIT_LOCKED, EXIT_STOPPED = 2, 3, 4, 5, 6


def fail(message: str, code: int) -> NoReturn:
    click.echo(f"kommunarkiv: {message}", err=True)
    sys.exit(code)


class Commands(click.Group):
    """The commands of `lazy` (name -> "module:function" of kommunarkiv.cli) are imported when one
    is run or listed, so that a command loads only what it uses: `kommunarkiv parse` starts without
    Scrapy, SQLAlchemy or the web app (bench/parse_speed.py times it as a whole process).

    Any command that meets a full disk, a read-only archive or a database server that went away
    ends with one line and exit 4."""

    lazy: dict[str, str] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, function = self.lazy[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(f"kommunarkiv.cli.{module}"), function), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:  # only storage faults are handled here; anything else is re-raised
            # imported here, not on top: a command that never opened an archive does not load it
            from archive.db import ArchiveError, server_gone, storage_fault

            if isinstance(exc, ArchiveError):
                fail(str(exc), EXIT_ARCHIVE)
            fault = storage_fault(exc)
            if fault is None and server_gone(exc):
                said = " ".join(str(getattr(exc, "orig", exc)).split())[:200]
                fault = f"lost the archive's database server ({said}): check that it is running, then try again"
            if fault is None:
                raise
            fail(fault, EXIT_ARCHIVE)
