"""`kommunarkiv parse`: the record of saved pages, as the crawl would store it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kommunarkiv.cli.common import EXIT_USAGE, fail
from records.article import ArticleRecord
from records.parsers import parse_article
from records.sites import load_sites, municipality_for


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--url", help="The page's URL (default: file:// of the path).")
@click.option("--municipality", help="Site slug to put in the record (default: from the URL, else the footer).")
@click.option("--coverage", is_flag=True, help="After the records, a table of how often each field was found (on stderr).")
def parse(paths, url, municipality, coverage) -> None:
    """Print the record of saved pages as JSON (one per line for several files or a folder)."""
    files = [f for p in map(Path, paths) for f in ([p] if p.is_file() else sorted(p.rglob("*.htm*")))]
    if not files:
        fail(f"no .html files in {', '.join(paths)}", EXIT_USAGE)
    sites = load_sites()
    records = []
    failed = []
    for f in files:
        page_url = url if url and len(files) == 1 else f.resolve().as_uri()
        try:
            parsed = _parse_page(f, page_url, municipality)
        except Unreadable as exc:
            click.echo(f"kommunarkiv: cannot read {f}: {exc}", err=True)
            failed.append(f)
            continue
        if parsed.municipality is None:
            parsed.municipality = municipality_for(page_url, parsed.contact.organisation if parsed.contact else None,
                                                   sites)
        record = parsed.to_dict()
        records.append(record)
        click.echo(json.dumps(record, ensure_ascii=False, indent=None if len(files) > 1 else 2))
    if coverage and records:
        fields = [k for k in records[0] if k not in ("url", "canonical_url", "extraction", "is_news", "template")]
        # on stderr: stdout stays JSON lines, for a pipe into a JSON-lines reader
        click.echo(f"\n{'field':<20} found  of {len(records)}", err=True)
        for key in fields:
            found = sum(1 for r in records if r.get(key) not in (None, "", [], {}))
            click.echo(f"{key:<20} {found:>5}  {found / len(records):6.0%}", err=True)
    if failed:
        sys.exit(EXIT_USAGE)


class Unreadable(Exception):
    """A saved page that gives no record: the message says why, on one line."""


# Signatures of files that are not HTML: a PDF, images, archives, office documents.
_NOT_HTML = {b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
             b"PK\x03\x04": "a ZIP archive (or an office document)", b"\x1f\x8b": "gzip-compressed"}


def _parse_page(f: Path, page_url: str, municipality: str | None) -> ArticleRecord:
    try:
        data = f.read_bytes()
    except OSError as exc:
        raise Unreadable(exc.strerror or type(exc).__name__) from None
    if not data.strip():
        raise Unreadable("the file is empty")
    kind = next((name for magic, name in _NOT_HTML.items() if data.startswith(magic)), None)
    if kind or b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable(f"it is {kind or 'binary data'}, not an HTML page")
    try:
        record = parse_article(data, page_url, municipality=municipality)
    except Exception as exc:  # noqa: BLE001 - the parser never raises on bad HTML; anything else is reported
        first = str(exc).splitlines()[0] if str(exc) else ""
        raise Unreadable(f"the parser failed: {type(exc).__name__}: {first}") from None
    if not record.title and not record.body:
        raise Unreadable("no title and no text found in it")
    return record
