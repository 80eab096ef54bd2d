"""Full-text search over the archive: SQLite FTS5 (bm25) or PostgreSQL (GIN, and RUM for phrases where
the server has it: archive/phrase_index.py; ts_rank), both over the same pre-analysed tokens
(archive/text.py), with a snippet that marks the matched words."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Annotated, Any, cast

from pydantic import Field
from sqlalchemy import BindParameter, Connection, Engine, Row, bindparam, text
from typing_extensions import TypedDict  # pydantic needs this one on Python < 3.12

from archive import bitmaps
from archive.match_sets import match_set
from archive.matching import fts5_match, pg_match, pg_or
from archive.places import resolve as resolve_municipalities
from archive.query import Query, parse_query
from archive.snippets import snippet


class Publication(TypedDict):
    """Another publication of a hit's story."""

    id: int
    municipality: str
    url: str
    published_at: str | None


@dataclass
class Hit:
    """One search hit; also the JSON API's hit (the Field descriptions go into /openapi.json)."""

    id: int
    url: str
    canonical_url: str
    title: str | None
    municipality: str
    published_at: str | None
    snippet: Annotated[str, Field(description="About 30 words around the matches; matched words between ** and **")]
    score: Annotated[float, Field(description="Relevance: bm25 on SQLite, ts_rank on PostgreSQL (higher is better)")]
    story_id: int | None = None
    also_published: Annotated[list[Publication], Field(description="The story's other publications (collapsed hits)")] \
        = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Results:
    query: str
    total: int  # matching articles
    hits: list[Hit]
    more: bool = False  # another page of hits follows


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


def matching_sql(engine: Engine, q: Query, params: dict[str, Any]) -> tuple[str, str, list[BindParameter[Any]]]:
    """The FROM/WHERE part that selects the query's articles, the score expression (lower is
    better), and the bind parameters that need expanding."""
    if q.municipalities:
        q.municipalities = resolve_municipalities(engine, q.municipalities)
    where = _filters(q, params)
    base = "FROM articles a"
    if not q.has_text:
        match_sql, score = f"{base} WHERE 1=1{where}{_excluding(engine, q, params)}", "0.0"
    elif engine.dialect.name == "sqlite":
        params["match"] = fts5_match(q)
        match_sql = f"FROM search_fts f JOIN articles a ON a.id = f.rowid WHERE search_fts MATCH :match{where}"
        score = "bm25(search_fts, 2.0, 5.0, 0.5, 1.0)"
    else:
        condition, score = pg_match(q, params)
        match_sql = f"{base} JOIN search_docs d ON d.article_id = a.id WHERE {condition}{where}"
    return match_sql, score, [bindparam("munis", expanding=True)] if q.municipalities else []


def _excluding(engine: Engine, q: Query, params: dict[str, Any]) -> str:
    """Filters with exclusions and no word (`topic:miljö -mälardalen`): the articles that match
    none of the excluded terms, as a condition on `a`."""
    if not q.excluded:
        return ""
    unwanted = Query(groups=[list(q.excluded)])
    if engine.dialect.name == "sqlite":
        params["unwanted"] = fts5_match(unwanted)
        return " AND a.id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :unwanted)"
    return f" AND a.id NOT IN (SELECT d.article_id FROM search_docs d WHERE {pg_or(unwanted.groups[0], params)})"


@contextmanager
def reading(engine: Engine, q: Query) -> Iterator[Connection]:
    """A connection for a query's reads. On PostgreSQL a text query is planned with sequential
    scans off: the planner does not count that a scan must read every row's vector out of TOAST to
    test @@ (100,000 articles, one common word: 540 ms), while the GIN bitmap needs none (18 ms)."""
    with engine.connect() as conn:
        if q.has_text and engine.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL enable_seqscan = off"))
        yield conn


RANK_WINDOW = 10_000  # relevance ranks at most this many matches: the most recently archived


def _count(conn: Connection, engine: Engine, q: Query, match_sql: str, params: dict[str, Any]) -> int:
    """The matching articles: from the full-text index alone (every article has one document), or,
    with filters or no words, the size of the match set (archive/match_sets.py): no match joined
    to its row."""
    if q.has_text and not q.has_filters:
        if engine.dialect.name == "sqlite":
            return cast(int, conn.execute(text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :match"),
                                          {"match": params["match"]}).scalar_one())
        condition = match_sql.partition(" WHERE ")[2]
        return cast(int, conn.execute(text(f"SELECT count(*) FROM search_docs d WHERE {condition}"), params).scalar_one())
    return len(match_set(conn, q, bitmaps.current(engine, conn)))


def _candidates(conn: Connection, q: Query, sort: str, match_sql: str, score: str, params: dict[str, Any],
                bind: list[BindParameter[Any]], n: int) -> Sequence[Row[Any]]:
    """The first `n` matches in result order: (id, score, story group)."""
    group = "COALESCE(a.story_id, -a.id)"
    if sort == "relevance" and " search_fts f " in match_sql and q.has_filters:
        # The window is the match set's newest ids (search() puts them in temp.rank_window): only
        # FTS5 rows from its oldest id up are read, each tested against that small table instead of
        # joining its article row for the filters, and only the page's rows are joined for groups.
        # CROSS JOIN keeps FTS5 the outer loop: a rowid lookup a window id (json_each beside the
        # MATCH) had no end in 9 minutes at 1M.
        sql = (f"SELECT s.id, s.score, {group} AS grp FROM (SELECT f.rowid AS id, {score} AS score "
               "FROM search_fts f CROSS JOIN temp.rank_window w ON w.id = f.rowid "
               f"WHERE search_fts MATCH :match AND f.rowid >= :window_from ORDER BY score, f.rowid LIMIT {n}) s "
               "JOIN articles a ON a.id = s.id ORDER BY s.score, s.id")
        return conn.execute(text(sql), params).all()
    elif sort == "relevance" and " search_fts f " in match_sql:
        # newest first in the FTS5 index's own order (f.rowid), so the scan stops at the window
        sql = (f"SELECT id, score, grp FROM (SELECT a.id AS id, {score} AS score, {group} AS grp {match_sql} "
               f"ORDER BY f.rowid DESC LIMIT {RANK_WINDOW}) w ORDER BY score, id LIMIT {n}")
    elif sort == "relevance":
        # PostgreSQL: the window is the match set's newest ids (search() puts them in params), and
        # only their vectors are read for ts_rank, each by its key. Joined to a subquery over the
        # matches instead, the planner (sequential scans off) walked both tables' primary keys whole:
        # 200 + 70 ms of a one-word search in 53,000 articles, and growing with the archive.
        sql = (f"SELECT d.article_id AS id, {score} AS score, {group} AS grp FROM search_docs d "
               "JOIN articles a ON a.id = d.article_id WHERE d.article_id = ANY(CAST(:window AS integer[])) "
               f"ORDER BY score, d.article_id LIMIT {n}")
        return conn.execute(text(sql), params).all()
    else:
        sql = (f"SELECT a.id AS id, 0.0 AS score, {group} AS grp {match_sql} ORDER BY "
               f"CASE WHEN a.published_date IS NULL THEN 1 ELSE 0 END, a.published_date DESC, a.id DESC LIMIT {n}")
    return conn.execute(text(sql).bindparams(*bind), params).all()


def _rank_window(conn: Connection, window: list[int], params: dict[str, Any]) -> None:
    """Hand the ranking its window of ids: a literal array on PostgreSQL, a temporary table on
    SQLite (this connection's own; emptied first, as pooled connections keep it)."""
    if conn.dialect.name == "postgresql":
        params["window"] = "{" + ",".join(map(str, window)) + "}"
        return
    conn.execute(text("CREATE TEMP TABLE IF NOT EXISTS rank_window (id INTEGER PRIMARY KEY)"))
    conn.execute(text("DELETE FROM temp.rank_window"))
    conn.execute(text("INSERT INTO temp.rank_window SELECT value FROM json_each(:ids)"), {"ids": json.dumps(window)})
    params["window_from"] = window[0] if window else 0


def _page(conn: Connection, q: Query, sort: str, match_sql: str, score: str, params: dict[str, Any],
          bind: list[BindParameter[Any]], limit: int, offset: int, collapse: bool) -> tuple[list[tuple[int, Any]], bool]:
    """The page's (id, score) pairs, one per story when collapsing, and whether more hits follow."""
    want = offset + limit + 1
    n = want * 3 + 10
    while True:
        rows = _candidates(conn, q, sort, match_sql, score, params, bind, n)
        seen: set[int] = set()
        picked: list[tuple[int, Any]] = []
        for row in rows:
            key = row.grp if collapse else row.id
            if key not in seen:
                seen.add(key)
                picked.append((row.id, row.score))
                if len(picked) == want:
                    break
        if len(picked) == want or len(rows) < n:
            return picked[offset:offset + limit], len(picked) == want
        n *= 4


def search(engine: Engine, query: str | Query, *, limit: int = 20, offset: int = 0,
           sort: str = "relevance", collapse: bool = True, total: int | None = None) -> Results:
    """Run a query (raises QueryError with a one-line message for a malformed one).

    `total` counts the matching articles. With `collapse` the articles of one story make one hit,
    the story's best match, which names the story's other publications in `also_published`.
    Relevance ranks the RANK_WINDOW most recently archived matches (all of them, for any query
    matching fewer): ranking every match of a word found in half a million articles costs seconds.
    A caller that counted the matches already (facets do) passes `total` to save the count."""
    q = parse_query(query) if isinstance(query, str) else query
    if sort not in ("relevance", "date"):
        raise ValueError(f"sort must be relevance or date, not {sort!r}")
    if not q.has_text:
        sort = "date"
    params: dict[str, Any] = {}
    match_sql, score, bind = matching_sql(engine, q, params)
    with reading(engine, q) as conn:
        if sort == "relevance" and (engine.dialect.name == "postgresql" or q.has_filters):
            found = match_set(conn, q, bitmaps.current(engine, conn))
            total = len(found) if total is None else total
            _rank_window(conn, list(found[-RANK_WINDOW:]), params)
        if total is None:
            total = _count(conn, engine, q, match_sql, params)
        page, more = _page(conn, q, sort, match_sql, score, params, bind, max(0, limit), max(0, offset), collapse)
        scores = dict(page)
        rows = {row.id: row for row in conn.execute(text(
            "SELECT a.id, a.url, a.canonical_url, a.title, a.story_id, m.slug, a.published_at, r.record "
            "FROM articles a JOIN municipalities m ON m.id = a.municipality_id "
            "JOIN revisions r ON r.id = a.current_revision_id WHERE a.id IN :ids"
        ).bindparams(bindparam("ids", expanding=True)), {"ids": list(scores) or [-1]})}
        ordered = [rows[i] for i in scores]
        elsewhere = _other_publications(conn, ordered) if collapse else {}
    hits = []
    for row in ordered:
        record = row.record if isinstance(row.record, dict) else json.loads(row.record)
        text_ = "\n".join(filter(None, [record.get("lead"), record.get("body")]))
        hits.append(Hit(id=row.id, url=row.url, canonical_url=row.canonical_url, title=row.title,
                        municipality=row.slug, published_at=row.published_at,
                        snippet=snippet(text_, q) if q.has_text else " ".join(text_.split()[:30]),
                        score=round(-float(scores[row.id] or 0.0), 4), story_id=row.story_id,
                        also_published=elsewhere.get(row.id, [])))
    return Results(query=q.text, total=total, hits=hits, more=more)


def _other_publications(conn: Connection, rows: list[Row[Any]]) -> dict[int, list[Publication]]:
    """For each hit in a story, the story's other articles (whether or not they matched)."""
    stories = {row.story_id: row.id for row in rows if row.story_id is not None}
    if not stories:
        return {}
    sql = text("SELECT a.id, a.story_id, a.canonical_url, a.published_at, m.slug FROM articles a "
               "JOIN municipalities m ON m.id = a.municipality_id WHERE a.story_id IN :stories "
               "ORDER BY a.published_date, a.id").bindparams(bindparam("stories", expanding=True))
    out: dict[int, list[Publication]] = {}
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
    # Without words to score there is no "best": PostgreSQL refuses ORDER BY a constant ("0.0")
    order = f"{score}, a.id" if q.has_text else "a.id"
    with reading(engine, q) as conn:
        return list(conn.execute(text(f"SELECT a.id {match_sql} ORDER BY {order}").bindparams(*bind),
                                 params).scalars())
