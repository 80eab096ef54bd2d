"""Contact data: the municipality's footer, the page contact under an article, phone numbers,
organisation numbers, Swedish postal addresses and opening hours."""

from __future__ import annotations

import re

import phonenumbers
from lxml.etree import _Element
from stdnum.se import orgnr

from records.article import Address, Contact, PageContact
from records.parsers.dom import lines_of
from records.parsers.hours import parse_opening_hours

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?:\+46\s?|0)\d{1,3}[\s-]?\d{2,3}(?:[\s-]?\d{2}){1,3}")
POSTCODE_CITY = re.compile(r"^(?P<pc>\d{3}\s?\d{2})\s+(?P<city>\D.*)$")
ORG_NUMBER = re.compile(r"\b(\d{6})-?(\d{4})\b")
LABELS = {
    "telefon": "phone", "tel": "phone", "växel": "phone",
    "e-post": "email", "epost": "email", "mejl": "email",
    "öppettider": "hours",
    "organisationsnr": "org", "organisationsnummer": "org", "org.nr": "org", "orgnr": "org",
    "besöksadress": "visiting", "postadress": "postal", "fakturaadress": "invoice",
}
_LABEL_RE = re.compile(
    r"^(?P<label>" + "|".join(re.escape(k) for k in sorted(LABELS, key=len, reverse=True)) + r")\b\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def phone_e164(display: str | None) -> str | None:
    if not display:
        return None
    try:
        number = phonenumbers.parse(display, "SE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_address(lines: list[str]) -> Address | None:
    """'Box 34, 736 21 Kungsör' -> lines ['Box 34'], postcode '736 21', city 'Kungsör'."""
    parts = [p.strip() for line in lines for p in line.split(",") if p.strip()]
    if not parts:
        return None
    postcode = city = None
    rest = []
    for part in parts:
        m = POSTCODE_CITY.match(part)
        if m and postcode is None:
            digits = m["pc"].replace(" ", "")
            postcode, city = f"{digits[:3]} {digits[3:]}", m["city"].strip()
        else:
            rest.append(part)
    return Address(lines=rest, postcode=postcode, city=city)


def _fields(lines: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Group footer lines under their Swedish labels; lines before any label are returned apart."""
    groups: dict[str, list[str]] = {}
    unlabelled: list[str] = []
    current: str | None = None
    for line in lines:
        m = _LABEL_RE.match(line)
        if m:
            current = LABELS[m["label"].lower()]
            groups.setdefault(current, [])
            if m["rest"].strip():
                groups[current].append(m["rest"].strip())
        elif current is None:
            unlabelled.append(line)
        else:
            groups[current].append(line)
    return groups, unlabelled


def _value_lines(values: list[str], pattern: re.Pattern[str] | None = None) -> list[str]:
    """A label's own lines: up to the first line that is a link caption or heading-like text."""
    out = []
    for v in values:
        if pattern is not None and not pattern.search(v):
            break
        out.append(v)
    return out


_ADDRESS_LINE = re.compile(r"\d|box|gatan|vägen|torget|plan|kommun|stadshuset", re.IGNORECASE)


def parse_contact_footer(footer: _Element | None) -> Contact | None:
    if footer is None:
        return None
    lines = lines_of(footer)
    if not lines:
        return None
    groups, unlabelled = _fields(lines)
    contact = Contact()
    heading = next((line for line in lines if line.lower().startswith("kontakta ")), None)
    if heading and heading.lower() not in ("kontakta oss", "kontakta kommunen"):
        contact.organisation = heading[len("Kontakta "):].strip()
    org_line = next((line for line in unlabelled if re.search(r"\bkommun\b", line, re.IGNORECASE)
                     and not line.lower().startswith("kontakta")), None)
    if org_line and not contact.organisation:
        contact.organisation = org_line
    phone = next((PHONE.search(v) for v in groups.get("phone", []) if PHONE.search(v)), None)
    if phone:
        contact.phone_display = phone.group(0).strip()
        contact.phone = phone_e164(contact.phone_display)
    email = next((EMAIL.search(v) for v in groups.get("email", []) if EMAIL.search(v)), None)
    if email:
        contact.email = email.group(0)
    hours = _value_lines(groups.get("hours", []), re.compile(r"\d|dag|vardag", re.IGNORECASE))
    if hours:
        contact.opening_hours_raw = " ".join(hours)
        contact.opening_hours = parse_opening_hours(contact.opening_hours_raw)
    org = next((ORG_NUMBER.search(v) for v in groups.get("org", []) if ORG_NUMBER.search(v)), None)
    if org:
        contact.org_number = f"{org.group(1)}-{org.group(2)}"
        contact.org_number_valid = orgnr.is_valid(contact.org_number)
    for key, attr in (("visiting", "visiting_address"), ("postal", "postal_address"), ("invoice", "invoice_address")):
        vals = _value_lines(groups.get(key, []), _ADDRESS_LINE)
        setattr(contact, attr, parse_address(vals))
    if contact.visiting_address is None and org_line:
        # Footers like Kungsbacka's: name, street, postcode and town on unlabelled lines.
        after = unlabelled[unlabelled.index(org_line) + 1:]
        block = []
        for line in after:
            if not _ADDRESS_LINE.search(line):
                break
            block.append(line)
            if POSTCODE_CITY.match(line.split(",")[-1].strip()):
                break
        if block and any(POSTCODE_CITY.match(b.split(",")[-1].strip()) for b in block):
            contact.visiting_address = parse_address(block)
    if not any((contact.phone, contact.email, contact.org_number, contact.visiting_address,
                contact.postal_address)):
        return None
    return contact


def parse_page_contact(lines: list[str]) -> PageContact | None:
    """'Kontakt för den här sidan:' followed by a name, an e-mail address and a phone number."""
    name = email = phone = None
    for line in lines:
        if line.lower().startswith("kontakt för den här sidan"):
            continue
        if email is None and EMAIL.search(line):
            email = EMAIL.search(line).group(0)  # type: ignore[union-attr]
        elif phone is None and PHONE.search(line):
            phone = PHONE.search(line).group(0).strip()  # type: ignore[union-attr]
        elif name is None and not any(ch.isdigit() for ch in line):
            name = line.strip(" :")
    if not (name or email or phone):
        return None
    return PageContact(name=name, email=email, phone=phone)
