"""The person responsible for a page: labelled forms, a contact box naming a person by an e-mail
link, and at last a "… av Namn" line."""

import pytest
from lxml import html

from records.article import PageContact
from records.parsers.pagecontact import find_page_contact, is_label, leaf_blocks


def page_contact(body: str) -> PageContact | None:
    root = html.fromstring(f"<html><body>{body}</body></html>")
    return find_page_contact(root, leaf_blocks(root), set(root.iter("footer", "header")))


@pytest.mark.parametrize("body,expected", [
    ("<main><p>Text</p><div><p>Kontakt för den här sidan:</p><p>Anna Svensson</p><p>anna.svensson@arboga.se</p>"
     "<p>0589-871 23</p></div></main>", ("Anna Svensson", "anna.svensson@arboga.se", "0589-871 23")),
    ("<main><p>Kontaktperson: Rasmus Ek, rasmus.ek@kungsor.se</p></main>", ("Rasmus Ek", "rasmus.ek@kungsor.se", None)),
    ("<main><p><span>KONTAKTPERSON</span><span>Rasmus Ek | 0227-600 12</span></p></main>", ("Rasmus Ek", None, "0227-600 12")),
    ("<main><p>Sidansvarig: <a href='mailto:eva.lind@koping.se?subject=x'>Eva Lind</a></p></main>",
     ("Eva Lind", "eva.lind@koping.se", None)),
    ("<main><p>Ansvarig för sidan: Anna-Karin Nilsson-Öst</p></main>", ("Anna-Karin Nilsson-Öst", None, None)),
])
def test_labelled_page_contacts(body, expected):
    assert page_contact(body) == PageContact(*expected)


@pytest.mark.parametrize("body", [
    "<main><p>Kontaktpersonen för projektet är Eva Lind.</p></main>",  # a sentence, no label
    "<main><p>Kontakt för denna sida</p><p>ingen här</p></main>",  # a label with nothing under it
    "<main><div><h3>Mer läsning</h3><p><a href='mailto:per.berg@arboga.se'>Per Berg</a></p></div></main>",  # no contact box
    "<footer><div><h3>Kontakt</h3><p><a href='mailto:info@arboga.se'>Arboga Kommun</a></p></div></footer>",  # the footer is skipped
    "<main><div><h3>Kontakt</h3><p><a href='mailto:inte-en-adress'>Per Berg</a></p></div></main>",
    "<main><div><h3>Kontakt</h3><p><a href='mailto:per.berg@arboga.se'>per berg</a></p></div></main>",  # no name
    "<main><p>Text</p></main>",
])
def test_no_page_contact(body):
    assert page_contact(body) is None


def test_a_contact_box_names_a_person_by_an_e_mail_link():
    body = ("<main><div><h3>Kontaktinformation</h3><p><a href='mailto:per.berg@arboga.se?subject=Fråga'>Per Berg</a></p>"
            "<p>Enhetschef</p><p>0589-872 00</p></div></main>")
    assert page_contact(body) == PageContact("Per Berg", "per.berg@arboga.se", "0589-872 00")
    upper = "<main><div><h3>Kontakt</h3><p><a href='MAILTO:per.berg@arboga.se'>Per von Berg</a></p></div></main>"
    assert page_contact(upper) == PageContact("Per von Berg", "per.berg@arboga.se", None)


@pytest.mark.parametrize("line", ["Artikeln publicerad av Lena Holm.", "Uppdaterad 2017-05-24 av Lena Holm",
                                  "Sidan senast uppdaterad 3 maj av Lena Holm"])
def test_who_published_or_changed_it_comes_last(line):
    assert page_contact(f"<main><p>{line}</p></main>") == PageContact("Lena Holm")


def test_a_label_wins_over_a_box_and_a_box_over_an_author_line():
    box = "<div><h3>Kontakt</h3><p><a href='mailto:per.berg@arboga.se'>Per Berg</a></p></div>"
    label = "<p>Kontaktperson: Rasmus Ek</p>"
    author = "<p>Artikeln publicerad av Lena Holm.</p>"
    assert page_contact(f"<main>{author}{box}{label}</main>").name == "Rasmus Ek"
    assert page_contact(f"<main>{author}{box}</main>").name == "Per Berg"


@pytest.mark.parametrize("body", [
    "<main><ul><li>Kontaktperson: Rasmus Ek</li></ul></main>",
    "<main><dl><dd>Kontaktperson: Rasmus Ek</dd></dl></main>",
    "<main><dl><dt>Kontaktperson</dt></dl><p>Rasmus Ek</p></main>",
    "<main><div>Kontaktperson: Rasmus Ek</div></main>",
    "<main><table><tr><td>Kontaktperson: Rasmus Ek</td></tr></table></main>",
])
def test_a_label_in_every_kind_of_block(body):
    assert page_contact(body) == PageContact("Rasmus Ek")


@pytest.mark.parametrize("line,expected", [
    ("Kontaktperson: Rasmus Ek,, rasmus.ek@kungsor.se", ("Rasmus Ek", "rasmus.ek@kungsor.se", None)),  # an empty part skipped
    ("Kontaktperson: rasmus.ek@kungsor.se", (None, "rasmus.ek@kungsor.se", None)),  # an e-mail address alone
    ("Kontaktperson: 0227-600 12", (None, None, "0227-600 12")),
    ("Kontaktperson: Xavier Berg:", ("Xavier Berg", None, None)),
])
def test_labelled_lines_split_into_name_e_mail_and_phone(line, expected):
    assert page_contact(f"<main><p>{line}</p></main>") == PageContact(*expected)


def test_an_invalid_mailto_is_no_e_mail_address():
    body = "<main><p>Sidansvarig: <a href='mailto:inte-en-adress'>Eva Lind</a></p></main>"
    assert page_contact(body) == PageContact("Eva Lind", None, None)


def test_a_contact_box_after_links_that_name_no_one():
    body = ("<header><div><h3>Kontakt</h3><p><a href='mailto:webb@arboga.se'>Webb Redaktion</a></p></div></header>"
            "<main><div><h3>Kontakt</h3><p><a href='mailto:inte-en-adress'>Anna Ek</a></p>"
            "<p><a href='mailto:info@arboga.se'>Skriv till oss</a></p>"
            "<p>Växel 0589-111 11</p><p><a href='mailto:e@arboga.se'>Per Berg</a></p>"
            "<p>0589-872 00</p><p>0589-999 99</p></div></main>")
    assert page_contact(body) == PageContact("Per Berg", "e@arboga.se", "0589-872 00")


def test_a_name_inside_a_sentence_of_a_box_has_no_phone():
    body = ("<main><div><h3>Kontakt</h3><p>Skriv till <a href='mailto:per.berg@arboga.se'>Per Berg</a> eller ring</p>"
            "<p>0589-872 00</p></div></main>")
    assert page_contact(body) == PageContact("Per Berg", "per.berg@arboga.se", None)


def test_leaf_blocks_are_the_innermost_blocks_of_text_once_each():
    # One case per rule: skipped tags and their insides, an empty block, a div of inline text (a comment
    # and a <b> are inline), a div or span holding each block tag (p, div, li, ul, table) gives way to
    # it, a span in a div is a block of its own but not in a p, li, dd or a, and a <br> is a space.
    body = ("<main><noscript><p>Aktivera JavaScript</p></noscript><button><span>Sök</span></button>"
            "<p></p><div>Text <b>fet</b> och <!-- en kommentar --> mer</div>"
            "<div>A<p>B</p></div><div>C<div>D</div></div><div>E<li>F</li></div><div>G<ul></ul></div>"
            "<div>H<table></table></div><span>I<div>J</div></span><div><span>Spann i div</span></div>"
            "<p>Stycke med <span>spann</span></p><ul><li>Punkt <span>x</span><ul><li>Under</li></ul></li>"
            "<li><p>Stycke i punkt</p></li></ul><dl><dt>Term</dt><dd>Def <span>y</span></dd></dl>"
            "<div><a href='/'><span>Länk</span></a></div><p>Rad ett<br>rad två</p>"
            "<table><tr><td>Cell</td></tr></table></main>")
    root = html.fromstring(f"<html><body>{body}</body></html>")
    assert [(el.tag, text) for el, text in leaf_blocks(root)] == [
        ("div", "Text fet och mer"), ("p", "B"), ("div", "D"), ("li", "F"), ("div", "J"),
        ("div", "Spann i div"), ("span", "Spann i div"), ("p", "Stycke med spann"),
        ("li", "Punkt x Under"), ("li", "Under"), ("li", "Stycke i punkt"), ("p", "Stycke i punkt"),
        ("dt", "Term"), ("dd", "Def y"), ("div", "Länk"), ("p", "Rad ett rad två"), ("td", "Cell"),
    ]


@pytest.mark.parametrize("p,expected", [
    ("<p><span>KONTAKTPERSON</span><span>Rasmus Ek</span></p>", True),
    ("<p>Kontaktpersonen för projektet är Eva Lind.</p>", False),  # the prefix, but a word goes on
    ("<p>Om skolan</p>", False),
])
def test_is_label(p, expected):
    el = html.fromstring(p)
    assert is_label(el, el.text_content()) is expected


@pytest.mark.parametrize("filler,expected", [("X", PageContact("Rasmus Ek")), ("XY", None)])
def test_the_container_is_the_first_ancestor_reaching_more_than_two_characters_past_the_label(filler, expected):
    # "Kontaktperson: X" is two characters past the label, so the search goes on to the section
    # holding the name; "Kontaktperson: XY" is three, so that div is the container, and it names no one.
    body = f"<main><section><div><p>Kontaktperson:</p><p>{filler}</p></div><p>Rasmus Ek</p></section><p>Övrigt</p></main>"
    assert page_contact(body) == expected


@pytest.mark.parametrize("lines,expected", [(8, PageContact("Rasmus Ek")), (9, None)])
def test_a_container_of_more_than_eight_lines_is_no_container(lines, expected):
    # Past eight lines the label stands alone, and "Kontaktperson:" alone names no one.
    filler = "".join(f"<p>rad {i}</p>" for i in range(lines - 2))
    assert page_contact(f"<main><div><p>Kontaktperson:</p><p>Rasmus Ek</p>{filler}</div></main>") == expected


@pytest.mark.parametrize("before,expected", [(3, PageContact("Rasmus Ek")), (4, None)])
def test_a_label_reads_four_lines_after_it(before, expected):
    filler = "".join(f"<p>rad {i}</p>" for i in range(before))
    assert page_contact(f"<main><div><p>Kontaktperson:</p>{filler}<p>Rasmus Ek</p></div></main>") == expected


def test_only_a_link_gives_a_labelled_contact_its_e_mail_address():
    body = "<main><p>Kontaktperson: Rasmus Ek <area href='mailto:rasmus.ek@kungsor.se'></p></main>"
    assert page_contact(body) == PageContact("Rasmus Ek")


def test_a_label_whose_container_hides_it_is_passed_over_for_the_next():
    # A caller's block inside a <button>: its container's text (the button's is skipped) has no label.
    body = ("<main><div><div><button><span>Kontaktperson: Per Berg</span></button>"
            "<p>Annan text här som är lång</p></div></div><p>Kontaktperson: Rasmus Ek</p></main>")
    root = html.fromstring(f"<html><body>{body}</body></html>")
    hidden = next(root.iter("span"))
    found = find_page_contact(root, [(hidden, "Kontaktperson: Per Berg"), *leaf_blocks(root)], set())
    assert found == PageContact("Rasmus Ek")


def _box_page(inner: str) -> str:
    return f"<main><div><h3>Kontakt</h3>{inner}</div></main>"


@pytest.mark.parametrize("depth,expected", [(4, PageContact("Per Berg", "per.berg@arboga.se")), (5, None)])
def test_a_box_heading_is_looked_for_in_six_ancestors_of_the_link(depth, expected):
    link = "<p><a href='mailto:per.berg@arboga.se'>Per Berg</a></p>"
    assert page_contact(_box_page("<div>" * depth + link + "</div>" * depth)) == expected


@pytest.mark.parametrize("texts,expected", [(5, PageContact("Per Berg", "per.berg@arboga.se")), (6, None)])
def test_a_box_heading_is_among_the_first_six_texts_of_the_box(texts, expected):
    before = "".join(f"<p>text {i}</p>" for i in range(texts))
    body = f"<main><div>{before}<h3>Kontakt</h3><p><a href='mailto:per.berg@arboga.se'>Per Berg</a></p></div></main>"
    assert page_contact(body) == expected


@pytest.mark.parametrize("lines,expected", [(15, PageContact("Per Berg", "per.berg@arboga.se")), (16, None)])
def test_a_box_is_at_most_fifteen_lines(lines, expected):
    after = "".join(f"<p>rad {i}</p>" for i in range(lines - 2))
    assert page_contact(_box_page(f"<p><a href='mailto:per.berg@arboga.se'>Per Berg</a></p>{after}")) == expected


def test_a_box_too_big_is_passed_over_for_the_next():
    big = "<div><h3>Kontakt</h3><p><a href='mailto:per.berg@arboga.se'>Per Berg</a></p>" + "<p>rad</p>" * 14 + "</div>"
    small = "<div><h3>Kontakt</h3><p><a href='mailto:eva.lind@arboga.se'>Eva Lind</a></p></div>"
    assert page_contact(f"<main>{big}{small}</main>") == PageContact("Eva Lind", "eva.lind@arboga.se")


@pytest.mark.parametrize("before,expected", [(3, "0589-872 00"), (4, None)])
def test_a_box_reads_its_phone_in_four_lines_after_the_name(before, expected):
    filler = "".join(f"<p>rad {i}</p>" for i in range(before))
    inner = f"<p><a href='mailto:per.berg@arboga.se'>Per Berg</a></p>{filler}<p>0589-872 00</p>"
    assert page_contact(_box_page(inner)) == PageContact("Per Berg", "per.berg@arboga.se", expected)


@pytest.mark.parametrize("padding,expected", [(95, PageContact("Lena Holm")), (96, None)])
def test_an_author_line_is_shorter_than_120_characters(padding, expected):
    line = "Uppdaterad " + "x" * padding + " av Lena Holm"  # 119 or 120 characters
    assert page_contact(f"<main><p>{line}</p></main>") == expected
