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
import threading
import time
from collections.abc import Callable
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


def wait_until(check: Callable[[], object], what: str, timeout: float = 180.0) -> None:
    """Wait for an event (a row stored, a request arriving, a server answering), not for a time:
    `check` is polled until true. The timeout is only a net, generous for a loaded machine; when
    it is reached the test fails saying what it waited for."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.05)


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


class Background:
    """A `kommunarkiv` command running in a subprocess, its stderr read as it comes, so that a
    test can wait on a log line, send signals, and read all of its output at the end."""

    def __init__(self, *args: str, env: dict[str, str] | None = None):
        self.proc = subprocess.Popen(cli_command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, **(env or {})}, start_new_session=True)
        self.err: list[str] = []
        assert self.proc.stderr is not None
        self.reader = threading.Thread(target=lambda: self.err.extend(iter(self.proc.stderr.readline, "")),
                                       daemon=True)
        self.reader.start()

    def wait_for_line(self, text: str, timeout: float = 180) -> None:
        def seen() -> bool:
            assert self.proc.poll() is None, f"ended (exit {self.proc.returncode}) before {text!r}: {self.err[-20:]}"
            return any(text in line for line in list(self.err))

        wait_until(seen, f"the log line {text!r} (last lines: {self.err[-20:]})", timeout)

    def finish(self, timeout: float = 180) -> tuple[str, str]:
        """Wait for the end; (stdout, stderr)."""
        assert self.proc.stdout is not None
        out = self.proc.stdout.read()
        self.proc.wait(timeout)
        self.reader.join(10)
        return out, "".join(self.err)
