"""A page's publication and update dates, from each source in its order of trust: a labelled
<time>, any <time>, meta tags, JSON-LD, scripts, the label's text, and the URL."""

from dataclasses import dataclass

import pytest
from lxml import html
from lxml.etree import _Element

from records.parsers.pagedates import find_dates, meta


@dataclass
class Line:
    el: _Element
    text: str


def dates_of(body: str, head: str = "", url: str = ""):
    root = html.fromstring(f"<html><head>{head}</head><body><main>{body}</main></body></html>")
    main = root.find(".//main")
    blocks = [Line(p, p.text_content().strip()) for p in main.iterfind(".//p")]
    d = find_dates(root, main, blocks, url)
    return (d.published.value if d.published else None, d.published_source,
            d.updated.value if d.updated else None, d.updated_source)


def test_labelled_time_elements_win():
    body = ('<time datetime="2020-01-01">1 jan</time>'
            '<p>Publicerad <time datetime="2021-05-03T10:15">3 maj</time></p>'
            '<p>Uppdaterad <time datetime="2021-05-04">4 maj</time></p>')
    assert dates_of(body) == ("2021-05-03T10:15:00+02:00", "time[datetime]", "2021-05-04", "time[datetime]")


def test_a_labelled_time_keeps_the_label_s_text_as_raw():
    root = html.fromstring('<html><body><main><p>Publicerad <time datetime="2021-05-03">3 maj</time></p></main></body></html>')
    main = root.find(".//main")
    d = find_dates(root, main, [Line(main.find("p"), "Publicerad 3 maj")])
    assert (d.published.raw, d.published.has_time) == ("Publicerad 3 maj", False)


def test_an_unlabelled_time_is_the_publication_unless_it_is_the_update_s():
    body = '<p>Uppdaterad <time datetime="2021-05-04">4 maj</time></p><time datetime="2021-05-01">1 maj</time>'
    assert dates_of(body) == ("2021-05-01", "time[datetime]", "2021-05-04", "time[datetime]")


@pytest.mark.parametrize("head,source", [
    ('<meta property="article:published_time" content="2021-05-03T08:00:00Z">', "meta:article:published_time"),
    ('<meta name="dc.date" content="2021-05-03T10:00">', "meta:DC.date"),
    ('<meta name="pubdate" content="2021-05-03T10:00"><meta name="date" content="2020-01-01">', "meta:date"),
])
def test_meta_tags_in_their_order(head, source):
    published, got_source, _, _ = dates_of("<p>Text</p>", head)
    assert got_source == source
    assert published == ("2020-01-01" if source == "meta:date" else "2021-05-03T10:00:00+02:00")


def test_meta_needs_content_and_takes_the_first_of_a_name():
    root = html.fromstring('<html><head><meta name="date"><meta name="DATE" content="2021-01-02">'
                           '<meta property="date" content="2021-01-03"></head></html>')
    assert meta(root, ("pubdate", "date")) == ("date", "2021-01-02")
    assert meta(root, ("pubdate",)) is None


def test_json_ld_then_script_then_text_then_url():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-05-03"}</script>'
    assert dates_of("<p>Text</p>", ld)[:2] == ("2021-05-03", "json-ld:datePublished")
    script = "<script>var page = {\"publishDate\": \"2021-05-06 09:30\"};</script>"
    assert dates_of("<p>Text</p>" + script)[:2] == ("2021-05-06T09:30:00+02:00", "script")
    assert dates_of("<p>Publicerad 7 maj 2021</p>")[:2] == ("2021-05-07", "text")
    assert dates_of("<p>Text</p>", url="https://www.arboga.se/nyheter/2021-05-08-ny-skola")[:2] == ("2021-05-08", "url")
    assert dates_of("<p>Text</p>", url="https://www.arboga.se/nyheter/2021-05-08-ny-skola/bilaga") == (None, None, None, None)


def test_a_script_without_a_date_is_passed():
    scripts = "<script>var x = {\"published\": \"inte ett datum\"};</script><script>var y = {\"published\": \"2021-05-09\"};</script>"
    assert dates_of("<p>Text</p>" + scripts)[:2] == ("2021-05-09", "script")


def test_an_update_without_a_year_takes_the_publication_s():
    assert dates_of("<p>Publicerad 3 december 2021</p><p>Uppdaterad 4 januari</p>") == (
        "2021-12-03", "text", "2022-01-04", "text")


def test_senast_uppdaterad_before_other_update_labels():
    body = "<p>Uppdaterad 4 maj 2021</p><p>Senast uppdaterad 9 maj 2021</p>"
    assert dates_of(body)[2:] == ("2021-05-09", "text")


def test_a_byline_with_both_dates():
    assert dates_of("<p>Publicerad 3 maj 2021 | Uppdaterad 4 maj</p>") == ("2021-05-03", "text", "2021-05-04", "text")


def test_the_url_date_is_the_reference_of_an_update_and_meta_modified_comes_last():
    head = '<meta name="DC.modified" content="2021-06-01">'
    assert dates_of("<p>Text</p>", head, "https://k.se/nyheter/2021-05-08-x") == ("2021-05-08", "url", "2021-06-01", "meta:DC.modified")
    assert dates_of("<p>Uppdaterad 1 juni</p>", "", "https://k.se/nyheter/2021-05-08-x")[2:] == ("2021-06-01", "text")


def test_a_page_without_dates():
    assert dates_of("<p>Ingen tid här</p>") == (None, None, None, None)


def test_a_labelled_update_time_keeps_its_time_and_the_label_s_text():
    root = html.fromstring('<html><body><main><p>Uppdaterad <time datetime="2021-05-04T09:30">4 maj</time></p>'
                           "</main></body></html>")
    main = root.find(".//main")
    d = find_dates(root, main, [Line(main.find("p"), "Uppdaterad 4 maj")])
    assert (d.updated.value, d.updated.has_time, d.updated.raw) == ("2021-05-04T09:30:00+02:00", True, "Uppdaterad 4 maj")


def test_a_yearless_meta_modified_takes_the_publication_s_year():
    head = '<meta name="last-modified" content="4 juni">'
    assert dates_of("<p>Publicerad 3 maj 2021</p>", head) == ("2021-05-03", "text", "2021-06-04", "meta:last-modified")
