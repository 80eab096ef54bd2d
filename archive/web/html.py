"""The HTML pages: search (facets, timeline, collapsed stories, paging), article, people, person and
the raw capture. Built on the same functions as the JSON API; Jinja2 escapes every scraped string."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Engine

from archive.articles import article_view, capture_body
from archive.facets import facets, timeline
from archive.people import list_people, person
from archive.places import names
from archive.query import QueryError
from archive.search import search
from archive.web.api import EngineDep
from archive.web.charts import timeline_svg
from archive.web.pages import ENV, add_filter, applied, chips, without_filters

STYLE = (Path(__file__).with_name("templates") / "style.css").read_text(encoding="utf-8")
PAGE = 20
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
QueryText = Annotated[str, Query(max_length=1000)]


def _page(engine: Engine, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    """A page; `names` turns a municipality's slug into the name a reader knows ("Köping")."""
    return HTMLResponse(ENV.get_template(template).render(names=names(engine), **values), status_code=status)


@router.get("/")
def page_search(engine: EngineDep, q: QueryText = "", sort: Annotated[str, Query(pattern="^(relevance|date)$")]
                = "relevance", offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    """The front page shows the whole archive's facets; a search, its own and its filters as chips."""
    results = counts = chart = error = None
    try:
        counts = facets(engine, q)
        if q.strip():
            results = search(engine, q, limit=PAGE, offset=offset, sort=sort, total=counts.total)
        chart = timeline_svg(timeline(engine, q), "Artiklar per månad" + (" som matchar sökningen" if q.strip() else ""),
                             names(engine))
    except QueryError as exc:
        counts, error = None, f"Felaktig sökning: {exc.sv}"
    return _page(engine, "search.html", 400 if error else 200, q=q, sort=sort, offset=offset, limit=PAGE, results=results,
                 facets=counts, chart=chart, error=error, add_filter=add_filter,
                 chips=[] if error else chips(q, names(engine)), cleared=without_filters(q),
                 applied=applied(q))


@router.get("/style.css")
def style() -> Response:
    return Response(STYLE, media_type="text/css; charset=utf-8")


@router.get("/articles/{article_id}")
def page_article(engine: EngineDep, article_id: int) -> HTMLResponse:
    data = article_view(engine, article_id)
    return _page(engine, "article.html", a=data, r=data["record"])


@router.get("/articles/{article_id}/capture")
def page_capture(engine: EngineDep, article_id: int, capture: int | None = None) -> Response:
    """The page as fetched, shown as text: it is never rendered, so nothing in it can run."""
    body, headers = capture_body(engine, article_id, capture)
    return Response(body, media_type="text/plain; charset=" + _charset(headers),
                    headers={"Content-Security-Policy": "sandbox; default-src 'none'"})


def _charset(headers: dict[str, Any]) -> str:
    content_type = str(next((v for k, v in headers.items() if k.lower() == "content-type"), ""))
    charset = content_type.lower().partition("charset=")[2].split(";")[0].strip().strip('"')
    return charset if charset.replace("-", "").replace("_", "").isalnum() and charset else "utf-8"


@router.get("/people")
def page_people(engine: EngineDep, name: Annotated[str, Query(max_length=200)] = "",
                offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    return _page(engine, "people.html", people=list_people(engine, name=name, limit=50, offset=offset), name=name,
                 offset=offset, limit=50)


@router.get("/people/{person_id}")
def page_person(engine: EngineDep, person_id: int) -> HTMLResponse:
    return _page(engine, "person.html", p=person(engine, person_id))
