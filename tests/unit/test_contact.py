"""Footers, page contacts, phone and organisation numbers, addresses, opening hours."""

import pytest
from lxml import html

from records.parsers.contact import parse_address, parse_contact_footer, parse_page_contact, phone_e164
from records.parsers.hours import parse_opening_hours


@pytest.mark.parametrize("text,expected", [
    ("Måndag-Fredag 7.30-12.00 och 13.00-16.30", ["Mo-Fr 07:30-12:00", "Mo-Fr 13:00-16:30"]),
    ("Vardagar 8-16", ["Mo-Fr 08:00-16:00"]),
    ("måndag–torsdag 8.00–16.30, fredag 8.00–15.00", ["Mo-Th 08:00-16:30", "Fr 08:00-15:00"]),
    ("Måndag-Fredag 7.30-12.00 och 13.00-16.30 Avvikande öppettider kommunhuset",
     ["Mo-Fr 07:30-12:00", "Mo-Fr 13:00-16:30"]),
    ("Lördag 10-14", ["Sa 10:00-14:00"]),
    ("Stängt", []),
])
def test_opening_hours(text, expected):
    assert parse_opening_hours(text) == expected


@pytest.mark.parametrize("display,e164", [
    ("0227-60 00 00", "+46227600000"), ("0589-870 00", "+4658987000"), ("0221-250 00", "+4622125000"),
    ("+46 8 123 456 78", "+46812345678"), ("12", None), (None, None),
])
def test_phone_numbers(display, e164):
    assert phone_e164(display) == e164


@pytest.mark.parametrize("lines,expected", [
    (["Box 34, 736 21 Kungsör"], (["Box 34"], "736 21", "Kungsör")),
    (["Drottninggatan 34, 736 85 Kungsör"], (["Drottninggatan 34"], "736 85", "Kungsör")),
    (["Stadshuset", "Torggatan 2", "73185 Köping"], (["Stadshuset", "Torggatan 2"], "731 85", "Köping")),
])
def test_addresses(lines, expected):
    a = parse_address(lines)
    assert (a.lines, a.postcode, a.city) == expected


def test_footer_with_values_split_by_br_is_never_glued():
    footer = html.fromstring(
        "<footer><p>Kungsbacka kommun<br>Stadshuset, Storgatan 37<br>434 81 Kungsbacka<br><br>"
        "Organisationsnummer: <br>212000-1256</p></footer>")
    c = parse_contact_footer(footer)
    assert c.organisation == "Kungsbacka kommun"
    assert c.org_number == "212000-1256" and c.org_number_valid is True
    assert c.visiting_address.lines == ["Stadshuset", "Storgatan 37"]
    assert c.visiting_address.postcode == "434 81"


def test_invalid_org_number_is_kept_and_flagged():
    footer = html.fromstring("<footer><p>Organisationsnr: 212000-2057</p><p>Telefon: 0227-60 00 00</p></footer>")
    c = parse_contact_footer(footer)
    assert c.org_number == "212000-2057" and c.org_number_valid is False


def test_footer_without_contact_data_is_none():
    assert parse_contact_footer(html.fromstring("<footer><p>Följ oss på Facebook</p></footer>")) is None


def test_page_contact():
    c = parse_page_contact(["Kontakt för den här sidan:", "Anna Svensson", "anna.svensson@arboga.se", "0589-871 23"])
    assert (c.name, c.email, c.phone) == ("Anna Svensson", "anna.svensson@arboga.se", "0589-871 23")
