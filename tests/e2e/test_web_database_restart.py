"""`kommunarkiv serve` while its PostgreSQL (a cluster of the test's own) stops and starts again:
503 with Retry-After and one line (Swedish on the pages), never a 500 or a traceback, and service
back by itself once the server is."""

from __future__ import annotations

import pytest
import requests

from archive.db import open_archive
from archive.writer import ArchiveWriter
from tests.e2e.helpers import Background, free_port, wait_until
from tests.e2e.servers import own_postgres
from tests.unit.records import batch, record

pytestmark = pytest.mark.e2e


def test_the_web_answers_503_while_its_database_restarts_and_recovers_by_itself():
    with own_postgres() as pg:
        engine = open_archive(pg.url)
        ArchiveWriter(engine).write(batch(record("kungsor", "/a.html", "Samverkan", "Kungsör och Arboga i samverkan.")))
        engine.dispose()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = Background("serve", "--db", pg.url, "--port", str(port))
        seen: list[int] = []

        def get(path: str, **params: str) -> requests.Response:
            response = requests.get(base + path, params=params, timeout=30)
            seen.append(response.status_code)
            return response

        def answers() -> bool:
            try:
                return get("/api/search", q="samverkan").status_code == 200
            except requests.ConnectionError:
                return False

        try:
            wait_until(answers, "kommunarkiv serve to answer")
            assert get("/", q="samverkan").status_code == 200
            article = get("/api/search", q="samverkan").json()["hits"][0]["id"]
            pg.stop()
            page = get("/", q="samverkan")
            assert page.status_code == 503 and page.headers["Retry-After"] == "10"
            assert "Arkivet går inte att nå just nu" in page.text and "text/html" in page.headers["content-type"]
            api = get("/api/search", q="samverkan")
            assert api.status_code == 503 and api.headers["Retry-After"] == "10"
            assert api.json() == {"error": "the archive's database cannot be reached right now; try again shortly"}
            assert get(f"/articles/{article}").status_code == 503
            assert get(f"/api/articles/{article}").status_code == 503
            pg.start()
            wait_until(answers, "the search to answer again after the restart")
            assert get(f"/articles/{article}").status_code == 200
            assert get("/", q="samverkan").status_code == 200
        finally:
            server.proc.terminate()
            _, err = server.finish(30)
    assert 500 not in seen, seen
    assert "Traceback" not in err, err[-3000:]
    lines = [line for line in err.splitlines() if "cannot be reached" in line]
    assert lines and all("answering 503" in line for line in lines), err[-2000:]
