"""The JSON API, in process (FastAPI's TestClient), on an archive of a few records."""

from datetime import UTC

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from archive.db import POOL_SIZE, open_archive
from archive.web.app import create_app
from archive.writer import ArchiveWriter
from tests.unit.records import batch, record


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    engine = open_archive(f"sqlite:///{tmp_path_factory.mktemp('api') / 'a.sqlite'}")
    writer = ArchiveWriter(engine)
    first = record("arboga", "/a.html", "Samverkan om IT", "Arboga och Köping fördjupar sin samverkan om IT.")
    writer.write(batch(first, record("koping", "/b.html", "<script>alert(1)</script> Simhall",
                                     "Simhallen <img src=x onerror=alert(1)> öppnar.")))
    writer.write(batch(dict(first, body=first["body"] + " Nytt stycke.")))
    return TestClient(create_app(engine))


def test_search(client):
    body = client.get("/api/search", params={"q": "samverkan"}).json()
    assert body["total"] == 1 and body["hits"][0]["title"] == "Samverkan om IT"
    assert "**samverkan**" in body["hits"][0]["snippet"]


def test_bad_query_is_400_with_one_line(client):
    response = client.get("/api/search", params={"q": '"open'})
    assert response.status_code == 400
    assert response.json() == {"error": 'bad query: unbalanced quote: close the phrase with a second "'}


def test_article_with_revisions_and_diff(client):
    article = client.get("/api/articles/1").json()
    assert article["record"]["body"].endswith("Nytt stycke.")
    assert [r["changes"] for r in article["revisions"]][1] == {
        "body": "Arboga och Köping fördjupar sin samverkan om IT. {+Nytt stycke.+}"}
    assert client.get("/api/articles/999").status_code == 404


def test_scraped_markup_is_returned_as_text_with_a_csp(client):
    response = client.get("/api/search", params={"q": "simhall"})
    assert response.headers["content-type"].startswith("application/json")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.json()["hits"][0]["title"] == "<script>alert(1)</script> Simhall"


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/api/search", "/api/facets", "/api/timeline", "/api/articles/{article_id}",
                                  "/api/articles/{article_id}/story",
                                  "/api/people", "/api/people/{person_id}", "/api/watches", "/api/watches/{name}",
                                  "/watches/{name}.atom"}
    hit = spec["components"]["schemas"]["Hit"]["properties"]
    assert {"snippet", "score", "also_published"} <= set(hit)
    assert set(spec["paths"]["/api/watches"]) == {"get", "post"}


def test_facets_timeline_and_people(client):
    body = client.get("/api/search", params={"q": "samverkan OR simhallen", "facets": "true"}).json()
    assert body["facets"]["municipality"] == [{"value": "arboga", "count": 1}, {"value": "koping", "count": 1}]
    assert body["facets"]["year"] == [{"value": "2021", "count": 2}]
    assert client.get("/api/facets", params={"q": "simhallen"}).json()["municipality"] == [
        {"value": "koping", "count": 1}]
    assert client.get("/api/timeline").json() == {"months": ["2021-05"], "series": {"arboga": [1], "koping": [1]}}
    assert client.get("/api/people").json() == {"total": 0, "people": []}
    assert client.get("/api/people/7").json() == {"error": "no person 7"}
    assert client.get("/api/search", params={"limit": -1}).json() == {
        "error": "bad parameter limit: Input should be greater than or equal to 0"}


def test_read_only_without_a_token(client):
    assert client.post("/api/search").status_code == 405
    assert client.get("/watches/none.atom").json() == {"error": "no watch named 'none'"}
    refused = client.post("/api/watches", json={"name": "x", "query": "samverkan"})
    assert refused.status_code == 403 and "KOMMUNARKIV_TOKEN" in refused.json()["error"]
    assert client.delete("/api/watches/x").status_code == 403
    assert client.get("/api/watches").json() == []


def test_watch_changes_need_the_token(client):
    from archive.web.app import create_app

    app = create_app(client.app.state.engine, token="s3cret")
    with TestClient(app) as c:
        new = {"name": "simhall", "query": "simhallen kommun:koping"}
        assert c.post("/api/watches", json=new).status_code == 401
        assert c.post("/api/watches", json=new, headers={"Authorization": "Bearer wrong"}).status_code == 401
        made = c.post("/api/watches", json=new, headers={"Authorization": "Bearer s3cret"})
        assert made.status_code == 201 and made.json()["query"] == "simhallen kommun:koping"
        bad = c.post("/api/watches", json={"name": "b", "query": '"open'}, headers={"Authorization": "Bearer s3cret"})
        assert bad.status_code == 400 and bad.json()["error"].startswith("bad query: unbalanced quote")
        assert [w["name"] for w in c.get("/api/watches").json()] == ["simhall"]
        assert c.delete("/api/watches/simhall", headers={"Authorization": "Bearer s3cret"}).status_code == 204
        assert c.delete("/api/watches/simhall", headers={"Authorization": "Bearer s3cret"}).status_code == 404


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/style.css/../../../etc/passwd",
                                  "/articles/..%2f..%2f..%2fetc%2fpasswd", "/watches/..%2f..%2fetc%2fpasswd.atom",
                                  "/static/../pyproject.toml", "/templates/base.html", "/articles/1/capture/../../../x",
                                  "/people/%2e%2e%2fsecret", "/api/articles/1%2f..%2f..%2fpyproject.toml"])
def test_no_route_serves_files_outside_its_own(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404, 422)
    assert "root:" not in response.text and "[project]" not in response.text and "{% block" not in response.text


def test_pages_for_people_and_missing_things(client):
    assert "0 personer" in client.get("/people").text
    missing = client.get("/articles/999")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "Det finns ingen artikel 999 i arkivet" in missing.text and "no article" not in missing.text


def _refusal(engine, q: str) -> str | None:
    """Why the query language refuses `q` (the API's 400 message), or None when it is a query."""
    from archive.places import resolve
    from archive.query import QueryError, parse_query

    try:
        parsed = parse_query(q)
        if parsed.municipalities:
            resolve(engine, parsed.municipalities)
    except QueryError as exc:
        return f"bad query: {exc}"
    return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=60))
@example(q="")
@example(q="samverkan")
@example(q='"open')
@example(q="kommun:oslo")
@example(q="OR skola")
@example(q="-budget")
@example(q="from:2022 to:2021")
def test_a_query_is_answered_200_exactly_when_the_language_accepts_it_else_400(client, q):
    """200 with the search's own results for every query the language accepts; 400 with its
    one-line reason for every one it refuses; never anything else (a 500 would be a bug)."""
    from archive.search import search

    engine = client.app.state.engine
    response = client.get("/api/search", params={"q": q})
    refusal = _refusal(engine, q)
    if refusal is None:
        expected = search(engine, q)
        body = response.json()
        assert response.status_code == 200, body
        assert (body["total"], [h["id"] for h in body["hits"]]) == (expected.total, [h.id for h in expected.hits])
    else:
        assert (response.status_code, response.json()) == (400, {"error": refusal})


def test_search_page_escapes_scraped_text_and_marks_matches(client):
    html = client.get("/", params={"q": "simhall"}).text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Simhall" in html
    assert "<mark>Simhallen</mark>" in html
    assert client.get("/", params={"q": '"open'}).status_code == 400


def test_article_page_shows_revisions_with_diffs(client):
    html = client.get("/articles/1").text
    assert "<ins>Nytt stycke.</ins>" in html and "Versioner" in html
    html2 = client.get("/articles/2").text
    assert "<img src=x" not in html2 and "&lt;img src=x onerror=alert(1)&gt;" in html2


def test_javascript_links_are_neutralised():
    from archive.web.pages import safe_url

    assert safe_url("javascript:alert(1)") == "#" and safe_url("https://www.arboga.se/a") == "https://www.arboga.se/a"


def test_raw_capture_is_shown_as_text_never_rendered(tmp_path):
    from datetime import datetime

    from archive.incoming import Incoming
    from archive.web.app import create_app
    from records.crawl import Capture
    from tests.unit.records import SITES

    body = "<html><script>alert(1)</script><h1>Räddningstjänst</h1></html>".encode("windows-1252")
    capture = Capture(url="https://www.arboga.se/c.html", final_url="https://www.arboga.se/c.html", status=200,
                      request_headers={}, headers={"Content-Type": "text/html; charset=windows-1252"}, body=body,
                      fetched_at=datetime(2024, 1, 2, tzinfo=UTC))
    engine = open_archive(f"sqlite:///{tmp_path / 'c.sqlite'}")
    ArchiveWriter(engine).write([Incoming(SITES["arboga"], record("arboga", "/c.html", "Räddning", "Text."), capture)])
    with TestClient(create_app(engine)) as c:
        article = c.get("/api/articles/1").json()
        assert [(x["status"], x["length"]) for x in article["captures"]] == [(200, len(body))]
        shown = c.get("/articles/1/capture")
        assert shown.content == body
        assert shown.headers["content-type"] == "text/plain; charset=windows-1252"
        assert shown.headers["content-security-policy"].startswith("sandbox")
        assert c.get("/articles/1/capture", params={"capture": 99}).status_code == 404


def test_every_connection_busy_is_503_with_retry_after(tmp_path):
    """A request that waits past the pool's timeout for a connection gets 503 and Retry-After,
    as for a database restarting, never a 500 (bench/serve_load.py found 500s before)."""
    engine = open_archive(f"sqlite:///{tmp_path / 'a.sqlite'}")
    ArchiveWriter(engine).write(batch(record("arboga", "/a.html", "Samverkan", "Arboga i samverkan om IT.")))
    engine.dispose()
    one = create_engine(f"sqlite:///{tmp_path / 'a.sqlite'}", pool_size=1, max_overflow=0, pool_timeout=0.05)
    client = TestClient(create_app(one))
    assert client.get("/api/search", params={"q": "samverkan"}).json()["total"] == 1
    with one.connect():  # the only connection, held
        api = client.get("/api/search", params={"q": "samverkan"})
        page = client.get("/", params={"q": "samverkan"})
    assert (api.status_code, api.headers["Retry-After"]) == (503, "1")
    assert api.json() == {"error": "the archive is busy; try again in a second"}
    assert (page.status_code, page.headers["Retry-After"]) == (503, "1")
    assert "Arkivet har många besökare just nu" in page.text
    assert client.get("/api/search", params={"q": "samverkan"}).status_code == 200  # and back when freed


def test_the_pool_has_a_connection_for_every_worker_thread(tmp_path):
    engine = open_archive(f"sqlite:///{tmp_path / 'a.sqlite'}")
    with TestClient(create_app(engine)) as client:  # the lifespan runs: the thread limit is set
        import anyio.to_thread

        threads = client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)
    assert threads == engine.pool.size() == POOL_SIZE
