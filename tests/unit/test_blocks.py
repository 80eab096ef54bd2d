"""Unit tests of blocks.py: which elements are text blocks, and what each block is (made-up markup,
each rule on both sides)."""

import pytest
from lxml import etree

from records.parsers.article import parse_article
from records.parsers.blocks import (
    Block,
    _is_chrome,
    _is_leaf_div,
    _next_text,
    _only_share_links,
    categories_of,
    dated_blocks,
    inside_contact,
    is_dated,
    outside_blocks,
    portlet_of,
    sort_blocks,
    text_blocks,
)
from records.parsers.dom import parse_document, text_of


def _root(body: str, head: str = ""):
    return parse_document(f"<html><head>{head}</head><body>{body}</body></html>")


def _body(markup: str):
    return _root(markup).find(".//body")


def _first(markup: str):
    return _body(markup)[0]


def _seen(blocks: list[Block]) -> list[tuple[str, str]]:
    return [(b.tag, b.text) for b in blocks]


# --- chrome, share links and leaf divs ---------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "chrome"),
    [
        ("<nav>x</nav>", True),
        ("<aside>x</aside>", True),
        ("<script>x</script>", True),  # dom's SKIP_TAGS are chrome too
        ('<p aria-hidden="true">x</p>', True),
        ('<p aria-hidden="false">x</p>', False),
        ("<p hidden>x</p>", True),  # the attribute present, its value empty
        ('<p class="lp-share-buttons">x</p>', True),  # a part of a class name
        ('<p class="nk-Sidebar">x</p>', False),  # parts are matched as written
        ('<p class="a sv-related-portlet">x</p>', True),  # a whole class name among others
        ('<p class="sv-related-portlet-x">x</p>', False),
        ('<p class="sv-text-portlet">x</p>', False),
        ('<p class="">x</p>', False),
        ("<p>x</p>", False),
    ],
)
def test_chrome_is_a_chrome_element_a_hidden_one_or_a_chrome_class(markup, chrome):
    el = _first(markup)
    assert _is_chrome(el, el.tag) is chrome


@pytest.mark.parametrize(
    ("markup", "only_share"),
    [
        ('<p><a href="https://www.facebook.com/sharer.php?u=x">F</a> <a href="mailto:?subject=x">M</a></p>', True),
        (
            '<p><a href="https://twitter.com/intent/tweet">T</a><a href="https://x.com/intent/post">X</a>'
            '<a href="https://www.linkedin.com/shareArticle">L</a></p>',
            True,
        ),
        ('<p><a href="https://www.facebook.com/sharer.php?u=x">F</a><a href="/nyheter">N</a></p>', False),
        ('<p><a href="mailto:anna@k.se">A</a></p>', False),  # mailto: with an address is a contact
        ("<p><a>no href</a></p>", False),
        ("<p>no links</p>", False),
        # only the links are read, however deep, not the elements around them
        ('<p><span><a href="https://www.facebook.com/sharer.php?u=x">F</a></span></p>', True),
    ],
)
def test_a_block_of_share_links_only_is_chrome(markup, only_share):
    assert _only_share_links(_first(markup)) is only_share


@pytest.mark.parametrize(
    ("markup", "leaf"),
    [
        ("<div>text <span>and</span> <a href='/x'>link</a><!-- c --></div>", True),
        ("<div><span><p>a paragraph deep inside</p></span></div>", False),
        ("<div><ul><li>x</li></ul></div>", False),
        ("<div></div>", True),
    ],
)
def test_a_div_of_inline_content_only_is_a_leaf(markup, leaf):
    assert _is_leaf_div(_first(markup)) is leaf


def test_text_blocks_are_block_elements_and_leaf_divs_in_document_order_without_chrome():
    body = _body(
        '<h1 class="heading">Rubrik</h1>'
        "<!-- a comment -->"
        "<nav><p>Meny</p></nav>"
        '<div class="sv-text-portlet"><div class="sv-text-portlet-content">'
        '<p class="normal a">Ett</p><p>  </p>'
        '<p><a href="https://www.facebook.com/sharer.php?u=x">Dela</a></p>'
        "<ul><li>Två</li><li>Tre</li></ul>"
        "<table><tr><td>Fyra</td></tr></table>"
        "</div></div>"
        "<div>Fem <b>fet</b></div>"
        '<section><div hidden><p>Dold</p></div><div class="x">Sex</div></section>'
    )
    blocks = text_blocks(body)
    assert _seen(blocks) == [
        ("h1", "Rubrik"),
        ("p", "Ett"),
        ("li", "Två"),
        ("li", "Tre"),
        ("td", "Fyra"),
        ("p", "Fem fet"),
        ("p", "Sex"),
    ]
    assert [b.cls for b in blocks] == [{"heading"}, {"normal", "a"}, set(), set(), set(), set(), {"x"}]
    assert blocks[1].el is body.find(".//p[@class='normal a']")
    assert blocks[5].el.tag == "div"


# --- portlets -----------------------------------------------------------------------------------


def test_the_portlet_of_an_element_is_its_nearest_sv_portlet_ancestor_else_its_parent():
    body = _body(
        '<div class="sv-layout"><div class="sv-text-portlet sv-x" id="t"><div class="x-portlet">'
        '<div class="sv-portlet-box"><p id="a">A</p></div></div></div></div>'
        '<div id="plain"><p id="b">B</p></div>'
    )
    a, b = body.find(".//p[@id='a']"), body.find(".//p[@id='b']")
    assert portlet_of(a).get("id") == "t"
    assert portlet_of(body.find(".//div[@id='t']")).get("id") == "t"  # a portlet is its own
    assert portlet_of(b).get("id") == "plain"
    root = body.getroottree().getroot()
    assert portlet_of(root) is root


@pytest.mark.parametrize(
    ("first_line", "contact"),
    [
        ("Kontaktperson", True),
        ("Kontakt för den här sidan", True),
        ("Kontakt", True),
        ("Kontakta oss:", True),
        ("Kontaktpersonen för projektet", False),
        ("Nyheter", False),
    ],
)
def test_a_block_is_inside_contact_when_its_portlet_begins_with_a_contact_label(first_line, contact):
    body = _body(f'<div class="sv-text-portlet"><h2>{first_line}</h2><p>Anna Ek</p></div>')
    p = body.find(".//p")
    verdicts: dict = {}
    assert inside_contact(Block("p", "Anna Ek", p), verdicts) is contact
    assert verdicts == {body[0]: contact}
    verdicts[body[0]] = not contact  # one look per portlet: the verdict is read back, not recomputed
    assert inside_contact(Block("p", "Anna Ek", p), verdicts) is (not contact)


def test_a_portlet_without_text_is_not_a_contact():
    body = _body('<div class="sv-image-portlet"><img src="/a.jpg"></div>')
    assert inside_contact(Block("p", "", body.find(".//img")), {}) is False


# --- date lines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("Publicerad 2 maj 2024", True),
        ("Publicerat:", True),
        ("PUBLICERINGSDATUM " + "x" * 200, True),  # a published label, whatever its length
        ("Uppdaterad: 3 maj 2024", True),
        ("Senast ändrad 2024-05-03", True),
        ("Uppdaterad " + "x" * 108, True),  # 119 characters
        ("Uppdaterad " + "x" * 109, False),  # 120: a paragraph, not a date line
        ("Uppdaterad 2 februari: Redan första dagen kom fyra", False),  # a note of news, part of the text
        ("Uppdaterad 2 februari: se nedan", True),
        ("Publiceringen sker i maj", False),
        ("Den uppdaterade planen", False),
    ],
)
def test_a_date_line_begins_with_a_published_or_updated_label(text, dated):
    assert is_dated(text) is dated


def _blocks(*pairs: tuple[str, str]) -> list[Block]:
    body = _body("".join(f"<{tag}>{text}</{tag}>" for tag, text in pairs))
    return [Block(el.tag, el.text, el, {"c"}) for el in body]


def test_a_label_alone_takes_the_block_after_it_as_its_value():
    blocks = _blocks(("p", "Text"), ("p", "Publicerat:"), ("p", "2 maj 2024"), ("p", "Uppdaterad 3 maj"))
    got = dated_blocks(blocks)
    assert _seen(got) == [("p", "Publicerat: 2 maj 2024"), ("p", "Uppdaterad 3 maj")]
    assert (got[0].el, got[0].cls) == (blocks[1].el, {"c"})
    assert got[1] is blocks[3]


@pytest.mark.parametrize(
    ("after", "joined"),
    [
        ([("p", "x" * 59)], True),
        ([("span", "maj")], True),
        ([("p", "x" * 60)], False),  # a paragraph, not a value
        ([("p", "Uppdaterad")], False),  # a label of its own
        ([("h1", "R")], False),
        ([("h2", "R")], False),
        ([("h3", "R")], False),
        ([("h4", "R")], False),
        ([("h5", "R")], False),
        ([], False),  # nothing after it
    ],
)
def test_a_label_alone_takes_no_heading_long_text_or_other_label(after, joined):
    blocks = _blocks(("p", "Publicerad"), *after)
    got = dated_blocks(blocks)[0]
    assert got.text == (f"Publicerad {after[0][1]}" if joined else "Publicerad")


@pytest.mark.parametrize("before", [("p", "Uppdaterad 2024"), ("h2", "Nyhet")])
def test_what_stands_before_a_label_alone_does_not_matter(before):
    blocks = _blocks(before, ("p", "Publicerad"), ("p", "maj"))
    assert dated_blocks(blocks)[-1].text == "Publicerad maj"


def test_a_label_with_a_date_takes_nothing():
    blocks = _blocks(("p", "Publicerad 2024"), ("p", "maj"))
    assert dated_blocks(blocks) == [blocks[0]]


# --- sorting ------------------------------------------------------------------------------------


def _sorted(markup: str, method: str = "sitevision", names: dict[str, str] | None = None):
    """sort_blocks over the text blocks of `markup`; `names` maps an element id to a portlet name."""
    body = _body(markup)
    by_id = {el: name for el in body.iter() for id_, name in (names or {}).items() if el.get("id") == id_}
    return sort_blocks(text_blocks(body), method, by_id)


def test_sitevision_text_starts_at_the_heading_and_skips_labels_chrome_and_repeats():
    got = _sorted(
        "<p>Meny ovanför rubriken</p>"
        "<h1>Rubrik</h1>"
        '<p class="ingress">Ingressen.</p>'
        '<p class="lead">En andra ingress</p>'
        "<p>Publicerad:</p><p>2 maj 2024</p>"
        "<p>Uppdaterad 3 maj 2024</p><p>Publicerad 1 maj 2024</p>"
        "<h2>Mellanrubrik</h2>"
        "<p>Stycke ett.</p>"
        "<p>Ingressen.</p>"
        "<p>Stycke ett.</p>"
        "<p>Skriv ut:</p><p>DELA SIDAN »</p><p>Till toppen</p>"
        "<p>Bildtext</p><p>Bildtext</p>"
        "<p>Kontaktperson: Anna Ek</p>"
        '<p class="sv-kategorier">Skola, Omsorg</p>'
        "<p>Sista.</p>"
    )
    assert got.lead == "Ingressen."
    assert _seen(got.body) == [
        ("p", "En andra ingress"),
        ("p", "2 maj 2024"),
        ("h2", "Mellanrubrik"),
        ("p", "Stycke ett."),
        ("p", "Bildtext"),
        ("p", "Sista."),
    ]
    assert [b.text for b in got.dated] == ["Publicerad: 2 maj 2024", "Uppdaterad 3 maj 2024", "Publicerad 1 maj 2024"]
    assert got.categories == ["Skola", "Omsorg"]
    assert (got.named, got.contact_seen) == (False, True)


def test_a_page_found_otherwise_keeps_the_text_above_its_heading():
    got = _sorted("<p>Före</p><h1>Rubrik</h1><p>Efter</p>", method="generic")
    assert _seen(got.body) == [("p", "Före"), ("p", "Efter")]
    assert (got.lead, got.dated, got.categories, got.named, got.contact_seen) == (None, [], [], False, False)


def test_a_by_line_is_a_contact_line_not_text():
    got = _sorted("<h1>R</h1><p>Sidan ändrad av Anna Ek</p><p>Text</p>")
    assert (_seen(got.body), got.contact_seen) == ([("p", "Text")], True)


@pytest.mark.parametrize("cls", ["categories", "sv-kategori", "taglist", "amnesord-x"])
def test_a_category_class_makes_a_category_line_without_naming(cls):
    got = _sorted(f'<h1>R</h1><p class="{cls}">Skola | Kultur</p><p>Text</p>')
    assert (got.categories, _seen(got.body), got.named) == (["Skola", "Kultur"], [("p", "Text")], False)


def test_portlet_names_decide_lead_body_and_categories():
    got = _sorted(
        '<h1>R</h1><div id="i"><p>Ingress</p></div><div id="k"><p>Skola, Vård</p></div>'
        '<div id="b"><p>Brödtext</p></div>',
        names={"i": "ingress", "k": "kategori", "b": "brodtext"},
    )
    assert (got.lead, got.categories, _seen(got.body), got.named) == (
        "Ingress",
        ["Skola", "Vård"],
        [("p", "Brödtext")],
        True,
    )


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("kategori", True),
        ("ingress", True),
        ("brodtext", True),
        ("sidrubrik", True),
        ("bild", False),
    ],
)
def test_each_role_that_decides_a_field_names_the_method(name, named):
    got = _sorted('<h1>R</h1><div id="n"><p>Ett</p></div>', names={"n": name})
    assert got.named is named


def test_a_lead_named_portlet_after_the_text_has_begun_is_text():
    got = _sorted('<h1>R</h1><p>Text</p><div id="i"><p>Sen ingress</p></div>', names={"i": "ingress"})
    assert (got.lead, _seen(got.body), got.named) == (None, [("p", "Text"), ("p", "Sen ingress")], False)


def test_a_lead_is_taken_before_the_heading_and_once():
    got = _sorted('<p class="preamble">Först</p><h1>R</h1><p class="intro">Sen</p>')
    assert (got.lead, _seen(got.body)) == ("Först", [("p", "Sen")])


def test_a_block_repeated_by_the_next_one_is_kept_once_the_later():
    got = _sorted("<h1>R</h1><p>Foto</p><p>Foto</p>")
    assert [b.el for b in got.body] == [got.body[0].el.getparent()[2]]


# --- categories ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "want"),
    [
        ("<p><a>Boende, miljö &amp; trafik</a><a>Skola</a></p>", ["Boende, miljö & trafik", "Skola"]),
        ("<p><span>Boende, miljö</span><span>Skola</span></p>", ["Boende, miljö", "Skola"]),
        ("<ul><li>Boende, miljö</li><li>Skola</li></ul>", ["Boende, miljö", "Skola"]),
        ("<p><b>Boende, miljö</b>, <b>Skola</b></p>", ["Boende", "miljö", "Skola"]),  # not a category element
        ("<p><a>Boende, miljö</a> | Skola</p>", ["Boende", "miljö", "Skola"]),  # one element: the line split
        ("<p><a>Boende</a><a> </a>, Skola</p>", ["Boende", "Skola"]),  # an empty element is none
        ("<p><!-- c -->Skola</p>", ["Skola"]),
    ],
)
def test_categories_are_elements_of_their_own_else_the_line_split(markup, want):
    el = _first(markup)
    assert categories_of(Block(el.tag, text_of(el), el)) == want


def test_categories_drop_blank_parts_and_spaces_around_them():
    el = _first("<p>x</p>")
    assert categories_of(Block("p", " Skola ,  , Kultur |", el)) == ["Skola", "Kultur"]


# --- date and contact lines outside the content ------------------------------------------------


def test_outside_blocks_are_labelled_lines_outside_the_content_in_document_order():
    root = _root(
        "<header><p>Publicerad i huvudet</p></header>"
        '<div class="col">'
        "<nav><p>Kontakt i menyn</p></nav>"
        "<script>Publicerad i ett skript</script>"
        "<main><p>Publicerad i innehållet 2024</p></main>"
        '<p class="d">  Publicerad 2 maj 2024</p>'
        "<p><strong>Senast uppdaterad:</strong> 3 maj 2024</p>"
        "<div><span>Sidansvarig:</span></div><div><p>  </p><p><em class='n'>Anna Ek</em></p></div>"
        "</div>"
        "<footer><p>Kontakt i sidfoten 2024</p></footer>",
        head="<title>Publicerad titel 2024</title>",
    )
    main, footer = root.find(".//main"), root.find(".//footer")
    got = outside_blocks(root, main, footer)
    assert _seen(got) == [
        ("p", "Publicerad 2 maj 2024"),
        ("p", "Senast uppdaterad: 3 maj 2024"),
        ("span", "Sidansvarig:"),
        ("em", "Anna Ek"),
    ]
    assert got[0].cls == {"d"}
    assert got[1].el is root.find(".//strong").getparent()
    assert (got[3].el, got[3].cls) == (root.find(".//em"), {"n"})
    assert _seen(outside_blocks(root, main, None))[-1] == ("p", "Kontakt i sidfoten 2024")  # no footer given


@pytest.mark.parametrize("tag", ["strong", "b", "em", "label", "a"])
def test_an_inline_label_is_read_with_the_line_it_sits_in(tag):
    # Nothing after the label but an element: the line is read for its <time>, not the label alone.
    root = _root(f"<main></main><p><{tag}>Ändrad:</{tag}> <time>2024-05-03</time></p>")
    assert _seen(outside_blocks(root, root.find(".//main"), None)) == [("p", "Ändrad: 2024-05-03")]


@pytest.mark.parametrize(
    ("label", "line"),
    [
        ("<span>Publicerad:</span>", "Publicerad: 2 maj 2024"),
        ('<span class="sv-font-fet">Publicerad:</span>', "Publicerad: 2 maj 2024"),
        ("<i>Publicerad</i>", "Publicerad 2 maj 2024"),
    ],
)
def test_a_label_whose_line_goes_on_after_it_is_read_with_its_line(label, line):
    # Found while killing mutants: "<span>Publicerad:</span> 2 maj 2024" beside the content lost its
    # date, and took the next paragraph ("Sidansvarig: …") as its value instead.
    root = _root(f"<main></main><p>{label} 2 maj 2024</p><p>Sidansvarig: Anna Ek</p>")
    assert _seen(outside_blocks(root, root.find(".//main"), None)) == [("p", line), ("p", "Sidansvarig: Anna Ek")]


@pytest.mark.parametrize("between", [" ", ""])
def test_a_label_in_another_element_with_nothing_after_it_stands_alone(between):
    root = _root(f"<main></main><p><span>Ändrad:</span>{between}<span>2024-05-03</span></p>")
    assert _seen(outside_blocks(root, root.find(".//main"), None)) == [("span", "Ändrad:"), ("span", "2024-05-03")]


def test_a_block_label_stands_alone_and_text_after_it_is_a_line_of_its_own():
    root = _root("<main></main><section><div>Kontakt</div> Frågor om skolan?<p>Anna Ek</p></section>")
    assert _seen(outside_blocks(root, root.find(".//main"), None)) == [("div", "Kontakt"), ("p", "Anna Ek")]


def test_a_long_labelled_text_is_no_line_but_the_next_one_is_read():
    long_text = "Kontakt " + "x" * 192  # 200 characters
    root = _root(f"<main></main><p>{long_text}1</p><p>{long_text}</p>")
    assert _seen(outside_blocks(root, root.find(".//main"), None)) == [("p", long_text)]


def test_a_root_without_a_body_is_read_from_the_root():
    root = etree.fromstring("<div><main/><p>Publicerad 2024</p></div>")
    assert _seen(outside_blocks(root, root.find("main"), None)) == [("p", "Publicerad 2024")]


def test_the_next_text_is_the_first_element_after_with_text_of_its_own():
    body = _body(
        '<div><span id="l">Publicerad</span><span> </span></div><script>x</script><div><b><i>2 maj</i></b> 2024</div>'
    )
    assert _next_text(body.find(".//span[@id='l']")).tag == "i"
    assert _next_text(body.find(".//i")) is None


@pytest.mark.parametrize("label", ["<strong>Publicerad:</strong>", '<span class="sv-font-fet">Publicerad:</span>'])
def test_a_date_line_beside_the_content_dates_the_article_whatever_holds_its_label(label):
    page = (
        '<html><body><div class="pagecontent"><h1>Rubrik</h1><p>Kommunen bygger en ny skola.</p></div>'
        f'<div class="col"><p>{label} 2 maj 2024</p><p>Sidansvarig: Anna Ek</p></div></body></html>'
    )
    record = parse_article(page, "https://www.k.se/nyheter/a.html")
    assert (record.published_at, record.page_contact.name, record.body) == (
        "2024-05-02",
        "Anna Ek",
        "Kommunen bygger en ny skola.",
    )
