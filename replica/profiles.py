"""How each replica site differs from the others, as real Sitevision sites do: URL patterns,
template names, the lead's class, how dates are written, and the footer's layout and values.

The values of the footers (phone, org numbers, addresses) are the replica's own: Kungsör's are the
real ones shown in the seed article (../shared/seed/); the others are plausible stand-ins.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Footer:
    organisation: str
    heading: str
    phone: str
    email: str
    opening_hours: list[str]  # as printed, one <br>-separated line each
    org_number: str
    visiting: str
    postal: str
    invoice: str


@dataclass(frozen=True)
class Profile:
    slug: str
    name: str
    live_host: str
    theme: str
    news_template: str  # the <html class="sv-template-..."> of a news article
    lead_class: str
    date_style: str  # "text_sv" | "iso_label" | "time_tag"
    footer_style: str  # "labelled" | "block" | "dl"
    listing_path: str
    listing_query: str  # extra parameters before skip=, as the live listing has them
    article_pattern: str  # format string: {category} {date} {slug} {year}
    rss_page_id: str
    rss_portlet_id: str
    node_prefix: str  # hex stem for generated 18.<id> / 4.<id> node ids
    footer: Footer
    menu: list[tuple[str, str]] = field(default_factory=list)
    page_size: int = 10

    @property
    def rss_path(self) -> str:
        return f"/{self.rss_page_id}/{self.rss_portlet_id}.portlet"

    @property
    def rss_query(self) -> str:
        return "state=rss&sv.contenttype=text/xml;charset=UTF-8"


_MENU = [
    ("Kommun och politik", "/kommun-och-politik.html"),
    ("Omsorg och stöd", "/omsorg-och-stod.html"),
    ("Skola och förskola", "/skola-och-forskola.html"),
    ("Bygga, bo och miljö", "/bygga-bo-och-miljo.html"),
    ("Uppleva och göra", "/uppleva-och-gora.html"),
    ("Näringsliv och arbete", "/naringsliv-och-arbete.html"),
]

PROFILES: dict[str, Profile] = {
    "arboga": Profile(
        slug="arboga", name="Arboga kommun", live_host="www.arboga.se", theme="sv-theme-arboga",
        news_template="sv-template-nyhetssida", lead_class="lead", date_style="iso_label",
        footer_style="block",
        listing_path="/nyhetslista/nyheter-om-kommun--politik.html",
        listing_query="sv.url=12.658b3aac158be536b536b5b2&state=view",
        article_pattern="/nyhetslista/nyhetsarkiv/{slug}.html",
        rss_page_id="4.658b3aac158be536b536b5a0", rss_portlet_id="12.658b3aac158be536b536b5b2",
        node_prefix="658b3aac158be536b5",
        footer=Footer(
            organisation="Arboga kommun", heading="Kontakta Arboga kommun", phone="0589-870 00",
            email="kommun@arboga.se", opening_hours=["Vardagar 8-16"], org_number="212000-2064",
            visiting="Centralplan 1, 732 30 Arboga", postal="Box 45, 732 21 Arboga",
            invoice="Arboga kommun, Fakturaservice, Box 45, 732 21 Arboga",
        ),
        menu=_MENU,
    ),
    "koping": Profile(
        slug="koping", name="Köpings kommun", live_host="www.koping.se", theme="sv-theme-koping",
        news_template="sv-template-artikel-nyhet", lead_class="sv-font-ingress", date_style="time_tag",
        footer_style="dl",
        listing_path="/nyheter.html", listing_query="",
        article_pattern="/nyheter/nyhetsarkiv/{slug}",
        rss_page_id="4.4ff1fe9416b3b4d6a2b1c7e0", rss_portlet_id="12.4ff1fe9416b3b4d6a2b1c7f2",
        node_prefix="4ff1fe9416b3b4d6a2",
        footer=Footer(
            organisation="Köpings kommun", heading="Kontakta Köpings kommun", phone="0221-250 00",
            email="kommunen@koping.se",
            opening_hours=["måndag–torsdag 8.00–16.30, fredag 8.00–15.00"], org_number="212000-2049",
            visiting="Stadshuset, Torggatan 2, 731 85 Köping", postal="Köpings kommun, Box 501, 731 24 Köping",
            invoice="Köpings kommun, Box 521, 731 25 Köping",
        ),
        menu=_MENU,
    ),
    "kungsor": Profile(
        slug="kungsor", name="Kungsörs kommun", live_host="www.kungsor.se", theme="sv-theme-kungsor",
        news_template="sv-template-nyhet", lead_class="preamble", date_style="text_sv",
        footer_style="labelled",
        listing_path="/nyhetsarkivet.html", listing_query="",
        article_pattern="/nyhetsarkivet/nyheter---{category}/nyhetsarkiv---{category}/{date}-{slug}.html",
        rss_page_id="4.3d6b838b15b14f2118415c01", rss_portlet_id="12.3d6b838b15b14f2118415c2f",
        node_prefix="3d6b838b15b14f2118",
        footer=Footer(
            organisation="Kungsörs kommun", heading="Kontakta Kungsörs kommun", phone="0227-60 00 00",
            email="info@kungsor.se", opening_hours=["Måndag-Fredag", "7.30-12.00 och 13.00-16.30"],
            org_number="212000-2056", visiting="Drottninggatan 34, 736 85 Kungsör",
            postal="Kungsörs kommun, 736 85 Kungsör", invoice="Box 34, 736 21 Kungsör",
        ),
        menu=_MENU,
    ),
    # A fourth Sitevision municipality, with synthetic news only: shows that adding a site to
    # the crawler is one entry in its site list (tests/e2e/test_fourth_site.py).
    "fagersta": Profile(
        slug="fagersta", name="Fagersta kommun", live_host="www.fagersta.se", theme="sv-theme-fagersta",
        news_template="sv-template-nyhetsartikel", lead_class="preamble", date_style="text_sv",
        footer_style="labelled",
        listing_path="/nyheter.html", listing_query="",
        article_pattern="/nyheter/{year}/{slug}.html",
        rss_page_id="4.7a1b2c3d4e5f60718293a4b0", rss_portlet_id="12.7a1b2c3d4e5f60718293a4c1",
        node_prefix="7a1b2c3d4e5f607182",
        footer=Footer(
            organisation="Fagersta kommun", heading="Kontakta Fagersta kommun", phone="0223-440 00",
            email="fagersta.kommun@fagersta.se", opening_hours=["Vardagar 8-16"], org_number="212000-2122",
            visiting="Västmannavägen 2, 737 80 Fagersta", postal="Fagersta kommun, 737 80 Fagersta",
            invoice="Fagersta kommun, Box 500, 737 25 Fagersta",
        ),
        menu=_MENU,
    ),
}

DEFAULT_SITES = ("arboga", "koping", "kungsor")
