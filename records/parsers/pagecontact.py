"""The person responsible for a page, under every label Swedish municipal sites use for one.

    Kontakt för den här sidan: / Kontaktperson / Sidansvarig / Ansvarig för sidan
        then name, e-mail and phone on lines of their own, or inline: "…: <a>Namn</a>", "Namn, e-post"
    a contact box in or beside the content ("Kontaktinformation", "Kontakt") naming a person by an
        e-mail link
    Artikeln publicerad av Namn / Uppdaterad 2017-05-24 av Namn    (who wrote or last changed it)

The labelled forms win over a contact box, which wins over a "… av Namn" line: the first two name
whom to ask, the last only who edited.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.etree import _Element

from records.article import PageContact
from records.parsers.contact import EMAIL, PHONE
from records.parsers.dom import SKIP_TAGS, lines_of

LABEL = re.compile(r"^(?:kontakt för (?:den här|denna) sida[n]?|kontaktperson(?:er)?|sidansvarig|"
                   r"ansvarig för (?:den här |denna )?sida[n]?)(?![a-zåäö])\s*:?\s*", re.IGNORECASE)
_PREFIX = re.compile(r"^(?:kontakt för|kontaktperson|sidansvarig|ansvarig för)", re.IGNORECASE)


def is_label(el: _Element, text: str) -> bool:
    """Whether a block is a page-contact label: its first line read with each span apart, so that
    "<span>KONTAKTPERSON</span><span>Rasmus Ek…" is one and "Kontaktpersonen för…" is not."""
    if not _PREFIX.match(text):
        return False
    lines = lines_of(el, fields=True)
    return bool(lines) and bool(LABEL.match(lines[0]))


BY_LINE = re.compile(r"^(?:artikeln |sidan )?(?:publicerad|uppdaterad|senast uppdaterad|ändrad)\b.*?\bav\s+"
                     r"(?P<name>[A-ZÅÄÖÉ][\w'-]+(?:\s+[A-ZÅÄÖÉ][\w'-]+){1,3})\s*\.?$", re.IGNORECASE)
BOX_HEADING = re.compile(r"^(?:kontaktinformation|kontakt|kontaktperson|kontakta oss)\s*:?$", re.IGNORECASE)
_WORD = r"[A-ZÅÄÖÉ][a-zåäöéü']+(?:-[A-ZÅÄÖÉa-zåäö][a-zåäöéü']+)?"  # Anna-Karin, Nilsson-Öst
_NAME = re.compile(rf"^{_WORD}(?:\s+(?:af |von |de )?{_WORD}){{1,3}}$")
_TEXT_CONTENT = etree.XPath("string()")  # lxml.html's text_content(), for any element


def _from_lines(lines: list[str]) -> PageContact | None:
    """Name, e-mail and phone from the lines after a label; "Namn, e-post" and "Namn | tel" split."""
    name = email = phone = None
    for line in lines:
        for part in re.split(r"\s*[,|]\s*|\s+–\s+", line):
            if not part:
                continue
            if email is None and (m := EMAIL.search(part)):
                email = m.group(0)
            elif phone is None and (m := PHONE.search(part)):
                phone = m.group(0).strip()
            elif name is None and _NAME.match(part.strip(" :")):
                name = part.strip(" :")
    if not (name or email or phone):
        return None
    return PageContact(name=name, email=email, phone=phone)


def _container(el: _Element, max_lines: int = 8) -> _Element:
    """The smallest ancestor whose text reaches past the label: the label's row, paragraph or portlet."""
    lines = lines_of(el)
    own = len(" ".join(lines))
    node = el
    while node.getparent() is not None and len(" ".join(lines)) <= own + 2:
        node = node.getparent()
        lines = lines_of(node)
    return node if len(lines) <= max_lines else el


def _labelled(blocks: list[tuple[_Element, str]]) -> PageContact | None:
    for el, text in blocks:
        if not is_label(el, text):
            continue
        container = _container(el)
        lines = lines_of(container, fields=True)  # "<span>Kontaktperson</span><span>Namn…" apart
        at = next((i for i, ln in enumerate(lines) if LABEL.match(ln)), None)
        if at is None:
            continue
        rest = LABEL.sub("", lines[at], count=1).strip()
        found = _from_lines(([rest] if rest else []) + lines[at + 1:at + 5])
        if found and found.email is None:  # "Kontakt för den här sidan: <a href=mailto:…>Namn</a>"
            mail = next((a.get("href")[7:].split("?")[0] for a in container.iter("a")
                         if (a.get("href") or "").lower().startswith("mailto:")), None)
            found.email = mail if mail and EMAIL.match(mail) else None
        if found:
            return found
    return None


def _box(root: _Element, skip: set[_Element]) -> PageContact | None:
    """A box headed "Kontaktinformation" that names a person by an e-mail link."""
    for a in root.xpath(".//a[starts-with(@href, 'mailto:') or starts-with(@href, 'MAILTO:')]"):
        href = a.get("href") or ""
        if not EMAIL.match(href[7:]):
            continue
        if any(anc in skip for anc in a.iterancestors()):
            continue
        name = " ".join(_TEXT_CONTENT(a).split())
        if not _NAME.match(name):
            continue
        box = next((anc for anc, _ in zip(a.iterancestors(), range(6), strict=False)
                    if any(BOX_HEADING.match(t.strip()) for t in list(anc.itertext())[:6])), None)
        if box is None or len(lines_of(box)) > 15:
            continue
        lines = lines_of(box)
        after = lines[lines.index(name) + 1:] if name in lines else []
        phone = next((m.group(0).strip() for ln in after[:4] if (m := PHONE.search(ln))), None)
        return PageContact(name=name, email=href[7:].split("?")[0], phone=phone)
    return None


def find_page_contact(root: _Element, blocks: list[tuple[_Element, str]], skip: set[_Element]) -> PageContact | None:
    """`blocks` are the page's text blocks (element, text) in order; `skip` the footer and header."""
    found = _labelled(blocks) or _box(root, skip)
    if found:
        return found
    for _el, text in blocks:
        if len(text) < 120 and (m := BY_LINE.match(text)):
            return PageContact(name=m["name"])
    return None


def leaf_blocks(root: _Element) -> list[tuple[_Element, str]]:
    """Every element whose own lines are a block of text (a p, li, dd or an inline-only div)."""
    out = []
    for el in root.iter("p", "li", "dd", "dt", "div", "span", "td"):
        if el.tag in SKIP_TAGS or any(anc.tag in SKIP_TAGS for anc in el.iterancestors()):
            continue
        if el.tag in ("div", "span") and any(isinstance(c.tag, str) and c.tag in ("p", "div", "li", "ul", "table")
                                             for c in el.iterdescendants()):
            continue
        if el.tag == "span" and el.getparent() is not None and el.getparent().tag in ("p", "li", "dd", "a"):
            continue
        text = " ".join(lines_of(el))
        if text:
            out.append((el, text))
    return out
