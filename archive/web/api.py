"""The JSON API: search, articles with their revisions and story, and the watches' Atom feeds.

Read-only: every route is a GET. Scraped text is data: it is returned as JSON strings, never as
markup, and every response carries a Content-Security-Policy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from archive.history import changed_fields
from archive.models import Article, Municipality, Revision
from archive.query import QueryError
from archive.search import search
from archive.web.pages import ENV
from archive.watches import WatchError, atom_feed

CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
STYLE = (Path(__file__).with_name("templates") / "style.css").read_text(encoding="utf-8")


def create_app(engine: Engine) -> FastAPI:
    app = FastAPI(title="kommunarkiv", version="0.1.0",
                  description="Search and read the archive of Arboga, Köping and Kungsör's news.")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # noqa: ANN001, ANN202
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(QueryError)
    async def bad_query(_request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"error": f"bad query: {exc}"}, status_code=400)

    @app.get("/api/search", summary="Full-text search in the query language of the README")
    def api_search(q: str = Query("", max_length=1000), limit: int = Query(20, ge=0, le=1000),
                   offset: int = Query(0, ge=0), sort: str = Query("relevance", pattern="^(relevance|date)$")
                   ) -> dict[str, Any]:
        results = search(engine, q, limit=limit, offset=offset, sort=sort)
        return {"query": results.query, "total": results.total, "hits": [h.to_dict() for h in results.hits]}

    @app.get("/api/articles/{article_id}", summary="An article: its latest record, revisions and story")
    def api_article(article_id: int) -> dict[str, Any]:
        with Session(engine) as s:
            article = s.get(Article, article_id)
            if article is None:
                raise HTTPException(404, f"no article {article_id}")
            revisions = s.scalars(select(Revision).where(Revision.article_id == article_id)
                                  .order_by(Revision.id)).all()
            story = [] if article.story_id is None else [
                {"id": a.id, "url": a.canonical_url, "municipality": slug, "published_at": a.published_at}
                for a, slug in s.execute(select(Article, Municipality.slug).join(Municipality)
                                         .where(Article.story_id == article.story_id, Article.id != article.id))]
            history, previous = [], None
            for r in revisions:
                history.append({"id": r.id, "first_seen_at": r.first_seen_at.isoformat(),
                                "last_seen_at": r.last_seen_at.isoformat(),
                                "changes": changed_fields(previous, r.record) if previous else {}})
                previous = r.record
            return {"id": article.id, "story_id": article.story_id, "first_seen_at": article.first_seen_at.isoformat(),
                    "last_seen_at": article.last_seen_at.isoformat(), "record": revisions[-1].record,
                    "revisions": history, "also_published": story}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page_search(q: str = Query("", max_length=1000), sort: str = Query("relevance", pattern="^(relevance|date)$"),
                    offset: int = Query(0, ge=0)) -> HTMLResponse:
        limit, results, error, status = 20, None, None, 200
        if q.strip():
            try:
                results = search(engine, q, limit=limit, offset=offset, sort=sort)
            except QueryError as exc:
                error, status = f"Felaktig sökning: {exc}", 400
        html = ENV.get_template("search.html").render(q=q, sort=sort, offset=offset, limit=limit, results=results,
                                                      error=error)
        return HTMLResponse(html, status_code=status)

    @app.get("/style.css", include_in_schema=False)
    def style() -> Response:
        return Response(STYLE, media_type="text/css; charset=utf-8")

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_article(article_id: int) -> HTMLResponse:
        data = api_article(article_id)
        html = ENV.get_template("article.html").render(r=data["record"], revisions=data["revisions"],
                                                       also=data["also_published"])
        return HTMLResponse(html)

    @app.get("/watches/{name}.atom", summary="A watch's new and changed articles as Atom",
             response_class=Response)
    def watch_feed(name: str) -> Response:
        try:
            return Response(atom_feed(engine, name), media_type="application/atom+xml; charset=utf-8")
        except WatchError as exc:
            raise HTTPException(404, str(exc)) from None

    return app
