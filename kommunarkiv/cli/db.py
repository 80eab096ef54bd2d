"""`kommunarkiv db`, `reparse` and `backup`: looking after the archive itself."""

from __future__ import annotations

import click

from archive import phrase_index
from archive.backup import BackupError, backup
from archive.db import ArchiveError, current_revision, head_revision, make_engine, resolve_url, upgrade
from kommunarkiv.cli.archive_option import db_option, open_or_fail
from kommunarkiv.cli.common import EXIT_ARCHIVE, fail
from kommunarkiv.reparse import reparse as run_reparse


@click.command()
@click.option("--site", help="Only this site's articles.")
@db_option
def reparse(site, db) -> None:
    """Rebuild records from the stored raw captures with today's parser (no network), and give every
    article its topics by today's rules and trained model."""
    counts = run_reparse(open_or_fail(db, create=False), site)
    retopicked = counts.pop("topics_changed", 0)
    click.echo(f"reparsed {sum(counts.values())} articles: {counts.get('new_revisions', 0)} changed "
               f"(new revision), {counts.get('unchanged', 0)} unchanged; topics given again by the current "
               f"rules and model: {retopicked} articles' topics changed")


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
def backup_command(file, db) -> None:
    """Back up the archive while it is in use (SQLite backup API; pg_dump for PostgreSQL)."""
    try:
        path = backup(open_or_fail(db, create=False), file)
    except BackupError as exc:
        fail(str(exc), EXIT_ARCHIVE)
    click.echo(f"archive {resolve_url(db)} backed up to {path}")


# -- db ---------------------------------------------------------------------------------------------
@click.group()
def db() -> None:
    """Archive schema: status and upgrade."""


@db.command("upgrade")
@db_option
def db_upgrade(db) -> None:
    """Migrate an archive to this version's schema (creates a new one). On PostgreSQL, also index
    phrases with RUM when the server has gained the extension since the archive was migrated."""
    try:
        engine = make_engine(db)
        before, after = upgrade(engine)
    except ArchiveError as exc:
        fail(str(exc), EXIT_ARCHIVE)
    click.echo(f"archive {resolve_url(db)}: schema {before or '(new)'} -> {after}")
    click.echo(phrase_index.ensure(engine))  # migration 0012 ran once; the server may have the package now


@db.command("status")
@db_option
def db_status(db) -> None:
    """Show the archive's schema version and what this kommunarkiv needs."""
    click.echo(f"archive {resolve_url(db)}: schema {current_revision(make_engine(db)) or '(none)'}, "
               f"this kommunarkiv needs {head_revision()}")
