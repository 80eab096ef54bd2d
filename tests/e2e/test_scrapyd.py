"""Deploy the project to a local Scrapyd and run a crawl there against the replica."""

import subprocess
import sys
from pathlib import Path

import pytest
import requests

from replica.server import Replica
from tests.e2e.helpers import cli, free_port, rows, wait_until
from tests.sites import SLUGS

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def scrapyd(tmp_path):
    port = free_port()
    (tmp_path / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {tmp_path}/eggs\n"
        f"logs_dir = {tmp_path}/logs\ndbs_dir = {tmp_path}/dbs\nitems_dir =\nmax_proc = 2\npoll_interval = 0.5\n")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("scrapyd"))], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        assert proc.poll() is None, "scrapyd ended"
        try:
            return requests.get(f"{base}/daemonstatus.json", timeout=10).ok
        except requests.ConnectionError:
            return False

    wait_until(answers, f"scrapyd to answer on {base}")
    yield base, tmp_path
    proc.terminate()
    proc.wait(10)


def test_deploy_to_scrapyd_and_crawl_the_replica(scrapyd, tmp_path):
    base, workdir = scrapyd
    egg = tmp_path / "kommunarkiv.egg"
    build = subprocess.run([str(Path(sys.executable).with_name("scrapyd-deploy")), "--build-egg", str(egg)],
                           cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert build.returncode == 0 and egg.exists(), build.stderr[-2000:]
    with open(egg, "rb") as fh:
        added = requests.post(f"{base}/addversion.json", data={"project": "kommunarkiv", "version": "1"},
                              files={"egg": fh}, timeout=60).json()
    assert added["status"] == "ok" and added["spiders"] == 3
    assert requests.get(f"{base}/listspiders.json", params={"project": "kommunarkiv"}, timeout=30).json()[
        "spiders"] == SLUGS
    db = f"sqlite:///{tmp_path / 'archive.sqlite'}"
    assert cli("db", "upgrade", "--db", db).returncode == 0
    with Replica(("arboga",)) as server:
        site = server.sites["arboga"]
        job = requests.post(f"{base}/schedule.json", timeout=30, data=[
            ("project", "kommunarkiv"), ("spider", "arboga"), ("base_url", site.base),
            ("setting", f"KOMMUNARKIV_DB={db}"), ("setting", "DOWNLOAD_DELAY=0"),
            ("setting", "AUTOTHROTTLE_ENABLED=False")]).json()
        assert job["status"] == "ok"

        def finished() -> bool:
            jobs = requests.get(f"{base}/listjobs.json", params={"project": "kommunarkiv"}, timeout=30).json()
            return any(j["id"] == job["jobid"] for j in jobs["finished"])

        wait_until(finished, f"scrapyd's job {job['jobid']} to finish", timeout=300)
    log = next((workdir / "logs" / "kommunarkiv" / "arboga").glob("*.log")).read_text()
    assert "summary arboga: pages fetched" in log
    assert rows(tmp_path / "archive.sqlite", "SELECT count(*) FROM articles") == [(len(site.content.articles),)]
