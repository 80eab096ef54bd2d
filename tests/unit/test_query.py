"""The query language (archive/query.py) on its own: the tree each query parses into, and the
one-line message, in English and in Swedish, of each query it refuses. Every expected value is
written out here, never derived from the parser."""

from __future__ import annotations

from datetime import date

import pytest

from archive.query import FILTERS, Query, QueryError, Term, parse_query

KNOWN = "from:, kommun:, municipality:, person:, to:, topic:"


def w(*ws: str) -> Term:
    return Term("word" if len(ws) == 1 else "phrase", ws)


def tree(q: Query) -> tuple:
    return (q.groups, q.excluded, q.municipalities, q.topics, q.people, q.date_from, q.date_to)


@pytest.mark.parametrize(("text", "groups"), [
    ("samverkan", [[w("samverkan")]]),
    ("Samverkan IT", [[w("samverkan")], [w("it")]]),
    ('"gemensam nämnd"', [[Term("phrase", ("gemensam", "nämnd"))]]),
    ('"Nämnd"', [[Term("word", ("nämnd",))]]),
    ('"samverkan*"', [[Term("word", ("samverkan",))]]),  # in quotes a * is no prefix
    ('"s*"', [[Term("word", ("s",))]]),
    ("samverkan*", [[Term("prefix", ("samverkan",))]]),
    ("sa*", [[Term("prefix", ("sa",))]]),
    ("e-post", [[Term("phrase", ("e", "post"))]]),
    ("Köping/Arboga*", [[Term("phrase", ("köping", "arboga"))]]),
    ("skola OR förskola", [[w("skola"), w("förskola")]]),
    ("a OR b OR c d", [[w("a"), w("b"), w("c")], [w("d")]]),
    ('skola OR "ny förskola"', [[w("skola"), Term("phrase", ("ny", "förskola"))]]),
    ("or skola", [[w("or")], [w("skola")]]),  # only OR in capitals is the operator
    ("  samverkan   ", [[w("samverkan")]]),
    ("a\tb\nc", [[w("a")], [w("b")], [w("c")]]),
    ("!!! samverkan ...", [[w("samverkan")]]),  # a term without words is dropped
    ('"" samverkan', [[w("samverkan")]]),
    ("", []),
    ("   ", []),
    ("www.arboga.se/nyheter", [[Term("phrase", ("www", "arboga", "se", "nyheter"))]]),
    ("10:30", [[Term("phrase", ("10", "30"))]]),  # a colon after no letters is no filter
    ("k2:x", [[Term("phrase", ("k2", "x"))]]),
])
def test_terms_and_groups(text, groups):
    q = parse_query(text)
    assert q.groups == groups and q.excluded == [] and q.text == text
    assert q.has_text is bool(groups) and q.all_terms() == [t for g in groups for t in g]


def test_exclusions():
    q = parse_query('samverkan -budget -"ny skola" -e-post')
    assert q.groups == [[w("samverkan")]]
    assert q.excluded == [w("budget"), Term("phrase", ("ny", "skola")), Term("phrase", ("e", "post"))]
    assert parse_query("kommun:arboga -budget").excluded == [w("budget")]
    assert parse_query("-kommun:arboga samverkan").excluded == [Term("phrase", ("kommun", "arboga"))]
    assert parse_query("samverkan -OR").excluded == [w("or")]


def test_stems_of_a_term():
    assert Term("word", ("samverkans",)).stems == ("samverkan",)
    assert Term("phrase", ("gemensamma", "nämnder")).stems == ("gemensamm", "nämnd")


@pytest.mark.parametrize(("text", "expected"), [
    ("kommun:arboga", (["arboga"], [], [], None, None)),
    ("municipality:Koping,ARBOGA", (["koping", "arboga"], [], [], None, None)),
    ("kommun:arboga, ", (["arboga"], [], [], None, None)),
    ("KOMMUN:arboga kommun:kungsor", (["arboga", "kungsor"], [], [], None, None)),
    ('kommun:"arboga"', (["arboga"], [], [], None, None)),
    ('topic:"Skola  och\tförskola"', ([], ["skola och förskola"], [], None, None)),
    ("topic:Samverkan", ([], ["samverkan"], [], None, None)),
    ('person:" Anders   Röhfors "', ([], [], ["Anders Röhfors"], None, None)),
    ("person:Röhfors", ([], [], ["Röhfors"], None, None)),
    ("from:2020-01-02", ([], [], [], date(2020, 1, 2), None)),
    ("from:2020", ([], [], [], date(2020, 1, 1), None)),
    ("to:2021", ([], [], [], None, date(2021, 12, 31))),
    ("to:2021-05-03", ([], [], [], None, date(2021, 5, 3))),
    ("from:20210503", ([], [], [], date(2021, 5, 3), None)),  # ISO 8601's basic form, as Python reads it
    ('from:"2020"', ([], [], [], date(2020, 1, 1), None)),
    ('Topic:"IT"', ([], ["it"], [], None, None)),
    ('PERSON:"Anna Berg"', ([], [], ["Anna Berg"], None, None)),
    ("From:2020 TO:2020", ([], [], [], date(2020, 1, 1), date(2020, 12, 31))),
    ("from:2021-05-03 to:2021-05-03", ([], [], [], date(2021, 5, 3), date(2021, 5, 3))),
])
def test_filters(text, expected):
    q = parse_query(text)
    assert (q.municipalities, q.topics, q.people, q.date_from, q.date_to) == expected
    assert q.groups == [] and q.has_text is False and q.has_filters is True


def test_filters_beside_words():
    q = parse_query('samverkan kommun:arboga topic:it person:"Anna Berg" from:2020 to:2021 -budget')
    assert tree(q) == ([[w("samverkan")]], [w("budget")], ["arboga"], ["it"], ["Anna Berg"], date(2020, 1, 1),
                       date(2021, 12, 31))
    assert q.has_text and q.has_filters


@pytest.mark.parametrize("text", ["kommun:arboga", "topic:it", "person:x", "from:2020", "to:2020"])
def test_each_filter_alone_is_a_filter(text):
    assert parse_query(text).has_filters is True


def test_no_filter_no_filters():
    assert parse_query("samverkan").has_filters is False
    assert parse_query("").has_filters is False


def refusal(text: str) -> tuple[str, str]:
    with pytest.raises(QueryError) as refused:
        parse_query(text)
    return str(refused.value), refused.value.sv


@pytest.mark.parametrize(("text", "english", "swedish"), [
    ('"open', 'unbalanced quote: close the phrase with a second "',
     'citattecken saknar sin like: avsluta frasen med ett andra "'),
    ('samverkan "open phrase', 'unbalanced quote: close the phrase with a second "',
     'citattecken saknar sin like: avsluta frasen med ett andra "'),
    ("OR skola", "OR needs a word on both sides, e.g. skola OR förskola",
     "OR behöver ett ord på var sida, t.ex. skola OR förskola"),
    ("skola OR OR förskola", "OR needs a word on both sides, e.g. skola OR förskola",
     "OR behöver ett ord på var sida, t.ex. skola OR förskola"),
    ("skola OR", "OR at the end of the query: give the word it leads to",
     "OR sist i sökningen: skriv ordet som ska följa"),
    ("skola OR -förskola", "OR cannot be followed by an excluded term", "OR kan inte följas av ett uteslutet ord"),
    ("-budget", "a query needs a word or a filter besides what it excludes, e.g. samverkan -budget",
     "en sökning behöver ett ord eller ett filter utöver det som utesluts, t.ex. samverkan -budget"),
    ("s*", "prefix 's*' is too short: give at least two letters before *",
     "prefixet 's*' är för kort: skriv minst två bokstäver före *"),
    ("kommun:", "filter kommun: needs a value, e.g. kommun:arboga",
     "filtret kommun: behöver ett värde, t.ex. kommun:arboga"),
    ('topic:" "', "filter topic: needs a value, e.g. topic:2021-05-03",
     "filtret topic: behöver ett värde, t.ex. topic:2021-05-03"),
    ("from:", "filter from: needs a value, e.g. from:2021-05-03",
     "filtret from: behöver ett värde, t.ex. from:2021-05-03"),
    ("from:igår", "filter from:igår is not a date: use YYYY-MM-DD or YYYY",
     "filtret from:igår är inget datum: skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ"),
    ("to:2021-13-01", "filter to:2021-13-01 is not a date: use YYYY-MM-DD or YYYY",
     "filtret to:2021-13-01 är inget datum: skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ"),
    ('to:"2021\n05"', "filter to:2021 05 is not a date: use YYYY-MM-DD or YYYY",
     "filtret to:2021 05 är inget datum: skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ"),
    ("from:10:30", "filter from:10:30 is not a date: use YYYY-MM-DD or YYYY",
     "filtret from:10:30 är inget datum: skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ"),
    ("from:2022 to:2021", "from:2022-01-01 is after to:2021-12-31", "from:2022-01-01 ligger efter to:2021-12-31"),
    ("plats:arboga", f"unknown filter plats: (known: {KNOWN})", f"okänt filter plats: (kända: {KNOWN})"),
    ("kl:10", f"unknown filter kl: (known: {KNOWN})", f"okänt filter kl: (kända: {KNOWN})"),
    ("https://www.arboga.se", f"unknown filter https: (known: {KNOWN})", f"okänt filter https: (kända: {KNOWN})"),
    ('Plats:"x y"', f"unknown filter Plats: (known: {KNOWN})", f"okänt filter Plats: (kända: {KNOWN})"),
    ("x" * 1001, "query is longer than 1000 characters", "sökningen är längre än 1000 tecken"),
    ("sam\x00verkan", "query contains a NUL character (\\x00)", "sökningen innehåller ett NUL-tecken (\\x00)"),
    ("sam\udcc3verkan", "query is not valid UTF-8 text", "sökningen är inte giltig UTF-8-text"),
])
def test_refused_queries_say_why_in_english_and_swedish(text, english, swedish):
    assert refusal(text) == (english, swedish)


def test_limits_are_inclusive():
    assert parse_query("x" * 1000).groups == [[w("x" * 1000)]]
    assert parse_query("ab*").groups == [[Term("prefix", ("ab",))]]
    assert parse_query("from:2021 to:2021").date_to == date(2021, 12, 31)


def test_an_error_without_a_swedish_message_uses_the_english_one():
    assert QueryError("fel").sv == "fel"
    assert QueryError("fel", sv="på svenska").sv == "på svenska"
    assert isinstance(QueryError("x"), ValueError)


def test_filters_are_the_documented_ones():
    assert FILTERS == {"kommun": "municipality", "municipality": "municipality", "from": "from", "to": "to",
                       "topic": "topic", "person": "person"}
