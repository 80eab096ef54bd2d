"""Replica articles in template variants drawn from a seed, as real Sitevision sites differ.

A variant picks a Sitevision generation (3.x classic portlets, 4.x, current envision), the lead's
form (a lead class, or plain text in a portlet named Ingress), how the dates are written (Swedish
text, ISO, <time>, "Publicerad" with the date only in the URL or a meta tag), the case and element
shape of labels, the page contact's form, the footer's layout (the site's real one: GLN and Peppol
on Kungsör, one "|" line on Köping, a Box address on Arboga; or labels as text, upper-case span
pairs, dt/dd, th/td) and whether categories, "Tipsa en kompis" and an image placeholder are shown.
The default replica (`replica.render`) is untouched: variants are drawn per article from a seed
by whoever asks (the property test, bench/parse_accuracy), so a failure names its seed.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from html import escape
from pathlib import Path

from replica.content import Article, SiteContent
from replica.render import blocks, iso_attr, iso_text, sv_text

GENERATIONS = ("sv3", "sv4", "envision")
LEAD_CLASSES = ("ingress", "preamble", "lead", "sv-font-ingress", "lp-lead", "intro")
LEAD_PORTLETS = ("Ingress", "INGRESS", "Ingress 2", "Inledning")
DATE_FORMS = ("text", "iso", "time", "label-url", "label-meta")
LABEL_CASES = ("title", "upper", "lower")
LABEL_SHAPES = ("same", "own-line", "span", "strong", "dl", "table")
CONTACT_FORMS = ("lines", "inline-link", "name-comma-email", "kontaktperson", "sidansvarig", "box")
FOOTERS = ("real", "labelled")
CATEGORY_LABELS = {
    "kommun-och-politik": "Kommun och politik", "boende-miljo-och-trafik": "Boende, miljö & trafik",
    "uppleva-och-gora": "Uppleva och göra", "naringsliv-och-arbete": "Näringsliv och arbete",
    "omsorg-och-stod": "Omsorg och stöd", "skola-och-forskola": "Skola och förskola",
}
REAL_FOOTERS = {k: v for k, v in json.loads((Path(__file__).parent / "content" / "footers.json")
                                            .read_text(encoding="utf-8")).items() if k != "source"}


@dataclass(frozen=True)
class Variant:
    seed: int
    generation: str
    lead_form: str  # a class of LEAD_CLASSES, or "portlet:<name>"
    date_form: str
    label_case: str
    label_colon: bool
    label_shape: str
    contact_form: str
    footer: str
    categories: bool
    extras: bool  # "Tipsa en kompis", "Länkar" and an image placeholder among the text


def draw(seed: int) -> Variant:
    r = random.Random(seed)
    lead = r.choice(LEAD_CLASSES) if r.random() < 0.6 else "portlet:" + r.choice(LEAD_PORTLETS)
    return Variant(seed, r.choice(GENERATIONS), lead, r.choice(DATE_FORMS), r.choice(LABEL_CASES),
                   r.random() < 0.5, r.choice(LABEL_SHAPES), r.choice(CONTACT_FORMS), r.choice(FOOTERS),
                   r.random() < 0.5, r.random() < 0.5)


def _label(v: Variant, text: str) -> str:
    text = {"upper": text.upper(), "lower": text.lower()}.get(v.label_case, text)
    return text + (":" if v.label_colon else "")


def _pair(v: Variant, label: str, value: str) -> str:
    """One label and its value in the variant's shape; the value may hold markup."""
    lab = _label(v, label)
    return {
        "same": f"<p class=\"normal\">{lab} {value}</p>",
        "own-line": f"<p class=\"normal\">{lab}<br>{value}</p>",
        "span": f"<p class=\"normal\"><span class=\"label\">{lab}</span><span class=\"value\">{value}</span></p>",
        "strong": f"<p class=\"normal\"><strong>{lab}</strong> {value}</p>",
        "dl": f"<dl><dt>{lab}</dt><dd>{value}</dd></dl>",
        "table": f"<table><tr><th>{lab}</th><td>{value}</td></tr></table>",
    }[v.label_shape]


def _portlet(v: Variant, name: str, inner: str, cls: str = "sv-text-portlet sv-use-margins") -> str:
    anchor = f"<div id=\"{name.replace(' ', '')}\"><!-- {name} --></div>"
    if v.generation == "sv3" and cls.startswith("sv-text-portlet"):
        cls = "sv-old-text-portlet"
        return f"<div class=\"{cls}\">{anchor}{inner}</div>\n"
    return f"<div class=\"{cls}\">{anchor}<div class=\"sv-text-portlet-content\">{inner}</div></div>\n"


def _dates(v: Variant, a: Article) -> tuple[str, str]:
    """(the publication line, a meta tag for the head)."""
    label = _label(v, "Publicerad")
    line = {
        "text": f"{label} {sv_text(a.published)}",
        "iso": f"{label} {iso_text(a.published)}",
        "time": f"{label} <time datetime=\"{iso_attr(a.published)}\">{sv_text(a.published)}</time>",
    }.get(v.date_form, _label(v, "Publicerad").rstrip(":"))
    meta = f"<meta property=\"article:published_time\" content=\"{iso_attr(a.published)}\">" \
        if v.date_form == "label-meta" else ""
    return f"<p class=\"normal byline\">{line}</p>", meta


def _contact(v: Variant, c: dict) -> str:
    name, email, phone = escape(c["name"]), escape(c["email"]), escape(c["phone"])
    mail = f"<a href=\"mailto:{email}\">{email}</a>"
    label = _label(v, "Kontakt för den här sidan")
    return {
        "lines": f"<p class=\"normal\"><strong>{label}</strong></p><p class=\"normal\">{name}<br>{mail}<br>{phone}</p>",
        "inline-link": f"<p class=\"normal\">{label} <a href=\"mailto:{email}\">{name}</a></p>",
        "name-comma-email": f"<p class=\"normal\">{label}<br>{name}, {mail}<br>{phone}</p>",
        "kontaktperson": _pair(v, "Kontaktperson", f"{name}, {mail}, {phone}"),
        "sidansvarig": f"<dl><dt>{_label(v, 'Sidansvarig')}</dt><dd>{name}</dd><dd>{mail}</dd><dd>{phone}</dd></dl>",
        "box": f"<div class=\"contact-box\"><h2 class=\"subheading\">Kontaktinformation</h2>"
               f"<p class=\"normal\"><a href=\"mailto:{email}\">{name}</a><br>{phone}</p></div>",
    }[v.contact_form]


def expected_contact(v: Variant, c: dict | None) -> dict | None:
    if not c:
        return None
    return {"name": c["name"], "email": c["email"], "phone": None if v.contact_form == "inline-link" else c["phone"]}


def _real_footer(slug: str) -> str:
    f = REAL_FOOTERS[slug]
    if slug == "koping":  # one line, as koping.se writes it
        return (f"<p class=\"normal\">{f['organisation']} | {f['postal']} | Organisationsnr: {f['org_number']} | "
                f"telefon {f['phone']} | E-post: <a href=\"mailto:{f['email']}\">{f['email']}</a></p>")
    if slug == "arboga":
        return (f"<h2 class=\"subheading\">Kontakt och öppettider</h2><p class=\"normal\">Telefon: {f['phone']}<br>"
                f"E-post: <a href=\"mailto:{f['email']}\">{f['email']}</a></p><p class=\"normal\">{f['organisation']}"
                f"<br>{f['postal'].replace(', ', '<br>')}<br>Besöksadress: {f['visiting']}</p>"
                f"<p class=\"normal\">Organisationsnummer {f['org_number']}</p>")
    return (f"<h2 class=\"subheading\">Kontakta {f['organisation']}</h2><p class=\"normal\">Telefon: {f['phone']}</p>"
            f"<p class=\"normal\">E-post: <a href=\"mailto:{f['email']}\">{f['email']}</a></p>"
            f"<p class=\"normal\">Öppettider: {'<br>'.join(f['hours'])}<br>Avvikande öppettider kommunhuset</p>"
            f"<p class=\"normal\">Organisationsnr: {f['org_number']}<br>GLN: {f['gln']}</p>"
            f"<p class=\"normal\">Besöksadress:<br>{f['visiting']}</p><p class=\"normal\">Postadress:<br>{f['postal']}</p>"
            f"<p class=\"normal\">Fakturaadress:<br>{f['invoice']}</p><p class=\"normal\">VAN-leverantör {f['van']}</p>"
            f"<p class=\"normal\">Peppol: {f['peppol']}</p>")


def _labelled_footer(v: Variant, slug: str) -> str:
    f = REAL_FOOTERS[slug]
    pairs = [("Telefon", f["phone"]), ("E-post", f"<a href=\"mailto:{f['email']}\">{f['email']}</a>"),
             ("Organisationsnummer", f["org_number"])]
    pairs += [(lab, f[key]) for lab, key in (("Besöksadress", "visiting"), ("Postadress", "postal"),
                                               ("GLN", "gln"), ("Peppol", "peppol")) if key in f]
    return f"<p class=\"normal\"><strong>{f['organisation']}</strong></p>" + "".join(_pair(v, *p) for p in pairs)


def _footer(v: Variant, slug: str) -> str:
    inner = _real_footer(slug) if v.footer == "real" else _labelled_footer(v, slug)
    links = "<ul><li><a href=\"/om-webbplatsen.html\">Om webbplatsen</a></li><li><a href=\"/lattlast.html\">Lättläst</a></li></ul>"
    if v.generation == "envision":
        return f"<footer class=\"sv-vertical sv-layout\">{_portlet(v, 'Kontakt', inner)}{links}</footer>"
    if v.generation == "sv4":
        return f"<div class=\"sv-vertical sv-layout sidfot\">{_portlet(v, 'Sidfot', inner)}{links}</div>"
    return f"<div class=\"sv-horizontal c53\">{_portlet(v, 'Kontakt', inner)}</div>{links}"  # 3.x: no class says footer


def expected_footer(slug: str) -> dict:
    return REAL_FOOTERS[slug]


def article_url(v: Variant, base: str, a: Article) -> str:
    """The URL the page is served at: a dated slug when the date is shown only there."""
    if v.date_form == "label-url":
        return f"{base}/nyheter/{a.published[:10]}-{a.path.rstrip('/').rsplit('/', 1)[-1].removesuffix('.html')}.html"
    return base + a.path


def expected_categories(v: Variant, a: Article) -> list[str]:
    return [CATEGORY_LABELS.get(a.category, a.category), "Driftsnyhet"] if v.categories else []


def render(content: SiteContent, base: str, a: Article, v: Variant) -> str:
    slug = content.profile.slug
    date_line, meta = _dates(v, a)
    lead = ""
    if a.lead:
        if v.lead_form.startswith("portlet:"):
            lead = _portlet(v, v.lead_form[8:], f"<p class=\"normal\">{escape(a.lead)}</p>")
        else:
            lead = _portlet(v, "Ingress", f"<p class=\"{v.lead_form}\">{escape(a.lead)}</p>")
    cats = ""
    if v.categories:
        spans = ", ".join(f"<span>{escape(c)}</span>" for c in expected_categories(v, a))
        cats = _portlet(v, "Kategorier", f"<p class=\"normal category\">{spans}</p>")
    body = "".join(f"<h2 class=\"subheading\">{escape(t)}</h2>" if k == "h2" else f"<p class=\"normal\">{escape(t)}</p>"
                   for k, t in blocks(a.body))
    image = ("<div class=\"sv-image-portlet sv-portlet\"><div id=\"Bild\"><!-- Bild --></div>"
             "<img alt=\"Exempelbild\" src=\"/images/18.1/1/exempelbild.jpg\"><p class=\"bildtext\">Exempelbild</p></div>")
    extras = _portlet(v, "Text", "<p class=\"normal\">Länkar</p><p class=\"normal\">Tipsa en kompis</p>")
    contact = _portlet(v, "Kontakt for sidan", _contact(v, a.contact)) if a.contact else ""
    updated = _portlet(v, "Senast uppdaterad",
                       f"<p class=\"normal\">{_label(v, 'Senast uppdaterad')} {sv_text(a.modified[:10])}</p>")
    title = _portlet(v, "Rubrik", f"<h1 class=\"heading\">{escape(a.title)}</h1>")
    dated = _portlet(v, "Publiceringsdatum", date_line)
    content_html = (title + (image if v.extras else "") + lead + body + (extras if v.extras else ""))
    if v.generation == "envision":
        page = (f"<header><nav><a href=\"/\">Startsida</a></nav></header><main><div class=\"env-container\">"
                f"{dated}{cats}{content_html}{contact}{updated}</div></main>")
    else:
        side = contact if v.contact_form == "box" else ""
        inline_contact = "" if v.contact_form == "box" else contact
        # 4.x shows the date above the heading, 3.x in a column after the content ("Publicerat:")
        before, after = (dated, "") if v.generation == "sv4" else ("", dated)
        page = (f"<div class=\"sv-layout\"><div id=\"Meny\"><!-- Meny --></div><ul><li><a href=\"/\">Startsida</a></li>"
                f"</ul></div><div class=\"sv-layout\"><!-- Page content starts here -->"
                f"<div class=\"pagecontent sv-layout\"><div id=\"Mittenspalt\"><!-- Mittenspalt --></div>"
                f"{before}{cats}{content_html}{inline_contact}</div><!-- Page content stops here -->{after}{updated}</div>"
                f"<div class=\"sv-layout c44\">{side}</div>")
    return (f"<!DOCTYPE html>\n<html lang=\"sv\" class=\"sv-no-js sv-template-nyhet\"><head><meta charset=\"UTF-8\">"
            f"<title>{escape(a.title)} - {content.profile.name}</title>{meta}</head>"
            f"<body>{page}{_footer(v, slug)}</body></html>")
