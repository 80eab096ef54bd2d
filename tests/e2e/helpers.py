"""Run the real `kommunarkiv` command in a subprocess (Scrapy's reactor runs once per process)."""

from __future__ import annotations

import json
import os
import pty
import select
import socket
import sqlite3
import subprocess
import sys
import termios
import time
from pathlib import Path

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]


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


def cli_in_pty(*args: str, timeout: int = 180, columns: int = 80) -> tuple[int, str]:
    """Run the command on a pseudo-terminal (stdin, stdout and stderr), as in a terminal window
    `columns` wide: its exit code and everything it wrote there, escape sequences included."""
    master, slave = pty.openpty()
    termios.tcsetwinsize(slave, (40, columns))
    # rich takes COLUMNS over the terminal's size (pytest's workers set it), and TTY_* and FORCE_COLOR
    # over isatty
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_INTERACTIVE", "TTY_COMPATIBLE")}
    proc = subprocess.Popen(cli_command(*args), stdin=slave, stdout=slave, stderr=slave,
                            env=env | {"TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": "40"})
    os.close(slave)
    out, deadline = b"", time.monotonic() + timeout
    try:
        while (left := deadline - time.monotonic()) > 0:
            if not select.select([master], [], [], left)[0]:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the command ended and closed its side
                break
            if not chunk:
                break
            out += chunk
        else:
            proc.kill()
        return proc.wait(timeout=30), out.decode("utf-8", "replace")
    finally:
        os.close(master)


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
