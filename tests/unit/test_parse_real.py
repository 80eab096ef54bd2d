"""Real Sitevision pages of other municipalities (tests/fixtures/real/, a SOURCE file in each folder),
over three generations: every field a reader can see on them, and null where the page shows none.
The expected values are in tests/fixtures/real/parse-expected.json."""

import json
import re

import pytest

from records.parsers import parse_article
from tests.conftest import REAL

DIR = REAL
EXPECTED = json.loads((DIR / "parse-expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def case(request):
    expected = EXPECTED[request.param]
    return expected, parse_article((DIR / request.param).read_bytes(), expected["url"])


def test_every_fixture_has_its_source():
    for name in EXPECTED:
        source = ((DIR / name).parent / "SOURCE").read_text(encoding="utf-8")
        assert (DIR / name).name in source and re.search(r"https?://", source)


@pytest.mark.parametrize("field", ["title", "lead", "published_at", "updated_at"])
def test_field(case, field):
    expected, record = case
    got = getattr(record, field)
    assert (got[:10] if got and field.endswith("_at") else got) == expected[field]


def test_subheadings(case):
    expected, record = case
    if expected["subheadings"] is not None:
        assert record.subheadings == expected["subheadings"]


def test_body_starts_with_the_first_paragraph(case):
    expected, record = case
    assert record.body.split("\n\n")[0].startswith(expected["body_starts"])


def test_body_has_the_text(case):
    expected, record = case
    for sentence in expected["body_contains"]:
        assert sentence in record.body


def test_body_has_no_chrome(case):
    expected, record = case
    for phrase in expected["body_excludes"]:
        assert phrase not in record.body


def test_no_paragraph_twice_and_the_lead_not_in_the_body(case):
    expected, record = case
    paragraphs = record.body.split("\n\n")
    assert len(paragraphs) == len(set(paragraphs))
    assert record.lead is None or record.lead not in paragraphs


def test_quotes(case):
    expected, record = case
    assert [{"speaker": q.speaker, "role": q.role} for q in record.quotes] == expected["quotes"]


def test_page_contact(case):
    expected, record = case
    pc = record.page_contact
    assert (None if pc is None else {"name": pc.name, "email": pc.email, "phone": pc.phone}) == expected["page_contact"]


def test_attachments(case):
    expected, record = case
    if expected["attachments"] is not None:
        assert ["/" + a.url.split("/", 3)[3]
                for a in record.attachments] == expected["attachments"]


def test_footer(case):
    expected, record = case
    c, want = record.contact, expected["contact"]
    assert c is not None
    got = {"organisation": c.organisation, "phone": c.phone, "email": c.email, "org_number": c.org_number}
    assert got == {k: want[k] for k in got}
    for attr in ("visiting_address", "postal_address"):
        addr = getattr(c, attr)
        assert (None if addr is None else {"lines": addr.lines, "postcode": addr.postcode, "city": addr.city}) == \
            want[attr], attr
    if c.org_number:
        assert c.org_number_valid


def test_the_method_says_which_path_read_it(case):
    expected, record = case
    assert record.extraction.method.startswith("sitevision")
