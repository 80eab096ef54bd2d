"""The JSON API, in process (FastAPI's TestClient), on an archive of a few records."""

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.db import open_archive
from archive.store import ArchiveWriter
from archive.web.app import create_app
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
    assert {"/api/search", "/api/articles/{article_id}", "/watches/{name}.atom"} <= set(spec["paths"])


def test_read_only(client):
    assert client.post("/api/search").status_code == 405
    assert client.get("/watches/none.atom").status_code == 404


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=60))
def test_any_query_gives_results_or_a_400(client, q):
    assert client.get("/api/search", params={"q": q}).status_code in (200, 400)


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
