"""Render the replica's pages, feed, sitemaps and robots.txt from its content."""

from __future__ import annotations

import gzip
import hashlib
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape

from replica.content import Article, Page, SiteContent, epoch_ms, node_id, slugify

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]
_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=select_autoescape(["html"]), keep_trailing_newline=True,
)


def _dt(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp if "T" in stamp else stamp + "T00:00").replace(tzinfo=STOCKHOLM)


def sv_text(stamp: str) -> str:
    """'3 maj 2021 kl. 10.15', or '3 maj 2021' for a date alone."""
    d = _dt(stamp)
    text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return text + f" kl. {d:%H.%M}" if "T" in stamp else text


def iso_text(stamp: str) -> str:
    return stamp.replace("T", " ")


def iso_attr(stamp: str) -> str:
    return _dt(stamp).isoformat() if "T" in stamp else stamp


def _dates(published: str | None, modified: str) -> dict[str, str]:
    out = {
        "modified_text": sv_text(modified[:10]), "modified_iso": modified[:10], "modified_attr": modified[:10],
        "updated_short": f"{_dt(modified).day} {MONTHS[_dt(modified).month - 1]}",
    }
    if published:
        out |= {"published_text": sv_text(published), "published_iso_text": iso_text(published),
                "published_attr": iso_attr(published)}
    return out


def blocks(body: str) -> list[tuple[str, str]]:
    out = []
    for para in body.split("\n\n"):
        para = para.strip()
        if not para:
            continue
        out.append(("h2", para[3:].strip()) if para.startswith("## ") else ("p", " ".join(para.split())))
    return out


def _common(content: SiteContent, base: str, path: str, title: str) -> dict:
    p = content.profile
    return {
        "p": p, "f": p.footer, "base": base, "path": path, "title": title, "anchor": slugify(title)[:40],
        "nonce": hashlib.md5(path.encode()).hexdigest()[:8], "page_id": "4." + node_id(p, path),
        "listing_url": listing_url(content, 0),
    }


def _asset_url(kind: str, content: SiteContent, article: Article, file: str) -> str:
    return f"/{kind}/18.{node_id(content.profile, article.key + file)}/{epoch_ms(article.published)}/{file}"


def render_article(content: SiteContent, base: str, a: Article) -> str:
    idx = content.position(a)
    related = [r for r in content.articles[max(0, idx - 2): idx + 3] if r is not a][:3]
    ctx = _common(content, base, a.path, a.title) | {
        "template": content.profile.news_template, "a": a, "blocks": blocks(a.body), "related": related,
        "description": a.lead, "modified": a.modified[:10], "dates": _dates(a.published, a.modified),
        "breadcrumbs": [("Startsida", "/"), ("Nyheter", content.profile.listing_path)],
        "images": [img | {"url": _asset_url("images", content, a, img["file"])} for img in a.images],
        "attachments": [att | {"url": _asset_url("download", content, a, att["file"]), "size": "184.2 kB"}
                        for att in a.attachments],
    }
    return _ENV.get_template("article.html").render(ctx)


def render_page(content: SiteContent, base: str, page: Page) -> str:
    prefix = page.path.removesuffix(".html") + "/"
    children = [c for c in content.pages if c.path.startswith(prefix) and c.kind == "page"]
    template = {"event": "sv-template-evenemang"}.get(page.kind, "sv-template-sida")
    ctx = _common(content, base, page.path, page.title) | {
        "template": template, "page": page, "blocks": blocks(page.body), "children": children,
        "description": page.lead, "modified": page.updated[:10], "dates": _dates(page.published, page.updated),
        "breadcrumbs": [("Startsida", "/")],
    }
    return _ENV.get_template("page.html").render(ctx)


def listing_url(content: SiteContent, skip: int) -> str:
    p = content.profile
    if p.listing_query:
        return f"{p.listing_path}?{p.listing_query.replace('&state=view', '')}&skip={skip}&state=view"
    return f"{p.listing_path}?skip={skip}" if skip else p.listing_path


def render_listing(content: SiteContent, base: str, skip: int) -> str:
    size = content.profile.page_size
    items = content.articles[skip: skip + size]
    total = len(content.articles)
    pages = range(0, total, size)
    ctx = _common(content, base, content.profile.listing_path, "Nyheter") | {
        "template": "sv-template-nyhetslista", "items": items, "modified": None,
        "breadcrumbs": [("Startsida", "/")], "description": f"Nyheter från {content.profile.name}",
        "prev_url": listing_url(content, skip - size) if skip > 0 else None,
        "next_url": listing_url(content, skip + size) if skip + size < total else None,
        "page_links": [(i // size + 1, listing_url(content, i)) for i in pages
                       if abs(i - skip) <= 3 * size],
    }
    return _ENV.get_template("listing.html").render(ctx)


def render_home(content: SiteContent, base: str) -> str:
    ctx = _common(content, base, "/", "Startsida") | {
        "template": "sv-template-startsida", "items": content.articles[:5], "modified": None,
        "breadcrumbs": None, "description": content.profile.name,
        "pages": [p for p in content.pages if p.kind == "page"],
    }
    return _ENV.get_template("home.html").render(ctx)


def render_rss(content: SiteContent, base: str, limit: int = 20) -> str:
    p = content.profile
    items = []
    for a in content.articles[:limit]:
        items.append(
            f"<item><title>{escape(a.title)}</title><link>{escape(base + a.path)}</link>"
            f"<description>{escape(a.lead or '')}</description>"
            f"<pubDate>{format_datetime(_dt(a.published))}</pubDate>"
            f"<guid isPermaLink=\"true\">{escape(base + a.path)}</guid></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>Nyheter från {escape(p.name)}</title><link>{escape(base + p.listing_path)}</link>"
        f"<description>Nyheter från {escape(p.name)}</description><language>sv</language>"
        + "".join(items) + "</channel></rss>\n"
    )


def sitemap_urls(content: SiteContent) -> list[tuple[str, str]]:
    """(path, lastmod) of every page the sitemap lists, as Sitevision lists them: all but downloads."""
    urls = [("/", content.articles[0].modified[:10] if content.articles else "2024-01-01")]
    urls += [(content.profile.listing_path, urls[0][1])]
    urls += [(pg.path, pg.updated[:10]) for pg in content.pages]
    urls += [(a.path, _dt(a.modified).isoformat() if "T" in a.modified else a.modified) for a in content.articles]
    return urls


def render_sitemap_index(base: str, lastmod: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{escape(base)}/sitemap1.xml.gz</loc><lastmod>{lastmod}</lastmod></sitemap>"
        "</sitemapindex>\n"
    )


def render_sitemap_gz(content: SiteContent, base: str) -> bytes:
    rows = "".join(f"<url><loc>{escape(base + path)}</loc><lastmod>{lastmod}</lastmod></url>"
                   for path, lastmod in sitemap_urls(content))
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>\n')
    return gzip.compress(xml.encode("utf-8"), mtime=0)


def render_robots(base: str) -> str:
    return (
        "User-agent: *\n"
        "Disallow: /imagedescription.action2\n"
        "Disallow: /mybookmarks/addbookmark.action2\n"
        "Disallow: /*.html.printable\n"
        "Disallow: /*?sv.state=*\n"
        "Disallow: /*;jsessionid=*\n"
        "Disallow: /intranat/\n"
        "Disallow: /sok.html\n"
        "\n"
        f"Sitemap: {base}/sitemap.xml\n"
    )
