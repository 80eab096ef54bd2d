"""The fallback for pages whose template is not recognised as Sitevision: JSON-LD, OpenGraph and
meta tags for the title, and trafilatura for the body text."""

from __future__ import annotations

import json
from typing import Any

from lxml.etree import _Element


def json_ld_objects(root: _Element) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in root.iterfind(".//script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        out.extend(i for i in items if isinstance(i, dict))
    return out


def json_ld_value(root: _Element, key: str) -> str | None:
    for item in json_ld_objects(root):
        if isinstance(value := item.get(key), str) and value.strip():
            return value.strip()
    return None


def generic_paragraphs(html: str) -> list[str]:
    """The main text as trafilatura finds it, one string per paragraph, heading or list item.

    Read from trafilatura's XML, not its plain text: the text output breaks lines at every <br> and
    joins nothing, so a paragraph's lines and the paragraphs themselves could not be told apart."""
    import trafilatura  # imported on first use: it takes ~0.5 s and most pages never need it
    from lxml import etree

    xml = trafilatura.extract(html, output_format="xml", include_comments=False, include_tables=False,
                              favor_precision=True, deduplicate=False)
    if not xml:
        return []
    try:
        doc = etree.fromstring(xml.encode())
    except etree.XMLSyntaxError:
        return []
    out: list[str] = []
    # The whole <doc>: with include_comments=False it holds only <main> and an empty <comments>.
    for el in doc.iter("p", "head", "item", "quote"):
        if any(a.tag in ("p", "head", "item", "quote") for a in el.iterancestors()):
            continue
        for lb in el.iter("lb"):
            lb.tail = " " + (lb.tail or "")
        text = " ".join("".join(el.itertext()).split())
        if text and text not in out:
            out.append(text)
    return out
