"""systemd stopping a crawl (SIGTERM) and Ctrl-C (SIGINT), with real signals to a real crawl: the
run is recorded `stopped`, the exit code is 6, every stored article is whole, and the next crawl
finishes the work. A second signal stops at once and still leaves only whole batches."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess

import pytest

from replica.server import Replica
from tests.e2e.helpers import FAST, Background, cli, crawl, last_run, rows, wait_until

pytestmark = pytest.mark.e2e
EXTRA = 400


def start(db_file, site) -> Background:
    return Background("crawl", "--db", f"sqlite:///{db_file}", "--site", "koping", "--base-url", f"koping={site.base}",
                      *FAST, "-s", "KOMMUNARKIV_STORE_BATCH=10", "-s", "LOG_LEVEL=INFO")


def wait_for_articles(proc: subprocess.Popen, db_file, n: int) -> None:
    def stored() -> int:
        assert proc.poll() is None, f"the crawl ended (exit {proc.poll()}) before it stored {n} articles"
        try:
            return rows(db_file, "SELECT count(*) FROM articles")[0][0] if db_file.exists() else 0
        except sqlite3.OperationalError:  # the tables are being created
            return 0

    wait_until(lambda: stored() >= n, f"{n} articles stored")


def whole(db_file) -> int:
    """Every stored article has its revision, capture and search rows; returns how many there are."""
    assert rows(db_file, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db_file, "INSERT INTO search_fts(search_fts) VALUES('integrity-check')") == []
    n = rows(db_file, "SELECT count(*) FROM articles")[0][0]
    assert rows(db_file, "SELECT count(*) FROM articles a JOIN revisions r ON r.id = a.current_revision_id "
                         "JOIN raw_captures c ON c.id = r.capture_id")[0][0] == n
    assert [rows(db_file, f"SELECT count(*) FROM {t}")[0][0] for t in ("revisions", "search_docs", "search_fts")] \
        == [n, n, n]
    return n


@pytest.mark.parametrize("signals", [(signal.SIGTERM,), (signal.SIGINT, signal.SIGINT)], ids=["SIGTERM", "SIGINT twice"])
def test_a_signal_stops_the_crawl_records_it_stopped_and_the_next_crawl_finishes(tmp_path, signals):
    db_file = tmp_path / "a.sqlite"
    with Replica(("koping",), extra_articles=EXTRA) as server:
        site = server.sites["koping"]
        crawling = start(db_file, site)
        proc = crawling.proc
        wait_for_articles(proc, db_file, 40)
        # From here requests wait at the replica's gate: the crawl cannot end by itself, and a
        # graceful stop has requests in flight to wait for.
        site.gate.close()
        wait_until(site.gate.held, "a request of the crawl held at the gate")
        assert proc.poll() is None, "the crawl ended before it could be stopped"
        os.kill(proc.pid, signals[0])
        crawling.wait_for_line(f"Received {signal.Signals(signals[0]).name}, shutting down gracefully")
        if len(signals) > 1:
            os.kill(proc.pid, signals[1])  # the second: stop now, without the requests still held
        else:
            site.gate.open()  # a graceful stop finishes the requests in flight
        out, err = crawling.finish()
        site.gate.open()
        name = signal.Signals(signals[0]).name
        assert proc.returncode == 6, (proc.returncode, err[-2000:])
        assert "Traceback" not in err, err[-3000:]
        said = [line for line in err.splitlines() if line.startswith("kommunarkiv: ")]
        assert said == [f"kommunarkiv: crawl run 1 stopped by {name}{' twice' if len(signals) > 1 else ''}: "
                        "what it stored is kept, the next crawl fetches the rest"], err[-2000:]
        run = last_run(f"sqlite:///{db_file}")
        assert run["status"] == "stopped" and run["finished_at"]
        assert run["stats"]["stopped_by"] == name + (" twice" if len(signals) > 1 else "")
        stored = whole(db_file)
        total = len(site.content.articles)
        assert 40 <= stored < total
        if len(signals) == 1:  # a graceful stop stores its last batch and records the site's counts
            assert run["stats"]["sites"]["koping"]["new_articles"] == stored
            assert f"new articles {stored}," in out
        again = crawl(f"sqlite:///{db_file}", f"koping={site.base}", sites=("koping",))
        assert again.returncode == 0, again.stderr[-2000:]
    assert whole(db_file) == total
    listed = json.loads(cli("runs", "--db", f"sqlite:///{db_file}", "--json").stdout)
    assert [r["status"] for r in listed] == ["finished", "stopped"]
