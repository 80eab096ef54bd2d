"""Swedish for people, ISO for machines: names of municipalities, dates, the timeline's year labels,
kommun: by name, marks around words, HEAD, /docs and Swedish error pages (in process)."""

from datetime import UTC, datetime

import pytest
import time_machine
from fastapi.testclient import TestClient

from archive.db import open_archive
from archive.facets import Timeline
from archive.places import fold, place_name
from archive.query import QueryError
from archive.search import search
from archive.web.app import create_app
from archive.web.charts import LABEL_WIDTH, WIDTH, timeline_svg, year_ticks
from archive.when import human, iso, month
from archive.writer import ArchiveWriter
from tests.unit.records import batch, record

STORED_AT = datetime(2026, 7, 1, 8, 0, 30, 250000, tzinfo=UTC)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = open_archive(f"sqlite:///{tmp_path_factory.mktemp('people') / 'a.sqlite'}")
    writer = ArchiveWriter(engine)
    with time_machine.travel(STORED_AT, tick=False):  # "first seen" is now: a known summer moment
        writer.write(batch(
            record("arboga", "/a.html", "Samverkan om IT", "Arboga och Köping fördjupar sin samverkan. Mälardalen växer.",
                   "2017-06-29T09:30:00+02:00", subheadings=["Så går det till"]),
            record("koping", "/b.html", "Miljö i Köping", "Köping satsar på miljö och samverkan i Mälardalen.", "2020-02-01"),
            record("kungsor", "/c.html", "Miljö i Kungsör", "Kungsör satsar på miljö.", "2021-03-04"),
            record("kungsor", "/d.html", "Rubrik", "Inledning.\n\nSå går det till\n\nSista stycket.", "2021-03-05",
                   subheadings=["Så går det till"])))
    return engine


@pytest.fixture(scope="module")
def client(engine):
    return TestClient(create_app(engine))


@pytest.mark.parametrize("value,shown", [("2017-06-29T09:30:00+02:00", "29 juni 2017 kl. 09.30"),
                                         ("2021-05-03", "3 maj 2021"), (None, ""), ("i går", "i går")])
def test_human_dates(value, shown):
    assert human(value) == shown


def test_moments_in_the_archive_zone_with_the_zone_and_no_microseconds():
    stored = datetime(2026, 12, 2, 16, 48, 38, 123456)  # SQLite hands back UTC without a zone
    assert iso(stored) == "2026-12-02T17:48:38+01:00"
    assert iso(datetime(2026, 7, 1, 8, 0, tzinfo=UTC)) == "2026-07-01T10:00:00+02:00"
    assert human(stored, zone=True) == "2 december 2026 kl. 17.48 CET"
    assert human(iso(stored), zone=True) == "2 december 2026 kl. 17.48 CET"
    assert month("2021-03") == "mars 2021"


@pytest.mark.parametrize("slug,name,place", [("koping", "Köpings kommun", "Köping"), ("arboga", "Arboga kommun", "Arboga"),
                                             ("kungsor", "Kungsörs kommun", "Kungsör"), ("vannas", "Vännäs kommun", "Vännäs"),
                                             ("x", None, "x")])
def test_place_names(slug, name, place):
    assert place_name(slug, name) == place


@pytest.mark.parametrize("value", ["koping", "köping", "Köping", "KÖPING", "Koping", "Köpings kommun"])
def test_kommun_by_slug_or_name_in_any_case(engine, value):
    hits = search(engine, f"kommun:{value}" if " " not in value else f'kommun:"{value}"').hits
    assert [h.municipality for h in hits] == ["koping"]
    assert fold(value).startswith("koping")


def test_an_unknown_municipality_lists_the_known_ones(engine):
    with pytest.raises(QueryError) as raised:
        search(engine, "samverkan kommun:stockholm")
    assert str(raised.value) == ("unknown municipality 'stockholm' in kommun:; known: Arboga (arboga), "
                                 "Köping (koping), Kungsör (kungsor)")
    assert "\n" not in str(raised.value) and raised.value.sv.startswith("okänd kommun 'stockholm'")


def test_a_filter_with_an_exclusion(engine):
    assert [h.title for h in search(engine, "miljö -mälardalen", sort="date").hits] == ["Miljö i Kungsör"]
    assert [h.title for h in search(engine, "kommun:kungsor,koping -mälardalen", sort="date").hits] == [
        "Rubrik", "Miljö i Kungsör"]


def test_marks_leave_punctuation_outside(engine):
    snippet = search(engine, "samverkan kommun:arboga").hits[0].snippet
    assert "**samverkan**." in snippet and "**samverkan.**" not in snippet


@pytest.mark.parametrize("years", range(1, 16))
@pytest.mark.parametrize("first_month", [1, 7, 12])
def test_year_labels_never_overlap(years, first_month):
    months = [f"{2010 + (first_month - 1 + i) // 12}-{(first_month - 1 + i) % 12 + 1:02d}" for i in range(12 * years)]
    step = (WIDTH - 50) / len(months)
    ticks = year_ticks(months, lambda i: 40 + i * step)
    assert ticks, months
    xs = [x for x, _ in ticks]
    assert all(b - a >= LABEL_WIDTH for a, b in zip(xs, xs[1:], strict=False)), ticks
    assert all(x + LABEL_WIDTH <= WIDTH for x in xs)
    assert [y for _, y in ticks] == sorted({y for _, y in ticks})  # each year once, in order
    if years <= 12:  # room for every year that has its January on the chart
        assert {y for _, y in ticks} >= {m[:4] for m in months if m.endswith("-01")}


def test_the_chart_names_municipalities(engine):
    tl = Timeline(months=["2021-03"], series={"koping": [2]})
    svg = str(timeline_svg(tl, names={"koping": "Köping"}))
    assert 'data-municipality="koping"' in svg and ">Köping</text>" in svg and "mars 2021, Köping: 2 artiklar" in svg


def test_pages_show_names_and_swedish_dates_the_api_slugs_and_iso(client):
    page = client.get("/", params={"q": "samverkan"}).text
    assert "Arboga · <span class=\"date\">29 juni 2017 kl. 09.30</span>" in page
    assert ">Köping</a>" in page and ">koping</a>" not in page
    hit = client.get("/api/search", params={"q": "samverkan kommun:Arboga"}).json()["hits"][0]
    assert hit["municipality"] == "arboga" and hit["published_at"] == "2017-06-29T09:30:00+02:00"
    article = client.get(f"/api/articles/{hit['id']}").json()
    # in the archive's zone, summer time then, without microseconds
    assert article["revisions"][0]["first_seen_at"] == "2026-07-01T10:00:30+02:00"


def test_subheadings_are_headings(client):
    hit = client.get("/api/search", params={"q": "rubrik"}).json()["hits"][0]
    page = client.get(f"/articles/{hit['id']}").text
    assert '<h2 class="subheading">Så går det till</h2>' in page and "<p>Sista stycket.</p>" in page


@pytest.mark.parametrize("path", ["/", "/?q=samverkan", "/people", "/docs", "/api/search?q=miljö", "/openapi.json",
                                  "/style.css", "/docs/swagger-ui-bundle.js"])
def test_head_answers_wherever_get_does(client, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]
    assert "content-security-policy" in head.headers


def test_docs_are_served_offline_without_inline_script(client):
    page = client.get("/docs").text
    assert '<script src="/docs/swagger-ui-bundle.js"></script>' in page and "<script>" not in page
    assert "cdn" not in page.lower() and "https://" not in page
    assert len(client.get("/docs/swagger-ui-bundle.js").content) > 100_000
    assert "/openapi.json" in client.get("/docs/start.js").text


@pytest.mark.parametrize("path,status,message", [
    ("/?q=%22open", 400, "Felaktig sökning: citattecken saknar sin like: avsluta frasen med ett andra \""),
    ("/?q=kommun:stockholm", 400, "Felaktig sökning: okänd kommun 'stockholm' i kommun:; kända: Arboga (arboga)"),
    ("/articles/999", 404, "Det finns ingen artikel 999 i arkivet"),
    ("/people/999", 404, "Det finns ingen person 999 i arkivet"),
    ("/finns-inte", 404, "Sidan finns inte"),
    ("/?offset=-1", 400, "Felaktig parameter offset i adressen"),
])
def test_error_pages_speak_swedish(client, path, status, message):
    response = client.get(path)
    assert response.status_code == status and response.headers["content-type"].startswith("text/html")
    assert message.replace('"', "&#34;").replace("'", "&#39;") in response.text
    for english in ("unbalanced", "no article", "Not Found", "bad parameter", "unknown municipality"):
        assert english not in response.text
