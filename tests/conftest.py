"""Shared fixtures: saved pages, the replica over HTTP, and archives on SQLite and PostgreSQL.

PostgreSQL tests run against the server at KOMMUNARKIV_TEST_PG (default: the local one, database
`test`). In CI (CI=true, set by .ci/run) or with KOMMUNARKIV_REQUIRE_SERVICES=1 a missing server
fails the run, and so does any skipped test; elsewhere those tests skip and say why.

The tests run in a random order (pytest-randomly): the seed is printed at the end of every run, even
with -q, so that an order-dependent failure can be replayed with `--randomly-seed=N`
(and `-p no:randomly` runs them in file order).
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).with_name("fixtures")
PAGES = FIXTURES / "pages"
REAL = FIXTURES / "real"  # real pages and data, each folder with a SOURCE file naming where it came from
PG_URL = os.environ.get("KOMMUNARKIV_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_SERVICES = os.environ.get("KOMMUNARKIV_REQUIRE_SERVICES") == "1" or os.environ.get("CI") == "true"


def saved_page(name: str) -> tuple[bytes, str]:
    """(bytes, URL) of a saved page, e.g. saved_page('kungsor/seed.html')."""
    index = json.loads((PAGES / "pages.json").read_text(encoding="utf-8"))
    return (PAGES / name).read_bytes(), index[name]


@pytest.fixture(scope="session")
def replica():
    from replica.server import Replica

    with Replica() as server:
        yield server


def _postgres_available() -> str | None:
    try:
        import psycopg
        from sqlalchemy.engine import make_url

        u = make_url(PG_URL)
        with psycopg.connect(host=u.host, port=u.port or 5432, dbname=u.database, user=u.username,
                             connect_timeout=3):
            return None
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here"
        return f"PostgreSQL at {PG_URL} not reachable ({type(exc).__name__}: {exc})"


def require(why: str | None) -> None:
    """A service or tool the test needs is missing (`why` says what): in CI that fails the test,
    elsewhere it skips with the reason."""
    if why:
        if REQUIRE_SERVICES:
            pytest.fail(why + " (CI=true or KOMMUNARKIV_REQUIRE_SERVICES=1: it must run)")
        pytest.skip(why)


@pytest.fixture(scope="session")
def postgres_url():
    require(_postgres_available())
    return PG_URL


REDIS_URL = os.environ.get("KOMMUNARKIV_TEST_REDIS", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="session")
def redis_url():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here"
        require(f"Redis at {REDIS_URL} not reachable ({type(exc).__name__}: {exc})")
    return REDIS_URL


@contextlib.contextmanager
def fresh_archive(kind: str, directory: Path, request) -> Iterator[str]:
    """An empty archive URL: an SQLite file in `directory`, or a PostgreSQL schema of its own."""
    if kind == "sqlite":
        yield f"sqlite:///{directory / 'archive.sqlite'}"
        return
    base = request.getfixturevalue("postgres_url")
    import psycopg
    from sqlalchemy.engine import make_url

    schema = f"ka_{uuid.uuid4().hex[:12]}"
    u = make_url(base)
    conninfo = dict(host=u.host, port=u.port or 5432, dbname=u.database, user=u.username)
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(**conninfo, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgres"])
def archive_url(request, tmp_path):
    """An empty archive on each back end, for one test."""
    with fresh_archive(request.param, tmp_path, request) as url:
        yield url


@pytest.fixture
def pg_archive_url(request, tmp_path):
    """An empty archive on PostgreSQL only, for one test."""
    with fresh_archive("postgres", tmp_path, request) as url:
        yield url


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def module_archive_url(request, tmp_path_factory):
    """An empty archive on each back end, shared by the tests of one module."""
    with fresh_archive(request.param, tmp_path_factory.mktemp("archive"), request) as url:
        yield url


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The random order's seed, last, where a failure's reader looks (pytest-randomly's own header
    line is hidden by -q, which `make test` uses)."""
    seed = getattr(config.option, "randomly_seed", None)
    if isinstance(seed, int) and getattr(config.option, "randomly_reorganize", True):
        terminalreporter.write_line(f"random order: replay it with --randomly-seed={seed}")


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may skip: a skipped test there is a test that did not run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if REQUIRE_SERVICES and skipped and exitstatus == 0:
        reporter.write_line(f"{skipped} tests skipped, and nothing may skip in CI", red=True)
        session.exitstatus = 1
