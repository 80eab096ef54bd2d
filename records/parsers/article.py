"""The Sitevision article parser: HTML + URL in, ArticleRecord out. Never fetches.

It keys on what every Sitevision generation keeps (3.x, 4.x and current envision alike): the
portlet names written as anchors before each portlet (portlets.py), the page-content region
(<main>, the "Page content starts here" markers, div.pagecontent), the sv-*-portlet classes and
text styles (heading, subheading, normal, the lead's class), <time>, meta tags and Swedish labels
in any case and element (Publicerad, Senast uppdaterad, Kontakt för den här sidan); never on
generated svid ids. `extraction.method` says which evidence decided: "sitevision:portlets" (portlet
names), "sitevision:styles" (text styles alone), "+pagecontent" when there was no <main>, and
"generic:trafilatura" for a page that is not Sitevision.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree
from lxml.etree import _Element

from records.article import ArticleRecord, Attachment, Extraction, Image
from records.parsers.blocks import (
    Block,
    dated_blocks,
    inside_contact,
    outside_blocks,
    portlet_of,
    sort_blocks,
    text_blocks,
)
from records.parsers.contact import parse_contact_footer
from records.parsers.dom import classes, clean, parse_document, text_of
from records.parsers.encoding import decode_html
from records.parsers.generic import generic_paragraphs, json_ld_value
from records.parsers.pagecontact import find_page_contact
from records.parsers.pagedates import find_dates, meta
from records.parsers.portlets import content_root, find_footer, portlet_names
from records.parsers.quotes import extract_people, extract_quotes

NEWS_TEMPLATE = re.compile(r"sv-template-[\w-]*(?:nyhet|news)", re.IGNORECASE)
LIST_TEMPLATE = re.compile(r"sv-template-[\w-]*(?:lista|arkiv|list)\b", re.IGNORECASE)


def _images(main: _Element, url: str) -> list[Image]:
    out: list[Image] = []
    for img in main.iterfind(".//img"):
        src = img.get("src") or ""
        if not src or src.endswith((".gif", ".svg")) or "sv-svg" in classes(img) or img.get("aria-hidden") == "true":
            continue
        caption = None
        fig = next((a for a in img.iterancestors() if a.tag == "figure"), None)
        if fig is not None and (cap := fig.find(".//figcaption")) is not None:
            caption = clean(text_of(cap))
        if caption is None:
            portlet = portlet_of(img)
            cap_el = next((e for e in portlet.iter() if isinstance(e.tag, str)
                           and classes(e) & {"bildtext", "sv-image-caption", "caption"}), None)
            caption = clean(text_of(cap_el)) if cap_el is not None else None
        out.append(Image(url=_join(url, src), caption=caption, alt=clean(img.get("alt"))))
    return out


_ORIGIN = re.compile(r"^https?://[^/?#]+")
# A root-relative path that urljoin would return unchanged: not "//host", no "." or ".." segment
# (urljoin removes them), no query, fragment or ";" parameters (it drops an empty one), no whitespace
# or control character (it strips them).
_PLAIN_PATH = re.compile(r"/(?!/)(?:[^./?#;\s\x00-\x1f]|\.(?![./]|$)|/(?!\.(?:[./]|$)))*")


def _join(base: str, href: str) -> str:
    """urljoin, with the common case ('/download/18.…' on an http(s) page) done without it:
    urljoin parses both URLs each call and was a tenth of a large page's parse time."""
    if _PLAIN_PATH.fullmatch(href) and (m := _ORIGIN.match(base)):
        return m.group(0) + href
    return urljoin(base, href)


_DOWNLOAD_LINKS = etree.XPath(".//a[contains(@href, '/download/')]")


def _attachments(main: _Element, url: str) -> list[Attachment]:
    seen: dict[str, Attachment] = {}
    for a in _DOWNLOAD_LINKS(main):  # Sitevision serves files under /download/18.<id>/…
        href = a.get("href") or ""
        full = _join(url, href)
        title_parts = [a.text or ""] + [
            (c.tail or "") if "env-assistive-text" in classes(c) else text_of(c) + (c.tail or "") for c in a
        ]
        seen.setdefault(full, Attachment(url=full, title=clean("".join(title_parts))))
    return list(seen.values())


def _template(root: _Element) -> str | None:
    m = re.search(r"sv-template-[\w-]+", root.get("class") or "")
    return m.group(0) if m else None


def _title(root: _Element, main: _Element) -> str | None:
    for h1 in main.iterfind(".//h1"):
        if "lp-user-hidden" not in classes(h1) and (t := clean(text_of(h1))):
            return t
    if headline := json_ld_value(root, "headline"):
        return clean(headline)
    if m := meta(root, ("og:title",)):
        return clean(m[1])
    t = root.find(".//title")
    if t is not None and t.text:
        return clean(re.split(r"\s+[|–-]\s+", t.text)[0])
    return None


def parse_article(html: str | bytes, url: str, *, content_type: str | None = None,
                  municipality: str | None = None) -> ArticleRecord:
    """Parse one saved or fetched page. Never raises on bad HTML: problems become warnings."""
    warnings: list[str] = []
    if isinstance(html, bytes):
        decoded = decode_html(html, content_type)
        if decoded.mismatch:
            warnings.append(f"page declared {decoded.declared} but is {decoded.encoding}")
        html = decoded.text
    root = parse_document(html)
    main, found_by = content_root(root)
    method = "sitevision"
    if main is None:
        main = root.find(".//body") if root.find(".//body") is not None else root
        method = "generic"
    canonical_el = next((ln for ln in root.iterfind(".//link") if (ln.get("rel") or "").lower() == "canonical"), None)
    canonical = urljoin(url, canonical_el.get("href")) if canonical_el is not None and canonical_el.get("href") else url
    base_el = root.find(".//base[@href]")
    # Relative links resolve against <base href>, else the page's URL; a page read from a file
    # (file://) resolves them against its canonical URL, where they live.
    link_base = urljoin(url, base_el.get("href")) if base_el is not None else \
        (url if url.startswith(("http://", "https://")) else canonical)
    template = _template(root)
    title = _title(root, main)
    all_blocks = text_blocks(main)
    sorted_blocks = sort_blocks(all_blocks, method, portlet_names(main))
    lead, body_blocks, dated, categories = sorted_blocks.lead, sorted_blocks.body, sorted_blocks.dated, \
        sorted_blocks.categories
    footer = find_footer(root, main if method != "generic" else None)
    outside: list[Block] | None = None
    if method != "generic" and (found_by != "main" or not dated):
        # Older templates put the date line and the page contact beside the content, not in it.
        outside = outside_blocks(root, main, footer if found_by == "main" else None)
    if outside:
        dated = dated + dated_blocks(outside)  # the content's own date lines first
    skip = {footer} if footer is not None else set()
    page_contact = find_page_contact(root, [(b.el, b.text) for b in all_blocks + (outside or [])], skip)
    if page_contact is not None:
        verdicts: dict[_Element, bool] = {}  # one look per portlet, not per paragraph
        body_blocks = [b for b in body_blocks if not inside_contact(b, verdicts)]
    paragraphs = [b.text for b in body_blocks if b.tag not in ("h2", "h3", "h4", "h5")]
    body = "\n\n".join(b.text for b in body_blocks)
    fallback: list[str] = []
    if method == "generic" or not body:
        # Not a Sitevision page we recognise: trafilatura finds the main text instead, and is named
        # as the method only where it found more than the title and lead already read.
        fallback = [p for p in generic_paragraphs(html) if p not in (lead, title)]
    if fallback:
        method, paragraphs, body, body_blocks = "generic:trafilatura", fallback, "\n\n".join(fallback), []
    elif method == "sitevision" and body:
        method = "sitevision:portlets" if sorted_blocks.named else "sitevision:styles"
        if found_by == "pagecontent":
            method += "+pagecontent"
    subheadings = [b.text for b in body_blocks if b.tag in ("h2", "h3", "h4", "h5")]
    dates = find_dates(root, main, dated, url)
    quotes = extract_quotes(paragraphs)
    people = extract_people(([lead] if lead else []) + paragraphs, quotes)
    contact = parse_contact_footer(footer)
    is_news = bool(template and NEWS_TEMPLATE.search(template) and not LIST_TEMPLATE.search(template))
    for name, value in (("title", title), ("body", body), ("published_at", dates.published)):
        if not value:
            warnings.append(f"no {name} found")
    if contact is None:
        warnings.append("no contact footer found")
    return ArticleRecord(
        url=url, canonical_url=canonical, municipality=municipality, title=title, lead=lead, body=body,
        subheadings=subheadings,
        published_at=dates.published.value if dates.published else None,
        published_raw=dates.published.raw if dates.published else None,
        published_source=dates.published_source if dates.published else None,
        updated_at=dates.updated.value if dates.updated else None,
        updated_raw=dates.updated.raw if dates.updated else None,
        updated_source=dates.updated_source if dates.updated else None,
        quotes=quotes, people=people, page_contact=page_contact,
        images=_images(main, link_base), attachments=_attachments(main, link_base), contact=contact,
        is_news=is_news, template=template, extraction=Extraction(method=method, warnings=warnings),
        categories=categories,
    )
