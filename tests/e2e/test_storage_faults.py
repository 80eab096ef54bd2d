"""A full disk or a read-only archive: one clear line, exit 4, and never a half-written record.

The tests run as root, and root ignores file modes, so "read-only" is made the way root meets it
too: a file system mounted read-only (a tmpfs remounted `ro`: EROFS, as after ext4's
errors=remount-ro or on a read-only volume) and an immutable file (`chattr +i`: EPERM on opening
it for writing, what a user without write permission gets). The full disk is a real one, a 4 MB
tmpfs filled up by another file (ENOSPC). Where mounting is not permitted, the disk-full test
falls back to SQLite's `PRAGMA max_page_count`, which gives the same SQLITE_FULL error from the
engine, set in the crawl's process through a sitecustomize module; the read-only tests fall back to
chmod when not root.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archive.db import ArchiveError, open_archive
from archive.writer import ArchiveWriter
from replica.server import Replica
from tests.e2e.helpers import cli, crawl, rows
from tests.unit.records import batch, record

pytestmark = pytest.mark.e2e
EXTRA = 100  # generated articles on top of Kungsör's 37: more than the small disk holds
STORE = ("-s", "KOMMUNARKIV_STORE_BATCH=10")


def _mount(*args: str) -> bool:
    if os.environ.get("KOMMUNARKIV_TEST_NO_MOUNT") == "1":  # to try the fallbacks
        return False
    return os.geteuid() == 0 and subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextlib.contextmanager
def small_disk(path: Path, size: str = "4m"):
    """A real small file system at `path` (tmpfs), or None where mounting is not permitted."""
    path.mkdir(exist_ok=True)
    if not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)):
        yield None
        return
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def fill(disk: Path, leave: int) -> None:
    """Fill the file system at `disk` up to `leave` bytes free."""
    free = shutil.disk_usage(disk).free
    with open(disk / "filler", "wb") as fh:
        fh.write(b"\0" * max(0, free - leave))


def consistent(db_file: Path) -> int:
    """Check that every stored article is whole: its revision, capture, search row and FTS row.
    Returns the number of articles."""
    assert rows(db_file, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db_file, "INSERT INTO search_fts(search_fts) VALUES('integrity-check')") == []
    n = rows(db_file, "SELECT count(*) FROM articles")[0][0]
    assert rows(db_file, "SELECT count(*) FROM articles a JOIN revisions r ON r.id = a.current_revision_id "
                         "JOIN raw_captures c ON c.id = r.capture_id")[0][0] == n
    assert rows(db_file, "SELECT count(*) FROM revisions")[0][0] == n  # one crawl: one revision each
    assert rows(db_file, "SELECT count(*) FROM search_docs")[0][0] == n
    assert rows(db_file, "SELECT count(*) FROM search_fts")[0][0] == n
    assert rows(db_file, "SELECT count(*) FROM article_topics t LEFT JOIN articles a ON a.id = t.article_id "
                         "WHERE a.id IS NULL")[0][0] == 0
    return n


def one_line_exit_4(result, *phrases: str) -> None:
    assert result.returncode == 4, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("kommunarkiv: ") and all(p in last for p in phrases), last


@pytest.fixture(scope="module")
def kungsor():
    with Replica(("kungsor",), extra_articles=EXTRA) as server:
        yield server.sites["kungsor"]


def test_a_crawl_that_fills_the_disk_stops_with_exit_4_and_keeps_only_whole_articles(kungsor, tmp_path):
    total = len(kungsor.content.articles)
    with small_disk(tmp_path / "disk") as disk:
        if disk is None:  # no mounting here: SQLite's own limit gives the same SQLITE_FULL
            disk = tmp_path / "disk"
            hook = tmp_path / "hook"
            hook.mkdir()
            (hook / "sitecustomize.py").write_text(
                "from sqlalchemy import Engine, event\n"
                "event.listen(Engine, 'connect', lambda c, _: c.execute('PRAGMA max_page_count=200'))\n")
            env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")]))}
        else:
            env = None
        db_file = disk / "a.sqlite"
        assert cli("db", "upgrade", "--db", str(db_file)).returncode == 0
        if env is None:
            fill(disk, leave=700_000)
        result = cli("crawl", "--db", str(db_file), "--site", "kungsor", "--base-url", f"kungsor={kungsor.base}",
                     "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING", *STORE,
                     env=env, timeout=120)
        one_line_exit_4(result, "cannot write to the archive", "database or disk is full", "the disk is full")
        assert result.stderr.count("database or disk is full") <= 2  # said once (log line and exit line)
        (disk / "filler").unlink(missing_ok=True)
        stored = consistent(db_file)
        assert 0 < stored < total  # it stopped part-way, with whole articles only
        copy = tmp_path / "after.sqlite"
        with sqlite3.connect(db_file) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
    again = crawl(f"sqlite:///{copy}", f"kungsor={kungsor.base}", sites=("kungsor",), extra=STORE)
    assert again.returncode == 0, again.stderr[-2000:]
    assert consistent(copy) == total
    assert [s for (s,) in rows(copy, "SELECT status FROM crawl_runs ORDER BY id")][-1] == "finished"


@pytest.fixture
def small_archive(tmp_path):
    """An archive of two articles (a tmpfs of its own where mounting is permitted)."""
    with small_disk(tmp_path / "disk", "16m") as disk:
        db_file = (disk or tmp_path) / "a.sqlite"
        engine = open_archive(f"sqlite:///{db_file}")
        ArchiveWriter(engine).write(batch(record("arboga", "/a.html", "Samverkan om IT", "Om samverkan kring IT."),
                                          record("koping", "/b.html", "Simhallen", "Simhallen öppnar.")))
        engine.dispose()
        yield db_file, disk is not None


def _read_only_mount(db_file: Path) -> contextlib.AbstractContextManager:
    @contextlib.contextmanager
    def remount():
        subprocess.run(["mount", "-o", "remount,ro", str(db_file.parent)], check=True)
        yield
        subprocess.run(["mount", "-o", "remount,rw", str(db_file.parent)], check=True)
    return remount()


@contextlib.contextmanager
def _read_only_file(db_file: Path):
    """The file refuses writes even to root (immutable); chmod where the tests do not run as root."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(db_file)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(db_file)], check=True)
    else:
        db_file.chmod(0o444)
        try:
            yield
        finally:
            db_file.chmod(0o644)


def test_a_read_only_file_system_refuses_with_exit_4(small_archive, kungsor):
    db_file, mounted = small_archive
    if not mounted:  # not root: a folder without write permission is what such a user meets
        db_file.parent.chmod(0o555)
    before = db_file.read_bytes()
    with (_read_only_mount(db_file) if mounted else contextlib.nullcontext()):
        for args in (("crawl", "--site", "kungsor", "--base-url", f"kungsor={kungsor.base}"),
                     ("watch", "add", "w", "samverkan"), ("search", "samverkan")):
            one_line_exit_4(cli(*args, "--db", str(db_file)), f"its folder {db_file.parent} is read-only",
                            "mount it read-write")
    db_file.parent.chmod(0o755)
    assert db_file.read_bytes() == before


def test_a_read_only_file_can_be_searched_but_not_written(small_archive, kungsor):
    db_file, _ = small_archive
    before = rows(db_file, "SELECT count(*), max(last_seen_at) FROM articles")
    with _read_only_file(db_file):
        found = cli("search", "samverkan", "--db", str(db_file))
        assert found.returncode == 0 and "1 article matches" in found.stdout
        for args in (("crawl", "--site", "kungsor", "--base-url", f"kungsor={kungsor.base}", "-s", "DOWNLOAD_DELAY=0"),
                     ("watch", "add", "w", "samverkan")):
            one_line_exit_4(cli(*args, "--db", str(db_file)), "attempt to write a readonly database",
                            "the archive is read-only")
    assert rows(db_file, "SELECT count(*), max(last_seen_at) FROM articles") == before
    assert rows(db_file, "SELECT count(*) FROM watches") == [(0,)]


def test_a_read_only_postgresql_archive_refuses_with_exit_4(pg_archive_url):
    engine = open_archive(pg_archive_url)
    ArchiveWriter(engine).write(batch(record("arboga", "/a.html", "Samverkan", "Om samverkan.")))
    engine.dispose()
    read_only = pg_archive_url.replace("options=", "options=-cdefault_transaction_read_only%3Don%20")
    result = cli("watch", "add", "w", "samverkan", "--db", read_only)
    one_line_exit_4(result, "read-only transaction", "the archive is read-only")
    found = cli("search", "samverkan", "--db", read_only, "--json")
    assert found.returncode == 0, found.stderr  # reading still works, and finds what is there
    assert [h["canonical_url"] for h in json.loads(found.stdout)] == ["https://www.arboga.se/a.html"]


# -- a transaction stores the whole batch or nothing -------------------------------------------------
NEW = [record("kungsor", f"/n{i}.html", f"Nyhet {i} om samverkan", "Kommunerna samverkar. " * (40 + 30 * i),
              quotes=[{"text": "Vi gör det tillsammans.", "speaker": "Anna Berg", "role": None, "party": None}],
              people=[{"name": "Anna Berg", "role": "kommunchef", "party": None}]) for i in range(6)]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    db_file = tmp_path_factory.mktemp("template") / "a.sqlite"
    engine = open_archive(f"sqlite:///{db_file}")
    ArchiveWriter(engine).write(batch(record("arboga", "/a.html", "Samverkan om IT", "Om samverkan kring IT.")))
    engine.dispose()
    with sqlite3.connect(db_file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    return db_file, pages


def _counts(db_file: Path) -> tuple:
    tables = ("articles", "revisions", "search_docs", "search_fts", "article_people", "quotes", "people",
              "article_topics", "minhashes", "lsh_buckets")
    return tuple(rows(db_file, f"SELECT count(*) FROM {t}")[0][0] for t in tables)


@settings(max_examples=41, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(room=st.integers(min_value=0, max_value=40))  # the six articles need about 25 pages more
@example(room=0)
@example(room=40)
def test_a_batch_that_fills_the_disk_is_stored_whole_or_not_at_all(template, tmp_path, room):
    db_file, pages = template
    copy = tmp_path / f"a{room}.sqlite"
    copy.unlink(missing_ok=True)
    shutil.copy(db_file, copy)
    before = _counts(copy)
    engine = open_archive(f"sqlite:///{copy}")
    from sqlalchemy import event

    event.listen(engine, "connect", lambda conn, _: conn.execute(f"PRAGMA max_page_count={pages + room}"))
    engine.dispose()  # the connections opened before the limit
    try:
        ArchiveWriter(engine).write(batch(*NEW))
        stored = True
    except ArchiveError as exc:
        assert "database or disk is full" in str(exc) and "\n" not in str(exc)
        stored = False
    finally:
        engine.dispose()
    after = _counts(copy)
    assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
    # both outcomes are reached: no room stores nothing, plenty of room stores the batch
    if room == 0:
        assert not stored
    if room >= 35:
        assert stored, f"{room} pages more than the archive's were not enough for {len(NEW)} articles"
    if stored:
        assert after[0] == before[0] + len(NEW) and after[1] == before[1] + len(NEW)
        assert after[2] == after[3] == after[0]
    else:
        assert after == before
