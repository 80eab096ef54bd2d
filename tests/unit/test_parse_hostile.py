"""The parser never raises, whatever it is given: it returns a record with warnings, each warning
naming a field it could not find, and what the page still holds intact survives the damage."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from records.parsers import parse_article
from tests.conftest import saved_page

SEED, SEED_URL = saved_page("kungsor/seed.html")
FULL = parse_article(SEED, SEED_URL)
# The title is the page's <h1>; before the <h1> has arrived, the head's <title>.
TITLE_START = SEED.index(b"<title")
TITLE_END = SEED.index(b"</title>") + len(b"</title>")
H1_START = SEED.index(b"<h1")
H1_END = SEED.index(b"</h1>") + len(b"</h1>")
MAIN_END = SEED.index(b"</main>") + len(b"</main>")
NOTHING_FOUND = ["no title found", "no body found", "no published_at found", "no contact footer found"]


def test_the_seed_page_is_whole():
    """What the properties below compare with: the undamaged page's own record."""
    assert FULL.title == "Kommunsamverkan på scen i Almedalen"
    assert FULL.published_at == "2017-06-29T09:30:00+02:00"
    assert len(FULL.body) > 1000 and FULL.extraction.warnings == []
    assert TITLE_START < TITLE_END < H1_START < H1_END < MAIN_END < len(SEED)


def assert_warnings_name_what_is_missing(record):
    warnings = record.extraction.warnings
    assert all(isinstance(w, str) for w in warnings), warnings
    assert ("no title found" in warnings) == (record.title is None), (record.title, warnings)
    assert ("no body found" in warnings) == (record.body == ""), (record.body[:80], warnings)
    assert ("no published_at found" in warnings) == (record.published_at is None), (record.published_at, warnings)


def is_utf8(data: bytes) -> bool:
    # A page broken inside a multi-byte character is no longer UTF-8 and is read as windows-1252
    # throughout (records/parsers/encoding.py), so its text is not the same text; a page only cut
    # inside its last character stays UTF-8 (that character is dropped).
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.reason == "unexpected end of data"
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(min_value=0, max_value=len(SEED)))
def test_truncated_page(cut):
    page = SEED[:cut]
    record = parse_article(page, SEED_URL)
    assert_warnings_name_what_is_missing(record)
    if cut < TITLE_START:
        assert record.title is None and record.body == ""
    if is_utf8(page) and (TITLE_END <= cut < H1_START or cut >= H1_END):
        assert record.title == FULL.title  # from the head's whole <title>, then from the whole <h1>
    if is_utf8(page) and H1_START <= cut < H1_END:  # what of the <h1> arrived (with a cut "</" as text)
        assert record.title is None or (FULL.title + "</").startswith(record.title), record.title
    if cut >= MAIN_END and is_utf8(page):
        assert (record.body, record.lead, record.published_at) == (FULL.body, FULL.lead, FULL.published_at)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2000))
def test_random_bytes(data):
    assert_warnings_name_what_is_missing(parse_article(data, "https://www.kungsor.se/x.html"))
    # without a single tag there is nothing to find, and the record says so field by field
    record = parse_article(data.replace(b"<", b""), "https://www.kungsor.se/x.html")
    assert (record.title, record.body, record.lead, record.published_at) == (None, "", None, None)
    assert record.extraction.warnings == NOTHING_FOUND


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=len(SEED) - 1), min_size=1, max_size=30))
def test_mutilated_page(positions):
    data = bytearray(SEED)
    for p in positions:
        data[p] = ord("<") if p % 3 else ord(">")
    record = parse_article(bytes(data), SEED_URL)
    assert_warnings_name_what_is_missing(record)
    assert record.url == SEED_URL
    if min(positions) >= H1_END and is_utf8(bytes(data)):
        assert record.title == FULL.title  # damage after the <h1> leaves the title alone
    if min(positions) >= MAIN_END and is_utf8(bytes(data)):
        assert (record.body, record.lead, record.published_at) == (FULL.body, FULL.lead, FULL.published_at)


@pytest.mark.parametrize("html", ["", "<", "<html>", "<!DOCTYPE html><html><body><main></main></body></html>",
                                  "\x00\x00", "<main><h1></h1><p class=preamble></p></main>",
                                  "<html><body>" + "<div>" * 5000 + "text" + "</div>" * 5000 + "</body></html>"])
def test_degenerate_pages(html):
    record = parse_article(html, "https://www.arboga.se/a.html")
    assert (record.title, record.body, record.lead, record.published_at) == (None, "", None, None)
    assert record.extraction.warnings == NOTHING_FOUND
