"""The replica's hostile part: a site that answers as the web sometimes does. Only with
`Replica(..., hostile=True)`; the normal replica is unchanged.

Everything lives under /hostile/ on the site, linked from the first page of its news listing (which
in hostile mode also never ends: past the last page it shows the last page again, with a "next"
link), and from extra sitemaps in its sitemap index. Pages that look like news articles are what a
careless crawler would store wrongly; each `hostile.*` key below names one case, and the tests
read `HostileSite.hits` (target, time) to see how the crawler behaved.
"""

from __future__ import annotations

import re
import select
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from replica import render
from replica.content import Article, SiteContent
from replica.reply import Reply, SiteView

PREFIX = "/hostile/"
CRASH_MARKER = "KRASCHA-PARSERN"  # tests.e2e.crashing_parser raises on pages holding it
HTML_UTF8 = "text/html;charset=UTF-8"


@dataclass
class Raw:
    """A reply written straight to the socket, for what a status and a body cannot say."""

    write: Callable[[BaseHTTPRequestHandler], None]


def _article(key: str, title: str, body: str, published: str = "2026-11-20T09:00") -> Article:
    a = Article(site="", key=f"hostile-{key}", title=title, lead=None, body=body, published=published, updated=None,
                category="nyheter", images=[], attachments=[], contact=None, topics=[], quotes=[], people=[])
    a.path = f"{PREFIX}{key}.html"
    return a


# Articles a crawler should store exactly as written, whatever the transport did to them.
ARTICLES = {a.path: a for a in [
    _article("fel-teckenkodning", "Fönsterbyte på Åbyskolan – även gården rustas",
             "Skolans fönster byts under sommaren. Även skolgården får nya lekredskap.\n\n"
             "Arbetet börjar i juni och är klart före höstterminen, säger rektor Åsa Öberg."),
    _article("utan-teckenkodning", "Längre öppettider på biblioteket – även på lördagar",
             "Biblioteket öppnar klockan nio på lördagar från och med december.\n\n"
             "Besökarna har önskat längre öppettider i flera år."),
    _article("utan-teckenkodning-utf8", "Älgvandring över Kungsårsvägen – sänkt hastighet",
             "Under hösten sänks hastigheten på vägen där älgarna brukar gå över.\n\n"
             "Skyltarna står kvar till slutet av året."),
    _article("ny-adress", "Nya återvinningscentralen öppnar i januari",
             "Den nya återvinningscentralen tar emot grovavfall från och med januari.\n\n"
             "Den gamla stängs samma vecka."),
    _article("upptagen-429", "Vattenavstängning på Västra Långgatan",
             "Vattnet stängs av under tisdagen för ledningsarbete.\n\nTappa upp vatten i förväg."),
    _article("upptagen-503", "Snöröjningen prioriterar gång- och cykelvägar",
             "Vid snöfall röjs gång- och cykelvägar först.\n\nDärefter röjs bostadsgatorna."),
    _article("fran-sitemap", "Julmarknad på Kungsgatan i december",
             "Julmarknaden har över fyrtio utställare i år.\n\nTomten kommer klockan två."),
    _article("fran-entitets-sitemap", "Ny gång- och cykelbro över ån",
             "Bron byggs under våren och öppnar till sommaren.\n\nUnder bygget leds trafiken om."),
    # text that is markup: the archive must store it as text and the web interface show it as text
    _article("skript", "<script>window.__pwned=1</script> Badhuset öppnar igen",
             'Badhuset <img src=x onerror="window.__pwned=2"> öppnar efter renoveringen.\n\n'
             'Läs mer via <a href="javascript:window.__pwned=3">länken</a> eller <svg onload=window.__pwned=4>.'),
]}
# Articles that must not be stored: cut short, error pages, only behind broken redirects, a crash.
TRAPS = {a.path: a for a in [
    _article("avklippt", "Trafikomläggning vid resecentrum",
             "Från måndag leds bussarna om via Stationsgatan medan perrongerna byggs om.\n\n"
             "Hållplatsen flyttas femtio meter norrut och skyltas tydligt. " * 6),
    _article("avbruten", "Nytt boende för äldre i centrum",
             "Boendet får sextio lägenheter och en gemensam trädgård.\n\n" * 20),
    _article("borttagen", "Sidan kunde inte hittas",
             "Sidan du söker finns inte eller har flyttats. Använd sökfunktionen.", "2026-11-21T10:00"),
    _article("kedja-slut", "Nyhet bakom en lång kedja av omdirigeringar", "Den här sidan nås bara via för många steg."),
    _article("parserkrasch", "Sidan som får tolken att krascha", f"Den här texten innehåller {CRASH_MARKER}."),
]}
CHAIN_LENGTH = 8  # more than REDIRECT_MAX_TIMES (5)
LONG_QUERY = "q=" + "x" * 10_000
EXTRA_SITEMAPS = ("sitemap-xxe.xml", "sitemap-entitetsbomb.xml", "sitemap-inte-gzip.xml.gz", "sitemap-skrap.xml.gz")


def render_hostile_article(content: SiteContent, base: str, a: Article) -> str:
    a.site = content.profile.slug
    return render.render_article(SiteContent(content.profile, [a], []), base, a)


@lru_cache(maxsize=1)
def gzip_bomb(decompressed_mb: int = 64) -> bytes:
    """About 64 KB of gzip that inflates to `decompressed_mb` MB of zeros; built in 1 MB steps."""
    z = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip container
    chunk = b"\0" * (1 << 20)
    return b"".join([*(z.compress(chunk) for _ in range(decompressed_mb)), z.flush()])


@dataclass
class HostileSite:
    site: SiteView
    other_origin: str  # another site on 127.0.0.1: redirects and links lead there; nothing may go
    secret_file: str  # what the XXE sitemap tries to read
    hits: list[tuple[str, float]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        gzip_bomb()  # built now, not while a crawler waits for its first byte

    def count(self, target: str) -> int:
        with self.lock:
            return sum(1 for t, _ in self.hits if t == target)

    def times(self, target: str) -> list[float]:
        with self.lock:
            return [when for t, when in self.hits if t == target]

    # -- routing ---------------------------------------------------------------------------------
    def route(self, target: str) -> Reply | Raw | None:
        """The hostile answer for this request, or None to let the normal replica answer."""
        parts = urlsplit(target)
        path, c = parts.path, self.site.content
        if path == c.profile.listing_path:
            return self.listing(parts.query)
        if path == "/sitemap.xml":
            return _reply(200, self.sitemap_index().encode(), "application/xml;charset=UTF-8")
        if not path.startswith(PREFIX):
            return None
        with self.lock:
            self.hits.append((target, time.monotonic()))
        name = path[len(PREFIX):]
        if name in EXTRA_SITEMAPS:
            return self.sitemap(name)
        if handler := getattr(self, "page_" + name.removesuffix(".html").replace("-", "_"), None):
            return handler()
        article = ARTICLES.get(path) or TRAPS.get(path)
        if article is not None:
            return _reply(200, self.html(article).encode(), HTML_UTF8)
        if m := re.fullmatch(r"kedja-(\d+)\.html", name):
            n = int(m.group(1)) + 1
            return self.redirect(f"{PREFIX}kedja-{n}.html" if n < CHAIN_LENGTH else f"{PREFIX}kedja-slut.html")
        if name == "lakt.html" or name == "lang-fraga.html":
            return _reply(200, b"<!DOCTYPE html><html><head><title>Inget</title></head><body></body></html>", HTML_UTF8)
        return self.site.not_found()

    def html(self, article: Article) -> str:
        return render_hostile_article(self.site.content, self.site.base, article)

    def redirect(self, location: str, status: int = 302) -> Reply:
        return _reply(status, b"", HTML_UTF8, headers={"Location": location})

    # -- the listing that never ends, and the links on it -------------------------------------
    def listing_links(self) -> list[str]:
        paths = [p for p in [*ARTICLES, *TRAPS] if p not in (f"{PREFIX}fran-sitemap.html", f"{PREFIX}fran-entitets-sitemap.html",
                                               f"{PREFIX}ny-adress.html", f"{PREFIX}kedja-slut.html")]
        paths += [f"{PREFIX}{name}.html" for name in (
            "tom", "jattesida", "gzipbomb", "oandlig", "droppvis", "tyst", "loop-a", "kedja-0", "flyttad",
            "bortlankad", "overbelastad", "en-timme")]
        return paths + [f"{PREFIX}lang-fraga.html?{LONG_QUERY}", "mailto:nyheter@kungsor.se",
                        "javascript:void(0)", f"{self.other_origin}/nyheter/annan-kommuns-nyhet.html"]

    def listing(self, query: str) -> Reply:
        c, size = self.site.content, self.site.content.profile.page_size
        m = re.search(r"(?:^|&)skip=(\d+)", query)
        skip = int(m.group(1)) if m else 0
        last = (max(len(c.articles) - 1, 0) // size) * size
        html = render.render_listing(c, self.site.base, min(skip, last))
        if skip == 0:
            items = "".join(f'<li class="lp-news-list__item"><a class="lp-news-list__link" href="{href}">'
                            f"<span>Nyhet {i}</span></a></li>" for i, href in enumerate(self.listing_links()))
            html = html.replace('<ul class="lp-news-list">', '<ul class="lp-news-list">' + items, 1)
        if skip >= last:  # past the end: the same page again, and a next page, for ever
            nxt = render.listing_url(c, skip + size)
            nav = '<nav class="lp-pagination" aria-label="Sidnumrering">'
            html = html.replace(nav, f'{nav}<a class="lp-pagination__next" rel="next" href="{nxt}">Nästa</a>', 1)
        return _reply(200, html.encode(), HTML_UTF8)

    # -- sitemaps -------------------------------------------------------------------------------
    def sitemap_index(self) -> str:
        extra = "".join(f"<sitemap><loc>{self.site.base}{PREFIX}{name}</loc></sitemap>" for name in EXTRA_SITEMAPS)
        return render.render_sitemap_index(self.site.base, "2026-11-20").replace("</sitemapindex>",
                                                                                  extra + "</sitemapindex>")

    def sitemap(self, name: str) -> Reply:
        base = self.site.base
        urlset = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>'
        xml_type = "application/xml;charset=UTF-8"
        if name == "sitemap-xxe.xml":
            doctype = (f'<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file://{self.secret_file}">'
                       f'<!ENTITY fetch SYSTEM "{self.other_origin}/xxe.dtd">]>')
            rows = (f"<url><loc>{base}{PREFIX}lakt.html?fil=&xxe;</loc></url>"
                    f"<url><loc>{base}{PREFIX}lakt.html?natet=&fetch;</loc></url>")
            return _reply(200, f'<?xml version="1.0"?>\n{doctype}\n{urlset.format(rows)}'.encode(), xml_type)
        if name == "sitemap-entitetsbomb.xml":
            levels = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
            rows = (f"<url><loc>{base}/&lol9;</loc></url>"
                    f"<url><loc>{base}{PREFIX}fran-entitets-sitemap.html</loc></url>")
            body = f'<?xml version="1.0"?>\n<!DOCTYPE urlset [<!ENTITY lol0 "lol">{levels}]>\n{urlset.format(rows)}'
            return _reply(200, body.encode(), xml_type)
        if name == "sitemap-inte-gzip.xml.gz":  # plain XML under a .gz name and a gzip type
            rows = f"<url><loc>{base}{PREFIX}fran-sitemap.html</loc></url>"
            return _reply(200, urlset.format(rows).encode(), "application/x-gzip")
        return _reply(200, bytes(range(256)) * 8, "application/x-gzip")  # neither gzip nor XML

    # -- pages: transport and encoding ----------------------------------------------------------
    def page_fel_teckenkodning(self) -> Reply:  # declared UTF-8, sent as windows-1252
        return _reply(200, self.html(ARTICLES[f"{PREFIX}fel-teckenkodning.html"]).encode("cp1252"), HTML_UTF8)

    def _undeclared(self, key: str, encoding: str) -> Reply:
        html = re.sub(r'<meta charset="[^"]*">', "", self.html(ARTICLES[f"{PREFIX}{key}.html"]))
        html = html.replace(";charset=UTF-8", "")  # the RSS link's type names a charset too
        return _reply(200, html.encode(encoding), "text/html")

    def page_utan_teckenkodning(self) -> Reply:
        return self._undeclared("utan-teckenkodning", "cp1252")

    def page_utan_teckenkodning_utf8(self) -> Reply:
        return self._undeclared("utan-teckenkodning-utf8", "utf-8")

    def page_avklippt(self) -> Reply:  # whole HTTP, half a document
        html = self.html(TRAPS[f"{PREFIX}avklippt.html"])
        return _reply(200, html[: html.index("Hållplatsen flyttas") + 30].encode(), HTML_UTF8)

    def page_tom(self) -> Reply:
        return _reply(200, b"", HTML_UTF8)

    def page_avbruten(self) -> Raw:  # Content-Length promises more than is sent
        body = self.html(TRAPS[f"{PREFIX}avbruten.html"]).encode()

        def write(h: BaseHTTPRequestHandler) -> None:
            _head(h, 200, {"Content-Type": HTML_UTF8, "Content-Length": str(len(body))})
            h.wfile.write(body[: len(body) // 2])
        return Raw(write)

    def page_jattesida(self) -> Raw:  # 50 MB, honestly announced
        return Raw(lambda h: _stream(h, {"Content-Length": str(50 << 20)}, total=50 << 20))

    def page_oandlig(self) -> Raw:  # no length, never ends, as fast as it can
        return Raw(lambda h: _stream(h, {"Connection": "close"}, total=1 << 30))

    def page_droppvis(self) -> Raw:  # no length, never ends, a few bytes now and then
        return Raw(lambda h: _stream(h, {"Connection": "close"}, total=1 << 20, chunk=64, pause=0.2,
                                     stop=self.stop))

    def page_tyst(self) -> Raw:  # reads the request, then says nothing until the client hangs up
        def write(h: BaseHTTPRequestHandler) -> None:
            deadline = time.monotonic() + 120
            while not self.stop.is_set() and time.monotonic() < deadline:
                if select.select([h.connection], [], [], 0.2)[0]:
                    return  # the client closed (EOF) or sent more: either way, no answer
        return Raw(write)

    def page_gzipbomb(self) -> Reply:
        return _reply(200, gzip_bomb(), HTML_UTF8, headers={"Content-Encoding": "gzip"})

    # -- pages: redirects -----------------------------------------------------------------------
    def page_loop_a(self) -> Reply:
        return self.redirect(f"{PREFIX}loop-b.html")

    def page_loop_b(self) -> Reply:
        return self.redirect(f"{PREFIX}loop-a.html")

    def page_flyttad(self) -> Reply:
        return self.redirect(f"{PREFIX}ny-adress.html", 301)

    def page_bortlankad(self) -> Reply:
        return self.redirect(f"{self.other_origin}/nyheter/annan-kommuns-nyhet.html", 301)

    # -- pages: come back later -------------------------------------------------------------------
    def _busy(self, key: str, status: int, retry_after: str) -> Reply:
        target = f"{PREFIX}{key}.html"
        if self.count(target) == 1:  # the first request of this crawl
            return _reply(status, b"<html><body>F\xc3\xb6rs\xc3\xb6k igen senare</body></html>", HTML_UTF8,
                         headers={"Retry-After": retry_after})
        return _reply(200, self.html(ARTICLES[target]).encode(), HTML_UTF8)

    def page_upptagen_429(self) -> Reply:
        return self._busy("upptagen-429", 429, "2")

    def page_upptagen_503(self) -> Reply:
        when = datetime.now(UTC) + timedelta(seconds=3)
        return self._busy("upptagen-503", 503, format_datetime(when, usegmt=True))

    def page_overbelastad(self) -> Reply:
        return _reply(503, b"<html><body>Overloaded</body></html>", HTML_UTF8, headers={"Retry-After": "1"})

    def page_en_timme(self) -> Reply:
        return _reply(429, b"<html><body>Too many requests</body></html>", HTML_UTF8, headers={"Retry-After": "3600"})


def _reply(status: int, body: bytes, content_type: str = HTML_UTF8, headers: dict[str, str] | None = None) -> Reply:

    return Reply(status, body, content_type, headers=headers or {})


def _head(h: BaseHTTPRequestHandler, status: int, headers: dict[str, str]) -> None:
    h.send_response(status)
    for k, v in headers.items():
        h.send_header(k, v)
    h.end_headers()


def _stream(h: BaseHTTPRequestHandler, headers: dict[str, str], total: int, chunk: int = 1 << 16,
            pause: float = 0.0, stop: threading.Event | None = None) -> None:
    """An HTML page of `total` bytes (or until the client hangs up), `chunk` bytes at a time."""
    _head(h, 200, {"Content-Type": HTML_UTF8, **headers})
    filler = (b"<p>" + b"bla " * (chunk // 4) + b"</p>\n")[:chunk]
    sent = 0
    try:
        h.wfile.write(b"<!DOCTYPE html><html><head><title>Stor sida</title></head><body>")
        while sent < total and not (stop and stop.is_set()):
            h.wfile.write(filler)
            sent += len(filler)
            if pause:
                h.wfile.flush()
                time.sleep(pause)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the crawler gave up, as it should


class OtherOrigin:
    """Another site on 127.0.0.1 (a port of its own): it serves a news article for any path and
    counts every request. Redirects and links lead here; a crawler of the hostile site must not."""

    def __init__(self, content: SiteContent):
        self.requests: list[str] = []
        article = _article("annan", "Annan kommuns nyhet som inte hör hit", "Den här nyheten hör till en annan webbplats.")
        page = render_hostile_article(content, "http://127.0.0.1", article).encode()
        requests = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", HTML_UTF8)
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> None:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Unanswering:
    """A port where the kernel accepts connections (into the listen backlog) and nobody ever reads
    or answers: a server that hangs. Only DOWNLOAD_TIMEOUT gets a crawler away."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.origin = f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def close(self) -> None:
        self.sock.close()
