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


def generic_body(html: str) -> str | None:
    """The main text as trafilatura finds it, paragraphs separated by one blank line."""
    import trafilatura  # imported on first use: it takes ~0.5 s and most pages never need it

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True,
                               deduplicate=False)
    if not text:
        return None
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
