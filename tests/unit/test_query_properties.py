"""Property tests of the query language: whatever a user types, the parser, search on SQLite and on
PostgreSQL, and `kommunarkiv search` answer with results or a one-line "bad query", never with a
database error or a traceback; and a well-formed query finds the same articles on both back ends."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.db import open_archive
from archive.query import Query, QueryError, parse_query
from archive.search import search
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
