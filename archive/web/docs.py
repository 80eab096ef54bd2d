"""/docs: the API's documentation with Swagger UI, served by kommunarkiv itself from the
swagger-ui-bundle-v2 package (no CDN, works offline) and started by a script file of our own, so
the page runs under the same Content-Security-Policy as every other (no inline script or style).
The assets are read once at start, like the stylesheet: no route serves a file by its name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from swagger_ui_bundle import swagger_ui_path

from archive.web.pages import ENV

_HERE = Path(__file__).with_name("templates")
ASSETS = {
    "swagger-ui.css": ("text/css; charset=utf-8", (Path(swagger_ui_path) / "swagger-ui.css").read_bytes()),
    "swagger-ui-bundle.js": ("text/javascript; charset=utf-8",
                             (Path(swagger_ui_path) / "swagger-ui-bundle.js").read_bytes()),
    "start.js": ("text/javascript; charset=utf-8", (_HERE / "docs.js").read_bytes()),
}
router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def docs_page() -> HTMLResponse:
    return HTMLResponse(ENV.get_template("docs.html").render())


def _asset(name: str) -> Callable[[], Response]:
    media_type, body = ASSETS[name]

    def serve() -> Response:
        return Response(body, media_type=media_type, headers={"Cache-Control": "public, max-age=86400"})
    return serve


for _name in ASSETS:
    router.add_api_route(f"/docs/{_name}", _asset(_name), methods=["GET"])
