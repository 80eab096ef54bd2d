"""`kommunarkiv serve`: the web interface and its JSON API over the archive."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from archive.db import resolve_url
from archive.web.app import create_app
from kommunarkiv.cli.archive_option import db_option, open_or_fail

if TYPE_CHECKING:
    from fastapi import FastAPI

# Several server processes import the app by name, so each opens the archive itself: the archive's
# URL reaches them through the environment, which uvicorn's worker processes inherit.
_WORKER_DB = "KOMMUNARKIV_SERVE_DB"


def app_from_environment() -> FastAPI:
    """The app of one of several server processes (uvicorn's factory)."""
    return create_app(open_or_fail(os.environ[_WORKER_DB], create=False))


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; 127.0.0.1 keeps the archive on this machine.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes sharing the port: one uses one core (Python runs one thread at a time), "
                   "so a busy server wants one per core. Each keeps its own 40 database connections.")
def serve(db, host, port, workers) -> None:
    """Serve the archive on the web: the search pages for people, the JSON API (docs at /docs,
    OpenAPI at /openapi.json) and the watches' Atom feeds. Reading only, except watches (token)."""
    import uvicorn

    engine = open_or_fail(db, create=False)  # fails here, once, with one line, before any worker starts
    click.echo(f"serving {resolve_url(db)} on http://{host}:{port} (API docs: /docs)"
               + (f", {workers} server processes" if workers > 1 else ""))
    if workers == 1:
        uvicorn.run(create_app(engine), host=host, port=port, log_level="warning")
        return
    engine.dispose()
    os.environ[_WORKER_DB] = resolve_url(db)
    uvicorn.run("kommunarkiv.cli.serve:app_from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="warning")
