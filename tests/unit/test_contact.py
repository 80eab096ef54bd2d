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


@pytest.mark.parametrize("lines", [
    ["736 2 Kungsör"], ["7362 Kungsör"], ["736 210 Kungsör"], ["736210 Kungsör"], ["1736 21 Kungsör"], ["736 21"],
])
def test_a_postcode_has_five_digits_exactly(lines):
    a = parse_address(lines)
    assert (a.lines, a.postcode, a.city) == (lines, None, None)


def test_the_first_postcode_line_wins_and_the_rest_stay_lines():
    a = parse_address(["Box 1, 736 21 Kungsör", "731 85 Köping"])
    assert (a.lines, a.postcode, a.city) == (["Box 1", "731 85 Köping"], "736 21", "Kungsör")


def test_no_address_in_empty_lines():
    assert parse_address([]) is None and parse_address([" , ", ""]) is None


@pytest.mark.parametrize("display,e164", [
    ("08-123 456 78", "+46812345678"), ("0589-870 00", "+4658987000"),
    ("+47 22 12 34 56", "+4722123456"),  # Norway stays Norway, never +46
    ("+45 33 12 34 56", "+4533123456"),
    ("+46 227 60", None), ("0227-60", None), ("0227-60 00 00 00", None),  # too short or too long
    ("telefon", None), ("", None),
])
def test_phone_numbers_valid_and_not(display, e164):
    assert phone_e164(display) == e164


@pytest.mark.parametrize("written,display,e164", [
    ("08-123 456 78", "08-123 456 78", "+46812345678"),  # Stockholm's groups of three
    ("+46 8 123 456 78", "+46 8 123 456 78", "+46812345678"),
    ("0227-60 00 00", "0227-60 00 00", "+46227600000"),
    ("+1 202 555 0143", None, None),  # American: not read as the Swedish-looking "02 555 0143"
    ("+47 22 12 34 56", None, None),
])
def test_a_footer_reads_swedish_numbers_only(written, display, e164):
    c = parse_contact_footer(html.fromstring(f"<footer><p>Telefon: {written}</p><p>E-post: info@arboga.se</p></footer>"))
    assert (c.phone_display, c.phone, c.email) == (display, e164, "info@arboga.se")


def test_a_page_contact_ignores_a_foreign_number():
    c = parse_page_contact(["Anna Svensson", "+1 202 555 0143"])
    assert (c.name, c.email, c.phone) == ("Anna Svensson", None, None)


@pytest.mark.parametrize("written,number,valid", [
    ("212000-1256", "212000-1256", True), ("2120001256", "212000-1256", True),  # Kungsbacka
    ("212000-1257", "212000-1257", False), ("212000-1265", "212000-1265", False),  # last digit, two digits swapped
    ("212000-2064", "212000-2064", True), ("212000-2046", "212000-2046", False),
])
def test_org_numbers_pass_or_fail_luhn(written, number, valid):
    c = parse_contact_footer(html.fromstring(f"<footer><p>Org.nr: {written}</p></footer>"))
    assert (c.org_number, c.org_number_valid) == (number, valid)


def test_a_page_contact_of_nothing_is_none():
    assert parse_page_contact(["Kontakt för den här sidan:", "12 34"]) is None
