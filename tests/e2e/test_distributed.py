"""Two workers share one crawl over the local Redis and store into one PostgreSQL archive: every
article stored exactly once, no page fetched twice, and a worker killed mid-crawl loses nothing."""

import os
import signal
import subprocess
import sys
import uuid
from collections import Counter
from pathlib import Path

import pytest
import redis
from sqlalchemy import text

from archive.db import open_archive
from replica.server import Replica
from tests.e2e.helpers import FAST, wait_until

pytestmark = pytest.mark.e2e


def worker(site, db, redis_url, crawl_id, *extra):
    exe = Path(sys.executable).with_name("kommunarkiv")
    return subprocess.Popen(
        [str(exe), "crawl", "--site", "kungsor", "--base-url", f"kungsor={site.base}", "--db", db,
         "--distributed", redis_url, "--crawl-id", crawl_id, *FAST, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4",
         *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def stored(db):
    engine = open_archive(db)
    with engine.connect() as conn:
        urls = [u for (u,) in conn.execute(text("SELECT canonical_url FROM articles"))]
    engine.dispose()
    return urls


@pytest.fixture
def crawl_id(redis_url):
    cid = f"test-{uuid.uuid4().hex[:8]}"
    yield cid
    r = redis.Redis.from_url(redis_url)
    for key in r.scan_iter(f"kommunarkiv:{cid}:*"):
        r.delete(key)


@pytest.fixture
def pg_archive(pg_archive_url):
    return pg_archive_url


def test_two_workers_store_every_article_once_and_fetch_no_page_twice(pg_archive, redis_url, crawl_id):
    with Replica(("kungsor",), extra_articles=200) as server:
        site = server.sites["kungsor"]
        # Every request waits at the gate until both workers have joined the crawl (each has posted
        # its heartbeat to the ledger), so neither can finish it alone while the other starts up.
        site.gate.close()
        workers = [worker(site, pg_archive, redis_url, crawl_id) for _ in range(2)]
        ledger = redis.Redis.from_url(redis_url)
        wait_until(lambda: ledger.hlen(f"kommunarkiv:{crawl_id}:kungsor:workers") == 2,
                   "both workers' heartbeats in the ledger")
        site.gate.open()
        outs = [w.communicate(timeout=300) for w in workers]
        assert [w.returncode for w in workers] == [0, 0], [o[1][-1500:] for o in outs]
        fetched = Counter(p for _, p, status in site.requests if p != "/robots.txt")
        expected = {site.base + a.path for a in site.content.articles}
    asked_again = [line for _, err in outs for line in err.splitlines() if "asking again" in line]
    assert [p for p, n in fetched.items() if n > 1] == [], asked_again  # a live worker's pages asked for again?
    urls = stored(pg_archive)
    assert len(urls) == len(set(urls)) and set(urls) == expected
    both = [int(o[0].split("new articles ")[1].split(",")[0]) for o in outs]
    assert sum(both) == len(expected) and min(both) > 0  # both workers did part of the work


def test_a_worker_killed_mid_crawl_loses_nothing(pg_archive, redis_url, crawl_id):
    with Replica(("kungsor",), extra_articles=300) as server:
        site = server.sites["kungsor"]
        victim = worker(site, pg_archive, redis_url, crawl_id)
        wait_until(lambda: len(site.requests) >= 60, "the victim to make 60 requests, alone")
        # From here every request waits at the gate: the victim is killed holding requests it
        # popped from the shared queue and never answered, which the survivor must ask for again.
        site.gate.close()
        survivor = worker(site, pg_archive, redis_url, crawl_id)
        wait_until(lambda: "/robots.txt" in site.gate.held() and len(site.gate.held()) >= 2,
                   "the survivor's robots.txt and a request of the victim's held at the gate")
        assert victim.poll() is None, "the crawl ended before a worker could be killed"
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(30)
        site.gate.open()
        out, err = survivor.communicate(timeout=300)
        assert survivor.returncode == 0, err[-2000:]
        assert "asking again for" in err, out + err  # the survivor took over what the victim had popped
        expected = {site.base + a.path for a in site.content.articles}
    urls = stored(pg_archive)
    assert len(urls) == len(set(urls)) and set(urls) == expected
