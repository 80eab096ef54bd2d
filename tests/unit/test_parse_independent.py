"""Pages written by someone else in the Sitevision style (four invented municipalities, built
without reading this project's parser or replica) parse with every field right."""

import json

import pytest

from records.parsers import parse_article
from tests.conftest import PAGES

DIR = PAGES / "independent"
EXPECTED = json.loads((DIR / "expected.json").read_text(encoding="utf-8"))
CASES = sorted(EXPECTED)


@pytest.fixture(scope="module", params=CASES)
def case(request):
    expected = EXPECTED[request.param]
    return expected, parse_article((DIR / request.param).read_bytes(), expected["url"])


@pytest.mark.parametrize("field", ["title", "lead", "subheadings", "published_at", "updated_at"])
def test_field(case, field):
    expected, record = case
    assert getattr(record, field) == expected[field]


def test_quotes(case):
    expected, record = case
    assert [{"speaker": q.speaker, "role": q.role, "party": q.party} for q in record.quotes] == expected["quotes"]


def test_body_has_the_text(case):
    expected, record = case
    for sentence in expected["body_contains"]:
        assert sentence in record.body


def test_body_has_no_chrome(case):
    expected, record = case
    for phrase in expected["body_excludes"]:
        assert phrase not in record.body


def test_page_contact(case):
    expected, record = case
    pc = record.page_contact
    assert {"name": pc.name, "email": pc.email, "phone": pc.phone} == expected["page_contact"]


def test_images_and_attachments(case):
    expected, record = case
    assert [{"url": i.url, "alt": i.alt, "caption": i.caption} for i in record.images] == expected["images"]
    assert [{"url": a.url, "title": a.title} for a in record.attachments] == expected["attachments"]


def test_footer(case):
    expected, record = case
    c, want = record.contact, expected["contact"]
    assert (c.phone, c.email, c.org_number, c.org_number_valid) == (want["phone_e164"], want["email"],
                                                                   want["org_number"], True)
    assert (c.visiting_address.postcode, c.visiting_address.city) == (want["visiting_postcode"], want["visiting_city"])


def test_is_news(case):
    assert case[1].is_news and case[1].extraction.method == "sitevision:portlets"
