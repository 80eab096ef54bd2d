"""A crawl process opens the archive once and hands that one engine to every site's pipelines
(each open engine is a pool of its own and a schema check)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.e2e.helpers import FAST

pytestmark = pytest.mark.e2e

# Counts the engines a real `kommunarkiv crawl` creates, in its own process (Scrapy's reactor runs
# once per process), by wrapping the one place that creates them.
COUNTING_CRAWL = """
import atexit, sys
import archive.db
made = []
real = archive.db.create_engine
archive.db.create_engine = lambda *a, **k: made.append(a) or real(*a, **k)
atexit.register(lambda: print(f"ENGINES {len(made)}", file=sys.stderr))
from kommunarkiv.cli import main
main(sys.argv[1:])
"""


@pytest.fixture(scope="module")
def replica():
    from replica.server import Replica

    with Replica(port=0) as server:
        yield server


def test_a_three_site_crawl_creates_one_engine(replica, tmp_path):
    db = f"sqlite:///{tmp_path / 'a.sqlite'}"
    args = ["crawl", "--db", db, *FAST]
    for base in replica.base_url_args():
        args += ["--base-url", base]
    done = subprocess.run([sys.executable, "-c", COUNTING_CRAWL, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(replica.sites) == 3
    assert "ENGINES 1" in done.stderr.splitlines()[-1], done.stderr[-500:]
