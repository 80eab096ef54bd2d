"""The `kommunarkiv` command: one small module per command group, each argument handling over a
library call, imported only when one of its commands runs (common.Commands). See common.py for
the exit codes."""

from __future__ import annotations

import click

from kommunarkiv.cli.common import Commands


class Kommunarkiv(Commands):
    lazy = {"crawl": "crawl:crawl", "demo": "crawl:demo", "runs": "crawl:runs", "search": "search:search",
            "history": "search:history", "parse": "parse:parse", "replica": "replica:replica",
            "export": "export:export", "warc": "export:warc", "watch": "watch:watch", "reparse": "db:reparse",
            "backup": "db:backup_command", "db": "db:db", "serve": "serve:serve", "story": "stories:story",
            "stories": "stories:stories"}


@click.group(cls=Kommunarkiv)
@click.version_option(package_name="kommunarkiv")
def main() -> None:
    """News scraper and searchable archive for Swedish municipalities."""


if __name__ == "__main__":
    main()
