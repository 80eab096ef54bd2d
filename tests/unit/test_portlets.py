"""Unit tests of portlets.py's name folding, roles and name anchors (made-up markup, each rule once)."""

import pytest
from lxml import etree

from records.parsers.dom import parse_document
from records.parsers.portlets import (
    _after,
    _common_ancestor,
    _spaced,
    anchor_name,
    content_root,
    find_footer,
    fold,
    portlet_name,
    portlet_names,
    role_of,
)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Brödtext 2", "brodtext"),
        ("BRÖDTEXT", "brodtext"),
        ("Kontakt för den här sidan", "kontaktfordenharsidan"),
        ("Ämnesområde", "amnesomrade"),
        ("Sid-information_1", "sidinformation"),
        ("", ""),
        (None, ""),
        ("123 !", ""),
    ],
)
def test_fold_keeps_lower_case_letters_without_diacritics(text, want):
    assert fold(text) == want


@pytest.mark.parametrize(
    ("name", "want"),
    [
        ("ingress", "lead"),
        ("ingress2", "lead"),
        ("brodtext", "body"),
        ("text", "body"),
        ("publiceringsdatum", "date"),
        ("sidinformation", "date"),
        ("amnesomrade", "categories"),
        ("amne", "categories"),
        ("sidfot", "footer"),
        ("kontaktfordenharsidan", "page_contact"),
        ("sidansvarig", "page_contact"),
        ("bild", None),
        ("", None),
        (None, None),
        ("xingress", None),
    ],
)
def test_a_name_has_the_role_of_its_first_matching_prefix(name, want):
    assert role_of(name) == want


def _div(markup: str):
    return parse_document(f"<html><body>{markup}</body></html>").find(".//body/div")


@pytest.mark.parametrize(
    ("markup", "want"),
    [
        ('<div id="svid12_1"><!-- Brödtext --></div>', "brodtext"),
        ('<div id="svid12_1"><!-- 123 --></div>', None),  # a comment with no letters names nothing
        ('<div id="Ingress-2"></div>', "ingress"),  # comments stripped: the id, less its number
        ('<div id="svid12_1"></div>', None),  # a generated id is no name
        ("<div><!-- Ingress --></div>", None),  # no id
        ('<div id="a" class="c"><!-- Ingress --></div>', None),  # a class: a styled box, not an anchor
        ('<div id="a">x<!-- Ingress --></div>', None),  # text in it
        ('<div id="a"><!-- Ingress -->x</div>', None),  # text after the comment
        ('<div id="a"><!-- Ingress --><!-- Text --></div>', None),  # two comments
        ('<div id="a"><span></span></div>', None),  # an element in it
    ],
)
def test_a_name_anchor_is_an_id_div_holding_only_a_comment_or_nothing(markup, want):
    assert anchor_name(_div(markup)) == want


def test_an_anchor_that_is_not_a_div_names_nothing():
    span = parse_document('<html><body><span id="Ingress"></span></body></html>').find(".//span")
    assert anchor_name(span) is None


def test_portlet_names_map_the_container_whose_first_element_is_the_anchor():
    root = parse_document(
        "<html><body><main>"
        '<div id="p1"><div id="svid1"><!-- Ingress --></div><p>Lead</p></div>'
        '<div id="p2"><p>first</p><div id="svid2"><!-- Brödtext --></div></div>'  # not first: no name
        '<div id="p3"><!-- x --><div id="svid3"><!-- Sidfot --></div></div>'  # a comment before still first
        "</main></body></html>"
    )
    names = portlet_names(root)
    assert {el.get("id"): n for el, n in names.items()} == {"p1": "ingress", "p3": "sidfot"}
    lead = root.find(".//p")
    assert portlet_name(lead, names) == "ingress"
    assert portlet_name(root.find(".//main"), names) is None


def test_bare_anchors_count_only_when_the_page_has_no_anchor_comments():
    bare = parse_document('<html><body><main><div id="p1"><div id="Ingress"></div><p>L</p></div></main></body></html>')
    assert {el.get("id"): n for el, n in portlet_names(bare).items()} == {"p1": "ingress"}
    mixed = parse_document(
        '<html><body><main><div id="p1"><div id="Ingress"></div><p>L</p></div>'
        '<div id="p2"><div id="svid2"><!-- Text --></div></div></main></body></html>'
    )
    assert {el.get("id"): n for el, n in portlet_names(mixed).items()} == {"p2": "text"}


def _names_by_id(body: str) -> dict[str, str]:
    root = parse_document(f"<html><body><main>{body}</main></body></html>")
    return {el.get("id"): n for el, n in portlet_names(root).items()}


@pytest.mark.parametrize(
    "body",
    [
        '<div id="p"><div id="a"><span>Ingress</span></div><p>L</p></div>',  # an element, not a comment
        '<div id="p"><p>Text<!-- Ingress --></p></div>',  # a comment in text
        '<div id="p"><span id="a"><!-- Ingress --></span></div>',  # not a div
        '<div id="p"><div id="a"><!-- Ingress --><!-- Text --></div></div>',  # two comments
        '<div id="p"><div><!-- Ingress --></div></div>',  # no id
        '<div id="p"><div id="a" class="box"><!-- Ingress --></div></div>',  # a class
        '<div id="p"><div id="a">x<!-- Ingress --></div></div>',  # text before the comment
        '<div id="p"><div id="a"><!-- Ingress -->x</div></div>',  # text after it
        '<div id="p"><p>first</p><!-- x --><div id="a"><!-- Ingress --></div></div>',  # an element before
    ],
)
def test_a_comment_names_a_portlet_only_alone_in_a_plain_id_div_that_opens_its_container(body):
    assert _names_by_id(body) == {}


def test_an_anchor_without_a_name_does_not_end_the_search():
    body = '<div id="p0"><div id="a0"><!-- 123 --></div></div><div id="p1"><div id="a1"><!-- Ingress --></div></div>'
    assert _names_by_id(body) == {"p1": "ingress"}


def _page(body: str):
    return parse_document(f"<html><body>{body}</body></html>")


LONG = "Kommunen bygger en ny skola vid sjön i höst."  # 44 characters: a region of text of its own


def test_the_content_root_is_main_when_there_is_one():
    root = _page(f'<div class="pagecontent"><h1>R</h1><p>{LONG}</p></div><main><p>M</p></main>')
    assert content_root(root) == (root.find(".//main"), "main")


@pytest.mark.parametrize(
    ("region", "want"),
    [
        ('<!--  PAGE CONTENT STARTS HERE  --><!-- x --><div id="r">', ("div", "r")),
        ('<div id="r" class="a pagecontent">', ("div", "r")),
        ('<div class="Huvudinnehall-x"><div id="Huvudinnehall">', ("div", "Huvudinnehall")),
        ('<div><div id="huvudinnehall">', ("div", "huvudinnehall")),
        ('<div><section id="content">', ("section", "content")),
    ],
)
def test_the_content_root_is_the_page_content_region_holding_the_heading(region, want):
    closing = "</section>" * region.count("<section") + "</div>" * region.count("<div")
    root = _page(f'<div class="pagecontent"><p>{LONG}</p></div>{region}<h1>Rubrik</h1><p>{LONG}</p>{closing}')
    found, how = content_root(root)
    assert ((found.tag, found.get("id")), how) == (want, "pagecontent")


def test_no_region_holding_a_heading_is_no_content_root():
    assert content_root(_page(f'<div class="pagecontent"><p>{LONG}</p></div><h1>R</h1>')) == (None, "none")
    assert content_root(_page("<!-- Page content starts here -->")) == (None, "none")
    assert content_root(_page("<!-- Page content stops here --><div><h1>R</h1></div>")) == (None, "none")
    assert content_root(_page("<p>Page content starts here</p><div><h1>R</h1></div>")) == (None, "none")  # text
    assert content_root(_page('<section class="pagecontent"><h1>R</h1></section>')) == (None, "none")  # a div only


def _widened(title_region: str, next_text: str, before: bool = False) -> str | None:
    other = f'<div id="o"><div class="pagecontent">{next_text}</div></div>'
    root = _page(
        '<div id="outer">'
        + (other if before else "")
        + f'<div id="t"><div class="pagecontent" id="h">{title_region}</div></div>'
        + ("" if before else other)
        + "</div>"
    )
    found, how = content_root(root)
    assert how == "pagecontent"
    return found.get("id")


def test_a_heading_alone_in_its_region_widens_it_to_the_next_region():
    assert _widened("<h1>Rubrik</h1>", f"<p>{LONG}</p>") == "outer"
    assert _widened("<h1>Rubrik</h1>\n  \n<p>Foto: Annika Eriksso</p>\n  \n", f"<p>{LONG}</p>") == "outer"  # 20 more
    assert _widened("<h1>Rubrik</h1><p>Foto: Annika Eriksson</p>", f"<p>{LONG}</p>") == "h"  # 21 more: text
    assert _widened("<h1>Ny <em>skola</em></h1><p>Foto: Annika Eriksson</p>", f"<p>{LONG}</p>") == "h"  # 21 more
    assert _widened("<h1>Rubrik</h1>", f"<p>{LONG}</p>", before=True) == "h"  # a region before is no text of it
    assert _widened("<h1>Rubrik</h1>", f"<p>{'x' * 40}</p>") == "h"  # too short to be the text
    assert _widened("<h1>Rubrik</h1>", f"<p>{'x' * 39}</p><p> </p><p>y</p>") == "outer"  # 41 with spaces


def test_after_and_the_common_ancestor():
    root = _page('<div id="a"><div id="b"><p id="c"></p></div><div id="d"><p id="e"></p></div></div>')
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    assert [_after(by_id["c"], by_id[x]) for x in "abde"] == [False, False, True, True]
    assert _after(by_id["c"], _page("<p></p>").find(".//p")) is False  # not in the tree
    assert _common_ancestor(by_id["c"], by_id["e"]) is by_id["a"]
    assert _common_ancestor(by_id["c"], by_id["d"]) is by_id["a"]
    assert _common_ancestor(by_id["b"], by_id["c"]) is by_id["a"]  # an element is not its own ancestor


def test_spaced_text_keeps_text_nodes_apart():
    root = _page("<p>Storgatan 37<br>434 81 Kungsbacka</p>")
    assert _spaced(root.find(".//p")) == "Storgatan 37 434 81 Kungsbacka"


def _footer_id(body: str, content_id: str | None = "c"):
    root = _page(body)
    content = next((el for el in root.iter() if el.get("id") == content_id), None) if content_id else None
    found = find_footer(root, content)
    return None if found is None else (found.tag, found.get("id"))


ADDRESS = "<p>Storgatan 1</p><p>732 21 Arboga</p><p>Tel 0589-870 00</p>"


def test_a_footer_element_with_text_is_the_footer():
    assert _footer_id(f'<footer id="f"><p>Om webbplatsen</p></footer><div class="sidfot" id="s">{ADDRESS}</div>') == (
        "footer",
        "f",
    )


def test_an_empty_footer_element_is_the_footer_only_when_nothing_else_is():
    assert _footer_id('<footer id="f"> <p> </p> </footer>') == ("footer", "f")
    assert _footer_id(f'<footer id="f"> </footer><div class="sidfot" id="s">{ADDRESS}</div>') == ("div", "s")


@pytest.mark.parametrize(
    "box",
    [
        '<div class="x Sidfot-wrapper" id="s"><p>Tel 0589-870 00</p></div>',
        '<section class="site-FOOTER" id="s"><p>info@arboga.se</p></section>',
        '<aside class="sidfot" id="s"><p>732 21 Arboga</p></aside>',
        '<div id="s"><div id="svid1"><!-- Sidfot --></div><p>Tel 0589-870 00</p></div>',
    ],
)
def test_a_box_whose_class_or_portlet_name_says_footer_and_that_holds_a_contact_is_the_footer(box):
    found = _footer_id(f'<div></div><div id="c"><div class="sidfot"><p>0589-870 00</p></div></div>{box}')
    assert found is not None and found[1] == "s"


@pytest.mark.parametrize(
    "box",
    [
        '<div class="sidfot" id="s"><p>Om webbplatsen</p></div>',  # no contact in it
        '<div id="s"><div id="svid1"><!-- Bild --></div><p>Tel 0589-870 00</p></div>',  # another name
        '<div id="s"><!-- Sidfot --><p>Tel 0589-870 00</p></div>',  # a comment is no anchor of its own
        '<div class="sv-text-portlet" id="s"><p>Tel 0589-870 00</p></div>',
    ],
)
def test_a_box_is_no_footer_without_both_a_footer_class_or_name_and_a_contact(box):
    assert _footer_id(box) is None


@pytest.mark.parametrize("tag", ["p", "strong", "span", "h2", "h3", "h4"])
def test_without_a_footer_the_last_block_naming_the_organisation_beside_two_kinds_of_contact_is(tag):
    block = f'<div id="b"><{tag}>Arboga kommun | Box 45</{tag}><p>732 21 Arboga</p><p>Tel 0589-870 00</p></div>'
    assert _footer_id(block) == ("div", "b")


@pytest.mark.parametrize(
    ("block", "want"),
    [
        (f'<div id="b"><p>Arboga kommun</p>{ADDRESS}</div>', ("div", "b")),
        ('<div id="b"><p>Arboga kommun</p><p>Tel 0589-870 00</p></div>', None),  # one kind only
        ('<div id="b"><p>Arboga kommun</p><p>info@arboga.se, 0589-870 00</p></div>', ("div", "b")),
        ('<div id="b"><p id="o">Arboga kommun 732 21 Arboga, info@arboga.se</p></div>', ("p", "o")),
        ('<div id="b"><h5>Arboga kommun</h5><p>info@arboga.se 0589-870 00</p></div>', None),  # no such block
        ('<div id="b"><p>arboga.kommun@arboga.se</p><p>732 21 Arboga 0589-870 00</p></div>', None),  # no name
        ('<div id="b"><p>Kommun</p><p>732 21 Arboga 0589-870 00</p></div>', None),
        ('<div id="b"><p>Box 45, Arboga kommun</p><p>732 21 Arboga 0589-870 00</p></div>', None),  # not at its head
        (
            f'<div id="b"><p>Arboga kommun, {"Stadshuset vid Nytorget i centrala Arboga" * 2}</p>'
            "<p>732 21 Arboga 0589-870 00</p></div>",
            ("div", "b"),
        ),
        (f'<div id="b"><p>{"x" * 46} Arboga kommun</p><p>732 21 Arboga 0589-870 00</p></div>', ("div", "b")),
        (f'<div id="b"><p>{"x" * 47} Arboga kommun</p><p>732 21 Arboga 0589-870 00</p></div>', None),  # 61
    ],
)
def test_an_organisation_block_needs_the_name_at_its_head_and_two_kinds_of_contact(block, want):
    assert _footer_id(block) == want


def test_the_organisation_block_is_the_nearest_and_the_last_and_never_in_the_content():
    inner = f'<div id="i"><p>Arboga kommun</p>{ADDRESS}</div>'
    assert _footer_id(f'<div id="w">{inner}<p>Box 45, 732 21 Arboga</p></div>') == ("div", "i")
    assert _footer_id(f'<div id="c">{inner}</div>') is None
    assert _footer_id(f'<div id="c">{inner}</div>', content_id=None) == ("div", "i")
    later = f'<div id="j"><p>Kungsörs kommun</p>{ADDRESS}</div>'
    assert _footer_id(f"{inner}{later}") == ("div", "j")


def test_the_organisation_block_stops_at_the_body_and_at_1500_characters():
    assert _footer_id(f"<p>Arboga kommun</p>{ADDRESS}") is None  # its only holder is the body
    pad = "x" * (1500 - len("Arboga kommun 732 21 Arboga 0589-870 00 "))
    fits = f'<div id="b"><p>Arboga kommun</p><p>732 21 Arboga</p><p>0589-870 00</p><p>{pad}</p></div>'
    assert _footer_id(fits) == ("div", "b")
    too_long = fits.replace(pad, pad + "x")
    assert _footer_id(too_long) is None
    later = f'<div id="g"><p>Kungsörs kommun</p>{ADDRESS}</div>'
    assert _footer_id(too_long + later) == ("div", "g")  # one block too long ends the look up from it only
    assert _footer_id(f"<p>Arboga kommun</p>{later}") == ("div", "g")


def test_the_organisation_block_stops_at_the_root_of_a_tree_without_a_body():
    root = etree.fromstring("<html><p>Arboga kommun</p><p>732 21 Arboga 0589-870 00</p></html>")
    assert find_footer(root, None) is None
