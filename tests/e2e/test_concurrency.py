"""Readers during writes on one SQLite archive: search (library and CLI) and the web API keep
answering, with right results, while another process writes many transactions and holds one long
write transaction; a second writer waits for it (busy_timeout) instead of failing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from archive.db import open_archive
from archive.search import search
from archive.web.app import create_app
from archive.writer import ArchiveWriter
from tests.e2e.helpers import cli, cli_command, rows, wait_until
from tests.sites import SLUGS
from tests.unit.records import batch, record

pytestmark = pytest.mark.e2e
WRITES = 150  # one article per transaction

WRITER = f"""
import sqlite3, sys, time
from archive.db import open_archive
from archive.writer import ArchiveWriter
from tests.unit.records import batch, record
db_file = sys.argv[1]
writer = ArchiveWriter(open_archive("sqlite:///" + db_file))
for i in range({WRITES}):
    writer.write(batch(record("koping", f"/w{{i}}.html", f"Tillskott {{i}}", "Ett tillskott till arkivet. " * 20)))
    if i == {WRITES} // 3:  # one long write transaction, holding the lock
        conn = sqlite3.connect(db_file, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE articles SET last_seen_at = last_seen_at")
        print("holding", flush=True)
        sys.stdin.readline()  # the test says when to let go, after it has read and written meanwhile
        conn.execute("COMMIT")
        conn.close()
print("done", flush=True)
"""


def _has_open(proc: subprocess.Popen, path) -> bool:
    """Whether the process has the file open (Linux: its /proc/PID/fd links)."""
    fds = Path(f"/proc/{proc.pid}/fd")
    try:
        return any(os.path.realpath(fd) == os.path.realpath(path) for fd in fds.iterdir())
    except (FileNotFoundError, ProcessLookupError):  # it ended meanwhile
        return False


@pytest.fixture
def archive(tmp_path):
    db_file = tmp_path / "a.sqlite"
    engine = open_archive(f"sqlite:///{db_file}")
    ArchiveWriter(engine).write(batch(*[
        record(SLUGS[i % 3], f"/s{i}.html", f"Samverkan {i}",
               f"Kommunerna fördjupar sin samverkan, steg {i}.") for i in range(30)]))
    yield db_file, engine
    engine.dispose()


def test_readers_keep_answering_while_a_writer_writes(archive):
    db_file, engine = archive
    baseline = {h.canonical_url for h in search(engine, "samverkan", limit=100).hits}
    assert len(baseline) == 30
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_file)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    errors: list[str] = []
    reads = {"search": 0, "api": 0}

    def reader(kind: str) -> None:
        client = TestClient(create_app(engine)) if kind == "api" else None
        last = 0
        while writer.poll() is None:
            try:
                if kind == "api":
                    response = client.get("/api/search", params={"q": "samverkan", "limit": 100})
                    assert response.status_code == 200, response.text
                    found = {h["canonical_url"] for h in response.json()["hits"]}
                    added = client.get("/api/search", params={"q": "tillskott", "limit": 0}).json()["total"]
                else:
                    found = {h.canonical_url for h in search(engine, "samverkan", limit=100).hits}
                    added = search(engine, "tillskott", limit=0).total
                assert found == baseline
                assert last <= added <= WRITES  # whole transactions appear, in order, never undone
                last = added
                reads[kind] += 1
            except Exception as exc:  # noqa: BLE001 - every failed read is collected and reported
                errors.append(f"{kind}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=reader, args=(k,)) for k in ("search", "search", "api", "api")]
    for t in threads:
        t.start()
    assert writer.stdout.readline().strip() == "holding"
    # The write lock is held until the test lets go: a reader that waited for it would never return.
    held_from = dict(reads)
    wait_until(lambda: all(reads[k] >= held_from[k] + 20 for k in reads) or errors,
               "20 more reads of each kind while the write lock is held")
    found = cli("search", "samverkan", "--db", str(db_file), "--json", "--limit", "100")
    # the second writer last, so that it waits for the lock only briefly (busy_timeout is 30 s)
    second_writer = subprocess.Popen(cli_command("watch", "add", "samverkan", "samverkan", "--db", str(db_file)),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until(lambda: _has_open(second_writer, db_file), "the second writer to open the archive")
    assert second_writer.poll() is None, second_writer.communicate()  # it cannot have finished: the lock is held
    assert rows(db_file, "SELECT name FROM watches") == []
    writer.stdin.write("release\n")
    writer.stdin.flush()
    assert writer.wait(120) == 0 and writer.stdout.read().strip() == "done"
    added_out, added_err = second_writer.communicate(timeout=120)
    for t in threads:
        t.join(30)
    assert errors == []
    assert found.returncode == 0 and found.stdout.count('"canonical_url"') == 30
    assert second_writer.returncode == 0, added_err  # the second writer waited for the lock, then wrote
    assert rows(db_file, "SELECT name FROM watches") == [("samverkan",)]
    assert search(engine, "tillskott", limit=0).total == WRITES
    assert rows(db_file, "PRAGMA integrity_check") == [("ok",)]
