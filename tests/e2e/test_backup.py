"""`kommunarkiv backup` while a crawl writes; the backup restores to an identical export."""

import subprocess
import sys
from pathlib import Path

import pytest

from replica.server import Replica
from tests.e2e.helpers import FAST, cli, rows, wait_until

pytestmark = pytest.mark.e2e


def test_backup_during_a_crawl_is_consistent_and_exports_the_same(tmp_path):
    db_file = tmp_path / "a.sqlite"
    db = f"sqlite:///{db_file}"
    with Replica(("kungsor",), extra_articles=300) as server:
        site = server.sites["kungsor"]
        proc = subprocess.Popen([str(Path(sys.executable).with_name("kommunarkiv")), "crawl", "--db", db, "--site",
                                 "kungsor", "--base-url", f"kungsor={site.base}", *FAST,
                                 "-s", "KOMMUNARKIV_STORE_BATCH=10"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def stored() -> int:
            assert proc.poll() is None, "the crawl ended before the backup"
            if not db_file.exists() or rows(db_file, "SELECT count(*) FROM sqlite_master WHERE name='articles'") != [(1,)]:
                return 0
            return rows(db_file, "SELECT count(*) FROM articles")[0][0]

        wait_until(lambda: stored() >= 40, "40 articles stored")
        site.gate.close()  # the crawl goes on, but cannot end before the backup is taken
        during = cli("backup", str(tmp_path / "during.sqlite"), "--db", db)
        assert proc.poll() is None  # so the backup was taken during the crawl
        site.gate.open()
        assert during.returncode == 0, during.stderr
        assert proc.wait(300) == 0
    assert rows(tmp_path / "during.sqlite", "PRAGMA integrity_check") == [("ok",)]
    assert 40 <= rows(tmp_path / "during.sqlite", "SELECT count(*) FROM articles")[0][0] <= len(site.content.articles)
    assert cli("backup", str(tmp_path / "after.sqlite"), "--db", db).returncode == 0
    original = cli("export", "--db", db, "--format", "jsonl").stdout
    restored = cli("export", "--db", f"sqlite:///{tmp_path / 'after.sqlite'}", "--format", "jsonl").stdout
    assert original == restored and original.count("\n") == len(site.content.articles)
    again = cli("backup", str(tmp_path / "after.sqlite"), "--db", db)
    assert again.returncode == 4 and "exists already" in again.stderr


def test_postgres_backup_with_pg_dump(pg_archive_url, tmp_path):
    archive_url = pg_archive_url
    from archive.db import open_archive
    from archive.writer import ArchiveWriter
    from tests.unit.records import batch, record

    engine = open_archive(archive_url)
    ArchiveWriter(engine).write(batch(record("arboga", "/a.html", "Titel", "Text om samverkan.")))
    engine.dispose()
    result = cli("backup", str(tmp_path / "a.dump"), "--db", archive_url)
    assert result.returncode == 0, result.stderr
    listing = subprocess.run(["pg_restore", "--list", str(tmp_path / "a.dump")], capture_output=True, text=True)
    assert listing.returncode == 0 and "TABLE DATA" in listing.stdout and " articles " in listing.stdout
    # and the dump holds the article itself, not only its table
    data = subprocess.run(["pg_restore", "--data-only", "--table=articles", "-f", "-", str(tmp_path / "a.dump")],
                          capture_output=True, text=True)
    assert data.returncode == 0 and "https://www.arboga.se/a.html" in data.stdout, data.stderr
