"""The person responsible for a page: labelled forms, a contact box naming a person by an e-mail
link, and at last a "… av Namn" line."""

import pytest
from lxml import html

from records.article import PageContact
from records.parsers.pagecontact import find_page_contact, leaf_blocks


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
