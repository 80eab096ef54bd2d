"""Run the real `kommunarkiv` command in a subprocess (Scrapy's reactor runs once per process)."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s", "LOG_LEVEL=WARNING"]


def cli_command(*args: str) -> list[str]:
    exe = Path(sys.executable).with_name("kommunarkiv")
    return ([str(exe)] if exe.exists() else [sys.executable, "-m", "kommunarkiv.cli"]) + list(args)


def cli(*args: str, env: dict[str, str] | None = None, timeout: int = 180,
        cwd: str | os.PathLike[str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(cli_command(*args), capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, cwd=cwd)


def crawl(db: str, *base_urls: str, sites: tuple[str, ...] = (), extra: tuple[str, ...] = (),
          env: dict[str, str] | None = None):
    args = ["crawl", "--db", db, *FAST, *extra]
    for b in base_urls:
        args += ["--base-url", b]
    for s in sites:
        args += ["--site", s]
    return cli(*args, env=env)


def last_run(db: str) -> dict:
    """The newest run record, as `kommunarkiv runs --json` prints it."""
    result = cli("runs", "--db", db, "--json", "--limit", "1")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)[0]


def rows(db_file: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_file) as conn:
        return conn.execute(sql).fetchall()


def search_json(db: str, query: str) -> list[dict]:
    result = cli("search", query, "--db", db, "--json", "--limit", "100")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
