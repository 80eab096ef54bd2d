"""`kommunarkiv export` and `warc`: the archive out, with its provenance."""

from __future__ import annotations

from pathlib import Path

import click

from archive import export as exporter
from archive.query import QueryError
from archive.search import matching_ids
from archive.warc import export_warc
from kommunarkiv.cli.archive_option import db_option, open_or_fail
from kommunarkiv.cli.common import EXIT_USAGE, fail


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@db_option
def export(query, fmt, output, db) -> None:
    """One row per article (latest revision) with every record field and its provenance; QUERY
    (the search language, its words unquoted or quoted) narrows it."""
    query = " ".join(query)
    engine = open_or_fail(db, create=False)
    ids = None
    if query:
        try:
            ids = matching_ids(engine, query)
        except QueryError as exc:
            fail(f"bad query: {exc}", EXIT_USAGE)
    if fmt == "parquet" and not output:
        fail("parquet needs --output FILE", EXIT_USAGE)
    with (open(output, "wb") if output else click.get_binary_stream("stdout")) as out:
        n = exporter.write(engine, fmt, out, ids)
    if output:
        click.echo(f"{n} articles written to {output}")


@click.command()
@click.option("--output", required=True, type=click.Path(dir_okay=False, writable=True), help="FILE.warc.gz")
@db_option
def warc(output, db) -> None:
    """The raw captures as WARC 1.1: request, response and metadata records."""
    engine = open_or_fail(db, create=False)
    with open(output, "wb") as out:
        n = export_warc(engine, out, Path(output).name)
    click.echo(f"{n} captures written to {output}")
