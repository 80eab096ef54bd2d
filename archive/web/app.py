"""`kommunarkiv serve`: the web interface and the JSON API in one FastAPI app.

Every response carries a Content-Security-Policy that allows no inline script or style and no
other origin; errors are one-line JSON (API) or a page, never a stack trace."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from archive.articles import ArticleNotFound
from archive.db import POOL_SIZE, server_gone, where
from archive.people import PersonNotFound
from archive.query import QueryError
from archive.story_review import StoryArticleNotFound
from archive.watches import WatchError, WatchNotFound
from archive.web import api, docs, html
from archive.web.pages import ENV
from records.version import VERSION

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
TOKEN_ENV = "KOMMUNARKIV_TOKEN"
RETRY_AFTER = "10"  # seconds: about how long a PostgreSQL restart takes
BUSY_RETRY_AFTER = "1"  # seconds: every connection busy is a queue that drains in well under that
log = logging.getLogger(__name__)


# What a person reads on an error page; the API and the feeds keep their English one-liners.
SWEDISH = {400: "Felaktig begäran", 401: "Inloggning krävs", 403: "Åtkomst nekad", 404: "Sidan finns inte",
           405: "Metoden stöds inte här", 422: "Felaktig begäran", 500: "Ett oväntat fel",
           503: "Tillfälligt otillgänglig"}


def _for_machines(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path.endswith(".atom")


def _error(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None,
           sv: str | None = None) -> Response:
    """One line of JSON for the API and the feeds, a page in Swedish for people."""
    if _for_machines(request):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    page = ENV.get_template("error.html").render(status=status, title=SWEDISH.get(status, "Fel"),
                                                 message=sv or SWEDISH.get(status, "Fel"))
    return HTMLResponse(page, status_code=status, headers=headers)


class HeadAsGet:
    """HEAD answers wherever GET does: the GET route runs and its body is dropped (its headers,
    Content-Length included, stay as GET would send them). FastAPI routes answer GET only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def create_app(engine: Engine, token: str | None = None) -> FastAPI:
    """The app over an open archive; `token` (default: $KOMMUNARKIV_TOKEN) unlocks state changes."""
    @asynccontextmanager
    async def threads_as_connections(_app: FastAPI) -> AsyncIterator[None]:
        """Routes run in anyio's worker threads (40 by default); no more of them than the pool has
        connections (archive/db.py), so a thread never waits for another's connection."""
        anyio.to_thread.current_default_thread_limiter().total_tokens = POOL_SIZE
        yield

    app = FastAPI(title="kommunarkiv", version=VERSION, docs_url=None, redoc_url=None, lifespan=threads_as_connections,
                  description="Search and read the archive of Arboga, Köping and Kungsör's news. "
                              "Queries use the language of the README (words, \"phrases\", prefix*, OR, -not, "
                              "kommun:, from:, to:, topic:, person:).")
    app.state.engine = engine
    app.state.token = token if token is not None else os.environ.get(TOKEN_ENV) or None

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def error(status: int, sv: str | None = None) -> Callable[[Request, Exception], Awaitable[Response]]:
        """`sv`: the Swedish message, with the route's parameters ({article_id}, {person_id}) filled in."""
        async def handler(request: Request, exc: Exception) -> Response:
            if isinstance(exc, QueryError):
                return _error(request, status, f"bad query: {exc}", sv=f"Felaktig sökning: {exc.sv}")
            if str(exc).startswith("no capture"):
                return _error(request, status, str(exc), sv="Sidan som den hämtades finns inte sparad")
            return _error(request, status, str(exc), sv=sv.format_map(request.path_params) if sv else None)
        return handler

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())[1:]) or "request"
        return _error(request, 400, f"bad parameter {where}: {first.get('msg', 'invalid')}",
                      sv=f"Felaktig parameter {where} i adressen")

    @app.exception_handler(DBAPIError)
    async def database_gone(request: Request, exc: DBAPIError) -> Response:
        """The database restarting or down: 503 and when to ask again, one log line, no trace.
        The pool replaces dead connections (pre-ping), so the next request after it is back works."""
        if not server_gone(exc):
            raise exc  # any other database error is a bug: a 500 with its trace in the log
        said = " ".join(str(exc.orig).split())[:200]
        log.warning("the archive's %s cannot be reached (%s): answering 503", where(request.app.state.engine), said)
        return _error(request, 503, "the archive's database cannot be reached right now; try again shortly",
                      {"Retry-After": RETRY_AFTER},
                      sv="Arkivet går inte att nå just nu: databasen startar om eller är nere. Försök igen om en stund.")

    @app.exception_handler(PoolTimeout)
    async def all_connections_busy(request: Request, exc: PoolTimeout) -> Response:
        """More requests at once than the pool has connections, for longer than its timeout: 503
        and ask again in a second, as for a database restarting, not a 500 (that is no bug here)."""
        log.warning("every database connection stayed busy (%s): answering 503", exc)
        return _error(request, 503, "the archive is busy; try again in a second", {"Retry-After": BUSY_RETRY_AFTER},
                      sv="Arkivet har många besökare just nu. Försök igen om en stund.")

    app.add_exception_handler(QueryError, error(400))
    app.add_exception_handler(ArticleNotFound, error(404, "Det finns ingen artikel {article_id} i arkivet"))
    app.add_exception_handler(PersonNotFound, error(404, "Det finns ingen person {person_id} i arkivet"))
    app.add_exception_handler(StoryArticleNotFound, error(404, "Det finns ingen artikel {article_id} i arkivet"))
    app.add_exception_handler(WatchNotFound, error(404, "Det finns ingen bevakning som heter {name}"))
    app.add_exception_handler(WatchError, error(400, "Bevakningen kunde inte sparas"))
    app.include_router(api.router)
    app.include_router(api.feeds)
    app.include_router(docs.router)
    app.include_router(html.router)
    app.add_middleware(HeadAsGet)
    return app
