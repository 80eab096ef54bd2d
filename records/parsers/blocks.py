"""The text blocks of a page and what each is: heading, lead, body, date line, page-contact label,
category line or chrome. Sitevision's portlet names and text styles decide, as article.py's
docstring says; pure functions of the lxml tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.etree import _Element

from records.parsers.dom import SKIP_TAGS, classes, lines_of, text_of
from records.parsers.pagecontact import BOX_HEADING, BY_LINE
from records.parsers.pagecontact import is_label as is_contact_label
from records.parsers.pagedates import PUBLISHED_LABEL, UPDATED_LABEL
from records.parsers.portlets import portlet_name, role_of

LEAD_CLASSES = {"preamble", "lead", "ingress", "sv-font-ingress", "sv-font-ingress-text", "lp-lead", "intro"}
SKIP_CLASSES = {
    "sv-related-portlet",
    "lp-share",
    "env-breadcrumb",
    "sv-jcrmenu-portlet",
    "sv-searchform-portlet",
    "lp-page-tools",
    "sv-marketplace-sitevision-cookie-consent",
    "env-cookie-consent",
    "lp-pagination",
    "sv-archive-portlet",
    "lp-user-hidden",
    "env-assistive-text",
    "sv-file-portlet",
    "sv-image-portlet",
    "lp-skip-links",
    "lp-header-tools",
    "sv-marketplace-sitevision-breadcrumbs",
}
# Parts of class names that mark chrome on Sitevision sites however they name it: share buttons
# (lp-share, sv-marketplace-sitevision-share, "dela"), side columns (nk-aside, sidebar), cookies.
SKIP_CLASS_PARTS = ("share", "dela", "aside", "sidebar", "social", "cookie", "breadcrumb", "pagetools")
SHARE_LINK = re.compile(r"facebook\.com/shar|twitter\.com/intent|x\.com/intent|linkedin\.com/share|^mailto:\?")
SKIP_ELEMENTS = {"nav", "form", "header", "footer", "figure", "aside"} | SKIP_TAGS
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "li", "blockquote", "dt", "dd", "th", "td"}
CONTAINER_TAGS = BLOCK_TAGS | {"div", "ul", "ol", "table", "section", "article", "figure", "main", "dl"}
# Page tools and link headings Swedish municipal sites put among the text, never part of it.
CHROME_TEXT = frozenset(
    {
        "tipsa en kompis",
        "tipsa om sidan",
        "länkar",
        "skriv ut",
        "lyssna",
        "dela",
        "dela sidan",
        "dela sidan:",
        "relaterade länkar",
        "läs upp",
        "till toppen",
        "till toppen av sidan",
        # headings and buttons of a news list beside the text
        "senaste nytt",
        "fler nyheter",
        "alla nyheter",
        "visa fler",
        "visa alla nyheter",
        "till nyhetsarkivet",
        "nyhetsarkiv",
    }
)
CATEGORY_CLASS_PARTS = ("categor", "kategori", "taglist", "amnesord")


@dataclass
class Block:
    tag: str
    text: str
    el: _Element
    cls: set[str] = field(default_factory=set)


_CHROME_CLASS_PART = re.compile("|".join(SKIP_CLASS_PARTS))  # one search of the class attribute


def _is_chrome(el: _Element, tag: str) -> bool:
    if tag in SKIP_ELEMENTS or el.get("aria-hidden") == "true" or el.get("hidden") is not None:
        return True
    cls = el.get("class")
    return bool(cls) and bool(_CHROME_CLASS_PART.search(cls) or SKIP_CLASSES.intersection(cls.split()))


def _only_share_links(el: _Element) -> bool:
    links = [a.get("href") or "" for a in el.iterdescendants("a")]
    return bool(links) and all(SHARE_LINK.search(h) for h in links)


def _is_leaf_div(el: _Element) -> bool:
    """A <div> holding only inline content (text, spans, links) is a block of its own."""
    return not any(isinstance(d.tag, str) and d.tag in CONTAINER_TAGS for d in el.iterdescendants())


def text_blocks(root: _Element) -> list[Block]:
    out: list[Block] = []

    def walk(el: _Element) -> None:
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if not tag or _is_chrome(child, tag):
                continue
            if tag in BLOCK_TAGS or (tag == "div" and _is_leaf_div(child)):
                text = text_of(child)
                if text and not _only_share_links(child):
                    out.append(Block("p" if tag == "div" else tag, text, child, classes(child)))
                continue
            walk(child)

    walk(root)
    return out


def portlet_of(el: _Element) -> _Element:
    node = el
    while node is not None:
        cls = node.get("class")  # most ancestors have no portlet class: no set built for them
        if cls and "portlet" in cls and any(c.startswith("sv-") and c.endswith("portlet") for c in cls.split()):
            return node
        node = node.getparent()
    return el.getparent() if el.getparent() is not None else el


@dataclass
class Sorted:
    lead: str | None = None
    body: list[Block] = field(default_factory=list)
    dated: list[Block] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    named: bool = False  # a portlet name decided a field
    contact_seen: bool = False


# "Uppdaterad 2 februari: Redan första dagen …": a note of news added to the text, which stays in it.
_UPDATE_NOTE = re.compile(r"^[^:]*\d[^:]*:\s+\S+(?:\s+\S+){3,}")


def is_dated(text: str) -> bool:
    if PUBLISHED_LABEL.match(text):
        return True
    return bool(UPDATED_LABEL.match(text)) and len(text) < 120 and not _UPDATE_NOTE.match(text)


def dated_blocks(blocks: list[Block]) -> list[Block]:
    """Date lines; a label alone ("Publicerat:") takes the block after it as its value."""
    out = []
    for i, b in enumerate(blocks):
        if not is_dated(b.text):
            continue
        if (
            not any(ch.isdigit() for ch in b.text)
            and i + 1 < len(blocks)
            and len(blocks[i + 1].text) < 60
            and not is_dated(blocks[i + 1].text)
            and blocks[i + 1].tag not in ("h1", "h2", "h3", "h4", "h5")
        ):
            b = Block(b.tag, f"{b.text} {blocks[i + 1].text}", b.el, b.cls)
        out.append(b)
    return out


def sort_blocks(blocks: list[Block], method: str, names: dict[_Element, str]) -> Sorted:
    out = Sorted()
    seen_title = False
    seen_text: set[str] = set()
    for i, b in enumerate(blocks):
        role = role_of(portlet_name(b.el, names))
        if b.tag == "h1":
            seen_title = True
            continue
        if is_dated(b.text):
            out.dated.extend(dated_blocks(blocks[i : i + 2])[:1])
            continue
        if is_contact_label(b.el, b.text) or BY_LINE.match(b.text):
            out.contact_seen = True
            continue
        if role == "categories" or any(part in c for c in b.cls for part in CATEGORY_CLASS_PARTS):
            out.categories.extend(categories_of(b))
            out.named = out.named or role == "categories"
            continue
        if out.lead is None and (b.cls & LEAD_CLASSES or (role == "lead" and not out.body)):
            out.lead = b.text
            out.named = out.named or role == "lead"
            continue
        if not seen_title and method == "sitevision":
            continue  # chrome above the heading
        if b.text.lower().strip(" :»") in CHROME_TEXT or b.text in seen_text or b.text == out.lead:
            continue
        if i + 1 < len(blocks) and blocks[i + 1].text == b.text:
            continue  # a label and its value, or a caption repeated: keep the later one
        seen_text.add(b.text)
        out.named = out.named or role in ("body", "title")
        out.body.append(b)
    return out


_OUTSIDE_LABEL = re.compile(
    r"(?:publicera|senast|uppdaterad|ändrad|kontakt|sidansvarig|ansvarig|artikeln)", re.IGNORECASE
)


def categories_of(b: Block) -> list[str]:
    """Each category in an element of its own ("Boende, miljö & trafik" holds a comma), else the
    line split at commas and bars."""
    parts = [text_of(c) for c in b.el if isinstance(c.tag, str) and c.tag in ("a", "span", "li")]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        parts = re.split(r"\s*[,|]\s*", b.text)
    return [p.strip() for p in parts if p.strip()]


def outside_blocks(root: _Element, main: _Element, footer: _Element | None) -> list[Block]:
    """Date and page-contact lines outside the content (older templates put them in a column
    beside it), each with the block after it, for a label that stands alone. The content, the
    header, menus and (when given) the footer are not entered."""
    body = root.find(".//body")
    pruned = {main} | ({footer} if footer is not None else set())
    out: list[Block] = []
    stack = [body if body is not None else root]
    while stack:
        el = stack.pop()
        for child in reversed(el):
            tag = child.tag
            if isinstance(tag, str) and tag not in SKIP_TAGS and tag not in ("nav", "header") and child not in pruned:
                stack.append(child)
        text = el.text
        if not text or not _OUTSIDE_LABEL.match(text.lstrip()):
            continue
        # A label is read with the line it sits in when it is inline ("<strong>Publicerad:</strong>
        # 2 maj"), or when its line goes on after it ("<span>Publicerad:</span> 2 maj 2024").
        inline = el.tag in ("strong", "b", "em", "label", "a") or (
            el.tag not in CONTAINER_TAGS and bool((el.tail or "").strip())
        )
        block = el.getparent() if inline else el
        text = text_of(block)
        if len(text) > 200:
            continue
        out.append(Block(block.tag, text, block, classes(block)))
        if not any(ch.isdigit() for ch in text) and (nxt := _next_text(block)) is not None:
            out.append(Block(nxt.tag, text_of(nxt), nxt, classes(nxt)))
    return out


def _next_text(el: _Element) -> _Element | None:
    """The first element after `el` (in document order, outside it) that has text of its own."""
    node: _Element | None = el
    while node is not None:
        for sib in node.itersiblings():
            for x in sib.iter():
                if isinstance(x.tag, str) and x.tag not in SKIP_TAGS and (x.text or "").strip():
                    return x
        node = node.getparent()
    return None


def inside_contact(b: Block, verdicts: dict[_Element, bool]) -> bool:
    portlet = portlet_of(b.el)
    if portlet not in verdicts:
        first = next(iter(lines_of(portlet)), "")
        verdicts[portlet] = bool(is_contact_label(portlet, first) or BOX_HEADING.match(first))
    return verdicts[portlet]
