"""Counts over a query's articles: facets (municipality, year, topic) and the timeline (articles per
month per municipality). Both count articles, not collapsed stories: a story published by three
municipalities counts once for each, which is what a per-municipality count means."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy import Engine, text

from archive import bitmaps
from archive.match_sets import match_set
from archive.places import resolve as resolve_municipalities
from archive.query import Query, parse_query
from archive.search import matching_sql, reading

T = TypeVar("T")


@dataclass
class Facets:
    municipality: list[tuple[str, int]]
    year: list[tuple[str, int]]
    topic: list[tuple[str, int]]

    @property
    def total(self) -> int:
        """The matching articles: every article has one municipality."""
        return sum(n for _, n in self.municipality)

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        return {name: [{"value": v, "count": n} for v, n in getattr(self, name)]
                for name in ("municipality", "year", "topic")}


def facets(engine: Engine, query: str | Query) -> Facets:
    """How many of the query's articles each municipality, year and topic has (largest first;
    years newest first). Articles without a date are left out of the years. The query's matches,
    as a set of ids from the full-text index and the filters' bitmaps, are intersected with each
    value's bitmap (archive/bitmaps.py): no match is joined to its row. The whole archive's, which
    the front page shows on every visit, is kept as its timeline is (below)."""
    q = parse_query(query) if isinstance(query, str) else query
    if q.has_text or q.has_filters:
        return _facets(engine, q)
    return _whole_archive(engine, "facets", lambda: _facets(engine, q))


def _facets(engine: Engine, q: Query) -> Facets:
    if q.municipalities:
        q.municipalities = resolve_municipalities(engine, q.municipalities)
    with reading(engine, q) as conn:
        sets = bitmaps.current(engine, conn)
        found = match_set(conn, q, sets)
        slugs: dict[int, str] = dict(conn.execute(text("SELECT id, slug FROM municipalities")).all())

    def counted(facet: str) -> list[tuple[str, int]]:
        counts = ((value, found.intersection_cardinality(ids)) for value, ids in sets.sets.get(facet, {}).items())
        return [(value, n) for value, n in counts if n]

    by_municipality = [(slugs[int(mid)], n) for mid, n in counted("municipality")]
    return Facets(municipality=sorted(by_municipality, key=lambda x: (-x[1], x[0])),
                  year=sorted(counted("year"), reverse=True),
                  topic=sorted(counted("topic"), key=lambda x: (-x[1], x[0])))


def counted_by_rows(engine: Engine, query: str | Query) -> Facets:
    """The same counts by joining every match to its article row and topics (how facets were
    counted before the bitmaps): the reference the tests and bench/search_latency.py compare to."""
    q = parse_query(query) if isinstance(query, str) else query
    params: dict[str, Any] = {}
    match_sql, _score, bind = matching_sql(engine, q, params)
    pairs_sql = (f"SELECT mid, year, count(*) AS n FROM (SELECT a.municipality_id AS mid, "
                 f"substr(a.published_at, 1, 4) AS year {match_sql}) x GROUP BY mid, year")
    topic_sql = (f"SELECT t.topic, count(*) AS n FROM article_topics t WHERE t.article_id IN (SELECT a.id {match_sql}) "
                 "GROUP BY t.topic ORDER BY n DESC, t.topic")
    with reading(engine, q) as conn:
        pairs = conn.execute(text(pairs_sql).bindparams(*bind), params).all()
        topics = [tuple(row) for row in conn.execute(text(topic_sql).bindparams(*bind), params)]
    slugs = _slugs(engine)
    by_municipality: Counter[str] = Counter()
    by_year: Counter[str] = Counter()
    for mid, year, n in pairs:
        by_municipality[slugs[mid]] += n
        if year:
            by_year[year] += n
    return Facets(municipality=sorted(by_municipality.items(), key=lambda x: (-x[1], x[0])),
                  year=sorted(by_year.items(), reverse=True), topic=topics)


def _slugs(engine: Engine) -> dict[int, str]:
    with engine.connect() as conn:
        return dict(conn.execute(text("SELECT id, slug FROM municipalities")).all())


@dataclass
class Timeline:
    months: list[str]  # every month from the first to the last, gaps included ("2021-05")
    series: dict[str, list[int]]  # municipality -> count per month, aligned with months

    def to_dict(self) -> dict[str, Any]:
        return {"months": self.months, "series": self.series}


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


# (archive URL, what) -> (the archive's state, its whole timeline or facets)
_WHOLE_ARCHIVE: dict[tuple[str, str], tuple[tuple[Any, ...], Any]] = {}


def _whole_archive(engine: Engine, what: str, count: Callable[[], T]) -> T:
    """`count()` of the whole archive, counted again only once an article or a revision (which
    brings its topics) has been added since."""
    with engine.connect() as conn:
        state = tuple(conn.execute(text("SELECT (SELECT max(id) FROM articles), (SELECT max(id) FROM revisions)")).one())
    key = (engine.url.render_as_string(hide_password=False), what)
    cached = _WHOLE_ARCHIVE.get(key)
    if cached is None or cached[0] != state:
        cached = _WHOLE_ARCHIVE[key] = (state, count())
    return cast(T, cached[1])


def timeline(engine: Engine, query: str | Query = "") -> Timeline:
    """Articles per month and municipality for a query (all articles for an empty one). The whole
    archive's, which the search page draws on every visit, is kept until an article or a revision
    is added (a scan of every article: 0.1 s at 100,000 articles, ten times that at 1,000,000)."""
    q = parse_query(query) if isinstance(query, str) else query
    if q.has_text or q.has_filters:
        return _timeline(engine, q)
    return _whole_archive(engine, "timeline", lambda: _timeline(engine, q))


def _timeline(engine: Engine, q: Query) -> Timeline:
    params: dict[str, Any] = {}
    match_sql, _score, bind = matching_sql(engine, q, params)
    sql = (f"SELECT month, mid, count(*) AS n FROM (SELECT substr(a.published_at, 1, 7) AS month, "
           f"a.municipality_id AS mid {match_sql}) x WHERE month IS NOT NULL GROUP BY month, mid ORDER BY month")
    with reading(engine, q) as conn:
        rows = [r for r in conn.execute(text(sql).bindparams(*bind), params) if len(r.month or "") == 7]
    if not rows:
        return Timeline(months=[], series={})
    slugs = _slugs(engine)
    months = _month_range(rows[0].month, rows[-1].month)
    index = {m: i for i, m in enumerate(months)}
    series: dict[str, list[int]] = {}
    for row in rows:
        series.setdefault(slugs[row.mid], [0] * len(months))[index[row.month]] += row.n
    return Timeline(months=months, series=dict(sorted(series.items())))
