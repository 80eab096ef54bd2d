"""The lxml helpers: lines with <br> and block ends as breaks, field lines, invisible characters."""

import pytest
from lxml import etree, html

from records.parsers.dom import classes, clean, lines_of, parse_document, text_of


def el(markup: str):
    return html.fragment_fromstring(markup)


def test_lines_break_at_br_and_block_ends_and_never_glue():
    div = el("<div>Ett<br>två<p>tre</p>fyra<span>fem</span>sex<b>sju</b></div>")
    assert lines_of(div) == ["Ett", "två", "tre", "fyrafemsexsju"]


def test_field_lines_break_at_spans_strong_b_and_label_too():
    div = el("<div><span>TELEFON</span><span>0589-870 00</span><strong>E-post</strong><b>x@y.se</b>"
             "<label>Fax</label>slut</div>")
    assert lines_of(div, fields=True) == ["TELEFON", "0589-870 00", "E-post", "x@y.se", "Fax", "slut"]


def test_skipped_elements_keep_their_tail_only():
    div = el("<div>a<script>var x;</script>b<style>p{}</style>c<button>Tryck</button>d<noscript>n</noscript>e</div>")
    assert lines_of(div) == ["abcde"]


def test_whitespace_and_invisible_characters():
    div = el("<div>  Köping\u00a0och\u2009\u202fKungsör \t<br>\u200bTjä\u00adnster\ufeff \u200c\u200d\u2060</div>")
    assert lines_of(div) == ["Köping och Kungsör", "Tjänster"]
    assert text_of(div) == "Köping och Kungsör Tjänster"


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_each_invisible_character_alone_is_dropped(invisible):
    assert lines_of(el(f"<div>Tjä{invisible}nster<br>Köping</div>")) == ["Tjänster", "Köping"]


# "&#13;": the parser turns a carriage return in the markup into a line feed, a character reference not
@pytest.mark.parametrize("space", ["  ", "\t", "&#13;", "\f", "\v", "\u00a0", "\u2009", "\u202f", " \u00a0\t "])
def test_each_kind_of_space_alone_is_one_space(space):
    assert lines_of(el(f"<div>Köping{space}och<br>Kungsör</div>")) == ["Köping och", "Kungsör"]


def test_inline_elements_with_children_break_nothing():
    div = el("<div>Ett<span>två<b>tre<i>fyra</i></b>fem</span>sex<a>sju<br>åtta</a></div>")
    assert lines_of(div) == ["Etttvåtrefyrafemsexsju", "åtta"]


def test_a_br_breaks_the_line_even_holding_elements():
    div = el("<div>Ett<br>tre</div>")
    etree.SubElement(div.find("br"), "span").text = "två"  # by hand: the HTML parser never nests in a <br>
    assert lines_of(div) == ["Ett", "tvåtre"]


def test_a_skipped_element_of_its_own_has_no_lines():
    assert lines_of(el("<div><script>var x;</script></div>").find("script")) == []


def test_the_element_s_own_tail_is_not_its_text():
    outer = el("<div><p>inne</p>efter</div>")
    assert lines_of(outer.find("p")) == ["inne"]


@pytest.mark.parametrize("tag", ["h1", "h6", "li", "dt", "dd", "address"])
def test_every_block_tag_breaks_a_line(tag):
    assert lines_of(el(f"<div>a<{tag}>b</{tag}>c</div>")) == ["a", "b", "c"]


def test_table_cells_and_rows_break_lines():
    table = el("<table><tr><th>a</th><td>b</td></tr><tr><td>c</td></tr></table>")
    assert lines_of(table) == ["a", "b", "c"]


def test_classes():
    assert classes(el('<div class=" sv-text  portlet sv-text "></div>')) == {"sv-text", "portlet"}
    assert classes(el("<div></div>")) == set()


@pytest.mark.parametrize("text,expected", [
    (None, None), ("", None), (" \u200b\u00a0 ", None), ("  a\u00a0\u00a0b\u00ad ", "a b"),
])
def test_clean(text, expected):
    assert clean(text) == expected


def test_parse_document_of_nothing_or_garbage_is_an_empty_html():
    for text in ["", None, "   "]:
        root = parse_document(text)
        assert (root.tag, "".join(root.itertext()).strip()) == ("html", "")
    assert parse_document("<p>Hej</p>").find(".//p").text == "Hej"


def test_an_xhtml_page_s_xml_declaration_is_read_past():
    # lxml refuses a str that declares its encoding; the text is decoded already
    for prolog in ['<?xml version="1.0" encoding="utf-8"?>', "\n  <?xml version='1.0' encoding='ISO-8859-1' ?>\n"]:
        root = parse_document(prolog + '<html><head><title>Åter</title></head><body><p>x</p></body></html>')
        assert (root.findtext(".//title"), "".join(root.find(".//body").itertext())) == ("Åter", "x")
    # a declaration further in is no prolog: left to the parser, which drops it
    assert parse_document('<p>a</p><?xml version="1.0"?>').findtext(".//p") == "a"


def test_text_lxml_refuses_gives_an_empty_html_too():
    # a prolog cut off before its "?>": lxml raises ValueError (it declares an encoding)
    root = parse_document('<?xml version="1.0" encoding="utf-8" <html><p>x</p></html>')
    assert (root.tag, list(root.itertext())) == ("html", [])


def test_the_empty_document_is_an_html_document_like_any_other():
    doctype = parse_document("<p>Hej</p>").getroottree().docinfo.doctype
    assert doctype.startswith("<!DOCTYPE html")
    for blank in ["", "   "]:  # "   " parses to nothing: the fallback document
        assert parse_document(blank).getroottree().docinfo.doctype == doctype


def test_comments_are_not_text_but_their_tails_are():
    assert lines_of(el("<div>a<!-- dold -->b<p>c<!-- x --></p>d</div>")) == ["ab", "c", "d"]
