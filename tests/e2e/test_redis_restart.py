"""A distributed crawl whose Redis (a server of the test's own, keeping its data across a restart
as a production one does) stops and starts mid-crawl: the workers wait, reconnect and keep the
ledger's guarantees, every article stored once and no page fetched more than twice. A Redis gone
for longer than the bound stops each worker with one line and exit 4."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest

from replica.server import Replica
from tests.e2e.helpers import FAST, Background, wait_until
from tests.e2e.servers import own_redis, refusing
from tests.e2e.test_database_restarts import articles, whole

pytestmark = pytest.mark.e2e


def worker(site, db: str, redis_url: str, crawl_id: str, *extra: str) -> Background:
    return Background("crawl", "--site", "kungsor", "--base-url", f"kungsor={site.base}", "--db", db,
                      "--distributed", redis_url, "--crawl-id", crawl_id, *FAST, "-s", "DOWNLOAD_DELAY=0.03",
                      "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", *extra)


def test_redis_restarting_mid_crawl_the_workers_reconnect_and_lose_nothing(pg_archive_url):
    crawl_id = f"test-{uuid.uuid4().hex[:8]}"
    with own_redis() as rd, Replica(("kungsor",), extra_articles=200) as server:
        site = server.sites["kungsor"]
        workers = [worker(site, pg_archive_url, rd.url, crawl_id) for _ in range(2)]
        wait_until(lambda: len(articles(pg_archive_url)) >= 30, "30 articles stored")
        rd.stop()
        with refusing(rd.port) as down:  # the outage lasts until the workers have asked in vain 4 times
            wait_until(lambda: down.tries >= 4, "the workers to try Redis while it is down")
        rd.start()
        ends = [w.finish(240) for w in workers]
        assert [w.proc.returncode for w in workers] == [0, 0], [err[-2000:] for _, err in ends]
        for _, err in ends:
            assert "Traceback" not in err, err[-3000:]
        fetched = Counter(p for _, p, status in site.requests if p != "/robots.txt")
        expected = {site.base + a.path for a in site.content.articles}
    assert [p for p, n in fetched.items() if n > 2] == []
    assert set(articles(pg_archive_url)) == expected
    assert whole(pg_archive_url) == len(expected)


def test_redis_gone_past_the_bound_each_worker_stops_with_one_line(pg_archive_url):
    crawl_id = f"test-{uuid.uuid4().hex[:8]}"
    with own_redis() as rd, Replica(("kungsor",), extra_articles=200) as server:
        site = server.sites["kungsor"]
        one = worker(site, pg_archive_url, rd.url, crawl_id, "-s", "KOMMUNARKIV_REDIS_OUTAGE_SECONDS=3")
        wait_until(lambda: len(articles(pg_archive_url)) >= 30, "30 articles stored")
        site.gate.close()  # the crawl cannot finish before Redis is gone
        rd.stop()
        one.wait_for_line("cannot reach Redis at")
        site.gate.open()  # the worker stops: it may end the requests it had in flight
        _, err = one.finish(240)
    assert one.proc.returncode == 4, err[-3000:]
    assert "Traceback" not in err, err[-3000:]
    last = err.strip().splitlines()[-1]
    assert last.startswith(f"kommunarkiv: cannot reach Redis at {rd.url}") and "this worker stops" in last, last
    stored = whole(pg_archive_url)
    assert 30 <= stored < len(site.content.articles)
