"""The JSON API under /api: search with facets, the timeline, articles with revisions, story and
captures, people, and watches. Reading needs nothing; adding or removing a watch needs the token
of KOMMUNARKIV_TOKEN as `Authorization: Bearer <token>` (without that variable such requests are
refused). Scraped text is data: it is returned as JSON strings, never as markup."""

from __future__ import annotations

import hmac
from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import Response
from sqlalchemy import Engine

from archive.articles import article_view
from archive.facets import facets, timeline
from archive.people import list_people, person
from archive.search import search
from archive.story_review import explain
from archive.watches import add_watch, atom_feed, list_watches, remove_watch
from archive.web import schemas

QueryText = Annotated[str, Query(max_length=1000, description="A query in the language of the README")]
ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": schemas.Error, "description": "Malformed query"},
                                           404: {"model": schemas.Error, "description": "Not in the archive"}}
router = APIRouter(prefix="/api", responses=ERRORS)
feeds = APIRouter()


def get_engine(request: Request) -> Engine:
    return cast(Engine, request.app.state.engine)


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """State changes need the server's token; a server started without one refuses them all."""
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "changes are disabled: start the server with KOMMUNARKIV_TOKEN set")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is needed",
                            headers={"WWW-Authenticate": "Bearer"})


EngineDep = Annotated[Engine, Depends(get_engine)]


@router.get("/search", response_model=schemas.SearchResponse, summary="Full-text search")
def api_search(engine: EngineDep, q: QueryText = "", limit: Annotated[int, Query(ge=0, le=1000)] = 20,
               offset: Annotated[int, Query(ge=0)] = 0,
               sort: Annotated[str, Query(pattern="^(relevance|date)$")] = "relevance",
               collapse: Annotated[bool, Query(description="One hit per story")] = True,
               with_facets: Annotated[bool, Query(alias="facets", description="Add facet counts")] = False
               ) -> dict[str, Any]:
    counts = facets(engine, q) if with_facets else None
    results = search(engine, q, limit=limit, offset=offset, sort=sort, collapse=collapse,
                     total=counts.total if counts else None)
    return {"query": results.query, "total": results.total, "more": results.more,
            "hits": [h.to_dict() for h in results.hits], "facets": counts.to_dict() if counts else None}


@router.get("/facets", response_model=schemas.Facets, summary="Article counts per municipality, year and topic")
def api_facets(engine: EngineDep, q: QueryText = "") -> dict[str, Any]:
    return facets(engine, q).to_dict()


@router.get("/timeline", response_model=schemas.Timeline, summary="Articles per month and municipality")
def api_timeline(engine: EngineDep, q: QueryText = "") -> dict[str, Any]:
    return timeline(engine, q).to_dict()


@router.get("/articles/{article_id}", response_model=schemas.ArticleResponse,
            summary="An article: latest record, revisions with diffs, story, people, captures")
def api_article(engine: EngineDep, article_id: int) -> dict[str, Any]:
    return article_view(engine, article_id)


@router.get("/articles/{article_id}/story", response_model=schemas.StoryExplanation,
            summary="Why an article shares a story with others, and which candidates were left out")
def api_story(engine: EngineDep, article_id: int) -> dict[str, Any]:
    return explain(engine, article_id)


@router.get("/people", response_model=schemas.PeopleResponse, summary="People named or quoted, most quoted first")
def api_people(engine: EngineDep, name: Annotated[str, Query(max_length=200)] = "",
               limit: Annotated[int, Query(ge=0, le=1000)] = 50, offset: Annotated[int, Query(ge=0)] = 0
               ) -> dict[str, Any]:
    return list_people(engine, name=name, limit=limit, offset=offset)


@router.get("/people/{person_id}", response_model=schemas.PersonResponse,
            summary="A person: roles over time, quotes and articles")
def api_person(engine: EngineDep, person_id: int) -> dict[str, Any]:
    return person(engine, person_id)


@router.get("/watches", response_model=list[schemas.Watch], summary="Saved searches")
def api_watches(engine: EngineDep) -> list[dict[str, Any]]:
    return list_watches(engine)


@router.post("/watches", response_model=schemas.Watch, status_code=201, dependencies=[Depends(require_token)],
             summary="Save a search (needs the token)")
def api_add_watch(engine: EngineDep, watch: schemas.NewWatch) -> dict[str, Any]:
    add_watch(engine, watch.name, watch.query, email=watch.email, webhook_url=watch.webhook_url)
    return next(w for w in list_watches(engine) if w["name"] == watch.name)


@router.delete("/watches/{name}", status_code=204, dependencies=[Depends(require_token)],
               summary="Remove a saved search (needs the token)")
def api_remove_watch(engine: EngineDep, name: str) -> Response:
    remove_watch(engine, name)
    return Response(status_code=204)


@feeds.get("/watches/{name}.atom", summary="A watch's new and changed articles as Atom", response_class=Response,
           responses={200: {"content": {"application/atom+xml": {}}}, 404: ERRORS[404]})
def watch_feed(engine: EngineDep, name: str, request: Request) -> Response:
    return Response(atom_feed(engine, name, str(request.url)), media_type="application/atom+xml; charset=utf-8")
