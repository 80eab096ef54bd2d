"""The parser never raises, whatever it is given: it returns a record with warnings."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from records.parsers import parse_article
from tests.conftest import saved_page

SEED, SEED_URL = saved_page("kungsor/seed.html")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(min_value=0, max_value=len(SEED)))
def test_truncated_page(cut):
    record = parse_article(SEED[:cut], SEED_URL)
    assert isinstance(record.body, str)
    if cut < 200:
        assert "no title found" in record.extraction.warnings


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2000))
def test_random_bytes(data):
    record = parse_article(data, "https://www.kungsor.se/x.html")
    assert isinstance(record.extraction.warnings, list)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=len(SEED) - 1), min_size=1, max_size=30))
def test_mutilated_page(positions):
    data = bytearray(SEED)
    for p in positions:
        data[p] = ord("<") if p % 3 else ord(">")
    parse_article(bytes(data), SEED_URL)


@pytest.mark.parametrize("html", ["", "<", "<html>", "<!DOCTYPE html><html><body><main></main></body></html>",
                                  "\x00\x00", "<main><h1></h1><p class=preamble></p></main>",
                                  "<html><body>" + "<div>" * 5000 + "text" + "</div>" * 5000 + "</body></html>"])
def test_degenerate_pages(html):
    record = parse_article(html, "https://www.arboga.se/a.html")
    assert record.title is None or isinstance(record.title, str)
    assert record.published_at is None
