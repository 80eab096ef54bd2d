"""Decode page bytes the way a browser would, so a windows-1252 page gives the same å, ä, ö.

Order: a byte-order mark; then the charset of the HTTP header and of <meta charset>/http-equiv, each
tried strictly (a page declared UTF-8 but sent as windows-1252 fails that try instead of turning into
U+FFFD); then UnicodeDammit's detection. w3lib (Scrapy's response.text) falls back to UTF-8 with
replacement characters on undeclared windows-1252, hence this module.
Undeclared bytes that are not UTF-8 are read as windows-1252, the default of a browser set to Swedish
(WHATWG Encoding); chardet-style guessing takes cp1250 for Swedish text, which is wrong here.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    declared: str | None  # what the page said, when it disagreed with what it was

    @property
    def mismatch(self) -> bool:
        return self.declared is not None


def _normal(name: str | None) -> str | None:
    if not name:
        return None
    try:
        enc = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers read latin-1 and ascii declarations as windows-1252 (WHATWG Encoding).
    return "cp1252" if enc in ("latin-1", "iso8859-1", "ascii") else enc


def header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return _normal(m.group(1)) if m else None


def meta_charset(head: bytes) -> str | None:
    m = _META_CHARSET.search(head[:4096])
    return _normal(m.group(1).decode("ascii", "ignore")) if m else None


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return Decoded(body[len(bom):].decode(enc, errors="replace"), enc, None)
    declared = [e for e in (header_charset(content_type), meta_charset(body)) if e]
    for enc in dict.fromkeys(declared):
        try:
            return Decoded(body.decode(enc), enc, None)
        except UnicodeDecodeError:
            continue
    # bs4 is imported here, for the few pages that declare no charset that fits: it takes a third of
    # `kommunarkiv parse`'s start-up (soupsieve's CSS parser), and most pages say their charset
    from bs4 import UnicodeDammit

    dammit = UnicodeDammit(body, known_definite_encodings=["utf-8", "windows-1252"], is_html=True)
    if dammit.unicode_markup is not None and dammit.original_encoding:
        enc = _normal(dammit.original_encoding) or dammit.original_encoding
        return Decoded(dammit.unicode_markup, enc, declared[0] if declared else None)
    return Decoded(body.decode("utf-8", errors="replace"), "utf-8", declared[0] if declared else None)
