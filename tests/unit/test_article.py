"""Unit tests of article.py's helpers: link resolution, the template class and the title's sources."""

import pytest

from records.parsers.article import _join, _template, _title
from records.parsers.dom import parse_document

BASE = "https://www.k.se/nyheter/a.html"


@pytest.mark.parametrize(("href", "want"), [
    ("/download/18.ab1/1700000000000/Plan.pdf", "https://www.k.se/download/18.ab1/1700000000000/Plan.pdf"),
    ("/a/.b", "https://www.k.se/a/.b"),
    ("//cdn.k.se/x.pdf", "https://cdn.k.se/x.pdf"),   # protocol-relative: another host
    ("/a/../b.pdf", "https://www.k.se/b.pdf"),          # dot segments removed
    ("/a/./b.pdf", "https://www.k.se/a/b.pdf"),
    ("/a/.", "https://www.k.se/a/"),
    ("/a?", "https://www.k.se/a"),                      # an empty query or fragment dropped
    ("/a#", "https://www.k.se/a"),
    ("/a?x=1#y", "https://www.k.se/a?x=1#y"),
    ("/a\tb.pdf", "https://www.k.se/ab.pdf"),           # a tab inside a URL is ignored
    ("Plan.pdf", "https://www.k.se/nyheter/Plan.pdf"),  # relative to the page's folder
    ("https://other.se/x", "https://other.se/x"),
])
def test_links_resolve_as_urljoin_resolves_them(href, want):
    assert _join(BASE, href) == want


def test_a_root_relative_link_on_a_file_page_stays_a_path():
    assert _join("file:///tmp/a.html", "/download/x.pdf") == "file:///download/x.pdf"


def test_the_template_is_the_first_sv_template_class_of_the_root():
    root = parse_document('<html class="js sv-template-nyhetsartikel sv-template-x"><body></body></html>')
    assert _template(root) == "sv-template-nyhetsartikel"
    assert _template(parse_document("<html><body></body></html>")) is None


@pytest.mark.parametrize(("head", "body", "want"), [
    ("<title>T | K kommun</title>", '<h1 class="lp-user-hidden">Dold</h1><h1> </h1><h1> Rubrik  här </h1>', "Rubrik här"),
    ('<script type="application/ld+json">{"headline": " LD  rubrik "}</script>'
     '<meta property="og:title" content="OG"><title>T</title>', "", "LD rubrik"),
    ('<meta property="og:title" content=" OG  rubrik "><title>T</title>', "", "OG rubrik"),
    ("<title>Nyhet – K kommun</title>", "", "Nyhet"),
    ("<title>Nyhet-i-dag - K kommun</title>", "", "Nyhet-i-dag"),
    ("", "<p>x</p>", None),
])
def test_the_title_comes_from_h1_then_json_ld_then_og_then_title(head, body, want):
    root = parse_document(f"<html><head>{head}</head><body><main>{body}</main></body></html>")
    assert _title(root, root.find(".//main")) == want
