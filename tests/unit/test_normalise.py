"""Canonical URLs and text normalisation."""

import unicodedata

import pytest

from records.normalise import canonical_url, normalise_text


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
