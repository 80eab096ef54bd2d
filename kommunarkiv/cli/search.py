"""`kommunarkiv search` and `history`: reading the archive from the command line."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict
from typing import Any

import click
from sqlalchemy import Engine

from archive.facets import facets
from archive.history import NotInArchive
from archive.history import history as load_history
from archive.places import names
from archive.query import QueryError
from archive.search import search as run_search
from archive.when import human
from kommunarkiv.cli.archive_option import db_option, open_or_fail
from kommunarkiv.cli.common import EXIT_USAGE, fail


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, required=True)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the hits as a JSON list.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the hits as CSV.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(0, 1000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--every-article", is_flag=True, help="One hit per article: do not collapse a story into one hit.")
@click.option("--facets", "with_facets", is_flag=True,
              help="Also count the matching articles per municipality, year and topic (JSON: {hits, facets}).")
def search(query, db, as_json, as_csv, limit, offset, sort, every_article, with_facets) -> None:
    """Full-text search: words, "phrases", prefix*, OR, -not, kommun:, from:, to:, topic:, person:.

    A story published by several municipalities is one hit that names the others. The words of
    QUERY may come as one argument or several: `search samverkan -budget kommun:arboga`."""
    if with_facets and as_csv:
        fail("--facets cannot go with --csv (one table of hits); use --facets --json, or --facets alone", EXIT_USAGE)
    show_search(open_or_fail(db, create=False), " ".join(query), limit, offset, sort, every_article, with_facets,
                "json" if as_json else "csv" if as_csv else "text")


def show_search(engine: Engine, query: str, limit: int = 20, offset: int = 0, sort: str = "relevance",
                every_article: bool = False, with_facets: bool = False, output: str = "text") -> None:
    """Print a search's hits (and facets) as text, JSON or CSV; a malformed query ends with exit 2."""
    try:
        found = facets(engine, query) if with_facets else None
        results = run_search(engine, query, limit=limit, offset=offset, sort=sort, collapse=not every_article,
                             total=found.total if found else None)
        counts = found.to_dict() if found else None
    except QueryError as exc:
        fail(f"bad query: {exc}", EXIT_USAGE)
    hits = [h.to_dict() for h in results.hits]
    if output == "json":
        click.echo(json.dumps({"total": results.total, "hits": hits, "facets": counts} if with_facets else hits,
                              ensure_ascii=False, indent=2))
    elif output == "csv":
        for h in hits:
            h["also_published"] = " ".join(a["url"] for a in h["also_published"])
        writer = csv.DictWriter(sys.stdout, fieldnames=list(hits[0]) if hits else ["id"])
        writer.writeheader()
        writer.writerows(hits)
    else:
        _print_hits(query, results.total, hits, counts, names(engine))


def _print_hits(query: str, total: int, hits: list[dict[str, Any]], counts: dict[str, Any] | None,
                places: dict[str, str]) -> None:
    """For people: municipalities by name, dates in Swedish (the JSON and CSV keep slugs and ISO)."""
    matches = "1 article matches" if total == 1 else f"{total} articles match"
    shown = f"; showing {len(hits)} {'hit' if len(hits) == 1 else 'hits'}" if hits else ""
    click.echo(f"{matches} {query!r}{shown}")
    for h in hits:
        click.echo(f"\n{human(h['published_at'], empty='(no date)')}  {places[h['municipality']]}  {h['title']}")
        click.echo(f"  {h['url']}")
        click.echo(f"  {h['snippet']}")
        if h["also_published"]:
            click.echo("  also published by " + ", ".join(places[a["municipality"]] for a in h["also_published"]))
    for name, values in (counts or {}).items():
        shown_value = (lambda v: places[v]) if name == "municipality" else str
        click.echo(f"\n{name}: " + ", ".join(f"{shown_value(v['value'])} {v['count']}" for v in values))


@click.command()
@click.argument("url")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the revisions as JSON.")
def history(url, db, as_json) -> None:
    """Every revision of an article, with a word-level diff ([-removed-] {+added+}) to the one before."""
    try:
        article, revisions = load_history(open_or_fail(db, create=False), url)
    except NotInArchive as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        click.echo(json.dumps({"canonical_url": article.canonical_url, "revisions": [asdict(r) for r in revisions]},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{article.canonical_url}: {len(revisions)} revision(s)")
    for n, r in enumerate(revisions):
        click.echo(f"\nrevision {r.id}: first seen {human(r.first_seen_at, zone=True)}, "
                   f"last seen {human(r.last_seen_at, zone=True)}")
        if n == 0:  # the first revision has nothing to differ from: its record, as archived
            for field_name, value in r.fields.items():
                shown = human(value) if field_name.endswith("_at") else " ".join(str(value).split())
                click.echo(f"  {field_name}: {shown if shown else '(none)'}")
        for field_name, diff in r.changes.items():
            click.echo(f"  {field_name}: {diff}")
