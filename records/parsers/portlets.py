"""What every Sitevision generation keeps: the editor's portlet names and the page-content region.

Sitevision writes the name an editor gave a portlet as an anchor before the portlet's content,
`<div id="Ingress"><!-- Ingress --></div>` (3.x, 4.x and current alike), and marks the page's own
content: `<!-- Page content starts here -->` ... `stops here` around a `div.pagecontent`, or
`#Huvudinnehall`; current templates have <main>. Classes and ids around them change per site and
generation; these do not. Names are compared folded: lower case, no diacritics, letters only, so
"Brödtext", "Brodtext" and "BRÖDTEXT 2" are one name.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from lxml import etree
from lxml.etree import _Element

from records.parsers.dom import classes

# Folded portlet names (prefixes) that are strong evidence for a field.
NAME_ROLES = (
    ("sidrubrik", "title"),
    ("rubrik", "title"),
    ("ingress", "lead"),
    ("inledning", "lead"),
    ("innehall", "body"),
    ("brodtext", "body"),
    ("text", "body"),
    ("huvudtext", "body"),
    ("byline", "date"),
    ("datum", "date"),
    ("publicer", "date"),
    ("senastuppdat", "date"),
    ("sidinformation", "date"),
    ("kategori", "categories"),
    ("amnesomrade", "categories"),
    ("amne", "categories"),
    ("sidfot", "footer"),
    ("footer", "footer"),
    ("kontaktfordenharsidan", "page_contact"),
    ("sidansvarig", "page_contact"),
    ("kontaktperson", "page_contact"),
)
_START, _STOP = "page content starts here", "page content stops here"


def _fold(text: str | None) -> str:
    """'Brödtext 2' -> 'brodtext': lower case, no diacritics, no digits, spaces or punctuation."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return re.sub(r"[^a-z]", "", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


# Wrapped, not decorated: mutmut 3 skips decorated functions (docs/mutation.md).
fold = functools.lru_cache(maxsize=4096)(_fold)


def anchor_name(el: _Element) -> str | None:
    """The folded portlet name if `el` is a Sitevision name anchor: a <div id> holding only a comment
    (or, on pages whose comments were stripped, nothing at all)."""
    anchor_id = el.get("id")
    if el.tag != "div" or not anchor_id or (el.text or "").strip() or el.get("class"):
        return None
    kids = list(el)
    if len(kids) == 1 and isinstance(kids[0], etree._Comment) and not (kids[0].tail or "").strip():
        return fold(kids[0].text) or None
    if not kids and not anchor_id.startswith("svid"):
        return fold(anchor_id) or None  # "Ingress-2": folding drops the number with the hyphen
    return None


_BARE_ANCHORS = etree.XPath(".//div[@id and not(@class) and not(node())]")


def portlet_names(root: _Element) -> dict[_Element, str]:
    """Each portlet container under `root` with the folded name of its anchor (its first element):
    <div id="Ingress"><!-- Ingress --></div>, or, on pages whose comments were stripped, the bare
    <div id="Ingress"></div> (looked for only when there are no anchor comments)."""
    anchors: list[tuple[_Element, str | None]] = []
    for c in root.iter(etree.Comment):  # lxml yields only the comments, from C
        div = c.getparent()
        if (
            div is not None
            and div.tag == "div"
            and len(div) == 1
            and div.get("id")
            and not div.get("class")
            and not (div.text or "").strip()
            and not (c.tail or "").strip()
        ):
            anchors.append((div, fold(c.text)))
    if not anchors:
        anchors = [(a, anchor_name(a)) for a in _BARE_ANCHORS(root)]
    out: dict[_Element, str] = {}
    for anchor, name in anchors:
        if not name:
            continue
        prev = anchor.getprevious()
        while prev is not None and not isinstance(prev.tag, str):
            prev = prev.getprevious()
        parent = anchor.getparent()
        if prev is None and parent is not None:
            out[parent] = name
    return out


def portlet_name(el: _Element, names: dict[_Element, str]) -> str | None:
    """The name of the portlet `el` sits in: that of the nearest container with an anchor."""
    node: _Element | None = el
    while node is not None:
        if node in names:
            return names[node]
        node = node.getparent()
    return None


def _role_of(name: str | None) -> str | None:
    if not name:
        return None
    return next((role for prefix, role in NAME_ROLES if name.startswith(prefix)), None)


role_of = functools.lru_cache(maxsize=1024)(_role_of)


def _marked_regions(root: _Element) -> list[_Element]:
    """Elements that follow a 'Page content starts here' comment up to its 'stops here'."""
    out = []
    for comment in root.iter(etree.Comment):
        if (comment.text or "").strip().lower() == _START:
            sib = comment.getnext()
            while sib is not None and not isinstance(sib.tag, str):
                sib = sib.getnext()
            if sib is not None:
                out.append(sib)
    return out


def content_root(root: _Element) -> tuple[_Element | None, str]:
    """The element holding the page's own content, and how it was found.

    <main> on current templates; else the page-content region (markers, div.pagecontent,
    #Huvudinnehall) that holds the page's <h1>, widened to the nearest ancestor that also holds the
    next page-content region when the heading's own region has nothing else (a 'Sidrubrik' region
    before a 'Mittenspalt' one)."""
    main = root.find(".//main")
    if main is not None:
        return main, "main"
    regions = _marked_regions(root) + [el for el in root.iter("div") if "pagecontent" in classes(el)]
    regions += [el for el in root.iter() if el.get("id") in ("Huvudinnehall", "huvudinnehall", "content")]
    with_h1 = [r for r in regions if r.find(".//h1") is not None]
    if not with_h1:
        return None, "none"
    region = with_h1[0]
    text = "".join(t for t in region.itertext() if t.strip())
    h1_text = "".join(region.find(".//h1").itertext())
    if len(text.strip()) <= len(h1_text.strip()) + 20:
        others = [r for r in regions if r is not region and len("".join(r.itertext()).strip()) > 40]
        following = [r for r in others if _after(region, r)]
        if following:
            return _common_ancestor(region, following[0]), "pagecontent"
    return region, "pagecontent"


def _after(a: _Element, b: _Element) -> bool:
    seen = False
    for el in a.getroottree().iter():
        if el is a:
            seen = True
        elif el is b:
            return seen
    return False


def _common_ancestor(a: _Element, b: _Element) -> _Element:
    ancestors = set(a.iterancestors())
    return next(x for x in b.iterancestors() if x in ancestors)


_FOOTER_CLASS = ("sidfot", "footer")
_ORG = re.compile(r"\w \b(?:kommun|region)\b", re.IGNORECASE)  # "Arboga kommun", not "arboga.kommun@"
_KINDS = (
    re.compile(r"\b\d{3} ?\d{2}\s+[A-ZÅÄÖ]"),
    re.compile(r"(?:\+46|\b0)\d{1,3}[\s-]?\d{2,3}[\s-]?\d{2}"),
    re.compile(r"@"),
)
_CONTACTISH = re.compile(r"\b\d{3} ?\d{2}\s+[A-ZÅÄÖ]|(?:\+46|\b0)\d{1,3}[\s-]?\d{2,3}[\s-]?\d{2}|@")


def find_footer(root: _Element, content: _Element | None) -> _Element | None:
    """The site's contact footer: <footer>; else an element whose class or portlet name says
    footer (sidfot); else, on templates with neither, the last block after the content that names the
    organisation beside a postcode, phone or e-mail address."""
    footer = root.find(".//footer")
    if footer is not None and any(t.strip() for t in footer.itertext()):
        return footer  # a <footer> with any text: parse_contact_footer decides whether it is a contact
    inside = set(content.iter()) if content is not None else set()
    for el in root.iter("div", "section", "aside"):
        if el in inside:
            continue
        named = role_of(anchor_name(el[0]) if len(el) and isinstance(el[0].tag, str) else None) == "footer"
        if (named or any(part in c.lower() for c in classes(el) for part in _FOOTER_CLASS)) and _CONTACTISH.search(
            _spaced(el)
        ):
            return el
    found = None
    for el in root.iter("p", "strong", "span", "h2", "h3", "h4"):
        own = re.split(r"[|,]", el.text or "")[0].strip()  # the name heads a footer block or line
        if not own or len(own) > 60 or not _ORG.search(own) or el in inside:
            continue
        for anc in [el, *el.iterancestors()]:
            if anc in inside or anc.tag in ("body", "html"):
                break
            text = _spaced(anc)
            if len(text) > 1500:
                break
            # a footer holds at least two of: a postcode and town, a phone number, an e-mail address
            if sum(1 for kind in _KINDS if kind.search(text)) >= 2:
                found = anc
                break
    return found if found is not None else footer


def _spaced(el: _Element) -> str:
    """Text with a space between text nodes, so "Storgatan 37<br>434 81" keeps its postcode apart."""
    return " ".join(el.itertext())
