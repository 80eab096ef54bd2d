"""Servers of a test's own, to stop and start at will: a PostgreSQL cluster (initdb + pg_ctl, in a
temporary folder, as the postgres user when the tests run as root) and a Redis server, each on a
free port. The shared servers on 5432 and 6379 are never stopped: other tests use them.

Where the programs are missing the test skips, except in CI (REQUIRE_SERVICES), where it fails."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import require
from tests.e2e.helpers import free_port, wait_until


def _need(program: str, where: str | None = None) -> str:
    found = shutil.which(program) or next(iter(sorted(glob.glob(where or ""), reverse=True)), None)
    require(None if found else f"{program} not found: this test starts a server of its own")
    assert found is not None
    return found


@dataclass
class OwnPostgres:
    data: Path
    port: int
    pg_ctl: str

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _as_owner(self, *args: str) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120, check=True)

    def start(self) -> None:
        self._as_owner(self.pg_ctl, "-D", str(self.data), "-l", str(self.data / "server.log"), "-w", "-o",
                       f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self) -> None:
        self._as_owner(self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")


@contextlib.contextmanager
def own_postgres() -> Iterator[OwnPostgres]:
    initdb = _need("initdb", "/usr/lib/postgresql/*/bin/initdb")
    pg_ctl = _need("pg_ctl", "/usr/lib/postgresql/*/bin/pg_ctl")
    folder = Path(tempfile.mkdtemp(prefix="kommunarkiv-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    server = OwnPostgres(data, free_port(), pg_ctl)
    try:
        server._as_owner(initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        server.start()
        yield server
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            server._as_owner(pg_ctl, "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class OwnRedis:
    folder: Path
    port: int
    program: str
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        # appendonly: a Redis that keeps its data across a restart, as a production one does
        self.proc = subprocess.Popen([self.program, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.folder)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        def up() -> bool:
            try:
                return bool(redis.Redis(port=self.port, socket_connect_timeout=1).ping())
            except redis.RedisError:
                return False
        wait_until(up, f"redis-server on port {self.port}")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()  # SIGTERM: Redis writes what it must and exits
            self.proc.wait(30)
            self.proc = None


class Refusing:
    """A port whose server is down, as its clients meet it: each connection is taken and closed at
    once, and counted, so a test can wait until clients have tried it (an event) instead of
    sleeping through an outage of some length."""

    def __init__(self, port: int):
        self.tries = 0
        self.sock = socket.create_server(("127.0.0.1", port), reuse_port=False)
        self.sock.settimeout(0.2)
        self.closing = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.closing.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            conn.close()
            self.tries += 1

    def close(self) -> None:
        self.closing.set()
        self.thread.join(10)
        self.sock.close()


@contextlib.contextmanager
def refusing(port: int) -> Iterator[Refusing]:
    down = Refusing(port)
    try:
        yield down
    finally:
        down.close()


@contextlib.contextmanager
def own_redis() -> Iterator[OwnRedis]:
    server = OwnRedis(Path(tempfile.mkdtemp(prefix="kommunarkiv-redis-")), free_port(), _need("redis-server"))
    try:
        server.start()
        yield server
    finally:
        if server.proc is not None:
            server.proc.kill()
            server.proc.wait(10)
        shutil.rmtree(server.folder, ignore_errors=True)
