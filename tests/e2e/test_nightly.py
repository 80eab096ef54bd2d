"""Nightly crawls: incremental re-crawls, run records, health checks, the lock, JSON logs, and a
crawl killed with SIGKILL that the next run finishes without losing or duplicating anything."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from archive.db import open_archive
from archive.lock import crawl_lock
from replica import render
from replica.server import Replica
from tests.e2e.helpers import FAST, cli, crawl, rows, wait_until

pytestmark = pytest.mark.e2e
EXTRA = 300


@pytest.fixture(scope="module")
def kungsor(tmp_path_factory):
    """Kungsör with 300 generated articles, crawled once into a fresh archive."""
    with Replica(("kungsor",), extra_articles=EXTRA) as server:
        site = server.sites["kungsor"]
        db_file = tmp_path_factory.mktemp("nightly") / "a.sqlite"
        first = crawl(f"sqlite:///{db_file}", f"kungsor={site.base}", sites=("kungsor",))
        assert first.returncode == 0, first.stderr[-2000:]
        yield site, f"sqlite:///{db_file}", db_file, len(site.requests)


def article_bodies(site, log):
    paths = {a.path for a in site.content.articles}
    return [p for _, p, status in log if p in paths and status == 200]


def test_recrawl_with_nothing_changed_is_cheap(kungsor):
    site, db, _, first_requests = kungsor
    start = len(site.requests)
    # At the shipped politeness (2 requests at a time per site): how many conditional requests go
    # out before the listing shows only known articles depends on how many are in flight.
    result = crawl(db, f"kungsor={site.base}", sites=("kungsor",), extra=("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"))
    assert result.returncode == 0, result.stderr[-2000:]
    log = site.requests[start:]
    # No article body is fetched again (below); the conditional requests (304s) that go out before the
    # listing shows only known articles vary with how many are in flight: 27 on a quiet run, up to 57 seen
    # on a loaded one, of 383 in the first crawl.
    assert len(log) <= 0.20 * first_requests, (len(log), first_requests)
    assert article_bodies(site, log) == []
    assert f"unchanged {len(site.content.articles)}," in result.stdout


def test_recrawl_after_edits_finds_exactly_those(kungsor):
    site, db, db_file, _ = kungsor
    edited = site.content.articles[50:53]
    for a in edited:
        site.edit(a.path, body=a.body + "\n\nTillägg: nya uppgifter.", updated="2026-11-27T12:00")
    before = rows(db_file, "SELECT count(*) FROM revisions")[0][0]
    start = len(site.requests)
    result = crawl(db, f"kungsor={site.base}", sites=("kungsor",))
    assert result.returncode == 0 and "new revisions 3," in result.stdout
    assert rows(db_file, "SELECT count(*) FROM revisions")[0][0] == before + 3
    assert sorted(article_bodies(site, site.requests[start:])) == sorted(a.path for a in edited)
    # its run record, read here and not by a test of its own, which the random order could run first
    latest = json.loads(cli("runs", "--db", db, "--json", "--limit", "1").stdout)[0]
    assert latest["status"] == "finished" and latest["stats"]["health"] == []
    stats = latest["stats"]["sites"]["kungsor"]
    for key in ("pages_fetched", "not_modified", "new_articles", "new_revisions", "unchanged", "failed", "invalid",
                "errors", "coverage"):
        assert key in stats
    assert stats["new_revisions"] == 3
    text = cli("runs", "--db", db, "--limit", "1").stdout
    assert text.startswith(f"run {latest['id']}  finished") and "kungsor: fetched" in text


def test_a_template_change_fails_the_health_check(kungsor, monkeypatch, tmp_path):
    site, _, db_file, _ = kungsor
    # on a copy of the archive: the redesigned pages it stores must not meet the other tests' crawls
    db = f"sqlite:///{tmp_path / 'copy.sqlite'}"
    shutil.copyfile(db_file, tmp_path / "copy.sqlite")
    original = render.render_article
    lead_class = site.content.profile.lead_class

    def redesigned(content, base, article):
        # A redesign that loses the lead's every marker: its class and its portlet's name
        html = original(content, base, article)
        return html.replace(f'class="{lead_class}"', 'class="intro-text-ny"').replace(
            '<div id="Ingress"><!-- Ingress --></div>', '<div id="Toppbox"><!-- Toppbox --></div>')

    monkeypatch.setattr(render, "render_article", redesigned)
    result = crawl(db, f"kungsor={site.base}", sites=("kungsor",))
    monkeypatch.undo()
    assert result.returncode == 3
    assert "leads found on" in result.stderr and "the page template may have changed" in result.stderr
    latest = json.loads(cli("runs", "--db", db, "--json", "--limit", "1").stdout)[0]
    assert latest["status"] == "failed" and "leads found on" in latest["stats"]["health"][0]


def test_a_second_crawl_exits_at_once_while_one_runs(kungsor):
    site, db, _, _ = kungsor
    engine = open_archive(db)
    with crawl_lock(engine):
        before = len(site.requests)
        result = crawl(db, f"kungsor={site.base}", sites=("kungsor",))
        asked = site.requests[before:]
    engine.dispose()
    assert result.returncode == 5 and asked == []  # at once: it did not wait, nor fetch a single page
    assert "another crawl is running on this archive (pid" in result.stderr


def test_json_logs(kungsor):
    site, db, _, _ = kungsor
    result = crawl(db, f"kungsor={site.base}", sites=("kungsor",),
                   extra=("--log-format", "json", "-s", "LOG_LEVEL=INFO"))
    assert result.returncode == 0
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert lines and all({"time", "level", "logger", "message"} <= set(entry) for entry in lines)
    assert any("summary kungsor:" in entry["message"] for entry in lines)


def test_sigkill_leaves_a_consistent_archive_and_the_next_run_finishes(tmp_path):
    db_file = tmp_path / "a.sqlite"
    with Replica(("koping",), extra_articles=400) as server:
        site = server.sites["koping"]
        exe = Path(sys.executable).with_name("kommunarkiv")
        args = [str(exe), "crawl", "--db", f"sqlite:///{db_file}", "--site", "koping", "--base-url",
                f"koping={site.base}", *FAST, "-s", "KOMMUNARKIV_STORE_BATCH=10"]
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

        def stored() -> int:
            assert proc.poll() is None, "the crawl ended before it could be killed"
            try:
                return rows(db_file, "SELECT count(*) FROM articles")[0][0] if db_file.exists() else 0
            except sqlite3.OperationalError:  # the schema is not there yet
                return 0

        wait_until(lambda: stored() >= 60, "60 articles stored")
        site.gate.close()  # held from here: the crawl cannot finish before the kill
        assert proc.poll() is None, "the crawl ended before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
        site.gate.open()
        assert rows(db_file, "PRAGMA integrity_check") == [("ok",)]
        before = rows(db_file, "SELECT canonical_url, current_revision_id FROM articles")
        assert 60 <= len(before) < len(site.content.articles)
        result = crawl(f"sqlite:///{db_file}", f"koping={site.base}", sites=("koping",))
        assert result.returncode == 0, result.stderr[-2000:]
        assert "run 1, started 20" in result.stderr and "was still marked running" in result.stderr  # says so
    after = rows(db_file, "SELECT canonical_url, current_revision_id FROM articles")
    assert set(before) <= set(after)  # everything stored before the kill is still there, unchanged
    assert len(after) == len({u for u, _ in after}) == len(site.content.articles)
    assert rows(db_file, "SELECT status FROM crawl_runs ORDER BY id") == [("killed",), ("finished",)]
    # once each in every table too: one revision, one search row and one FTS row per article
    n = len(after)
    assert [rows(db_file, f"SELECT count(*) FROM {t}")[0][0] for t in ("revisions", "search_docs", "search_fts")] \
        == [n, n, n]
    assert rows(db_file, "INSERT INTO search_fts(search_fts) VALUES('integrity-check')") == []
