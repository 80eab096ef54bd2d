"""Sites that break: 404, 500, timeouts, pages that do not parse, a site that is down. Each is
logged with its URL and counted in the closing summary, the crawl goes on, and nothing already
stored is lost or changed."""

import re
import socket

import pytest

from replica.server import Replica
from tests.e2e.helpers import crawl, rows

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def kungsor():
    with Replica(("kungsor",)) as server:
        yield server.sites["kungsor"]


@pytest.fixture(scope="module")
def first_crawl(kungsor, tmp_path_factory):
    db_file = tmp_path_factory.mktemp("faults") / "archive.sqlite"
    result = crawl(f"sqlite:///{db_file}", f"kungsor={kungsor.base}", sites=("kungsor",))
    assert result.returncode == 0, result.stderr[-2000:]
    return db_file


def snapshot(db_file):
    return rows(db_file, "SELECT a.canonical_url, r.content_hash FROM articles a "
                         "JOIN revisions r ON r.id = a.current_revision_id ORDER BY a.id")


def test_failing_pages_are_counted_and_nothing_stored_is_lost(kungsor, first_crawl):
    before = snapshot(first_crawl)
    articles = kungsor.content.articles
    faults = {articles[0].path: "404", articles[1].path: "500", articles[2].path: "slow",
              articles[3].path: "garbage", articles[4].path: "empty"}
    kungsor.faults.update(faults)
    try:
        result = crawl(f"sqlite:///{first_crawl}", f"kungsor={kungsor.base}", sites=("kungsor",),
                       # the "slow" page never answers while the crawl runs; 30 s leaves the others
                       # time to answer on a loaded machine
                       extra=("--full", "-s", "DOWNLOAD_TIMEOUT=30", "-s", "RETRY_TIMES=0"))
    finally:
        kungsor.faults.clear()
    assert result.returncode == 0, result.stderr[-2000:]
    assert snapshot(first_crawl) == before
    assert "failed 5" in result.stdout
    for path, why in zip(faults, ["HTTP 404", "HTTP 500", "TimeoutError", "no title", "no title"], strict=True):
        line = next(line for line in result.stdout.splitlines() if line.strip().startswith(f"failed {kungsor.base}{path}"))
        assert why in line, line
    assert f"unchanged {len(articles) - 5}" in result.stdout


def test_a_site_that_is_down_fails_the_run_and_loses_nothing(kungsor, first_crawl):
    before = snapshot(first_crawl)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    result = crawl(f"sqlite:///{first_crawl}", f"kungsor=http://127.0.0.1:{closed_port}", sites=("kungsor",),
                   extra=("-s", "RETRY_TIMES=0"))
    assert result.returncode == 3
    assert "health check failed:\n  kungsor: no page could be fetched" in result.stderr
    assert re.search(r"^crawl run \d+ failed in ", result.stdout, re.MULTILINE), result.stdout  # as `runs` says
    assert snapshot(first_crawl) == before
