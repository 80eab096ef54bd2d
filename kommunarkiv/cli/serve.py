"""`kommunarkiv serve`: the web interface and its JSON API over the archive."""

from __future__ import annotations

import click

from archive.db import resolve_url
from archive.web.app import create_app
from kommunarkiv.cli.archive_option import db_option, open_or_fail


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; 127.0.0.1 keeps the archive on this machine.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
def serve(db, host, port) -> None:
    """Serve the archive on the web: the search pages for people, the JSON API (docs at /docs,
    OpenAPI at /openapi.json) and the watches' Atom feeds. Reading only, except watches (token)."""
    import uvicorn


    click.echo(f"serving {resolve_url(db)} on http://{host}:{port} (API docs: /docs)")
    uvicorn.run(create_app(open_or_fail(db, create=False)), host=host, port=port, log_level="warning")
