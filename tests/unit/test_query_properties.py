"""Property tests of the query language: whatever a user types, the parser, search on SQLite and on
PostgreSQL, and `kommunarkiv search` answer with results or a one-line "bad query", never with a
database error or a traceback; a well-formed query finds the same articles on both back ends; a
query made of an article's own words finds that article on both (so they agree on results that are
not empty); an article just written is found by a word of its own; and the total is the number of
articles on all the pages of hits joined together."""

from __future__ import annotations

import contextlib
import itertools
import re
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import archive.search as search_module
from archive.db import open_archive
from archive.query import Query, QueryError, parse_query
from archive.search import matching_ids, search
from archive.writer import ArchiveWriter
from kommunarkiv.cli import main
from tests.conftest import fresh_archive
from tests.unit.records import batch, record

ROHFORS = {"name": "Anders Röhfors", "role": "kommunstyrelsens ordförande", "party": "S"}
CORPUS = [
    record("arboga", "/a1.html", "Ny samverkan om IT", "Kommunerna fördjupar sin samverkan kring IT-drift.",
           "2021-05-03", people=[ROHFORS]),
    record("koping", "/k1.html", "Samverkans nästa steg", "Ett samverkansavtal skrivs under i Köping.", "2022-01-10"),
    record("kungsor", "/s1.html", "Får på bete", "Fåren betar vid Kungsudden. Kungsörs får är kända.", "2020-06-01"),
    record("kungsor", "/s2.html", "Far och son", "En far och en son cyklar runt Mälaren. NEAR AND OR NOT", None),
    record("arboga", "/a2.html", "Budget för skola", "Skolans budget ökar. Förskolan får nya lokaler.", "2023-03-01"),
    record("koping", "/k2.html", "Gemensam nämnd bildas", "En gemensam nämnd för upphandling bildas (½ år).",
           "2024-02-01", people=[ROHFORS]),
    record("arboga", "/a3.html", "Nämnden är gemensam", "Nämnden är gemensam för tre kommuner: e-post, 24/7.",
           "2024-02-02"),
]
VOCABULARY = sorted({w for r in CORPUS for w in (r["title"] + " " + r["body"]).lower().replace(".", " ").split()
                     if w.isalpha()} | {"skola", "samverkan", "nämnd", "far", "får", "saknas"})

# Pieces a user (or an attacker) might type: query syntax of ours, of FTS5 and of tsquery, filters
# with bad values, control characters, lone surrogates (argv bytes that were not UTF-8), unicode.
ATOMS = ['"', "*", ":", "(", ")", "-", "^", "+", "{", "}", "'", "\\", ",", "&", "|", "!", "<->", " ", "\t", "\n",
         "\x00", "\x1c", "\u2028", "\udcff", "AND", "OR", "NOT", "NEAR", "NEAR(", "kommun:", "municipality:", "from:",
         "to:", "person:", "topic:", "title_words:", "stems:", "x:", "ämne:", "samverkan", "får", "nämnd", "skol*",
         "s*", "2021", "2021-13-01", "0000", "99999", "2021-02-30", "½", "é", "ﬁ", "ǅ", "𝔰", "٣"]
pieces = st.one_of(st.sampled_from(ATOMS), st.text(max_size=6))
any_query = st.one_of(
    st.lists(pieces, max_size=25).map("".join),
    st.lists(pieces, min_size=1, max_size=10).map(" ".join),
    st.text(max_size=40),
    st.text(min_size=990, max_size=1010),  # about the length limit
    st.lists(st.sampled_from(VOCABULARY + ["OR", "-får", '"', "*"]), min_size=100, max_size=300)
    .map(" ".join).map(lambda s: s[:1000]),  # long but allowed: hundreds of terms
)


def _is_one_line(message: str) -> bool:
    return bool(message.strip()) and message.splitlines() == [message]


@settings(max_examples=300, deadline=None)
@given(q=any_query)
def test_the_parser_returns_a_query_or_a_one_line_error(q):
    try:
        parsed = parse_query(q)
    except QueryError as exc:
        assert _is_one_line(str(exc)), repr(str(exc))
        return
    assert isinstance(parsed, Query)
    for term in parsed.all_terms() + parsed.excluded:
        assert term.words and all(w and w == w.lower() for w in term.words)
        assert term.kind in ("word", "prefix", "phrase")


# -- well-formed queries ----------------------------------------------------------------------------
letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöé", min_size=2, max_size=10)
word = st.one_of(st.sampled_from(VOCABULARY), letters)
positive = st.one_of(word, word.filter(lambda w: len(w) >= 2).map(lambda w: w + "*"), st.lists(word, min_size=2, max_size=3).map(
    lambda ws: '"' + " ".join(ws) + '"'))
group = st.lists(positive, min_size=1, max_size=3).map(" OR ".join)
filters = st.lists(st.sampled_from(["kommun:arboga", "kommun:arboga,koping", "municipality:kungsor", "from:2021",
                                    "to:2024-02-01", "from:2020-06-01", "topic:samverkan", 'topic:"skola och förskola"',
                                    'person:"Anders Röhfors"', "person:nobody"]), max_size=2, unique=True)


@st.composite
def well_formed(draw) -> tuple[str, int, int]:
    """A valid query, with its number of AND groups and of excluded terms."""
    groups = draw(st.lists(group, max_size=4))
    excluded = draw(st.lists(word.map(lambda w: "-" + w), max_size=2)) if groups else []
    parts = groups + excluded + draw(filters)
    if not parts:
        parts = ["kommun:koping"]
    return " ".join(draw(st.permutations(parts))), len(groups), len(excluded)


@settings(max_examples=200, deadline=None)
@given(case=well_formed())
def test_well_formed_queries_parse_into_their_parts(case):
    q, n_groups, n_excluded = case
    parsed = parse_query(q)
    assert len(parsed.groups) == n_groups and len(parsed.excluded) == n_excluded
    if "from:2021" in q.split() and "from:2020-06-01" not in q:  # of two from:, the last counts
        assert parsed.date_from == date(2021, 1, 1)
    if 'person:"Anders Röhfors"' in q:
        assert "Anders Röhfors" in parsed.people


# -- against archives -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def archives(request, tmp_path_factory):
    """The same small archive on SQLite and on PostgreSQL."""
    with contextlib.ExitStack() as stack:
        engines = {}
        for kind in ("sqlite", "postgres"):
            url = stack.enter_context(fresh_archive(kind, tmp_path_factory.mktemp(kind), request))
            engines[kind] = open_archive(url)
            stack.callback(engines[kind].dispose)
            ArchiveWriter(engines[kind]).write(batch(*CORPUS))
        yield engines


def _found(engine, q) -> tuple[int, set[str]] | str:
    try:
        results = search(engine, q, limit=100)
    except QueryError as exc:
        assert _is_one_line(str(exc)), repr(str(exc))
        return "QueryError"
    return results.total, {h.canonical_url for h in results.hits}


@settings(max_examples=100, deadline=None)
@given(q=any_query)
def test_any_query_gives_results_or_a_query_error_on_both_back_ends(archives, q):
    sqlite, postgres = _found(archives["sqlite"], q), _found(archives["postgres"], q)
    assert (sqlite == "QueryError") == (postgres == "QueryError"), (sqlite, postgres)
    if sqlite != "QueryError":
        assert sqlite[1] <= {r["canonical_url"] for r in CORPUS}


def _expected_filters(parsed: Query) -> set[str]:
    """The corpus articles the query's filters alone allow (person: and topic: aside)."""
    out = set()
    for r in CORPUS:
        day = date.fromisoformat(r["published_at"]) if r["published_at"] else None
        if parsed.municipalities and r["municipality"] not in parsed.municipalities:
            continue
        if (parsed.date_from or parsed.date_to) and day is None:
            continue
        if (parsed.date_from and day < parsed.date_from) or (parsed.date_to and day > parsed.date_to):
            continue
        out.add(r["canonical_url"])
    return out


@settings(max_examples=100, deadline=None)
@given(case=well_formed())
def test_a_well_formed_query_finds_the_same_articles_on_sqlite_and_postgresql(archives, case):
    q = case[0]
    sqlite, postgres = _found(archives["sqlite"], q), _found(archives["postgres"], q)
    assert sqlite == postgres
    assert sqlite[1] <= _expected_filters(parse_query(q))


# -- the command line -------------------------------------------------------------------------------
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=any_query)
def test_cli_search_exits_0_or_2_with_one_line(archives, q):
    # `--` so that a query starting with "-" is the query, not an option (as a user must type it)
    result = CliRunner().invoke(main, ["search", "--db", str(archives["sqlite"].url), "--json", "--", q])
    assert result.exit_code in (0, 2), (result.exit_code, result.output, result.exception)
    if result.exit_code == 2:
        assert result.stderr.endswith("\n") and _is_one_line(result.stderr[:-1]), repr(result.stderr)
        assert result.stderr.startswith("kommunarkiv: bad query: ") and result.stdout == ""
    else:
        assert result.stderr == "" and result.stdout.lstrip().startswith("[")


# -- oracles that a wrong answer breaks ---------------------------------------------------------------
def _own_words(text: str) -> list[list[str]]:
    """The text's words, sentence by sentence, split by a rule of the test's own (not archive.text)."""
    return [ws for sentence in re.split(r"[.,:;!?()/]", text.lower())
            if (ws := re.findall(r"[a-zåäöéü0-9]+", sentence))]


@st.composite
def about_an_article(draw) -> tuple[dict, str]:
    """A corpus article and a query it must match: its own words (whole, as a prefix or as a phrase)
    and filters it passes."""
    article = draw(st.sampled_from(CORPUS))
    sentences = _own_words(article["title"] + ". " + article["body"])
    terms = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        sentence = draw(st.sampled_from(sentences))
        start = draw(st.integers(min_value=0, max_value=len(sentence) - 1))
        kind = draw(st.sampled_from(["word", "prefix", "phrase"]))
        if kind == "phrase" and start + 1 < len(sentence):
            terms.append('"' + " ".join(sentence[start:start + draw(st.integers(2, 3))]) + '"')
        elif kind == "prefix" and len(sentence[start]) >= 3:
            terms.append(sentence[start][:draw(st.integers(2, len(sentence[start])))] + "*")
        else:
            terms.append(sentence[start])
    filters = []
    if draw(st.booleans()):
        filters.append("kommun:" + article["municipality"])
    if article["published_at"] and draw(st.booleans()):
        day = date.fromisoformat(article["published_at"])
        filters.append(f"from:{day - timedelta(days=draw(st.integers(0, 400)))}")
        filters.append(f"to:{day + timedelta(days=draw(st.integers(0, 400)))}")
    if article.get("people") and draw(st.booleans()):
        filters.append(f'person:"{article["people"][0]["name"]}"')
    return article, " ".join(draw(st.permutations(terms + filters)))


@settings(max_examples=150, deadline=None)
@given(case=about_an_article())
def test_an_articles_own_words_find_it_on_both_back_ends_alike(archives, case):
    article, q = case
    sqlite, postgres = _found(archives["sqlite"], q), _found(archives["postgres"], q)
    assert sqlite != "QueryError", q
    assert article["canonical_url"] in sqlite[1], (q, sqlite)
    assert sqlite == postgres, q  # not empty: the article is in both
    assert sqlite[1] <= _expected_filters(parse_query(q))


def _all_pages(engine, q: str, per_page: int, collapse: bool) -> list[list[int]]:
    pages, offset = [], 0
    while True:
        results = search(engine, q, limit=per_page, offset=offset, collapse=collapse)
        pages.append([h.id for h in results.hits])
        if not results.more:
            assert results.hits or offset == 0, f"{q!r}: 'more' promised a page {offset // per_page} that is empty"
            return pages
        assert len(results.hits) == per_page  # only a full page says more follow
        offset += per_page
        assert offset <= 10 * len(CORPUS), f"{q!r}: pages without end"


@settings(max_examples=100, deadline=None)
@given(case=st.one_of(about_an_article().map(lambda c: c[1]), well_formed().map(lambda c: c[0])),
       per_page=st.integers(min_value=1, max_value=4), kind=st.sampled_from(["sqlite", "postgres"]))
@example(case="kommun:koping", per_page=1, kind="postgres")  # filters alone: matching_ids ordered by a constant
def test_the_total_is_every_page_of_hits_joined_together(archives, case, per_page, kind):
    engine = archives[kind]
    pages = _all_pages(engine, case, per_page, collapse=False)
    joined = list(itertools.chain.from_iterable(pages))
    assert len(joined) == len(set(joined)), (case, pages)  # no article on two pages
    assert search(engine, case, limit=0).total == len(joined), (case, pages)
    assert set(joined) == set(matching_ids(engine, case))
    # collapsed into stories, the pages still hold every match once: as a hit or as a hit's story
    collapsed = search(engine, case, limit=100)
    shown = [h.id for h in collapsed.hits] + [p["id"] for h in collapsed.hits for p in h.also_published]
    assert set(joined) <= set(shown) and len(collapsed.hits) <= len(joined)


# An archive that grows by one made-up article per example: its own, since the module's `archives`
# must stay the CORPUS the other properties reason about.
@pytest.fixture(scope="module")
def growing(request, tmp_path_factory):
    with contextlib.ExitStack() as stack:
        engines = {}
        for kind in ("sqlite", "postgres"):
            url = stack.enter_context(fresh_archive(kind, tmp_path_factory.mktemp("growing-" + kind), request))
            engines[kind] = open_archive(url)
            stack.callback(engines[kind].dispose)
            ArchiveWriter(engines[kind]).write(batch(*CORPUS))
        yield engines, itertools.count()


made_up = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö", min_size=3, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(municipality=st.sampled_from(["arboga", "koping", "kungsor"]),
       title=st.lists(made_up, min_size=1, max_size=5), body=st.lists(made_up, min_size=3, max_size=40),
       data=st.data())
def test_an_article_just_written_is_found_by_a_word_of_its_own(growing, municipality, title, body, data):
    engines, numbers = growing
    path = f"/nytt-{next(numbers)}.html"
    new = record(municipality, path, " ".join(title).capitalize(), " ".join(body).capitalize() + ".", "2025-01-15")
    word = data.draw(st.sampled_from(title + body), label="word")
    found = {}
    for kind, engine in engines.items():
        ArchiveWriter(engine).write(batch(new))
        results = search(engine, word, limit=1000, collapse=False)
        found[kind] = {h.canonical_url for h in results.hits}
        assert new["canonical_url"] in found[kind], (kind, word)
        assert results.total == len(found[kind])
    assert found["sqlite"] == found["postgres"], word


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_relevance_ranks_the_newest_matches_the_filters_allow(archives, kind, monkeypatch):
    """Relevance ranks the RANK_WINDOW most recently archived matches: with filters, of those the
    filters allow (a window taken before filtering would lose the filtered matches)."""
    engine = archives[kind]
    q = "samverkan OR skolans OR nämnden OR nämnd to:2023-12-31"
    allowed = sorted(matching_ids(engine, q))
    assert len(allowed) >= 3 and len(allowed) < len(matching_ids(engine, q.split(" to:")[0]))
    monkeypatch.setattr(search_module, "RANK_WINDOW", 2)
    results = search(engine, q, limit=100, collapse=False)
    assert {h.id for h in results.hits} == set(allowed[-2:])
    assert results.total == len(allowed)
