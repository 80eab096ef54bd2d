"""The generic fallback's JSON-LD reading: every shape a page uses, and what is no JSON-LD."""

import pytest
from lxml import html

from records.parsers.generic import generic_paragraphs, json_ld_objects, json_ld_value


def root_with(*scripts: str):
    return html.fromstring("<html><head>" + "".join(scripts) + "</head><body></body></html>")


LD = '<script type="application/ld+json">{}</script>'


@pytest.mark.parametrize("payload,expected", [
    ('{"@type": "NewsArticle", "headline": "A"}', [{"@type": "NewsArticle", "headline": "A"}]),
    ('[{"headline": "A"}, 3, {"headline": "B"}]', [{"headline": "A"}, {"headline": "B"}]),
    ('{"@graph": [{"headline": "A"}, "x"]}', [{"headline": "A"}]),
    ('"a string"', []), ("not json", []), ("", []),
])
def test_json_ld_shapes(payload, expected):
    assert json_ld_objects(root_with(LD.format(payload))) == expected


def test_only_ld_json_scripts_in_any_case_and_in_order():
    root = root_with('<script type="text/javascript">{"headline": "X"}</script>', '<script>{"headline": "Y"}</script>',
                     '<script type="Application/LD+JSON">{"headline": "A"}</script>', LD.format('{"headline": "B"}'))
    assert json_ld_objects(root) == [{"headline": "A"}, {"headline": "B"}]


def test_json_ld_value_is_the_first_non_blank_string():
    root = root_with(LD.format('{"datePublished": 2021}'), LD.format('{"datePublished": "  "}'),
                     LD.format('{"datePublished": " 2021-05-03 "}'), LD.format('{"datePublished": "2020-01-01"}'))
    assert json_ld_value(root, "datePublished") == "2021-05-03"
    assert json_ld_value(root, "headline") is None


def test_a_broken_json_ld_script_does_not_hide_the_next():
    root = root_with(LD.format("{not json"), LD.format('{"headline": "A"}'))
    assert json_ld_objects(root) == [{"headline": "A"}]


SENTENCES = " ".join(f"Meningen nummer {i} handlar om kommunens arbete med skolor och vägar i Arboga." for i in range(6))
PAGE = f"""<html><head><title>T</title></head><body><nav><a href="/">Hem</a></nav><main><article>
<h1>Rubrik om skolan</h1><p>{SENTENCES}</p><h2>Mellanrubrik om vägarna</h2>
<p>Första raden<br>andra raden av samma stycke som är långt nog att räknas med.</p>
<ul><li>En punkt i listan om skolans öppettider och annat viktigt.</li><li>En andra punkt i listan om vägarnas underhåll.</li></ul>
<blockquote><p>Ett citat från kommunalrådet om hur viktigt detta arbete är.</p></blockquote>
<table><tr><td>Tabellcell med text som inte ska med i brödtexten alls.</td></tr></table>
<!-- en kommentar som inte är text -->
<p>{SENTENCES}</p>
</article></main><footer>Sidfot</footer></body></html>"""


def test_generic_paragraphs_headings_list_items_and_quotes_once_each_without_tables():
    assert generic_paragraphs(PAGE) == [
        "Rubrik om skolan", SENTENCES, "Mellanrubrik om vägarna",
        "Första raden andra raden av samma stycke som är långt nog att räknas med.",  # a <br> is a space, not a split
        "En punkt i listan om skolans öppettider och annat viktigt.", "En andra punkt i listan om vägarnas underhåll.",
        "Ett citat från kommunalrådet om hur viktigt detta arbete är.",
    ]


def test_generic_paragraphs_of_nothing():
    assert generic_paragraphs("") == [] and generic_paragraphs("<html></html>") == []


# Each block below is there for one of trafilatura's options or for the nesting rule: a header inside
# the article and a class="link" block (dropped only with favor_precision), a table whose cell holds a
# paragraph (include_tables), a comments section (include_comments), a quote and a list item of two
# paragraphs each (one string for the outermost block, then the paragraphs after it still read).
OPTIONS_PAGE = f"""<html><head><title>T</title></head><body><main><article><h1>Rubrik om skolan</h1>
<header><p>En ingress i ett sidhuvud inne i artikeln om skolan.</p></header><p>{SENTENCES}</p>
<blockquote><p>Första citatstycket om skolan.</p><p>Andra citatstycket om vägarna.</p></blockquote>
<ul><li><p>Punkt ett med ett stycke i sig.</p><p>Punkt ett andra stycket.</p></li></ul>
<table><tr><td><p>Cellens stycke om budgeten för skolan.</p></td></tr></table>
<div class="link"><p>En text i ett block med länkklass som bara precisionen tar bort.</p></div>
<p>Sista stycket efter citatet och listan.</p>
<div class="comments"><h3>Kommentarer</h3><p>En kommentar från läsaren Kalle om vägarna.</p></div>
</article></main></body></html>"""


def test_generic_paragraphs_favour_precision_and_leave_out_tables_and_comments():
    assert generic_paragraphs(OPTIONS_PAGE) == [
        "Rubrik om skolan", SENTENCES,
        "Första citatstycket om skolan. Andra citatstycket om vägarna.",
        "Punkt ett med ett stycke i sig. Punkt ett andra stycket.",
        "Sista stycket efter citatet och listan.",
    ]


def test_generic_paragraphs_of_the_same_page_read_again_are_the_same():
    # trafilatura's deduplicate keeps a process-wide cache and drops text it has seen a few times:
    # a crawl that meets the same boilerplate on every page would lose real paragraphs.
    first = generic_paragraphs(PAGE)
    assert [generic_paragraphs(PAGE) for _ in range(4)] == [first] * 4


def test_a_block_inside_a_heading_or_a_paragraph_is_read_with_it_and_no_space_is_added_inside_a_word():
    # trafilatura keeps a list inside an <h2> and an inline <q> inside a <p>: each is read once, as part
    # of its outer block, and the text after the <q> joins it as the page wrote it ("trygg" + "het").
    page = (f"<html><head><title>T</title></head><body><main><article><h1>Rubrik om skolan</h1><p>{SENTENCES}</p>"
            "<h2>Skolans mål <ul><li>med en punkt</li></ul></h2>"
            "<p>Kommunen kallar det <q>trygg</q>het i skolan.</p></article></main></body></html>")
    assert generic_paragraphs(page) == ["Rubrik om skolan", SENTENCES, "Skolans mål med en punkt",
                                        "Kommunen kallar det trygghet i skolan."]
