"""Back up an archive while it is in use: SQLite's online backup API (a consistent copy even while a
crawl writes), or pg_dump for PostgreSQL."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    pass


def backup(engine: Engine, target: str | Path) -> Path:
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists already: choose a new file")
    url = make_url(engine.url.render_as_string(hide_password=False))
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            raise BackupError("an in-memory archive has nothing to back up")
        with sqlite3.connect(url.database) as src, sqlite3.connect(target) as dst:
            src.backup(dst, pages=1024)  # page by page; writers go on between steps
        return target
    if shutil.which("pg_dump") is None:
        raise BackupError("pg_dump is not installed (Debian: postgresql-client)")
    cmd = ["pg_dump", "--format=custom", "--file", str(target), "--host", url.host or "localhost",
           "--port", str(url.port or 5432), "--username", url.username or "postgres", url.database or "postgres"]
    options = url.query.get("options", "")
    if isinstance(options, str) and "search_path=" in options:  # a schema of its own (the tests use one per archive)
        cmd[1:1] = ["--schema", options.split("search_path=")[1].split()[0]]
    env = {"PGPASSWORD": url.password} if url.password else {}
    result = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **env})
    if result.returncode != 0:
        target.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()[:500]}")
    return target
