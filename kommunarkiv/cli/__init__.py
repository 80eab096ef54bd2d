"""The `kommunarkiv` command: one small module per command group, each argument handling over a
library call. See common.py for the exit codes."""

from __future__ import annotations

import click

from kommunarkiv.cli import crawl, db, export, parse, replica, search, serve, stories, watch
from kommunarkiv.cli.common import Commands


@click.group(cls=Commands)
@click.version_option(package_name="kommunarkiv")
def main() -> None:
    """News scraper and searchable archive for Swedish municipalities."""


for command in (crawl.crawl, crawl.demo, crawl.runs, search.search, search.history, parse.parse, replica.replica,
                export.export, export.warc, watch.watch, db.reparse, db.backup_command, db.db, serve.serve,
                stories.story, stories.stories):
    main.add_command(command)

if __name__ == "__main__":
    main()
