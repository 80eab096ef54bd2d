"""`kommunarkiv parse`: the record of saved pages, as the crawl would store it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kommunarkiv.cli.common import EXIT_USAGE, fail
from records.parsers import parse_article
from records.sites import load_sites, municipality_for


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--url", help="The page's URL (default: file:// of the path).")
@click.option("--municipality", help="Site slug to put in the record (default: from the URL, else the footer).")
@click.option("--coverage", is_flag=True, help="After the records, a table of how often each field was found.")
def parse(paths, url, municipality, coverage) -> None:
    """Print the record of saved pages as JSON (one per line for several files or a folder)."""
    files = [f for p in map(Path, paths) for f in ([p] if p.is_file() else sorted(p.rglob("*.htm*")))]
    if not files:
        fail(f"no .html files in {', '.join(paths)}", EXIT_USAGE)
    sites = load_sites()
    records = []
    for f in files:
        page_url = url if url and len(files) == 1 else f.resolve().as_uri()
        parsed = parse_article(f.read_bytes(), page_url, municipality=municipality)
        if parsed.municipality is None:
            parsed.municipality = municipality_for(page_url, parsed.contact.organisation if parsed.contact else None,
                                                   sites)
        record = parsed.to_dict()
        records.append(record)
        click.echo(json.dumps(record, ensure_ascii=False, indent=None if len(files) > 1 else 2))
    if coverage and records:
        fields = [k for k in records[0] if k not in ("url", "canonical_url", "extraction", "is_news", "template")]
        click.echo(f"\n{'field':<20} found  of {len(records)}")
        for key in fields:
            found = sum(1 for r in records if r.get(key) not in (None, "", [], {}))
            click.echo(f"{key:<20} {found:>5}  {found / len(records):6.0%}")
