"""Scraped text in the web interface (archive/web/pages.py, charts.py, the templates) and the API:
the pages escape every title and snippet and add only their own marks; the API returns the same
text unchanged, as JSON strings, never as markup; the Atom feed escapes it as XML text."""

from __future__ import annotations

import json

import feedparser
import pytest
from fastapi.testclient import TestClient
from markupsafe import Markup

from archive.db import open_archive
from archive.facets import Timeline
from archive.watches import add_watch, collect
from archive.web.app import create_app
from archive.web.charts import timeline_svg
from archive.web.pages import add_filter, diff, marks, safe_url
from archive.writer import ArchiveWriter
from tests.unit.records import batch, record

TITLE = "<script>alert('t')</script> Simhall & bad"
TITLE_HTML = "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; Simhall &amp; bad"
BODY = "Simhallen <img src=x onerror=alert(1)> öppnar & stänger."


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    engine = open_archive(f"sqlite:///{tmp_path_factory.mktemp('escaping') / 'a.sqlite'}")
    add_watch(engine, "simhall", "simhallen")
    from archive import runs

    run = runs.start_run(engine, ["koping"])
    ArchiveWriter(engine).write(batch(record("koping", "/s.html", TITLE, BODY, "2024-05-02")), run)
    collect(engine, run)
    with TestClient(create_app(engine)) as c:
        yield c
    engine.dispose()


def test_marks_escape_the_snippet_then_mark_the_matches():
    assert marks("<b>x</b> & **Simhallen** och **bad**") == Markup(
        "&lt;b&gt;x&lt;/b&gt; &amp; <mark>Simhallen</mark> och <mark>bad</mark>")
    assert marks("**<i>**") == Markup("<mark>&lt;i&gt;</mark>")
    assert marks("no marks, a * and ** alone") == Markup("no marks, a * and ** alone")
    assert type(marks("x")) is Markup


def test_diff_escapes_the_text_then_marks_what_was_removed_and_added():
    assert diff("[-<old>-] same & {+<new> & x+}") == Markup(
        "<del>&lt;old&gt;</del> same &amp; <ins>&lt;new&gt; &amp; x</ins>")
    assert diff("[-a-] b [-c-] {+d+} e {+f+}") == Markup("<del>a</del> b <del>c</del> <ins>d</ins> e <ins>f</ins>")
    assert type(diff("x")) is Markup


@pytest.mark.parametrize(("url", "shown"), [
    ("https://www.arboga.se/a", "https://www.arboga.se/a"), ("http://www.arboga.se/a", "http://www.arboga.se/a"),
    ("HTTPS://WWW.ARBOGA.SE/", "HTTPS://WWW.ARBOGA.SE/"), ("javascript:alert(1)", "#"), ("JavaScript:alert(1)", "#"),
    (" javascript:alert(1)", "#"), ("data:text/html,<script>", "#"), ("//evil.example/x", "#"), ("/local", "#"),
    ("", "#"), (None, "#")])
def test_only_http_links_leave_the_archive(url, shown):
    assert safe_url(url) == shown


def test_a_facet_narrows_the_query():
    assert add_filter("samverkan", "kommun", "arboga") == "samverkan kommun:arboga"
    assert add_filter("samverkan", "topic", "skola och förskola") == 'samverkan topic:"skola och förskola"'
    assert add_filter("samverkan", "year", "2021") == "samverkan from:2021-01-01 to:2021-12-31"
    assert add_filter("", "kommun", "arboga") == "kommun:arboga"
    assert add_filter("", "year", "2021") == "from:2021-01-01 to:2021-12-31"
    assert add_filter("  ", "topic", "a b") == 'topic:"a b"'


def test_the_chart_escapes_its_title_names_and_slugs():
    svg = timeline_svg(Timeline(["2024-05"], {"<x>": [2]}), "T <b> & c", {"<x>": "Nam<e> & co"})
    assert "<b>" not in svg and "<e>" not in svg and 'data-municipality="<x>"' not in svg
    assert 'aria-label="T &lt;b&gt; &amp; c"><title>T &lt;b&gt; &amp; c</title>' in svg
    assert 'data-municipality="&lt;x&gt;"' in svg
    assert "maj 2024, Nam&lt;e&gt; &amp; co: 2 artiklar</title>" in svg
    assert 'class="legend">Nam&lt;e&gt; &amp; co</text>' in svg


def test_search_page_escapes_title_and_snippet(client):
    page = client.get("/", params={"q": "simhallen"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert f'<a class="title" href="/articles/1">{TITLE_HTML}</a>' in html
    assert ('<div class="snippet"><mark>Simhallen</mark> &lt;img src=x onerror=alert(1)&gt; öppnar &amp; stänger.'
            '</div>') in html
    assert "<script>alert" not in html and "<img src=x" not in html


def test_article_page_escapes_the_title_in_head_and_heading(client):
    html = client.get("/articles/1").text
    assert f"<title>{TITLE_HTML} — kommunarkiv</title>" in html and f"<h1>{TITLE_HTML}</h1>" in html
    assert "&lt;img src=x onerror=alert(1)&gt; öppnar &amp; stänger." in html
    assert "<script>alert" not in html and "<img src=x" not in html


def test_search_page_escapes_the_query_it_shows(client):
    html = client.get("/", params={"q": "<b>simhallen</b>"}).text
    assert "<b>simhallen</b>" not in html and "&lt;b&gt;simhallen&lt;/b&gt; — kommunarkiv</title>" in html


def test_api_returns_title_and_snippet_as_the_same_text_in_json(client):
    response = client.get("/api/search", params={"q": "simhallen"})
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    [hit] = json.loads(response.content)["hits"]
    assert hit["title"] == TITLE  # data, not markup: neither escaped nor double-escaped
    assert hit["snippet"] == "**Simhallen** <img src=x onerror=alert(1)> öppnar & stänger."
    article = client.get("/api/articles/1").json()
    assert article["record"]["title"] == TITLE and article["record"]["body"] == BODY


def test_atom_feed_escapes_the_title_and_summary_as_xml(client):
    response = client.get("/watches/simhall.atom")
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    xml = response.text
    assert "<script>" not in xml and "<img src" not in xml
    assert "&lt;script&gt;alert('t')&lt;/script&gt; Simhall &amp; bad" in xml
    [entry] = feedparser.parse(response.content).entries
    assert entry.title == TITLE
