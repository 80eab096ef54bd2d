"""`kommunarkiv serve` listens on 127.0.0.1 by default and answers the API over real HTTP."""

import subprocess
import sys
from pathlib import Path

import pytest
import requests

from archive.db import open_archive
from archive.writer import ArchiveWriter
from tests.e2e.helpers import free_port, wait_until
from tests.unit.records import batch, record

pytestmark = pytest.mark.e2e


def spawned_workers(pid: int) -> int:
    """uvicorn's worker processes: children started by multiprocessing's spawn (not its resource tracker)."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return sum("spawn_main" in Path(f"/proc/{c}/cmdline").read_text(errors="replace") for c in children)


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_binds_localhost_and_answers(tmp_path, workers):
    db = f"sqlite:///{tmp_path / 'a.sqlite'}"
    engine = open_archive(db)
    ArchiveWriter(engine).write(batch(record("kungsor", "/a.html", "Samverkan", "Kungsör och Arboga i samverkan.")))
    engine.dispose()
    port = free_port()
    proc = subprocess.Popen([str(Path(sys.executable).with_name("kommunarkiv")), "serve", "--db", db, "--port",
                             str(port), "--workers", str(workers)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout.readline().startswith(f"serving {db} on http://127.0.0.1:{port}")

        def answers() -> bool:
            try:
                return requests.get(f"http://127.0.0.1:{port}/api/search", timeout=10).ok
            except requests.ConnectionError:
                return False

        wait_until(answers, f"kommunarkiv serve to answer on port {port}")
        hits = requests.get(f"http://127.0.0.1:{port}/api/search", params={"q": "samverkan"}, timeout=30).json()
        assert hits["total"] == 1
        assert spawned_workers(proc.pid) == (workers if workers > 1 else 0)
        listening = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout
        assert f"127.0.0.1:{port}" in listening and f"0.0.0.0:{port}" not in listening
    finally:
        proc.terminate()
        proc.wait(10)
