"""`kommunarkiv serve`: the web interface and the JSON API in one FastAPI app.

Every response carries a Content-Security-Policy that allows no inline script or style and no
other origin; errors are one-line JSON (API) or a page, never a stack trace."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from archive.articles import ArticleNotFound
from archive.people import PersonNotFound
from archive.query import QueryError
from archive.watches import WatchError, WatchNotFound
from archive.web import api, html
from archive.web.pages import ENV
from records.version import VERSION

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
TOKEN_ENV = "KOMMUNARKIV_TOKEN"


def _error(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """One line of JSON for the API and the feeds, a page for people."""
    if request.url.path.startswith("/api/") or request.url.path.endswith(".atom"):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    page = ENV.get_template("error.html").render(status=status, message=message)
    return HTMLResponse(page, status_code=status, headers=headers)


def create_app(engine: Engine, token: str | None = None) -> FastAPI:
    """The app over an open archive; `token` (default: $KOMMUNARKIV_TOKEN) unlocks state changes."""
    app = FastAPI(title="kommunarkiv", version=VERSION,
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

    def error(status: int) -> Callable[[Request, Exception], Awaitable[Response]]:
        async def handler(request: Request, exc: Exception) -> Response:
            prefix = "bad query: " if isinstance(exc, QueryError) else ""
            return _error(request, status, prefix + str(exc))
        return handler

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())[1:]) or "request"
        return JSONResponse({"error": f"bad parameter {where}: {first.get('msg', 'invalid')}"}, status_code=400)

    app.add_exception_handler(QueryError, error(400))
    app.add_exception_handler(ArticleNotFound, error(404))
    app.add_exception_handler(PersonNotFound, error(404))
    app.add_exception_handler(WatchNotFound, error(404))
    app.add_exception_handler(WatchError, error(400))
    app.include_router(api.router)
    app.include_router(api.feeds)
    app.include_router(html.router)
    return app
