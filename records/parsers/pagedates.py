"""The publication and update dates of a page: labelled text, <time>, meta tags, JSON-LD, scripts,
and at last the date a Sitevision news URL begins its slug with."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from lxml.etree import _Element

from records.parsers.dates import ParsedDate, parse_swedish_date
from records.parsers.generic import json_ld_value

PUBLISHED_LABEL = re.compile(r"^(?:publicerad|publicerat|publiceringsdatum)\b", re.IGNORECASE)
UPDATED_LABEL = re.compile(r"^(?:senast uppdaterad|uppdaterad|ändrad|senast ändrad)\b", re.IGNORECASE)
META_PUBLISHED = ("article:published_time", "DC.date.issued", "dcterms.issued", "DC.date", "dcterms.created",
                  "date", "pubdate")
META_MODIFIED = ("article:modified_time", "DC.modified", "dcterms.modified", "last-modified")
SCRIPT_DATE = re.compile(r"[\"'](?:datePublished|publishDate|publishedDate|published)[\"']\s*:\s*[\"']([^\"']{8,40})")
URL_DATE = re.compile(r"/((?:19|20)\d\d-[01]\d-[0-3]\d)-[^/]*$")


def meta(root: _Element, names: tuple[str, ...]) -> tuple[str, str] | None:
    """The first of `names` (in their order) that the page has as a <meta name|property> with content."""
    found: dict[str, str] = {}
    for el in root.iterfind(".//meta"):
        key = (el.get("name") or el.get("property") or "").lower()
        if key and el.get("content"):
            found.setdefault(key, el.get("content"))
    return next(((name, found[name.lower()]) for name in names if name.lower() in found), None)


@dataclass
class Dates:
    published: ParsedDate | None = None
    published_source: str | None = None
    updated: ParsedDate | None = None
    updated_source: str | None = None


class DateLine(Protocol):
    """A block of text that holds a date label (blocks.Block is one)."""

    el: _Element
    text: str


def find_dates(root: _Element, main: _Element, dated_blocks: Sequence[DateLine], url: str = "") -> Dates:
    d = Dates()
    pub_blocks = [b for b in dated_blocks if PUBLISHED_LABEL.match(b.text)]
    upd_blocks = [b for b in dated_blocks if UPDATED_LABEL.match(b.text)]
    for b in pub_blocks:
        t = b.el.find(".//time")
        if t is not None and t.get("datetime"):
            d.published, d.published_source = parse_swedish_date(t.get("datetime")), "time[datetime]"
            if d.published:
                d.published = ParsedDate(d.published.value, d.published.has_time, b.text)
                break
    if d.published is None:
        t = next((t for t in main.iterfind(".//time") if t.get("datetime")
                  and not any(t in b.el.iter() for b in upd_blocks)), None)
        if t is not None:
            d.published, d.published_source = parse_swedish_date(t.get("datetime")), "time[datetime]"
    if d.published is None and (m := meta(root, META_PUBLISHED)):
        d.published, d.published_source = parse_swedish_date(m[1]), f"meta:{m[0]}"
    if d.published is None and (ld := json_ld_value(root, "datePublished")):
        d.published, d.published_source = parse_swedish_date(ld), "json-ld:datePublished"
    if d.published is None:
        for script in root.iterfind(".//script"):
            text = script.text or ""
            m2 = SCRIPT_DATE.search(text) if "ublish" in text else None  # a substring test first: scripts are large
            if m2 and (parsed := parse_swedish_date(m2.group(1))):
                d.published, d.published_source = parsed, "script"
                break
    if d.published is None:
        for b in pub_blocks:
            if parsed := parse_swedish_date(b.text):
                d.published, d.published_source = parsed, "text"
                break
    if d.published is None and (m4 := URL_DATE.search(url)):
        # Sitevision news URLs begin their slug with the publication date: /2020-11-04-reducerat-...
        # Read before the updates, whose text may lack a year that this date gives them.
        d.published, d.published_source = parse_swedish_date(m4.group(1)), "url"
    reference: date | None = d.published.day if d.published else None
    for b in sorted(upd_blocks, key=lambda b: not b.text.lower().startswith("senast")):
        t = b.el.find(".//time")
        if t is not None and t.get("datetime") and (parsed := parse_swedish_date(t.get("datetime"))):
            d.updated, d.updated_source = ParsedDate(parsed.value, parsed.has_time, b.text), "time[datetime]"
            break
        if parsed := parse_swedish_date(b.text, reference):
            d.updated, d.updated_source = parsed, "text"
            break
    for b in pub_blocks:  # a byline holding both dates: "Publicerad: … | Uppdaterad 4 maj"
        if (d.updated is None and (m3 := re.search(r"uppdaterad\b.*$", b.text, re.IGNORECASE))
                and (parsed := parse_swedish_date(m3.group(0), reference))):
            d.updated, d.updated_source = parsed, "text"
    if d.updated is None and (m := meta(root, META_MODIFIED)):
        d.updated, d.updated_source = parse_swedish_date(m[1], reference), f"meta:{m[0]}"
    return d
