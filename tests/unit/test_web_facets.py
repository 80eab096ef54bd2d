"""Facets on the search page (archive/web/pages.py, html.py, search.html): the front page shows the
whole archive's, each a link that filters; a search shows its filters as chips that each link to
the same search without that filter, and a link that clears them all."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.db import open_archive
from archive.query import FilterToken, QueryError, filter_tokens, parse_query, without
from archive.web.app import create_app
from archive.web.pages import Chip, applied, chips, without_filters
from archive.writer import ArchiveWriter
from tests.unit.records import batch, record

NAMES = {"arboga": "Arboga", "koping": "Köping", "kungsor": "Kungsör"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    engine = open_archive(f"sqlite:///{tmp_path_factory.mktemp('facets') / 'a.sqlite'}")
    ArchiveWriter(engine).write(batch(
        record("arboga", "/a1.html", "Samverkan om IT", "Arboga och Köping i samverkan om IT.", "2021-03-04"),
        record("arboga", "/a2.html", "Ny skola", "Arboga bygger en skola.", "2022-08-01"),
        record("koping", "/k1.html", "Samverkan om vägar", "Köping i samverkan om vägar.", "2022-09-01"),
        record("kungsor", "/s1.html", "Badhuset", "Badhuset i Kungsör öppnar.", None)))
    with TestClient(create_app(engine)) as c:
        yield c
    engine.dispose()


def _links(page: str, css_class: str) -> dict[str, str]:
    """Each link of the class on the page: its text (what a reader sees) -> its query."""
    found = re.findall(rf'<a class="{css_class}"[^>]*href="([^"]*)">(.*?)</a>', page)
    return {re.sub(r"<[^>]*>", "", text).strip(): parse_qs(urlsplit(html.unescape(href)).query).get("q", [""])[0]
            for href, text in found}


def _facet(page: str, name: str) -> list[tuple[str, str, str]]:
    """(text, query, count) of each link in one facet's list."""
    block = re.search(rf'<ul class="facet" data-facet="{name}">(.*?)</ul>', page, re.S)
    assert block, f"no {name} facet"
    return [(text, parse_qs(urlsplit(html.unescape(href)).query)["q"][0], count) for href, text, count in
            re.findall(r'<a href="([^"]*)">([^<]*)</a> <span class="count">(\d+)</span>', block[1])]


def test_the_front_page_shows_the_whole_archives_facets_as_links(client):
    page = client.get("/").text
    assert _facet(page, "municipality") == [("Arboga", "kommun:arboga", "2"), ("Köping", "kommun:koping", "1"),
                                            ("Kungsör", "kommun:kungsor", "1")]
    assert _facet(page, "year") == [("2022", "from:2022-01-01 to:2022-12-31", "2"),
                                    ("2021", "from:2021-01-01 to:2021-12-31", "1")]  # the undated one has no year
    assert _facet(page, "topic") == [("kultur och fritid", 'topic:"kultur och fritid"', "1"),
                                     ("samverkan", "topic:samverkan", "1"),
                                     ("skola och förskola", 'topic:"skola och förskola"', "1"),
                                     ("trafik", "topic:trafik", "1")]
    assert '<p class="meta" id="total">4 artiklar i arkivet.' in page
    assert 'class="hit"' not in page and 'nav class="chips"' not in page  # no search yet, no filter


def test_a_front_page_facet_link_finds_what_it_counted(client):
    front = client.get("/").text
    for text, query, count in _facet(front, "municipality") + _facet(front, "year") + _facet(front, "topic"):
        page = client.get("/", params={"q": query}).text
        total = re.search(r'id="total">(\d+) artik', page)
        assert total and total[1] == count, (text, query)


def test_applied_filters_are_chips_that_remove_themselves(client):
    page = client.get("/", params={"q": "samverkan kommun:arboga from:2021-01-01 to:2021-12-31", "sort": "date"}).text
    assert _links(page, "chip") == {"× Ta bort filtret Arboga": "samverkan from:2021-01-01 to:2021-12-31",
                                    "× Ta bort filtret 2021": "samverkan kommun:arboga"}
    assert _links(page, "clear") == {"Rensa alla filter": "samverkan"}
    assert page.count("&amp;sort=date\"><span aria-hidden") == 2  # the sort is kept
    assert 'href="/?q=samverkan&amp;sort=date">Rensa alla filter</a>' in page
    assert '<span aria-hidden="true">×</span> <span class="sr-only">Ta bort filtret</span> Arboga</a>' in page


def test_removing_the_chip_gives_the_unfiltered_count_back(client):
    narrowed = client.get("/", params={"q": "samverkan kommun:koping"}).text
    assert 'id="total">1 artikel</p>' in narrowed
    back = _links(narrowed, "chip")["× Ta bort filtret Köping"]
    assert back == "samverkan"
    assert 'id="total">2 artiklar</p>' in client.get("/", params={"q": back}).text


def test_a_search_without_filters_and_a_bad_query_show_no_chips(client):
    assert 'nav class="chips"' not in client.get("/", params={"q": "samverkan"}).text
    bad = client.get("/", params={"q": 'kommun:arboga "open'})
    assert bad.status_code == 400 and 'nav class="chips"' not in bad.text and 'class="facets"' not in bad.text


def test_a_facet_value_already_applied_is_shown_as_chosen_not_as_a_link(client):
    page = client.get("/", params={"q": "samverkan kommun:koping"}).text
    assert _facet(page, "municipality") == []  # Köping's is the only count, and it is applied
    assert '<li><strong class="applied" aria-current="true">Köping</strong> <span class="count">1</span></li>' in page
    assert _facet(page, "year") == [("2022", "samverkan kommun:koping from:2022-01-01 to:2022-12-31", "1")]


def test_applied_names_the_facet_values_a_query_filters_by():
    assert applied('x Kommun:Koping,arboga topic:" Skola  och förskola" from:2021 to:2021 person:x from:2022') == {
        ("municipality", "koping"), ("municipality", "arboga"), ("topic", "skola och förskola"), ("year", "2021")}
    assert applied("samverkan -kommun:arboga from:2021-01-01 to:2022-12-31") == set()


def test_chip_labels_say_what_each_filter_is():
    assert chips('x kommun:Koping,arboga, topic:"skola och förskola" person:"Anders Röhfors" from:2020-05-01 '
                 "to:2021-02-01 kommun:okand", NAMES) == [
        Chip("municipality", "Köping, Arboga", 'x topic:"skola och förskola" person:"Anders Röhfors" '
                                               "from:2020-05-01 to:2021-02-01 kommun:okand"),
        Chip("topic", "ämne: skola och förskola", 'x kommun:Koping,arboga, person:"Anders Röhfors" '
                                                  "from:2020-05-01 to:2021-02-01 kommun:okand"),
        Chip("person", "person: Anders Röhfors", 'x kommun:Koping,arboga, topic:"skola och förskola" '
                                                 "from:2020-05-01 to:2021-02-01 kommun:okand"),
        Chip("from", "från 2020-05-01", 'x kommun:Koping,arboga, topic:"skola och förskola" '
                                        'person:"Anders Röhfors" to:2021-02-01 kommun:okand'),
        Chip("to", "till 2021-02-01", 'x kommun:Koping,arboga, topic:"skola och förskola" '
                                      'person:"Anders Röhfors" from:2020-05-01 kommun:okand'),
        Chip("municipality", "okand", 'x kommun:Koping,arboga, topic:"skola och förskola" '
                                      'person:"Anders Röhfors" from:2020-05-01 to:2021-02-01')]


@pytest.mark.parametrize(("query", "shown"), [
    ("from:2021-01-01 to:2021-12-31", [("year", "2021")]),  # as the year facet writes it
    ("from:2021 to:2021", [("year", "2021")]),
    ("from:2021 to:2021-12-31", [("year", "2021")]),
    ("from:2021-01-01 to:2021", [("year", "2021")]),
    ("from:2021-01-02 to:2021-12-31", [("from", "från 2021-01-02"), ("to", "till 2021-12-31")]),
    ("from:2021-01-01 to:2021-12-30", [("from", "från 2021-01-01"), ("to", "till 2021-12-30")]),
    ("from:2021-01-01 to:2022-12-31", [("from", "från 2021-01-01"), ("to", "till 2022-12-31")]),
    ("to:2021-12-31 from:2021-01-01", [("to", "till 2021-12-31"), ("from", "från 2021-01-01")]),
    ("from:2021-01-01 kommun:arboga to:2021-12-31", [("from", "från 2021-01-01"), ("municipality", "Arboga"),
                                                     ("to", "till 2021-12-31")]),
    ("kommun:arboga from:2021 to:2021 from:2022 to:2022", [("municipality", "Arboga"), ("year", "2021"),
                                                           ("year", "2022")]),
    ("from:2020 from:2021 to:2021", [("from", "från 2020"), ("year", "2021")]),
])
def test_a_whole_year_is_one_chip(query, shown):
    assert [(c.kind, c.label) for c in chips(query, NAMES)] == shown


def test_a_year_chip_takes_out_both_its_dates():
    assert [c.query for c in chips("a from:2021 b to:2021 c kommun:arboga", NAMES)] == [
        "a b c kommun:arboga", "a from:2021 b to:2021 c"]  # words between the two dates change nothing
    assert [c.query for c in chips("a from:2021 to:2021 c", NAMES)] == ["a c"]


def test_filter_tokens_find_what_the_parser_takes_as_filters():
    query = 'Kommun:Arboga -kommun:koping x:y topic:" skola " foo:"bar" from:2021 "kommun:kungsor" TO:2022'
    assert filter_tokens(query) == [FilterToken(0, 13, "municipality", "Arboga"),
                                    FilterToken(33, 48, "topic", "skola"),
                                    FilterToken(59, 68, "from", "2021"),
                                    FilterToken(86, 93, "to", "2022")]
    assert [query[t.start:t.end] for t in filter_tokens(query)] == [
        "Kommun:Arboga", 'topic:" skola "', "from:2021", "TO:2022"]
    assert filter_tokens('  municipality:"arboga"  person:x') == [FilterToken(2, 23, "municipality", "arboga"),
                                                                   FilterToken(25, 33, "person", "x")]
    assert filter_tokens('kommun:arboga "open kommun:koping') == [FilterToken(0, 13, "municipality", "arboga")]
    assert filter_tokens("samverkan OR skola") == [] and filter_tokens("") == []


def test_a_filter_value_may_hold_a_colon_as_the_parser_reads_it():
    query = "samverkan person:Anna:Berg"
    assert filter_tokens(query) == [FilterToken(10, 26, "person", "Anna:Berg")]
    assert parse_query(query).people == ["Anna:Berg"]


def test_without_takes_filters_out_and_leaves_the_rest_as_written():
    query = 'a  "b  c" kommun:arboga d\tfrom:2021 e'
    tokens = filter_tokens(query)
    assert without(query, tokens) == 'a  "b  c" d e'
    assert without(query, tokens[:1]) == 'a  "b  c" d\tfrom:2021 e'
    assert without(query, tokens[1:]) == 'a  "b  c" kommun:arboga d e'
    assert without(query, list(reversed(tokens))) == 'a  "b  c" d e'
    assert without(" kommun:arboga ", filter_tokens(" kommun:arboga ")) == ""
    assert without("x", []) == "x"


def test_clearing_the_filters_keeps_the_words():
    assert without_filters('samverkan kommun:arboga -budget topic:"skola och förskola" OR from:2021 skola') == \
        "samverkan -budget OR skola"
    assert without_filters("kommun:arboga from:2021-01-01 to:2021-12-31") == ""
    assert without_filters("samverkan") == "samverkan"
    # exclusions alone are refused: without its filters such a query is the whole archive
    assert without_filters("-budget kommun:arboga") == "" and without_filters("-budget skola kommun:arboga") == \
        "-budget skola"
    assert [c.query for c in chips("-budget kommun:arboga from:2021", NAMES)] == ["-budget from:2021",
                                                                                   "-budget kommun:arboga"]
    assert [c.query for c in chips("-budget kommun:arboga", NAMES)] == [""]


QUERY_PIECES = st.sampled_from(["samverkan", "skola", "OR", "-budget", '"gemensam nämnd"', "skol*", "kommun:arboga",
                                "Kommun:koping,arboga", 'topic:"skola och förskola"', "person:Röhfors",
                                "from:2021", "to:2021", "from:2021-01-01", "to:2021-12-31", "municipality:kungsor",
                                "-kommun:koping", "x:y", " ", "\t", "kommun:arboga-"])


@settings(max_examples=300, deadline=None)
@given(st.lists(QUERY_PIECES, max_size=12).map(" ".join))
def test_removing_a_filter_changes_nothing_else(query):
    """Whatever a chip or "clear all" leaves is the same search without that filter: the same words,
    phrases, ORs and exclusions, and the other filters."""
    try:
        whole = parse_query(query)
    except QueryError:
        return
    cleared = without_filters(query)
    assert filter_tokens(cleared) == []
    for chip in [*chips(query, NAMES), Chip("all", "", cleared)]:
        left = parse_query(chip.query)  # never refused
        if not left.groups and not left.has_filters and whole.excluded and not whole.groups:
            assert chip.query == ""  # exclusions alone are no search: the whole archive instead
            continue
        assert (left.groups, left.excluded) == (whole.groups, whole.excluded)
        assert len(filter_tokens(chip.query)) == len(filter_tokens(query)) - {"year": 2, "all": len(
            filter_tokens(query))}.get(chip.kind, 1)
