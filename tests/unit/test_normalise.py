"""Canonical URLs and text normalisation."""

import unicodedata

import pytest

from records.article import ArticleRecord
from records.normalise import canonical_url, normalise, normalise_record, normalise_text


@pytest.mark.parametrize("url,expected", [
    ("HTTPS://WWW.Kungsor.SE/Nyheter/A.html", "https://www.kungsor.se/Nyheter/A.html"),
    ("https://www.kungsor.se/a.html#kontakt", "https://www.kungsor.se/a.html"),
    ("https://www.kungsor.se/a.html;jsessionid=ABC123", "https://www.kungsor.se/a.html"),
    ("https://www.arboga.se/a.html?utm_source=rss&utm_medium=feed", "https://www.arboga.se/a.html"),
    ("https://www.arboga.se/lista.html?sv.url=12.658b&skip=20&state=view", "https://www.arboga.se/lista.html?skip=20"),
    ("https://www.arboga.se/a.html?b=2&a=1", "https://www.arboga.se/a.html?a=1&b=2"),
    ("https://www.arboga.se:443/a.html", "https://www.arboga.se/a.html"),
    ("http://127.0.0.1:8001/nyheter/x", "http://127.0.0.1:8001/nyheter/x"),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_text_is_nfc_with_tidy_whitespace():
    decomposed = unicodedata.normalize("NFD", "Köping  och\u00a0Kungsör \n\n\n\nNytt stycke ")
    assert normalise_text(decomposed) == "Köping och Kungsör\n\nNytt stycke"
    assert unicodedata.is_normalized("NFC", normalise_text(decomposed))


def test_word_diff_keeps_context_short():
    from archive.history import word_diff

    old = " ".join(f"w{i}" for i in range(40))
    new = old.replace("w20", "X")
    assert word_diff(old, new, context=3) == "… w17 w18 w19 [-w20-] {+X+} w21 w22 w23 …"
    assert word_diff("a b", "a b c") == "a b {+c+}"
    assert word_diff(None, "ny") == "{+ny+}"


@pytest.mark.parametrize("url,expected", [
    ("  http://www.arboga.se:80/a.html  ", "http://www.arboga.se/a.html"),  # http's own port dropped
    ("http://www.arboga.se:443/a.html", "http://www.arboga.se:443/a.html"),  # another scheme's port kept
    ("https://www.arboga.se:80/a.html", "https://www.arboga.se:80/a.html"),
    ("https://www.arboga.se:8443/a.html", "https://www.arboga.se:8443/a.html"),
    ("https://www.arboga.se", "https://www.arboga.se/"),
    ("https://k.se/a.html;JSESSIONID=AB12?p=1", "https://k.se/a.html?p=1"),
    ("https://[::1]:443/a", "https://[::1]/a"),  # only the last colon is the port's
    ("http://user:pw@k.se:80/a", "http://user:pw@k.se/a"),
    ("https://k.se/a?UTM_Source=x&fbclid=1&gclid=2&mc_cid=3&mc_eid=4&_ga=5&utm=6", "https://k.se/a?utm=6"),
    ("https://k.se/a?sv.state=1&sv.contenttype=2&sv.portlet=3&SV.URL=4", "https://k.se/a?SV.URL=4"),  # names of state keep their case
    ("https://k.se/a?q=&p=1", "https://k.se/a?p=1&q="),  # a blank value kept
    ("https://k.se/a?q=r%C3%A4v%20%26", "https://k.se/a?q=r%C3%A4v+%26"),
])
def test_canonical_url_ports_paths_and_queries(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize("text,expected", [
    ("a\r\nb\rc", "a\nb\nc"),
    ("a\t\u2009\u202f b", "a b"),
    ("a\n\n\nb", "a\n\nb"),
    ("a\n\nb", "a\n\nb"),
    ("  \n a \n  ", "a"),
])
def test_text_line_ends_spaces_and_blank_lines(text, expected):
    assert normalise_text(text) == expected


def test_normalise_goes_into_lists_and_dicts_and_leaves_other_values():
    value = {"a": [" x ", {"b": "y\r\n"}], "n": 3, "none": None}
    assert normalise(value) == {"a": ["x", {"b": "y"}], "n": 3, "none": None}


def test_normalise_record_keeps_the_url_and_canonicalises_it():
    fields = {name: None for name in ArticleRecord.__dataclass_fields__}
    fields.update(url="https://k.se/a.html?utm_source=x ", canonical_url="", title=" Titel  ett ", body="", subheadings=[],
                  quotes=[], people=[], images=[], attachments=[], extraction={})
    out = normalise_record(ArticleRecord(**fields))
    assert (out["url"], out["canonical_url"], out["title"]) == (
        "https://k.se/a.html?utm_source=x ", "https://k.se/a.html", "Titel ett")
    fields.update(canonical_url=" https://k.se/b.html#x")
    out = normalise_record(ArticleRecord(**fields))
    assert (out["url"], out["canonical_url"]) == ("https://k.se/a.html?utm_source=x ", "https://k.se/b.html")
