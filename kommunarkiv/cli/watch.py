"""`kommunarkiv watch`: saved searches that collect new and changed articles after each crawl."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from archive.query import QueryError
from archive.watches import WatchError, add_watch, atom_feed, describe, list_watches, remove_watch
from kommunarkiv.cli.archive_option import db_option, open_or_fail
from kommunarkiv.cli.common import EXIT_USAGE, fail


@click.group()
def watch() -> None:
    """Saved searches that collect new and changed articles after each crawl."""


@watch.command("add", context_settings={"ignore_unknown_options": True})
@click.argument("name")
@click.argument("query", nargs=-1, required=True)
@db_option
@click.option("--email", help="Send a digest here after each crawl that finds something (SMTP from the environment).")
@click.option("--webhook", help="POST the new entries as JSON to this URL after each crawl that finds something.")
def watch_add(name, query, db, email, webhook) -> None:
    """Follow QUERY (the search language) under NAME, e.g. watch add samverkan topic:samverkan."""
    query = " ".join(query)
    engine = open_or_fail(db)
    try:
        added = add_watch(engine, name, query, email, webhook)
    except QueryError as exc:
        fail(f"bad query: {exc}", EXIT_USAGE)
    except WatchError as exc:
        fail(str(exc), EXIT_USAGE)
    click.echo("\n".join(describe(engine, added, bool(os.environ.get("KOMMUNARKIV_SMTP_HOST")))))


@watch.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True)
def watch_list(db, as_json) -> None:
    """The watches, with how many entries each has collected since it was added: what its digests
    and webhooks sent (its feed also shows the newest matches from before)."""
    rows = list_watches(open_or_fail(db))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for w in rows:
        click.echo(f"{w['name']:<24} {w['entries']:>5} collected since added  {w['query']}")


@watch.command("remove")
@click.argument("name")
@db_option
def watch_remove(name, db) -> None:
    """Stop following a watch (its collected entries go too)."""
    try:
        remove_watch(open_or_fail(db, create=False), name)
    except WatchError as exc:
        fail(str(exc), EXIT_USAGE)
    click.echo(f"removed {name!r}")


@watch.command("feed")
@click.argument("name")
@db_option
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@click.option("--url", "feed_url", help='Where the feed will be published: its rel="self" link.')
def watch_feed(name, db, output, feed_url) -> None:
    """The watch's newest 50 matches and the changes to its matches, as an Atom feed."""
    try:
        xml = atom_feed(open_or_fail(db, create=False), name, feed_url)
    except WatchError as exc:
        fail(str(exc), EXIT_USAGE)
    if output:
        Path(output).write_bytes(xml)
        click.echo(f"feed of {name!r} written to {output}")
    else:
        click.get_binary_stream("stdout").write(xml)
