"""The generic fallback's JSON-LD reading: every shape a page uses, and what is no JSON-LD."""

import pytest
from lxml import html

from records.parsers.generic import json_ld_objects, json_ld_value


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
