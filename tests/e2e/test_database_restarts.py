"""A crawl into PostgreSQL while its connections are ended (pg_terminate_backend, on the shared
server, only the crawl's own sessions, found by their application_name) and while the server
itself stops and starts (a cluster of the test's own). Nothing is mocked: the crawl is the real
command, the faults are PostgreSQL's own."""

from __future__ import annotations

import json
import re
import uuid

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from archive.lock import CRAWL_CLASS
from replica.server import Replica
from tests.e2e.helpers import FAST, Background, cli, crawl, last_run, wait_until
from tests.e2e.servers import own_postgres

pytestmark = pytest.mark.e2e
EXTRA = 300


@pytest.fixture(scope="module")
def koping():
    with Replica(("koping",), extra_articles=EXTRA) as server:
        yield server.sites["koping"]


def with_name(url: str, name: str) -> str:
    return url + ("&" if "?" in url else "?") + f"application_name={name}"


def articles(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [u for (u,) in conn.execute(text("SELECT canonical_url FROM articles"))]
    except DBAPIError:  # not created yet, or the server is down
        return []
    finally:
        engine.dispose()


def whole(url: str) -> int:
    """Every stored article once, with its revision, capture and search row; returns how many."""
    engine = create_engine(url)
    with engine.connect() as conn:
        n = conn.scalar(text("SELECT count(*) FROM articles"))
        assert conn.scalar(text("SELECT count(DISTINCT canonical_url) FROM articles")) == n
        assert conn.scalar(text("SELECT count(*) FROM articles a JOIN revisions r ON r.id = a.current_revision_id "
                                "JOIN raw_captures c ON c.id = r.capture_id JOIN search_docs d "
                                "ON d.article_id = a.id")) == n
        assert conn.scalar(text("SELECT count(*) FROM revisions")) == n
    engine.dispose()
    return n


def conninfo(url: str) -> dict:
    u = make_url(url)
    return dict(host=u.host, port=u.port or 5432, dbname=u.database, user=u.username, autocommit=True)


def terminate(url: str, name: str) -> int:
    """End every session of the crawl (application_name `name`) with PostgreSQL's own command."""
    with psycopg.connect(**conninfo(url)) as conn:
        return len(conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
                                (name,)).fetchall())


def lock_free(url: str) -> bool:
    schema = make_url(url).query["options"].split("=")[1]
    with psycopg.connect(**conninfo(url)) as conn:
        conn.execute(f'SET search_path = "{schema}"')
        return conn.execute("SELECT pg_try_advisory_lock(%s, hashtext(current_schema()))", (CRAWL_CLASS,)).fetchone()[0]


def start(url: str, site, *extra: str) -> Background:
    return Background("crawl", "--db", url, "--site", "koping", "--base-url", f"koping={site.base}", *FAST,
                      "-s", "KOMMUNARKIV_STORE_BATCH=10", "-s", "DOWNLOAD_DELAY=0.02", "-s",
                      "CONCURRENT_REQUESTS_PER_DOMAIN=2", *extra)


def test_connections_ended_mid_crawl_the_crawl_reconnects_retakes_its_lock_and_finishes(koping, pg_archive_url):
    name = f"ka-test-{uuid.uuid4().hex[:8]}"
    url = with_name(pg_archive_url, name)
    crawling = start(url, koping)
    wait_until(lambda: len(articles(pg_archive_url)) >= 30, "30 articles stored")
    assert terminate(pg_archive_url, name) >= 2  # the lock's session and the store's
    crawling.wait_for_line("the connection holding the crawl lock was lost")
    # the lock is this crawl's again: a second crawl on the same archive is refused
    second = cli("crawl", "--db", pg_archive_url, "--site", "koping", "--base-url", f"koping={koping.base}", *FAST)
    assert crawling.proc.poll() is None, "the crawl ended before the second one could try: make it longer"
    assert second.returncode == 5 and "another crawl is running on this archive" in second.stderr, second.stderr
    out, err = crawling.finish()
    assert crawling.proc.returncode == 0, err[-3000:]
    assert "Traceback" not in err and "AdminShutdown" not in err, err[-3000:]
    run = last_run(pg_archive_url)
    assert run["status"] == "finished" and run["stats"]["lock_retaken"] >= 1
    assert whole(pg_archive_url) == len(koping.content.articles)
    assert lock_free(pg_archive_url)  # released at the end: no session of the crawl still holds it


def test_another_crawl_takes_the_lock_while_the_connection_is_lost_exit_5(koping, pg_archive_url):
    name = f"ka-test-{uuid.uuid4().hex[:8]}"
    url = with_name(pg_archive_url, name)
    schema = make_url(pg_archive_url).query["options"].split("=")[1]
    crawling = start(url, koping)
    wait_until(lambda: len(articles(pg_archive_url)) >= 30, "30 articles stored")
    with psycopg.connect(**conninfo(pg_archive_url)) as other:  # "another crawl": the same lock, taken first
        other.execute(f'SET search_path = "{schema}"')
        assert terminate(pg_archive_url, name) >= 2
        wait_until(lambda: other.execute("SELECT pg_try_advisory_lock(%s, hashtext(current_schema()))",
                                         (CRAWL_CLASS,)).fetchone()[0], "the crawl's lock to be free")
        out, err = crawling.finish()
    assert crawling.proc.returncode == 5, err[-3000:]
    assert "Traceback" not in err, err[-3000:]
    assert err.strip().splitlines()[-1] == ("kommunarkiv: another crawl is running on this archive "
                                           "(PostgreSQL advisory lock held)")
    run = last_run(pg_archive_url)
    assert run["status"] == "failed" and "another crawl is running" in run["stats"]["error"]
    stored = whole(pg_archive_url)
    assert 30 <= stored < len(koping.content.articles)


def test_postgresql_down_at_start_one_line_exit_4():
    from tests.e2e.helpers import free_port

    port = free_port()
    result = cli("crawl", "--db", f"postgresql+psycopg://postgres@127.0.0.1:{port}/kommunarkiv", "--site", "koping")
    assert result.returncode == 4 and "Traceback" not in result.stderr, result.stderr
    line = result.stderr.strip()
    assert "\n" not in line and line.startswith(f"kommunarkiv: cannot reach the archive's PostgreSQL at 127.0.0.1:{port}")
    assert f"check that the server is running and accepts connections (pg_isready -h 127.0.0.1 -p {port})" in line


def test_redis_down_at_start_one_line_exit_4(tmp_path):
    from tests.e2e.helpers import free_port

    port = free_port()
    result = cli("crawl", "--db", str(tmp_path / "a.sqlite"), "--site", "koping", "--distributed",
                 f"redis://127.0.0.1:{port}/0")
    assert result.returncode == 4 and "Traceback" not in result.stderr, result.stderr
    line = result.stderr.strip()
    assert "\n" not in line and line.startswith(f"kommunarkiv: cannot reach Redis at redis://127.0.0.1:{port}/0")
    assert "check that the server is running" in line


def test_postgresql_restarting_mid_crawl_the_crawl_waits_and_finishes(koping):
    with own_postgres() as pg:
        crawling = start(pg.url, koping)
        wait_until(lambda: len(articles(pg.url)) >= 30, "30 articles stored")
        pg.stop()
        crawling.wait_for_line("cannot be reached while")
        pg.start()
        out, err = crawling.finish()
        assert crawling.proc.returncode == 0, err[-3000:]
        assert "Traceback" not in err, err[-3000:]
        assert "answers again after" in err
        assert last_run(pg.url)["status"] == "finished"
        assert whole(pg.url) == len(koping.content.articles)


def test_postgresql_down_longer_than_the_bound_exit_4_and_the_next_crawl_finishes(koping):
    with own_postgres() as pg:
        crawling = start(pg.url, koping, "-s", "KOMMUNARKIV_DB_OUTAGE_SECONDS=3")
        wait_until(lambda: len(articles(pg.url)) >= 30, "30 articles stored")
        pg.stop()
        out, err = crawling.finish()
        assert crawling.proc.returncode == 4, err[-3000:]
        assert "Traceback" not in err, err[-3000:]
        last = err.strip().splitlines()[-1]
        # The crawl finds the outage first when it checks the lock before handing a batch to the
        # writer process, the writer when it stores (in process, or if it was already writing).
        assert re.match(rf"kommunarkiv: cannot reach the archive's PostgreSQL at 127\.0\.0\.1:{pg.port} for 3 s "
                        r"while (storing|checking the crawl lock)", last), last
        assert "the next crawl stores the rest" in last
        pg.start()
        stored = whole(pg.url)
        assert 30 <= stored < len(koping.content.articles)
        again = crawl(pg.url, f"koping={koping.base}", sites=("koping",))
        assert again.returncode == 0, again.stderr[-2000:]
        assert whole(pg.url) == len(koping.content.articles)
        listed = json.loads(cli("runs", "--db", pg.url, "--json").stdout)
        # the run that lost its server could not record its end; the next one says what it found
        assert [r["status"] for r in listed] == ["finished", "killed"]
        assert "could not reach the database to record its end" in listed[1]["stats"]["error"]
