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
