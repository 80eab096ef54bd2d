"""Contact data: the municipality's footer, the page contact under an article, phone numbers,
organisation numbers, Swedish postal addresses and opening hours."""

from __future__ import annotations

import pickle
import re

import phonenumbers
from lxml import etree
from lxml.etree import _Element
from stdnum.se import orgnr

from records.article import Address, Contact, PageContact
from records.parsers.dom import lines_of
from records.parsers.hours import parse_opening_hours

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A Swedish number: +46 or 0, area code, then groups of two or three digits ("08-123 456 78",
# "0589-870 00"). Never begun or ended inside a longer run of digits: "+1 202 555 0143" holds
# "02 555 0143", which is no Swedish number.
PHONE = re.compile(r"(?<![\d+])(?:\+46\s?|0)\d{1,3}[\s-]?\d{2,3}(?:[\s-]?\d{2,3}){1,3}(?!\d)")
POSTCODE_CITY = re.compile(r"^(?P<pc>\d{3}\s?\d{2})\s+(?P<city>\D.*)$")
ORG_NUMBER = re.compile(r"\b(\d{6})-?(\d{4})\b")
LABELS = {
    "telefon": "phone", "tel": "phone", "växel": "phone", "telefonväxel": "phone",
    "e-post": "email", "epost": "email", "mejl": "email", "e-mail": "email",
    "öppettider": "hours",
    "organisationsnr": "org", "organisationsnummer": "org", "org.nr": "org", "orgnr": "org", "org nr": "org",
    "org. nr": "org",
    "besöksadress": "visiting", "postadress": "postal", "fakturaadress": "invoice", "adress": "address",
    "gln": "gln", "peppol": "peppol", "peppol-id": "peppol", "van-leverantör": "van", "van leverantör": "van",
    "fax": "fax",
}
_LABEL_RE = re.compile(
    r"^(?P<label>" + "|".join(re.escape(k) for k in sorted(LABELS, key=len, reverse=True)) + r")(?![\wåäö])"
    r"\.?\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
GLN = re.compile(r"\b\d{13}\b")
PEPPOL = re.compile(r"\b\d{4}:\w+\b")
# What a value line of each label looks like; a line that does not fit ends the label's group.
_FITS = {
    "phone": PHONE, "email": EMAIL, "org": ORG_NUMBER, "gln": GLN, "peppol": PEPPOL, "fax": PHONE,
    "hours": re.compile(r"\d|dag|vardag", re.IGNORECASE),
}


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
    """Group footer lines under their Swedish labels (any case, with or without a colon, the value on
    the same line or the lines after); lines under no label are returned apart, in order."""
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
            continue
        if current is not None and _fits(current, groups[current], line):
            groups[current].append(line)
            continue
        current = None
        unlabelled.append(line)
    return groups, unlabelled


def _fits(label: str, values: list[str], line: str) -> bool:
    if label in ("visiting", "postal", "invoice", "address"):
        # An address runs to its postcode line; a line after that belongs to no label.
        return not any(POSTCODE_CITY.match(v.split(",")[-1].strip()) for v in values) and \
            bool(_ADDRESS_LINE.search(line) or POSTCODE_CITY.match(line))
    if label == "van":
        return not values and len(line) < 40
    pattern = _FITS.get(label)
    return pattern is not None and (not values or label == "hours") and bool(pattern.search(line))


def _value_lines(values: list[str], pattern: re.Pattern[str] | None = None) -> list[str]:
    """A label's own lines: up to the first line that is a link caption or heading-like text."""
    out = []
    for v in values:
        if pattern is not None and not pattern.search(v):
            break
        out.append(v)
    return out


_ADDRESS_LINE = re.compile(r"\d|box|gatan|vägen|torget|plan|kommun|stadshuset", re.IGNORECASE)


def footer_lines(footer: _Element) -> list[str]:
    """Lines of a footer, each label and value apart: element boundaries and "|" split them."""
    return [part.strip() for line in lines_of(footer, fields=True) for part in line.split("|") if part.strip()]


def _organisation(lines: list[str], unlabelled: list[str]) -> tuple[str | None, str | None]:
    """(organisation, the unlabelled line it came from): 'Kontakta Kungsörs kommun', or a line naming a
    kommun (upper-case names are written as names)."""
    heading = next((line for line in lines if line.lower().startswith("kontakta ")
                    and re.search(r"\bkommun\b", line, re.IGNORECASE)), None)
    if heading:
        return heading[len("Kontakta "):].strip(), None
    org_line = next((line for line in unlabelled if re.search(r"\bkommun\b", line, re.IGNORECASE)
                     and not line.lower().startswith("kontakta") and len(line) < 60), None)
    if org_line is None:
        return None, None
    name = org_line.split(",")[0].strip()
    return (name.capitalize() if name.isupper() else name), org_line


def _unlabelled_address(unlabelled: list[str], org_line: str | None) -> tuple[str, Address] | None:
    """Name, street or Box, postcode and town on lines of their own: a Box address or a postcode
    alone is where post goes; a street is where one visits."""
    start = unlabelled.index(org_line) + 1 if org_line in unlabelled else 0
    block: list[str] = []
    for line in unlabelled[start:]:
        if org_line is not None and line == org_line:
            continue
        last = line.split(",")[-1].strip()
        if POSTCODE_CITY.match(last):
            block.append(line if org_line is None or not line.startswith(org_line) else line[len(org_line):])
            address = parse_address(block)
            if address is None:
                return None
            address.lines = [x for x in address.lines if not re.search(r"\bkommun\b", x, re.IGNORECASE)]
            postal = not address.lines or any(x.lower().startswith("box ") for x in address.lines)
            return ("postal_address" if postal else "visiting_address"), address
        if _ADDRESS_LINE.search(line) and not PHONE.search(line) and len(line) < 60:
            block.append(line)
        else:
            block = []
    return None


# Every page of a site has the same footer: each distinct footer's markup is read once (its phone
# number parse alone was a twentieth of a page's parse), kept pickled so each page gets its own copy.
_FOOTERS_KEPT = 64
_footers: dict[str, bytes] = {}


def parse_contact_footer(footer: _Element | None) -> Contact | None:
    if footer is None:
        return None
    markup = etree.tostring(footer, encoding="unicode", with_tail=False)  # all that the reading below sees
    if markup not in _footers:
        if len(_footers) >= _FOOTERS_KEPT:
            del _footers[next(iter(_footers))]  # the oldest
        _footers[markup] = pickle.dumps(_read_footer(footer))
    contact: Contact | None = pickle.loads(_footers[markup])
    return contact


def _read_footer(footer: _Element) -> Contact | None:
    lines = footer_lines(footer)
    if not lines:
        return None
    groups, unlabelled = _fields(lines)
    contact = Contact()
    contact.organisation, org_line = _organisation(lines, unlabelled)
    phones = groups.get("phone", []) or [u for u in unlabelled if PHONE.match(u) and not _LABEL_RE.match(u)]
    phone = next((PHONE.search(v) for v in phones if PHONE.search(v)), None)
    if phone:
        contact.phone_display = phone.group(0).strip()
        contact.phone = phone_e164(contact.phone_display)
    email = next((EMAIL.search(v) for v in groups.get("email", []) if EMAIL.search(v)), None)
    if email:
        contact.email = email.group(0)
    else:  # "E-post »" linking to mailto:
        mail = next((a.get("href")[7:].split("?")[0] for a in footer.iter("a")
                     if (a.get("href") or "").lower().startswith("mailto:") and EMAIL.match(a.get("href")[7:])), None)
        contact.email = mail
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
    gln = next((GLN.search(v) for v in groups.get("gln", []) if GLN.search(v)), None)
    contact.gln = gln.group(0) if gln else None
    peppol = next((PEPPOL.search(v) for v in groups.get("peppol", []) if PEPPOL.search(v)), None)
    contact.peppol_id = peppol.group(0) if peppol else None
    contact.van_provider = groups["van"][0] if groups.get("van") else None
    if contact.visiting_address is None or contact.postal_address is None:
        pool = unlabelled + groups.get("address", [])
        found = _unlabelled_address(pool, org_line)
        if found and getattr(contact, found[0]) is None:
            setattr(contact, found[0], found[1])
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
