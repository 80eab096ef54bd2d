"""Pages are decoded as a browser would: å, ä, ö come out right whatever the page declares."""

import codecs

import pytest

from records.parsers import parse_article
from records.parsers.encoding import decode_html, header_charset, meta_charset

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


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                       (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_every_byte_order_mark(bom, codec):
    decoded = decode_html(bom + "<p>åäö</p>".encode(codec), "text/html; charset=iso-8859-1")
    assert (decoded.text, decoded.encoding, decoded.declared, decoded.mismatch) == ("<p>åäö</p>", codec, None, False)


def test_a_declaration_that_decodes_is_no_mismatch_and_the_header_comes_first():
    body = '<meta charset="utf-8"><p>åäö</p>'.encode()
    # The header's windows-1252 decodes these bytes too (as a browser would): it wins over <meta>.
    decoded = decode_html(body, "text/html; charset=windows-1252")
    assert (decoded.text[-12:], decoded.encoding, decoded.mismatch) == ("p>Ã¥Ã¤Ã¶</p>", "cp1252", False)


def test_a_declaration_that_fails_is_reported_as_the_mismatch():
    decoded = decode_html('<meta charset="utf-8"><p>åäö</p>'.encode("cp1252"))
    assert (decoded.text, decoded.encoding, decoded.declared, decoded.mismatch) == (
        '<meta charset="utf-8"><p>åäö</p>', "cp1252", "utf-8", True)


def test_meta_charset_is_read_from_the_first_4096_bytes_only():
    late = b" " * 4100 + '<meta charset="utf-8"><p>åäö</p>'.encode("cp1252")
    assert (decode_html(late).encoding, decode_html(late).declared) == ("cp1252", None)


def test_unknown_charsets_are_ignored():
    decoded = decode_html("<p>åäö</p>".encode("cp1252"), "text/html; charset=bogus")
    assert (decoded.text, decoded.encoding, decoded.declared) == ("<p>åäö</p>", "cp1252", None)


@pytest.mark.parametrize("content_type,expected", [
    ('text/html; CHARSET="UTF-8"', "utf-8"), ("text/html; charset=latin-1", "cp1252"), ("charset=ascii", "cp1252"),
    ("charset=iso-8859-1", "cp1252"), ("text/html; charset=utf-16", "utf-16"),
    ("text/html", None), (None, None), ("", None), ("text/html; charset=bogus", None),
])
def test_header_charset(content_type, expected):
    assert header_charset(content_type) == expected


@pytest.mark.parametrize("head,expected", [
    (b'<META CHARSET = " utf-8">', "utf-8"),
    (b'<meta content="text/html; charset=ISO-8859-1" http-equiv="Content-Type">', "cp1252"),
    (b"<p>charset=utf-8</p>", None), (b"", None),
])
def test_meta_charset(head, expected):
    assert meta_charset(head) == expected


def test_bytes_neither_utf8_nor_strict_windows_1252_are_read_as_a_browser_does():
    # 0x81 … 0x9D are undefined in Python's cp1252; UnicodeDammit (used before) guessed cp1125, Cyrillic.
    body = b"<p>\x81\x8d\x8f\x90\x9d \xe5\xe4\xf6 \xc3\x28 \x80</p>"
    for content_type in (None, "text/html; charset=utf-8"):
        decoded = decode_html(body, content_type)
        assert (decoded.text, decoded.encoding) == ("<p>\x81\x8d\x8f\x90\x9d åäö Ã( €</p>", "cp1252")
        assert decoded.declared == ("utf-8" if content_type else None)


def test_a_bom_with_broken_bytes_after_it_replaces_them():
    decoded = decode_html(codecs.BOM_UTF8 + b"<p>\xff \xc3\xa5</p>")
    assert (decoded.text, decoded.encoding) == ("<p>\ufffd å</p>", "utf-8")


def test_a_second_declaration_is_tried_when_the_first_fails():
    body = '<meta charset="windows-1252"><p>åäö</p>'.encode("cp1252")
    decoded = decode_html(body, "text/html; charset=utf-8")
    assert (decoded.text[-10:], decoded.encoding, decoded.declared) == ("<p>åäö</p>", "cp1252", None)


@pytest.mark.parametrize("name,expected", [("latin-1", "cp1252"), ("l1", "cp1252"), ("iso-8859-1", "cp1252"),
                                           ("us-ascii", "cp1252"), ("utf8", "utf-8"), ("iso-8859-15", "iso8859-15")])
def test_declared_names_as_a_browser_reads_them(name, expected):
    assert header_charset(f"text/html; charset={name}") == expected
    assert meta_charset(f'<meta charset="{name}">'.encode()) == expected


def test_a_meta_charset_ending_at_byte_4096_is_read_and_one_past_it_is_not():
    tag = b'<meta charset="cp1252'
    assert meta_charset(b" " * (4096 - len(tag)) + tag + b'">') == "cp1252"
    assert meta_charset(b" " * (4097 - len(tag)) + tag + b'">') is None  # only "cp125" is in the first 4096 bytes


def test_utf8_when_every_declaration_fails_names_the_first_declaration():
    body = '<meta charset="utf-16"><p>åäö!</p>'.encode()  # 37 bytes: neither UTF-32 nor UTF-16
    decoded = decode_html(body, "text/html; charset=utf-32")
    assert (decoded.text, decoded.encoding, decoded.declared) == ('<meta charset="utf-16"><p>åäö!</p>', "utf-8", "utf-32")


@pytest.mark.parametrize("content_type", [None, "text/html; charset=utf-8"])
def test_a_utf8_page_cut_inside_its_last_letter_stays_utf8(content_type):
    whole = "<title>Kungsörs kommun</title><p>Möte på Ängen".encode()
    cut = whole[:whole.index("Ä".encode()) + 1]  # the download ended inside the two bytes of "Ä"
    decoded = decode_html(cut, content_type)
    assert (decoded.text, decoded.encoding) == ("<title>Kungsörs kommun</title><p>Möte på ", "utf-8")


def test_a_broken_byte_inside_a_utf8_page_is_not_a_cut_and_reads_as_windows_1252():
    decoded = decode_html("<p>Möte</p>".encode() + b"\xc3(<p>")
    assert (decoded.text, decoded.encoding) == ("<p>MÃ¶te</p>Ã(<p>", "cp1252")
