"""Full-text search over the archive: SQLite FTS5 (bm25) or PostgreSQL (GIN, ts_rank), both over the
same pre-analysed tokens (archive/text.py), with a snippet that marks the matched words."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Engine, bindparam, text

from archive.query import Query, Term, parse_query
from archive.text import stem, words

PG_TSVECTOR = "d.tsv"  # weighted: title stems A, stems B, title words C, words D (migration 0006)
MARK = "**"


@dataclass
class Hit:
    id: int
    url: str
    canonical_url: str
    title: str | None
    municipality: str
    published_at: str | None
    snippet: str
    score: float
    story_id: int | None = None
    also_published: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Results:
    query: str
    total: int
    hits: list[Hit]


# -- the MATCH expressions --------------------------------------------------------------------------
def _fts_term(t: Term) -> str:
    if t.kind == "word":
        return '{title_stems stems} : "%s"' % t.stems[0].replace('"', '""')
    if t.kind == "prefix":
        return '{title_words words} : "%s" *' % t.words[0].replace('"', '""')
    return '{title_words words} : "%s"' % " ".join(t.words).replace('"', '""')


def fts5_match(q: Query) -> str:
    groups = ["(" + " OR ".join(_fts_term(t) for t in g) + ")" for g in q.groups]
    expr = " AND ".join(groups)
    for t in q.excluded:
        expr += f" NOT ({_fts_term(t)})"
    return expr


def _pg_lexeme(word: str) -> str:
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'"


def _pg_term(t: Term) -> str:
    if t.kind == "word":
        return f"{_pg_lexeme(t.stems[0])}:AB"
    if t.kind == "prefix":
        return f"{_pg_lexeme(t.words[0])}:*CD"
    return "(" + " <-> ".join(f"{_pg_lexeme(w)}:CD" for w in t.words) + ")"


def pg_tsquery(q: Query) -> str:
    expr = " & ".join("(" + " | ".join(_pg_term(t) for t in g) + ")" for g in q.groups)
    for t in q.excluded:
        expr += f" & !({_pg_term(t)})"
    return expr


# -- snippets ---------------------------------------------------------------------------------------
def _matcher(q: Query):
    stems = {s for t in q.all_terms() if t.kind == "word" for s in t.stems}
    prefixes = tuple(t.words[0] for t in q.all_terms() if t.kind == "prefix")
    phrase_words = {w for t in q.all_terms() if t.kind == "phrase" for w in t.words}

    def matches(token: str) -> bool:
        low = token.lower()
        return stem(low) in stems or low in phrase_words or (bool(prefixes) and low.startswith(prefixes))

    return matches


def snippet(body: str, q: Query, width: int = 30) -> str:
    """About `width` words of `body` around the densest cluster of matches, matches in **bold**."""
    tokens = body.split()
    if not tokens:
        return ""
    is_match = _matcher(q)
    hits = [i for i, tok in enumerate(tokens) if any(is_match(w) for w in words(tok))]
    start = 0
    if hits:
        best = max(hits, key=lambda i: sum(1 for j in hits if i <= j < i + width))
        start = max(0, best - 5)
    window = tokens[start:start + width]
    out = [f"{MARK}{tok}{MARK}" if any(is_match(w) for w in words(tok)) else tok for tok in window]
    return ("… " if start else "") + " ".join(out) + (" …" if start + width < len(tokens) else "")


# -- running a query --------------------------------------------------------------------------------
def _filters(q: Query, params: dict[str, Any]) -> str:
    clauses = []
    if q.municipalities:
        clauses.append("a.municipality_id IN (SELECT id FROM municipalities WHERE slug IN :munis)")
        params["munis"] = q.municipalities
    if q.date_from:
        clauses.append("a.published_date >= :dfrom")
        params["dfrom"] = q.date_from
    if q.date_to:
        clauses.append("a.published_date <= :dto")
        params["dto"] = q.date_to
    for i, topic in enumerate(q.topics):
        clauses.append(f"EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.id AND t.topic = :topic{i})")
        params[f"topic{i}"] = topic
    for i, person in enumerate(q.people):
        clauses.append("EXISTS (SELECT 1 FROM article_people ap JOIN people p ON p.id = ap.person_id "
                       f"WHERE ap.article_id = a.id AND lower(p.name) = lower(:person{i}))")
        params[f"person{i}"] = person
    return (" AND " + " AND ".join(clauses)) if clauses else ""


def matching_sql(engine: Engine, q: Query, params: dict[str, Any]) -> tuple[str, str, list]:
    """The FROM/WHERE part that selects the query's articles, the score expression (lower is
    better), and the bind parameters that need expanding."""
    where = _filters(q, params)
    base = "FROM articles a"
    if not q.has_text:
        match_sql, score = f"{base} WHERE 1=1{where}", "0.0"
    elif engine.dialect.name == "sqlite":
        params["match"] = fts5_match(q)
        match_sql = (f"{base} JOIN (SELECT rowid AS id, bm25(search_fts, 2.0, 5.0, 0.5, 1.0) AS score "
                     f"FROM search_fts WHERE search_fts MATCH :match) f ON f.id = a.id WHERE 1=1{where}")
        score = "f.score"
    else:
        params["tsq"] = pg_tsquery(q)
        match_sql = (f"{base} JOIN search_docs d ON d.article_id = a.id "
                     f"WHERE ({PG_TSVECTOR}) @@ to_tsquery('simple', :tsq){where}")
        score = f"-ts_rank('{{0.1, 0.2, 0.4, 1.0}}', {PG_TSVECTOR}, to_tsquery('simple', :tsq))"
    return match_sql, score, [bindparam("munis", expanding=True)] if q.municipalities else []


def search(engine: Engine, query: str | Query, *, limit: int = 20, offset: int = 0,
           sort: str = "relevance", collapse: bool = True) -> Results:
    """Run a query (raises QueryError with a one-line message for a malformed one).

    With `collapse` the articles of one story make one hit, the story's best match, which names
    the story's other publications in `also_published`; `total` then counts hits, not articles."""
    q = parse_query(query) if isinstance(query, str) else query
    if sort not in ("relevance", "date"):
        raise ValueError(f"sort must be relevance or date, not {sort!r}")
    if not q.has_text:
        sort = "date"
    params: dict[str, Any] = {"limit": max(0, limit), "offset": max(0, offset)}
    match_sql, score, bind = matching_sql(engine, q, params)
    order = "score, id" if sort == "relevance" else "pdate_missing, published_date DESC, id DESC"
    group = "COALESCE(a.story_id, -a.id)" if collapse else "a.id"
    matched = (f"SELECT a.id, {group} AS grp, {score} AS score, a.published_date, "
               f"CASE WHEN a.published_date IS NULL THEN 1 ELSE 0 END AS pdate_missing {match_sql}")
    best = f"SELECT *, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY {order}) AS rank_in_story FROM matched"
    select_sql = (f"WITH matched AS ({matched}), best AS ({best}) "
                  f"SELECT b.id AS id, b.score AS score, b.pdate_missing AS pdate_missing, "
                  f"b.published_date AS published_date, a.url, a.canonical_url, a.title, a.story_id, m.slug, "
                  f"a.published_at, r.record FROM best b JOIN articles a ON a.id = b.id "
                  f"JOIN municipalities m ON m.id = a.municipality_id JOIN revisions r ON r.id = a.current_revision_id "
                  f"WHERE b.rank_in_story = 1 ORDER BY {order} LIMIT :limit OFFSET :offset")
    count_sql = f"SELECT count(DISTINCT {group}) {match_sql}"
    with engine.connect() as conn:
        total = conn.execute(text(count_sql).bindparams(*bind), params).scalar_one()
        rows = conn.execute(text(select_sql).bindparams(*bind), params).all()
        elsewhere = _other_publications(conn, rows) if collapse else {}
    hits = []
    for row in rows:
        record = row.record if isinstance(row.record, dict) else json.loads(row.record)
        text_ = "\n".join(filter(None, [record.get("lead"), record.get("body")]))
        hits.append(Hit(id=row.id, url=row.url, canonical_url=row.canonical_url, title=row.title,
                        municipality=row.slug, published_at=row.published_at,
                        snippet=snippet(text_, q) if q.has_text else " ".join(text_.split()[:30]),
                        score=round(-float(row.score or 0.0), 4), story_id=row.story_id,
                        also_published=elsewhere.get(row.id, [])))
    return Results(query=q.text, total=total, hits=hits)


def _other_publications(conn, rows) -> dict[int, list[dict[str, Any]]]:
    """For each hit in a story, the story's other articles (whether or not they matched)."""
    stories = {row.story_id: row.id for row in rows if row.story_id is not None}
    if not stories:
        return {}
    sql = text("SELECT a.id, a.story_id, a.canonical_url, a.published_at, m.slug FROM articles a "
               "JOIN municipalities m ON m.id = a.municipality_id WHERE a.story_id IN :stories "
               "ORDER BY a.published_date, a.id").bindparams(bindparam("stories", expanding=True))
    out: dict[int, list[dict[str, Any]]] = {}
    for other in conn.execute(sql, {"stories": list(stories)}):
        hit_id = stories[other.story_id]
        if other.id != hit_id:
            out.setdefault(hit_id, []).append({"id": other.id, "municipality": other.slug,
                                               "url": other.canonical_url, "published_at": other.published_at})
    return out


def matching_ids(engine: Engine, query: str) -> list[int]:
    """Every article id the query matches, best first (exports of a query, watches): one query,
    without loading records or making snippets."""
    q = parse_query(query)
    params: dict[str, Any] = {}
    match_sql, score, bind = matching_sql(engine, q, params)
    with engine.connect() as conn:
        return list(conn.execute(text(f"SELECT a.id {match_sql} ORDER BY {score}, a.id").bindparams(*bind),
                                 params).scalars())
