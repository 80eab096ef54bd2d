"""Pages are decoded as a browser would: å, ä, ö come out right whatever the page declares."""

import codecs

import pytest

from records.parsers import parse_article
from records.parsers.encoding import decode_html

TEXT = "<html><head>{meta}<title>Förskolan på Åsen</title></head><body><main><h1>Förskolan på Åsen</h1></main></body></html>"


@pytest.mark.parametrize("meta,header,encoding", [
    ("<meta charset=utf-8>", "text/html; charset=utf-8", "utf-8"),
    ("<meta charset=utf-8>", "text/html; charset=utf-8", "cp1252"),  # declared UTF-8, sent as windows-1252
    ("", None, "cp1252"),  # nothing declared
    ("", None, "utf-8"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', None, "cp1252"),
    ("<meta charset=windows-1252>", "text/html", "cp1252"),
])
def test_swedish_letters_survive(meta, header, encoding):
    body = TEXT.format(meta=meta).encode(encoding)
    assert "Förskolan på Åsen" in decode_html(body, header).text


def test_bom_wins():
    body = codecs.BOM_UTF8 + TEXT.format(meta="<meta charset=iso-8859-1>").encode("utf-8")
    decoded = decode_html(body, "text/html; charset=iso-8859-1")
    assert decoded.encoding == "utf-8" and "Åsen" in decoded.text


def test_mismatch_becomes_a_parser_warning():
    body = TEXT.format(meta="<meta charset=utf-8>").encode("cp1252")
    record = parse_article(body, "https://www.arboga.se/x.html", content_type="text/html; charset=utf-8")
    assert record.title == "Förskolan på Åsen"
    assert any("declared utf-8" in w for w in record.extraction.warnings)
