"""Small lxml helpers shared by the field extractors: text with <br> as a line break, class tests."""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

_WS = re.compile(r"[ \t\r\f\v\u00a0\u2009\u202f]+")
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "select", "option"})
_BLOCK_BREAKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "tr", "th", "td", "address"})
# Elements that hold a label or a value of their own in footers ("<span>TELEFON</span><span>0589-870 00</span>").
_FIELD_BREAKS = _BLOCK_BREAKS | {"span", "strong", "b", "label"}
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # zero-width spaces, soft hyphens


def parse_document(text: str) -> _Element:
    """Parse HTML into a tree; empty or unparseable text gives an empty <html> instead of raising."""
    try:
        root = lxml_html.document_fromstring(text or "<html></html>")
    except (ParserError, ValueError):
        root = lxml_html.document_fromstring("<html></html>")
    return root


def classes(el: _Element) -> set[str]:
    return set((el.get("class") or "").split())


def lines_of(el: _Element, fields: bool = False) -> list[str]:
    """The element's visible text as lines: <br> and block ends break lines, nothing is glued.
    With `fields`, each span, strong, th and td is a line of its own too (labels and values)."""
    parts: list[str] = []
    breaks = _FIELD_BREAKS if fields else _BLOCK_BREAKS

    def walk(node: _Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in SKIP_TAGS:
            if node.tail:
                parts.append(node.tail)
            return
        if tag == "br" or tag in breaks:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
        if tag in breaks:
            parts.append("\n")
        if node.tail and node is not el:
            parts.append(node.tail)

    walk(el)
    lines = (_WS.sub(" ", line).strip() for line in _INVISIBLE.sub("", "".join(parts)).split("\n"))
    return [line for line in lines if line]


def text_of(el: _Element) -> str:
    """Visible text on one line (line breaks become spaces)."""
    return " ".join(lines_of(el))


def clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = _WS.sub(" ", _INVISIBLE.sub("", text)).strip()
    return text or None
