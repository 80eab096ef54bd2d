"""Small lxml helpers shared by the field extractors: text with <br> as a line break, class tests."""

from __future__ import annotations

import re

from lxml import etree
from lxml.etree import ParserError, _Element

# A run of spaces, tabs and no-break or thin spaces is one space. Only runs that change are matched
# (two or more, or one that is not a plain space): matching each single space made sub rebuild every
# text. Written to begin with one character class, which the regex engine scans for quickly (an
# alternation of two classes it tries at every position: twice as slow).
_SPACE = " \t\r\f\v\u00a0\u2009\u202f"
_WS = re.compile(rf"[{_SPACE}](?:(?<= )[{_SPACE}]+|(?<! )[{_SPACE}]*)")
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "select", "option"})
_BLOCK_BREAKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "tr", "th", "td", "address"})
# Elements that hold a label or a value of their own in footers ("<span>TELEFON</span><span>0589-870 00</span>").
_FIELD_BREAKS = _BLOCK_BREAKS | {"span", "strong", "b", "label"}
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # zero-width spaces, soft hyphens
# libxml2's HTML parser as lxml.html.document_fromstring uses it, but giving plain elements:
# lxml.html calls a Python class lookup for every element the parsers touch (6 % of a parse).
# collect_ids=False: no hash table of id attributes, which only XPath id() reads and nothing here
# calls (3 % of a parse's instructions: Sitevision gives most elements an svid id).
_HTML_PARSER = etree.HTMLParser(collect_ids=False)


# An XHTML page's XML declaration. lxml refuses text that declares an encoding ("Unicode strings with
# encoding declaration are not supported"), so such a page came out empty; the text is decoded
# already (records/parsers/encoding.py), and the declaration says nothing more.
_XML_DECLARATION = re.compile(r"\A<\?xml\b[^>]*\?>")  # lxml reads one after a space or a BOM


def parse_document(text: str) -> _Element:
    """Parse HTML into a tree; empty or unparseable text gives an empty <html> instead of raising."""
    if text and text.startswith("<?xml"):
        text = _XML_DECLARATION.sub("", text, count=1)
    try:
        root = etree.fromstring(text or "<html></html>", _HTML_PARSER)  # None for blank text
    except (ParserError, ValueError):
        root = None
    return root if root is not None else etree.fromstring("<html></html>", _HTML_PARSER)


def classes(el: _Element) -> set[str]:
    return set((el.get("class") or "").split())


def lines_of(el: _Element, fields: bool = False) -> list[str]:
    """The element's visible text as lines: <br> and block ends break lines, nothing is glued.
    With `fields`, each span, strong, th and td is a line of its own too (labels and values)."""
    tag = el.tag
    if not isinstance(tag, str):  # a comment or processing instruction: no text of its own
        return []
    if tag in SKIP_TAGS:
        return _lines(el.tail or "")
    parts: list[str] = []
    _collect(el, parts, _FIELD_BREAKS if fields else _BLOCK_BREAKS)
    return _lines("".join(parts))


def _collect(node: _Element, parts: list[str], breaks: frozenset[str]) -> None:
    """Append the text of `node` (an element not skipped) and of its children, with "\n" at breaks;
    each child's tail is appended here, so that `node`'s own tail is never its text."""
    append = parts.append
    broken = node.tag in breaks
    if broken or node.tag == "br":
        append("\n")
    if node.text:
        append(node.text)
    for child in node:
        tag = child.tag
        if isinstance(tag, str) and tag not in SKIP_TAGS:  # comments give only their tail, like skipped tags
            if len(child):
                _collect(child, parts, breaks)
            else:  # a leaf, most elements: no call
                leaf_break = tag in breaks
                if leaf_break or tag == "br":
                    append("\n")
                if child.text:
                    append(child.text)
                if leaf_break:
                    append("\n")
        if child.tail:
            append(child.tail)
    if broken:
        append("\n")


def _lines(text: str) -> list[str]:
    # Substring tests first: 3 texts in 8,630 have a run of spaces or an invisible character, and a
    # character test is free on a text that cannot hold it (Python knows a str's widest character),
    # where each regex scan costs a microsecond. The tests are exactly "_INVISIBLE / _WS would match".
    if "\u00ad" in text or "\u200b" in text or "\u200c" in text or "\u200d" in text or "\u2060" in text \
            or "\ufeff" in text:
        text = _INVISIBLE.sub("", text)
    if "  " in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text or "\u00a0" in text \
            or "\u2009" in text or "\u202f" in text:
        text = _WS.sub(" ", text)  # never matches "\n": one substitution over the whole text is one per line
    return [stripped for line in text.split("\n") if (stripped := line.strip())]


def text_of(el: _Element) -> str:
    """Visible text on one line (line breaks become spaces)."""
    return " ".join(lines_of(el))


def clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = _WS.sub(" ", _INVISIBLE.sub("", text)).strip()
    return text or None
