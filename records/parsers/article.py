"""The Sitevision article parser: HTML + URL in, ArticleRecord out. Never fetches.

It keys on what Sitevision sites keep stable: the sv-*-portlet classes, the text styles (heading,
subheading, normal, the lead's class), <main>/<footer>, <time>, meta tags and Swedish labels
(Publicerad, Senast uppdaterad, Kontakt för den här sidan); never on generated svid ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin

from lxml.etree import _Element

from records.article import ArticleRecord, Attachment, Extraction, Image
from records.parsers.contact import parse_contact_footer, parse_page_contact
from records.parsers.dates import ParsedDate, parse_swedish_date
from records.parsers.dom import SKIP_TAGS, classes, clean, lines_of, parse_document, text_of
from records.parsers.encoding import decode_html
from records.parsers.generic import generic_body, json_ld_value
from records.parsers.quotes import extract_people, extract_quotes

LEAD_CLASSES = {"preamble", "lead", "ingress", "sv-font-ingress", "sv-font-ingress-text", "lp-lead", "intro"}
SKIP_CLASSES = {
    "sv-related-portlet", "lp-share", "env-breadcrumb", "sv-jcrmenu-portlet", "sv-searchform-portlet",
    "lp-page-tools", "sv-marketplace-sitevision-cookie-consent", "env-cookie-consent", "lp-pagination",
    "sv-archive-portlet", "lp-user-hidden", "env-assistive-text", "sv-file-portlet", "sv-image-portlet",
    "lp-skip-links", "lp-header-tools", "sv-marketplace-sitevision-breadcrumbs",
}
# Parts of class names that mark chrome on Sitevision sites however they name it: share buttons
# (lp-share, sv-marketplace-sitevision-share, "dela"), side columns (nk-aside, sidebar), cookies.
SKIP_CLASS_PARTS = ("share", "dela", "aside", "sidebar", "social", "cookie", "breadcrumb", "pagetools")
SHARE_LINK = re.compile(r"facebook\.com/shar|twitter\.com/intent|x\.com/intent|linkedin\.com/share|^mailto:\?")
SKIP_ELEMENTS = {"nav", "form", "header", "footer", "figure", "aside"} | SKIP_TAGS
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "li", "blockquote", "dt", "dd"}
CONTAINER_TAGS = BLOCK_TAGS | {"div", "ul", "ol", "table", "section", "article", "figure", "main", "dl"}
PUBLISHED_LABEL = re.compile(r"^(?:publicerad|publicerat|publiceringsdatum)\b", re.IGNORECASE)
UPDATED_LABEL = re.compile(r"^(?:senast uppdaterad|uppdaterad|ändrad|senast ändrad)\b", re.IGNORECASE)
PAGE_CONTACT_LABEL = re.compile(r"^kontakt för (?:den här|denna) sida", re.IGNORECASE)
META_PUBLISHED = ("article:published_time", "DC.date.issued", "dcterms.issued", "DC.date", "dcterms.created",
                  "date", "pubdate")
META_MODIFIED = ("article:modified_time", "DC.modified", "dcterms.modified", "last-modified")
SCRIPT_DATE = re.compile(r"[\"'](?:datePublished|publishDate|publishedDate|published)[\"']\s*:\s*[\"']([^\"']{8,40})")
NEWS_TEMPLATE = re.compile(r"sv-template-[\w-]*(?:nyhet|news)", re.IGNORECASE)
LIST_TEMPLATE = re.compile(r"sv-template-[\w-]*(?:lista|arkiv|list)\b", re.IGNORECASE)


@dataclass
class _Block:
    tag: str
    text: str
    el: _Element
    cls: set[str] = field(default_factory=set)


def _is_chrome(el: _Element, tag: str) -> bool:
    cls = classes(el)
    if tag in SKIP_ELEMENTS or cls & SKIP_CLASSES or el.get("aria-hidden") == "true" or el.get("hidden") is not None:
        return True
    return any(part in c for c in cls for part in SKIP_CLASS_PARTS)


def _only_share_links(el: _Element) -> bool:
    links = [a.get("href") or "" for a in el.iterfind(".//a")]
    return bool(links) and all(SHARE_LINK.search(h) for h in links)


def _is_leaf_div(el: _Element) -> bool:
    """A <div> holding only inline content (text, spans, links) is a block of its own."""
    return not any(isinstance(d.tag, str) and d.tag in CONTAINER_TAGS for d in el.iterdescendants())


def _blocks(root: _Element) -> list[_Block]:
    out: list[_Block] = []

    def walk(el: _Element) -> None:
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if not tag or _is_chrome(child, tag):
                continue
            if tag in BLOCK_TAGS or (tag == "div" and _is_leaf_div(child)):
                text = text_of(child)
                if text and not _only_share_links(child):
                    out.append(_Block("p" if tag == "div" else tag, text, child, classes(child)))
                continue
            walk(child)

    walk(root)
    return out


def _portlet(el: _Element) -> _Element:
    node = el
    while node is not None:
        if any(c.startswith("sv-") and c.endswith("portlet") for c in classes(node)):
            return node
        node = node.getparent()
    return el.getparent() if el.getparent() is not None else el


def _meta(root: _Element, names: tuple[str, ...]) -> tuple[str, str] | None:
    for name in names:
        for el in root.iterfind(".//meta"):
            if (el.get("name") or el.get("property") or "").lower() == name.lower() and el.get("content"):
                return name, el.get("content")
    return None


@dataclass
class _Dates:
    published: ParsedDate | None = None
    published_source: str | None = None
    updated: ParsedDate | None = None
    updated_source: str | None = None


def _find_dates(root: _Element, main: _Element, dated_blocks: list[_Block]) -> _Dates:
    d = _Dates()
    pub_blocks = [b for b in dated_blocks if PUBLISHED_LABEL.match(b.text)]
    upd_blocks = [b for b in dated_blocks if UPDATED_LABEL.match(b.text)]
    for b in pub_blocks:
        t = b.el.find(".//time")
        if t is not None and t.get("datetime"):
            d.published, d.published_source = parse_swedish_date(t.get("datetime")), "time[datetime]"
            if d.published:
                d.published = ParsedDate(d.published.value, d.published.has_time, b.text)
                break
    if d.published is None:
        t = next((t for t in main.iterfind(".//time") if t.get("datetime")
                  and not any(t in b.el.iter() for b in upd_blocks)), None)
        if t is not None:
            d.published, d.published_source = parse_swedish_date(t.get("datetime")), "time[datetime]"
    if d.published is None and (m := _meta(root, META_PUBLISHED)):
        d.published, d.published_source = parse_swedish_date(m[1]), f"meta:{m[0]}"
    if d.published is None and (ld := json_ld_value(root, "datePublished")):
        d.published, d.published_source = parse_swedish_date(ld), "json-ld:datePublished"
    if d.published is None:
        for script in root.iterfind(".//script"):
            m2 = SCRIPT_DATE.search(script.text or "")
            if m2 and (parsed := parse_swedish_date(m2.group(1))):
                d.published, d.published_source = parsed, "script"
                break
    if d.published is None:
        for b in pub_blocks:
            if parsed := parse_swedish_date(b.text):
                d.published, d.published_source = parsed, "text"
                break
    reference: date | None = d.published.day if d.published else None
    for b in sorted(upd_blocks, key=lambda b: not b.text.lower().startswith("senast")):
        t = b.el.find(".//time")
        if t is not None and t.get("datetime") and (parsed := parse_swedish_date(t.get("datetime"))):
            d.updated, d.updated_source = ParsedDate(parsed.value, parsed.has_time, b.text), "time[datetime]"
            break
        if parsed := parse_swedish_date(b.text, reference):
            d.updated, d.updated_source = parsed, "text"
            break
    for b in pub_blocks:  # a byline holding both dates: "Publicerad: … | Uppdaterad 4 maj"
        if (d.updated is None and (m3 := re.search(r"uppdaterad\b.*$", b.text, re.IGNORECASE))
                and (parsed := parse_swedish_date(m3.group(0), reference))):
            d.updated, d.updated_source = parsed, "text"
    if d.updated is None and (m := _meta(root, META_MODIFIED)):
        d.updated, d.updated_source = parse_swedish_date(m[1], reference), f"meta:{m[0]}"
    return d


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
            portlet = _portlet(img)
            cap_el = next((e for e in portlet.iter() if isinstance(e.tag, str)
                           and classes(e) & {"bildtext", "sv-image-caption", "caption"}), None)
            caption = clean(text_of(cap_el)) if cap_el is not None else None
        out.append(Image(url=urljoin(url, src), caption=caption, alt=clean(img.get("alt"))))
    return out


def _attachments(main: _Element, url: str) -> list[Attachment]:
    seen: dict[str, Attachment] = {}
    for a in main.iterfind(".//a"):
        href = a.get("href") or ""
        if "/download/" not in href:
            continue
        full = urljoin(url, href)
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
    if m := _meta(root, ("og:title",)):
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
    main = root.find(".//main")
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
    blocks = _blocks(main)
    lead: str | None = None
    body_blocks: list[_Block] = []
    dated: list[_Block] = []
    page_contact = None
    seen_title = False
    for b in blocks:
        if b.tag == "h1":
            seen_title = True
            continue
        if PUBLISHED_LABEL.match(b.text) or (UPDATED_LABEL.match(b.text) and len(b.text) < 120):
            dated.append(b)
            continue
        if PAGE_CONTACT_LABEL.match(b.text):
            page_contact = parse_page_contact(lines_of(_portlet(b.el)))
            continue
        if lead is None and b.cls & LEAD_CLASSES:
            lead = b.text
            continue
        if not seen_title and method == "sitevision":
            continue  # chrome above the heading
        body_blocks.append(b)
    if page_contact is not None:
        body_blocks = [b for b in body_blocks if not _inside_contact(b)]
    paragraphs = [b.text for b in body_blocks if b.tag not in ("h2", "h3", "h4", "h5")]
    body = "\n\n".join(b.text for b in body_blocks)
    if method == "generic" or not body:
        # Not a Sitevision page we recognise: trafilatura finds the main text instead.
        fallback = generic_body(html)
        if fallback:
            method, body = "generic:trafilatura", fallback
            paragraphs = body.split("\n\n")
            body_blocks = []
    subheadings = [b.text for b in body_blocks if b.tag in ("h2", "h3", "h4", "h5")]
    dates = _find_dates(root, main, dated)
    quotes = extract_quotes(paragraphs)
    people = extract_people(([lead] if lead else []) + paragraphs, quotes)
    footer = root.find(".//footer")
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
    )


def _inside_contact(b: _Block) -> bool:
    portlet = _portlet(b.el)
    return any(PAGE_CONTACT_LABEL.match(line) for line in lines_of(portlet)[:1])
