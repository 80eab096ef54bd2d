"""Footers, page contacts, phone and organisation numbers, addresses, opening hours."""

import pytest
from lxml import html

from records.article import Address, Contact
from records.parsers import contact
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


FULL_FOOTER = """<footer><h2>Kontakta Arboga kommun</h2>
<p><span>Besöksadress:</span><span>Centralplan 1</span><span>732 30 Arboga</span><span>Öppet i dag</span></p>
<p><strong>Postadress</strong><br>Box 45<br>732 21 Arboga</p>
<p>Fakturaadress: Arboga kommun, FE 123, 105 69 Stockholm</p>
<p>Telefon: 0589-870 00 | E-post: kommun@arboga.se</p>
<p>Öppettider:<br>Måndag-Fredag 8.00-16.00<br>Lunch stängt<br>Följ oss</p>
<p>Org.nr: 212000-2064</p><p>GLN: 7350001234567</p><p>Peppol-ID: 0007:2120002064</p>
<p>VAN-leverantör:<br>InExchange Factorum AB<br>Annan text</p></footer>"""


def test_a_footer_with_every_label():
    # Each label's group ends where a line no longer fits it ("Öppet i dag", "Lunch stängt", "Annan text").
    assert parse_contact_footer(html.fromstring(FULL_FOOTER)) == Contact(
        organisation="Arboga kommun", phone="+4658987000", phone_display="0589-870 00", email="kommun@arboga.se",
        opening_hours=["Mo-Fr 08:00-16:00"], opening_hours_raw="Måndag-Fredag 8.00-16.00",
        org_number="212000-2064", org_number_valid=True,
        visiting_address=Address(["Centralplan 1"], "732 30", "Arboga"),
        postal_address=Address(["Box 45"], "732 21", "Arboga"),
        invoice_address=Address(["Arboga kommun", "FE 123"], "105 69", "Stockholm"),
        gln="7350001234567", peppol_id="0007:2120002064", van_provider="InExchange Factorum AB")


def test_an_unlabelled_footer_with_an_upper_case_name_and_a_mailto_link():
    footer = html.fromstring(
        '<footer><p>KUNGSÖRS KOMMUN</p><p>Box 34</p><p>736 85 Kungsör</p><p>0227-60 00 00</p>'
        '<p><a href="mailto:info@kungsor.se?subject=Hej">E-post »</a></p></footer>')
    assert parse_contact_footer(footer) == Contact(
        organisation="Kungsörs kommun", phone="+46227600000", phone_display="0227-60 00 00", email="info@kungsor.se",
        postal_address=Address(["Box 34"], "736 85", "Kungsör"))


def test_an_unlabelled_street_is_where_one_visits():
    footer = html.fromstring("<footer><p>Köpings kommun</p><p>Stora torget 2</p><p>731 85 Köping</p>"
                             "<p>Telefon 0221-250 00</p></footer>")
    c = parse_contact_footer(footer)
    assert (c.organisation, c.visiting_address, c.postal_address, c.phone) == (
        "Köpings kommun", Address(["Stora torget 2"], "731 85", "Köping"), None, "+4622125000")


def test_labels_in_any_case_with_or_without_colon_and_value_below():
    footer = html.fromstring("<footer><p>TELEFON</p><p>0227-60 00 00</p><p>e-post:</p><p>a@kungsor.se</p>"
                             "<p>Orgnr 212000-1256</p></footer>")
    c = parse_contact_footer(footer)
    assert (c.phone_display, c.email, c.org_number) == ("0227-60 00 00", "a@kungsor.se", "212000-1256")


def test_a_second_number_under_a_phone_label_is_not_its_value():
    footer = html.fromstring("<footer><p>Telefon: 0227-60 00 00</p><p>0227-60 00 01</p><p>Stadshuset</p></footer>")
    c = parse_contact_footer(footer)
    assert (c.phone_display, c.visiting_address) == ("0227-60 00 00", None)


def test_a_long_van_line_is_no_provider():
    footer = html.fromstring("<footer><p>Telefon: 0227-60 00 00</p><p>VAN-leverantör</p>"
                             "<p>Se vår webbplats för mer information om e-faktura</p></footer>")
    assert parse_contact_footer(footer).van_provider is None


def test_page_contact_name_loses_its_colon():
    c = parse_page_contact(["Kontakt för den här sidan:", "Anna Svensson:", "0589-871 23", "Bo Ek"])
    assert (c.name, c.email, c.phone) == ("Anna Svensson", None, "0589-871 23")


def test_page_contact_of_a_phone_alone():
    c = parse_page_contact(["0589-871 23"])
    assert (c.name, c.email, c.phone) == (None, None, "0589-871 23")


def footer(*paragraphs: str) -> Contact | None:
    return parse_contact_footer(html.fromstring("<footer>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</footer>"))


def test_an_invoice_address_over_several_lines_stays_the_invoice_s():
    c = footer("Telefon: 0227-60 00 00", "Fakturaadress:", "FE 123", "105 69 Stockholm")
    assert (c.invoice_address, c.visiting_address, c.postal_address) == (
        Address(["FE 123"], "105 69", "Stockholm"), None, None)


def test_an_address_ends_at_its_postcode_line():
    c = footer("Besöksadress:", "Centralplan 1", "732 30 Arboga", "Arboga kommun", "Telefon: 0589-870 00")
    assert (c.visiting_address, c.organisation) == (Address(["Centralplan 1"], "732 30", "Arboga"), "Arboga kommun")


def test_an_address_label_followed_by_no_address():
    c = footer("Besöksadress: Se karta", "Telefon: 0589-870 00")
    assert (c.visiting_address, c.phone_display) == (None, "0589-870 00")


def test_opening_hours_over_several_lines_and_a_label_without_hours():
    c = footer("Telefon: 0589-870 00", "Öppettider:", "Måndag-Fredag 8-16", "Lördag 10-14")
    assert (c.opening_hours_raw, c.opening_hours) == ("Måndag-Fredag 8-16 Lördag 10-14", ["Mo-Fr 08:00-16:00", "Sa 10:00-14:00"])
    c = footer("Telefon: 0589-870 00", "Öppettider: se webbplatsen", "Måndag-Fredag 8-16")
    assert (c.opening_hours_raw, c.opening_hours) == (None, [])


def test_a_van_provider_line_of_under_40_characters():
    forty = "A" * 40
    assert footer("Telefon: 0589-870 00", "VAN-leverantör", forty).van_provider is None
    assert footer("Telefon: 0589-870 00", "VAN-leverantör", forty[:39]).van_provider == forty[:39]


def test_the_organisation_from_a_heading_in_any_case_or_a_short_kommun_line():
    assert footer("Kontakta Arboga Kommun", "Telefon: 0589-870 00").organisation == "Arboga Kommun"
    assert footer("Följ oss", "Arboga kommun, Centralplan 1", "Telefon: 0589-870 00").organisation == "Arboga kommun"
    long_line = "Arboga kommun " + "x" * 46  # 60 characters: a sentence, not a name
    assert footer(long_line, "Telefon: 0589-870 00").organisation is None
    assert footer(long_line[:59], "Telefon: 0589-870 00").organisation == long_line[:59].strip()


def test_an_unlabelled_address_after_the_organisation_line():
    c = footer("Centralplan 9", "Arboga kommun", "Box 45", "732 21 Arboga", "0589-870 00")
    assert (c.organisation, c.postal_address, c.visiting_address) == (
        "Arboga kommun", Address(["Box 45"], "732 21", "Arboga"), None)
    c = footer("Arboga kommun", "Arboga kommun", "Centralplan 1", "732 30 Arboga", "0589-870 00")
    assert c.visiting_address == Address(["Centralplan 1"], "732 30", "Arboga")


@pytest.fixture
def footer_reads(monkeypatch):
    """An empty footer cache, and the footers read past it."""
    monkeypatch.setattr(contact, "_footers", {})
    reads: list[str] = []
    read = contact._read_footer
    monkeypatch.setattr(contact, "_read_footer", lambda footer: reads.append(footer.text_content()) or read(footer))
    return reads


def test_a_footer_s_markup_is_read_once_and_each_page_gets_its_own_copy(footer_reads):
    markup = "<footer><p>Telefon: 0227-60 00 00</p><p>Box 34, 736 21 Kungsör</p></footer>"
    first = parse_contact_footer(html.fromstring(markup))
    first.phone, first.postal_address.lines = "ändrad", ["ändrad"]
    # the same footer on another page, with text after it (its tail, which is not the footer's)
    second = parse_contact_footer(html.fromstring(f"<div>{markup}efter</div>").find("footer"))
    assert (second.phone, second.postal_address.lines, len(footer_reads)) == ("+46227600000", ["Box 34"], 1)
    assert parse_contact_footer(html.fromstring("<footer><p>Följ oss</p></footer>")) is None
    assert parse_contact_footer(html.fromstring("<footer><p>Följ oss</p></footer>")) is None
    assert len(footer_reads) == 2


def test_the_oldest_footer_is_forgotten_past_64(footer_reads):
    markups = [f"<footer><p>Telefon: 0227-60 00 {n:02d}</p></footer>" for n in range(65)]
    phones = [parse_contact_footer(html.fromstring(m)).phone for m in markups + markups[1:]]
    assert phones == [f"+462276000{n:02d}" for n in list(range(65)) + list(range(1, 65))]
    assert len(footer_reads) == 65  # the last 64 were still kept
    assert parse_contact_footer(html.fromstring(markups[0])).phone == "+46227600000"
    assert len(footer_reads) == 66  # the first was not
