"""Unit tests of portlets.py's name folding, roles and name anchors (made-up markup, each rule once)."""

import pytest

from records.parsers.dom import parse_document
from records.parsers.portlets import anchor_name, fold, portlet_name, portlet_names, role_of


@pytest.mark.parametrize(("text", "want"), [
    ("Brödtext 2", "brodtext"), ("BRÖDTEXT", "brodtext"), ("Kontakt för den här sidan", "kontaktfordenharsidan"),
    ("Ämnesområde", "amnesomrade"), ("Sid-information_1", "sidinformation"), ("", ""), (None, ""), ("123 !", ""),
])
def test_fold_keeps_lower_case_letters_without_diacritics(text, want):
    assert fold(text) == want


@pytest.mark.parametrize(("name", "want"), [
    ("ingress", "lead"), ("ingress2", "lead"), ("brodtext", "body"), ("text", "body"), ("publiceringsdatum", "date"),
    ("sidinformation", "date"), ("amnesomrade", "categories"), ("amne", "categories"), ("sidfot", "footer"),
    ("kontaktfordenharsidan", "page_contact"), ("sidansvarig", "page_contact"), ("bild", None), ("", None),
    (None, None), ("xingress", None),
])
def test_a_name_has_the_role_of_its_first_matching_prefix(name, want):
    assert role_of(name) == want


def _div(markup: str):
    return parse_document(f"<html><body>{markup}</body></html>").find(".//body/div")


@pytest.mark.parametrize(("markup", "want"), [
    ('<div id="svid12_1"><!-- Brödtext --></div>', "brodtext"),
    ('<div id="svid12_1"><!-- 123 --></div>', None),                 # a comment with no letters names nothing
    ('<div id="Ingress-2"></div>', "ingress"),                        # comments stripped: the id, less its number
    ('<div id="svid12_1"></div>', None),                              # a generated id is no name
    ('<div><!-- Ingress --></div>', None),                            # no id
    ('<div id="a" class="c"><!-- Ingress --></div>', None),           # a class: a styled box, not an anchor
    ('<div id="a">x<!-- Ingress --></div>', None),                    # text in it
    ('<div id="a"><!-- Ingress -->x</div>', None),                    # text after the comment
    ('<div id="a"><!-- Ingress --><!-- Text --></div>', None),        # two comments
    ('<div id="a"><span></span></div>', None),                        # an element in it
])
def test_a_name_anchor_is_an_id_div_holding_only_a_comment_or_nothing(markup, want):
    assert anchor_name(_div(markup)) == want


def test_an_anchor_that_is_not_a_div_names_nothing():
    span = parse_document('<html><body><span id="Ingress"></span></body></html>').find(".//span")
    assert anchor_name(span) is None


def test_portlet_names_map_the_container_whose_first_element_is_the_anchor():
    root = parse_document(
        '<html><body><main>'
        '<div id="p1"><div id="svid1"><!-- Ingress --></div><p>Lead</p></div>'
        '<div id="p2"><p>first</p><div id="svid2"><!-- Brödtext --></div></div>'  # not first: no name
        '<div id="p3"><!-- x --><div id="svid3"><!-- Sidfot --></div></div>'       # a comment before still first
        '</main></body></html>')
    names = portlet_names(root)
    assert {el.get("id"): n for el, n in names.items()} == {"p1": "ingress", "p3": "sidfot"}
    lead = root.find(".//p")
    assert portlet_name(lead, names) == "ingress"
    assert portlet_name(root.find(".//main"), names) is None


def test_bare_anchors_count_only_when_the_page_has_no_anchor_comments():
    bare = parse_document('<html><body><main><div id="p1"><div id="Ingress"></div><p>L</p></div>'
                          '</main></body></html>')
    assert {el.get("id"): n for el, n in portlet_names(bare).items()} == {"p1": "ingress"}
    mixed = parse_document('<html><body><main><div id="p1"><div id="Ingress"></div><p>L</p></div>'
                           '<div id="p2"><div id="svid2"><!-- Text --></div></div></main></body></html>')
    assert {el.get("id"): n for el, n in portlet_names(mixed).items()} == {"p2": "text"}
