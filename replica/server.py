"""The replica's HTTP server: one origin per site on 127.0.0.1, with real status codes, charset,
Last-Modified/ETag and 304 answers to conditional requests, and a log of every request served."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from replica import render
from replica.content import Article, Page, SiteContent, load_site
from replica.hostile import HostileSite, OtherOrigin, Raw
from replica.profiles import DEFAULT_SITES
from replica.reply import EPOCH, Reply

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f1c6d10000000049454e44ae426082"
)
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


class Gate:
    """Holds every request of a site at the door while closed, until the test opens it: a test can
    then act while requests are known to be in flight (a worker busy, a crawl not yet done)
    instead of hoping a sleep was long enough. Open unless a test closes it."""

    def __init__(self) -> None:
        self._open = threading.Event()
        self._open.set()
        self._lock = threading.Lock()
        self._waiting: list[str] = []

    def close(self) -> None:
        self._open.clear()

    def open(self) -> None:
        self._open.set()

    def held(self) -> list[str]:
        """The targets of the requests waiting at the gate now."""
        with self._lock:
            return list(self._waiting)

    def pass_through(self, target: str) -> None:
        if self._open.is_set():
            return
        with self._lock:
            self._waiting.append(target)
        try:
            self._open.wait()
        finally:
            with self._lock:
                self._waiting.remove(target)


@dataclass
class ReplicaSite:
    """One site of the replica: its content and the requests it has answered."""

    content: SiteContent
    base: str = ""
    requests: list[tuple[str, str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # path -> fault to serve instead of the page: 404, 500, slow (answers only once the replica stops,
    # so a crawler's timeout always meets it, however slow the machine), garbage, empty
    faults: dict[str, str] = field(default_factory=dict)
    hostile: HostileSite | None = None  # the /hostile/ pages, with Replica(hostile=True)
    gate: Gate = field(default_factory=Gate)  # every request passes it before it is answered
    stopping: threading.Event = field(default_factory=threading.Event)  # set by Replica.stop

    def log(self, method: str, target: str, status: int) -> None:
        with self.lock:
            self.requests.append((method, target, status))

    def edit(self, path: str, **changes: str) -> Article:
        """Change an article as an editor would (title, lead, body, updated); the page then serves
        the new text with a new ETag, and Last-Modified and the sitemap's lastmod move to the time
        of the edit (or to `updated` when given), as Sitevision's do."""
        article = self.content.by_path[path]
        if not isinstance(article, Article):
            raise KeyError(f"{path} is not an article")
        changes.setdefault("updated", datetime.now(render.STOCKHOLM).strftime("%Y-%m-%dT%H:%M"))
        for name, value in changes.items():
            if name not in ("title", "lead", "body", "updated", "published"):
                raise KeyError(f"cannot edit {name!r}")
            setattr(article, name, value)
        self.content.version += 1
        return article

    def paths_requested(self) -> list[str]:
        with self.lock:
            return [t for _, t, _ in self.requests]

    def route(self, target: str) -> Reply | Raw:
        parts = urlsplit(target)
        path, query = parts.path, parse_qs(parts.query)
        if path in self.faults:
            return self.fault(self.faults[path])
        if self.hostile is not None and (reply := self.hostile.route(target)) is not None:
            return reply
        c, p = self.content, self.content.profile
        html = "text/html;charset=UTF-8"
        if path == "/robots.txt":
            return Reply(200, render.render_robots(self.base).encode(), "text/plain;charset=UTF-8")
        if path == "/sitemap.xml":
            lastmod = render.sitemap_urls(c)[0][1]
            return Reply(200, render.render_sitemap_index(self.base, lastmod).encode(),
                         "application/xml;charset=UTF-8", _newest(c))
        if path == "/sitemap1.xml.gz":
            return Reply(200, render.render_sitemap_gz(c, self.base), "application/x-gzip", _newest(c))
        if path == p.rss_path and query.get("state") == ["rss"]:
            return Reply(200, render.render_rss(c, self.base).encode(), "text/xml;charset=UTF-8", _newest(c))
        if path == "/":
            return Reply(200, render.render_home(c, self.base).encode(), html, _newest(c))
        if path == p.listing_path:
            try:
                skip = int(query.get("skip", ["0"])[0])
            except ValueError:
                return self.not_found()
            if skip < 0 or skip >= max(len(c.articles), 1) or skip % p.page_size:
                return self.not_found()
            return Reply(200, render.render_listing(c, self.base, skip).encode(), html, _newest(c))
        if path.startswith(("/images/18.", "/download/18.")):
            is_img = path.startswith("/images/")
            return Reply(200, PNG if is_img else PDF, "image/png" if is_img else "application/pdf")
        item = c.by_path.get(path)
        if isinstance(item, Article):
            return Reply(200, render.render_article(c, self.base, item).encode(), html, _aware(item.modified_dt))
        if isinstance(item, Page):
            when = datetime.fromisoformat(item.updated[:10] + "T00:00")
            return Reply(200, render.render_page(c, self.base, item).encode(), html, _aware(when))
        section = next((href for _, href in p.menu if href == path), None)
        if section:
            title = next(label for label, href in p.menu if href == path)
            page = Page(site=p.slug, path=path, title=title, lead=None, body=f"Här hittar du information om {title.lower()}.",
                        updated="2024-01-01")
            return Reply(200, render.render_page(c, self.base, page).encode(), html)
        return self.not_found()

    def fault(self, kind: str) -> Reply:
        if kind == "500":
            return Reply(500, b"<html><body><h1>Internal Server Error</h1></body></html>", "text/html;charset=UTF-8")
        if kind == "slow":
            self.stopping.wait()
            return Reply(200, b"<html><body>late</body></html>", "text/html;charset=UTF-8")
        if kind == "garbage":
            return Reply(200, bytes(range(256)) * 40, "text/html;charset=UTF-8")
        if kind == "empty":
            return Reply(200, b"", "text/html;charset=UTF-8")
        return self.not_found()

    def not_found(self) -> Reply:
        body = ("<!DOCTYPE html><html lang=\"sv\" class=\"sv-template-sida\"><head><meta charset=\"UTF-8\">"
                "<title>Sidan kunde inte hittas</title></head><body><main><h1 class=\"heading\">Sidan kunde "
                "inte hittas</h1><p class=\"normal\">Sidan du söker finns inte.</p></main></body></html>")
        return Reply(404, body.encode(), "text/html;charset=UTF-8")


def _aware(dt: datetime) -> datetime:
    return dt.replace(tzinfo=render.STOCKHOLM).astimezone(UTC) if dt.tzinfo is None else dt


def _newest(c: SiteContent) -> datetime:
    return c.memo("newest", lambda: max((_aware(a.modified_dt) for a in c.articles), default=EPOCH))


def _handler_for(site: ReplicaSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "Sitevision-replica/1.0"
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._answer(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            site.gate.pass_through(self.path)
            reply = site.route(self.path)
            if isinstance(reply, Raw):  # the hostile pages that break HTTP on purpose
                site.log(self.command, self.path, 0)
                self.close_connection = True
                reply.write(self)
                return
            etag = '"' + hashlib.sha1(reply.body).hexdigest()[:20] + '"'
            modified = reply.last_modified.replace(microsecond=0)
            status = reply.status
            if status == 200 and _not_modified(self.headers, etag, modified):
                status = 304
            site.log(self.command, self.path, status)
            self.send_response(status)
            self.send_header("Content-Type", reply.content_type)
            if status in (200, 304):
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", format_datetime(modified, usegmt=True))
            for k, v in reply.headers.items():
                self.send_header(k, v)
            body = reply.body if status != 304 else b""
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body and body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # requests are kept in site.requests; stderr stays quiet

    return Handler


def _not_modified(headers, etag: str, modified: datetime) -> bool:
    inm = headers.get("If-None-Match")
    if inm is not None:
        return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
    ims = headers.get("If-Modified-Since")
    if ims:
        try:
            return modified <= parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
    return False


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return  # a crawler that gave up on a slow page (timeout tests) closed the connection
        super().handle_error(request, client_address)


class Replica:
    """Serve the replica sites, each on its own port of 127.0.0.1, from background threads."""

    def __init__(self, sites: tuple[str, ...] = DEFAULT_SITES, port: int = 0, host: str = "127.0.0.1",
                 extra_articles: int = 0, hostile: bool = False, xxe_target: str = "/etc/passwd"):
        """With `hostile`, each site also serves replica.hostile's pages, and `other_origin` is a
        further server those pages link and redirect to (a crawler must not go there)."""
        self.sites: dict[str, ReplicaSite] = {}
        self._servers: list[_Server] = []
        self._started = False
        self.other_origin: OtherOrigin | None = None
        for i, slug in enumerate(sites):
            site = ReplicaSite(load_site(slug, extra_articles))
            server = _Server((host, port + i if port else 0), _handler_for(site))
            site.base = f"http://{host}:{server.server_address[1]}"
            if hostile:
                self.other_origin = self.other_origin or OtherOrigin(site.content)
                site.hostile = HostileSite(site, self.other_origin.origin, xxe_target)
            self.sites[slug] = site
            self._servers.append(server)

    def start(self) -> Replica:
        for server in self._servers:
            threading.Thread(target=server.serve_forever, daemon=True).start()
        if self.other_origin is not None:
            self.other_origin.start()
        self._started = True
        return self

    def stop(self) -> None:
        for site in self.sites.values():
            site.stopping.set()  # "slow" pages answer now
            site.gate.open()  # a request still held ends
            if site.hostile is not None:
                site.hostile.stop.set()  # ends the pages that stream or hang
        if self.other_origin is not None and self._started:
            self.other_origin.stop()
        for server in self._servers:
            if self._started:
                server.shutdown()  # waits for serve_forever, so only once it runs
            server.server_close()
        self._started = False

    def base_url_args(self) -> list[str]:
        return [f"{slug}={site.base}" for slug, site in self.sites.items()]

    def __enter__(self) -> Replica:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
