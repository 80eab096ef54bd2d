"""A parsed query as each back end's full-text condition: an FTS5 MATCH expression for SQLite, and
tsquery conditions with their ts_rank for PostgreSQL, both over the same pre-analysed tokens."""

from __future__ import annotations

from typing import Any

from archive.query import Query, Term

# PostgreSQL's two stored vectors (migration 0007): word queries match stems, prefixes and phrases words
# (indexed with RUM where the server has it, migration 0012: the same @@ conditions, planned on RUM)
PG_COLUMN = {"word": "d.tsv_stems", "prefix": "d.tsv_words", "phrase": "d.tsv_words"}
PG_WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"  # D body words, C title words, B body stems, A title stems


def _fts_term(t: Term) -> str:
    if t.kind == "word":
        return '{title_stems stems} : "' + t.stems[0].replace('"', '""') + '"'
    if t.kind == "prefix":
        return '{title_words words} : "' + t.words[0].replace('"', '""') + '" *'
    return '{title_words words} : "' + " ".join(t.words).replace('"', '""') + '"'


def fts5_match(q: Query) -> str:
    groups = ["(" + " OR ".join(_fts_term(t) for t in g) + ")" for g in q.groups]
    expr = " AND ".join(groups)
    for t in q.excluded:
        expr += f" NOT ({_fts_term(t)})"
    return expr


def _pg_lexeme(word: str) -> str:
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'"


def _pg_term(t: Term) -> str:
    """The term as a tsquery over its own vector, with no weight restriction: GIN checks it alone."""
    if t.kind == "word":
        return _pg_lexeme(t.stems[0])
    if t.kind == "prefix":
        return f"{_pg_lexeme(t.words[0])}:*"
    return "(" + " <-> ".join(_pg_lexeme(w) for w in t.words) + ")"


def _pg_any_per_column(terms: list[Term]) -> dict[str, str]:
    """Each vector the terms need -> a tsquery matching any of its terms."""
    return {column: " | ".join(_pg_term(t) for t in terms if PG_COLUMN[t.kind] == column)
            for column in sorted({PG_COLUMN[t.kind] for t in terms})}


def pg_or(terms: list[Term], params: dict[str, Any]) -> str:
    """`terms` matched: one tsquery per vector they need, OR-ed."""
    out = []
    for column, tsquery in _pg_any_per_column(terms).items():
        name = f"tsq{len(params)}"
        params[name] = tsquery
        out.append(f"{column} @@ to_tsquery('simple', :{name})")
    return out[0] if len(out) == 1 else "(" + " OR ".join(out) + ")"


def pg_match(q: Query, params: dict[str, Any]) -> tuple[str, str]:
    """The query as SQL conditions on the two vectors (one tsquery when it needs one vector only),
    and its score (lower is better: ts_rank of the query's terms in each vector they match)."""
    terms = q.all_terms()
    columns = {PG_COLUMN[t.kind] for t in terms + q.excluded}
    if len(columns) == 1:
        expr = " & ".join("(" + " | ".join(_pg_term(t) for t in g) + ")" for g in q.groups)
        expr += "".join(f" & !{_pg_term(t)}" for t in q.excluded)
        params["tsq"] = expr
        condition = f"{columns.pop()} @@ to_tsquery('simple', :tsq)"
    else:
        condition = " AND ".join(pg_or(g, params) for g in q.groups)
        condition += "".join(f" AND NOT {pg_or([t], params)}" for t in q.excluded)
    ranks = []
    for column, tsquery in _pg_any_per_column(terms).items():
        name = "rank_" + column.removeprefix("d.tsv_")
        params[name] = tsquery
        ranks.append(f"ts_rank({PG_WEIGHTS}, {column}, to_tsquery('simple', :{name}))")
    return condition, "-(" + " + ".join(ranks) + ")"
