"""Unit tests of article.py's helpers: link resolution, the template class and the title's sources."""

import pytest

from records.parsers.article import _attachments, _images, _join, _template, _title, parse_article
from records.parsers.dom import parse_document

BASE = "https://www.k.se/nyheter/a.html"


@pytest.mark.parametrize(
    ("href", "want"),
    [
        ("/download/18.ab1/1700000000000/Plan.pdf", "https://www.k.se/download/18.ab1/1700000000000/Plan.pdf"),
        ("/a/.b", "https://www.k.se/a/.b"),
        ("//cdn.k.se/x.pdf", "https://cdn.k.se/x.pdf"),  # protocol-relative: another host
        ("/a/../b.pdf", "https://www.k.se/b.pdf"),  # dot segments removed
        ("/a/./b.pdf", "https://www.k.se/a/b.pdf"),
        ("/a/.", "https://www.k.se/a/"),
        ("/a?", "https://www.k.se/a"),  # an empty query or fragment dropped
        ("/a#", "https://www.k.se/a"),
        ("/a;", "https://www.k.se/a"),  # and empty ";" parameters
        ("/download/a;jsessionid=1", "https://www.k.se/download/a;jsessionid=1"),
        ("/a?x=1#y", "https://www.k.se/a?x=1#y"),
        ("/a\tb.pdf", "https://www.k.se/ab.pdf"),  # a tab inside a URL is ignored
        ("Plan.pdf", "https://www.k.se/nyheter/Plan.pdf"),  # relative to the page's folder
        ("https://other.se/x", "https://other.se/x"),
    ],
)
def test_links_resolve_as_urljoin_resolves_them(href, want):
    assert _join(BASE, href) == want


def test_a_root_relative_link_on_a_file_page_stays_a_path():
    assert _join("file:///tmp/a.html", "/download/x.pdf") == "file:///download/x.pdf"


def test_the_template_is_the_first_sv_template_class_of_the_root():
    root = parse_document('<html class="js sv-template-nyhetsartikel sv-template-x"><body></body></html>')
    assert _template(root) == "sv-template-nyhetsartikel"
    assert _template(parse_document("<html><body></body></html>")) is None


@pytest.mark.parametrize(
    ("head", "body", "want"),
    [
        (
            "<title>T | K kommun</title>",
            '<h1 class="lp-user-hidden">Dold</h1><h1> </h1><h1> Rubrik  här </h1>',
            "Rubrik här",
        ),
        (
            '<script type="application/ld+json">{"headline": " LD  rubrik "}</script>'
            '<meta property="og:title" content="OG"><title>T</title>',
            "",
            "LD rubrik",
        ),
        ('<meta property="og:title" content=" OG  rubrik "><title>T</title>', "", "OG rubrik"),
        ("<title>Nyhet – K kommun</title>", "", "Nyhet"),
        ("<title>Nyhet-i-dag - K kommun</title>", "", "Nyhet-i-dag"),
        ("", "<p>x</p>", None),
    ],
)
def test_the_title_comes_from_h1_then_json_ld_then_og_then_title(head, body, want):
    root = parse_document(f"<html><head>{head}</head><body><main>{body}</main></body></html>")
    assert _title(root, root.find(".//main")) == want


def _main(body: str):
    return parse_document(f"<html><body><main>{body}</main></body></html>").find(".//main")


def test_images_skip_icons_and_hidden_ones_and_take_captions_from_figure_or_portlet():
    main = _main(
        '<img alt="no src">'
        '<img src="/i/a.gif"><img src="/i/b.svg">'
        '<img src="/i/c.jpg" class="sv-svg x">'
        '<img src="/i/d.jpg" aria-hidden="true">'
        '<div><img src="/i/e.jpg" aria-hidden="false" alt=" Alt  e "></div>'
        '<figure><div><img src="/i/f.jpg"></div><figcaption> Bild  f </figcaption></figure>'
        '<div class="sv-image-portlet"><div><img src="i/g.png"></div><p class="bildtext">Foto: G</p></div>'
        '<div class="sv-text-portlet"><p><img src="/i/h.jpg"></p><span class="sv-image-caption">H</span></div>'
        '<div class="sv-text-portlet"><p><img src="/i/j.jpg"></p><span class="caption">J</span></div>'
        '<div class="sv-text-portlet"><p><img src="/i/k.jpg"></p><span class="other">K</span></div>'
    )
    got = [(i.url, i.caption, i.alt) for i in _images(main, BASE)]
    assert got == [
        ("https://www.k.se/i/e.jpg", None, "Alt e"),
        ("https://www.k.se/i/f.jpg", "Bild f", None),
        ("https://www.k.se/nyheter/i/g.png", "Foto: G", None),
        ("https://www.k.se/i/h.jpg", "H", None),
        ("https://www.k.se/i/j.jpg", "J", None),
        ("https://www.k.se/i/k.jpg", None, None),
    ]


def test_an_image_whose_only_caption_element_is_its_own_figure_caption_when_empty():
    main = _main('<figure><img src="/i/a.jpg"><figcaption>  </figcaption></figure>')
    assert [(i.url, i.caption) for i in _images(main, BASE)] == [("https://www.k.se/i/a.jpg", None)]


def test_attachments_are_download_links_once_each_titled_without_assistive_text():
    main = _main(
        '<a href="/download/18.1/1/Plan.pdf">Plan <b>2024</b> (pdf)'
        '<span class="env-assistive-text">, öppnas i nytt fönster</span> 2 MB</a>'
        '<a href="/download/18.1/1/Plan.pdf">Again</a>'
        '<a href="/other/x.pdf">Not a download</a>'
        '<a href="../download/18.2/2/B.docx"><span>B</span>.docx</a>'
        '<a href="/download/18.3/3/C.pdf"></a>'
        '<a href="/download/18.4/4/D.pdf">D<span class="env-assistive-text">, pdf</span></a>'  # nothing after either
        '<a href="/download/18.5/5/E.pdf">E <b>2025</b></a>'
    )
    got = [(a.url, a.title) for a in _attachments(main, BASE)]
    assert got == [
        ("https://www.k.se/download/18.1/1/Plan.pdf", "Plan 2024 (pdf) 2 MB"),
        ("https://www.k.se/download/18.2/2/B.docx", "B.docx"),
        ("https://www.k.se/download/18.3/3/C.pdf", None),
        ("https://www.k.se/download/18.4/4/D.pdf", "D"),
        ("https://www.k.se/download/18.5/5/E.pdf", "E 2025"),
    ]


def test_bytes_are_decoded_by_the_header_charset_and_a_false_one_is_a_warning():
    page = "<html><body><h1>Malmö</h1></body></html>"
    latin = parse_article(page.encode("latin-1"), BASE, content_type="text/html; charset=iso-8859-1")
    assert latin.title == "Malmö"
    assert not any(w.startswith("page declared") for w in latin.extraction.warnings)
    false = parse_article(page.encode("cp1252"), BASE, content_type="text/html; charset=utf-8")
    assert false.title == "Malmö"
    assert "page declared utf-8 but is cp1252" in false.extraction.warnings
    koi8 = parse_article(
        "<html><body><h1>Дом</h1></body></html>".encode("koi8-r"), BASE, content_type="text/html; charset=koi8-r"
    )
    assert koi8.title == "Дом"  # read as the header says, not guessed as cp1252


@pytest.mark.parametrize("page", ["", b""])
def test_an_empty_page_is_a_record_with_warnings_not_an_error(page):
    record = parse_article(page, BASE)
    assert (record.title, record.body, record.images, record.attachments) == (None, "", [], [])
    assert record.extraction.warnings == [
        "no title found",
        "no body found",
        "no published_at found",
        "no contact footer found",
    ]


def _linked(head: str, url: str = BASE, html_class: str = ""):
    page = (
        f'<html class="{html_class}"><head>{head}</head><body><main><h1>R</h1>'
        '<a href="/download/18.1/1/A.pdf">A</a><img src="bilder/b.jpg"></main></body></html>'
    )
    return parse_article(page, url)


def test_canonical_and_base_resolve_links():
    plain = _linked("")
    assert (plain.canonical_url, plain.attachments[0].url, plain.images[0].url) == (
        BASE,
        "https://www.k.se/download/18.1/1/A.pdf",
        "https://www.k.se/nyheter/bilder/b.jpg",
    )
    canon = _linked('<link rel="Canonical" href="/ny/a.html">')
    assert canon.canonical_url == "https://www.k.se/ny/a.html"
    assert canon.images[0].url == "https://www.k.se/nyheter/bilder/b.jpg"  # links stay on the page's URL
    assert _linked('<link rel="canonical">').canonical_url == BASE
    based = _linked('<base href="https://cdn.k.se/x/">')
    assert (based.attachments[0].url, based.images[0].url) == (
        "https://cdn.k.se/download/18.1/1/A.pdf",
        "https://cdn.k.se/x/bilder/b.jpg",
    )
    saved = _linked('<link rel="canonical" href="https://www.k.se/arkiv/a.html">', url="file:///tmp/a.html")
    assert (saved.url, saved.canonical_url) == ("file:///tmp/a.html", "https://www.k.se/arkiv/a.html")
    # a saved page's links live on its canonical URL
    assert saved.images[0].url == "https://www.k.se/arkiv/bilder/b.jpg"


@pytest.mark.parametrize(
    ("html_class", "news"),
    [
        ("sv-template-nyhetsartikel", True),
        ("sv-template-news", True),
        ("sv-template-NYHET", True),
        ("sv-template-nyhetslista", False),
        ("sv-template-nyhetsarkiv", False),
        ("sv-template-news-list", False),
        ("sv-template-artikel", False),
        ("", False),
    ],
)
def test_a_news_template_marks_news_and_a_list_template_does_not(html_class, news):
    record = _linked("", html_class=html_class)
    assert (record.is_news, record.template) == (news, html_class or None)


def test_a_page_that_is_not_sitevision_reads_its_body_not_its_head():
    # A tracking pixel in <head><noscript> (as Meta's pixel snippet places it) is no image of the page.
    page = (
        '<html><head><title>Nyhet - K</title><noscript><img src="https://px.example/tr?id=1"></noscript></head>'
        '<body><div><img src="/i/a.jpg" alt="A"></div></body></html>'
    )
    record = parse_article(page, BASE)
    assert [i.url for i in record.images] == ["https://www.k.se/i/a.jpg"]


def test_a_relative_base_resolves_against_the_page_and_an_http_page_keeps_its_own_url_as_link_base():
    based = _linked('<base href="/sv/">')
    assert based.images[0].url == "https://www.k.se/sv/bilder/b.jpg"
    plain_http = _linked(
        '<link rel="canonical" href="https://www.k.se/annan/a.html">', url="http://www.k.se/nyheter/a.html"
    )
    assert plain_http.images[0].url == "http://www.k.se/nyheter/bilder/b.jpg"


# parse_article's wiring, on small made-up pages of each Sitevision generation: which part of the page
# each field is read from, which parts are left out, and which method is named.

FOOTER = "<p>Arboga kommun</p><p>732 86 Arboga</p><p>0589-870 00</p>"
ARBOGA = {
    "organisation": "Arboga kommun",
    "phone": "+4658987000",
    "phone_display": "0589-870 00",
    "email": None,
    "opening_hours": [],
    "opening_hours_raw": None,
    "org_number": None,
    "org_number_valid": None,
    "visiting_address": None,
    "postal_address": {"lines": [], "postcode": "732 86", "city": "Arboga"},
    "invoice_address": None,
    "gln": None,
    "peppol_id": None,
    "van_provider": None,
}


def test_a_current_template_gives_every_field_from_its_main_and_footer():
    page = (
        '<html class="sv-template-nyhetsartikel"><head><title>T</title>'
        '<link rel="canonical" href="/nyheter/skola.html"></head><body><header><p>Sidhuvud</p></header><main>'
        "<p>Ovanför rubriken</p>"  # chrome above the heading
        '<h1>Ny skola i Arboga</h1><p class="ingress">Nu öppnar kommunalråd Anna Berg skolan.</p>'
        "<p>Publicerad 2024-03-05 kl. 10.15</p><p>Senast uppdaterad 2024-03-06</p>"
        "<p>Första stycket.</p>"
        "<h2>”Två”, säger Bo Ek</h2>"  # a quote in a heading is no quote of the text
        "<p>– Det blir bra, säger Cia Lund, rektor.</p>"
        "<h3>”Tre”, säger Dan Ström</h3><h4>”Fyra”, säger Eva Ros</h4><h5>”Fem”, säger Fia Gran</h5>"
        '<p class="kategori">Skola, Bygg</p>'
        '<img src="/i/a.jpg" alt="Skolan"><a href="/download/18.1/1/Plan.pdf">Plan</a>'
        "</main>"
        # A current template's text has its own date lines: the column beside it is not read.
        "<aside><p>Kontaktperson: Olle Ek</p><p>Uppdaterad 2030-01-01</p></aside>"
        f"<footer>{FOOTER}</footer></body></html>"
    )
    record = parse_article(page, BASE, municipality="Arboga")
    assert record.to_dict() == {
        "url": BASE,
        "canonical_url": "https://www.k.se/nyheter/skola.html",
        "municipality": "Arboga",
        "title": "Ny skola i Arboga",
        "lead": "Nu öppnar kommunalråd Anna Berg skolan.",
        "body": "Första stycket.\n\n”Två”, säger Bo Ek\n\n– Det blir bra, säger Cia Lund, rektor.\n\n"
        "”Tre”, säger Dan Ström\n\n”Fyra”, säger Eva Ros\n\n”Fem”, säger Fia Gran",
        "subheadings": [
            "”Två”, säger Bo Ek",
            "”Tre”, säger Dan Ström",
            "”Fyra”, säger Eva Ros",
            "”Fem”, säger Fia Gran",
        ],
        "published_at": "2024-03-05T10:15:00+01:00",
        "published_raw": "Publicerad 2024-03-05 kl. 10.15",
        "published_source": "text",
        "updated_at": "2024-03-06",
        "updated_raw": "Senast uppdaterad 2024-03-06",
        "updated_source": "text",
        "quotes": [{"text": "Det blir bra", "speaker": "Cia Lund", "role": "rektor", "party": None}],
        "people": [
            {"name": "Cia Lund", "role": "rektor", "party": None},
            {"name": "Anna Berg", "role": "kommunalråd", "party": None},  # the lead's mention too
        ],
        "page_contact": None,
        "images": [{"url": "https://www.k.se/i/a.jpg", "caption": None, "alt": "Skolan"}],
        "attachments": [{"url": "https://www.k.se/download/18.1/1/Plan.pdf", "title": "Plan"}],
        "contact": ARBOGA,
        "is_news": True,
        "template": "sv-template-nyhetsartikel",
        "extraction": {"method": "sitevision:styles", "warnings": []},
        "categories": ["Skola", "Bygg"],
    }


def _fields(record, *names):
    return {name: record.to_dict()[name] for name in names}


def test_a_current_template_without_date_lines_reads_the_column_beside_it_but_not_its_footer():
    # Named portlets in <main>, whose text has no date line; the date and the page contact stand in a
    # column beside it; the site's footer (a div.sidfot, no <footer>) says when the *site* changed.
    page = (
        "<html><body><header><p>Meny</p></header><div>"
        '<main><div class="sv-text-portlet"><div id="Rubrik"><!-- Rubrik --></div><h1>Vägarbete på Storgatan</h1></div>'
        '<div class="sv-text-portlet"><div id="Ingress"><!-- Ingress --></div><p>Storgatan stängs i maj.</p></div>'
        '<div class="sv-text-portlet"><div id="Brodtext"><!-- Brödtext --></div><p>Omledning sker via Ågatan.</p>'
        # the article's own footer, inside the content, is not the site's
        '<div class="artikel-footer"><p>Frågor? Ring 0589-871 00</p></div></div></main>'
        "<div><p>Publicerad 2024-04-02</p><p><strong>Sidansvarig:</strong> Olle Ek</p></div></div>"
        f'<div class="sidfot">{FOOTER}<p>Senast uppdaterad 2024-04-09</p></div></body></html>'
    )
    record = parse_article(page, BASE)
    assert _fields(record, "lead", "body", "published_at", "updated_at", "page_contact", "extraction") == {
        "lead": "Storgatan stängs i maj.",
        "body": "Omledning sker via Ågatan.\n\nFrågor? Ring 0589-871 00",
        "published_at": "2024-04-02",
        "updated_at": None,
        "page_contact": {"name": "Olle Ek", "email": None, "phone": None},
        "extraction": {"method": "sitevision:portlets", "warnings": []},
    }
    assert record.to_dict()["contact"] == ARBOGA


def test_an_older_template_reads_the_column_and_the_footer_beside_its_page_content():
    # Sitevision 3.x: no <main>, the text in div.pagecontent between the "Page content" markers; its
    # own date line is in it, the page contact in a column beside it, "Senast ändrad" in the footer.
    page = (
        '<html><body><div class="sv-layout"><div><ul><li><a href="/">Start</a></li></ul></div>'
        '<!-- Page content starts here --><div class="pagecontent sv-layout">'
        '<h1>Samisk förvaltning</h1><p class="ingress">Kommunen ingår i förvaltningsområdet för samiska.</p>'
        "<p>Publicerad 2017-03-01</p>"
        "<p>Läs mer i planen.</p>"
        # a side box in the content (chrome to the text): its document's date is not the page's
        '<div class="sidebar-box"><h2>Dokument</h2><p>Språkplan</p><p>Senast ändrad 2016-12-01</p></div>'
        "<h2>Bidrag</h2><p>Bidrag söks senast i maj.</p></div><!-- Page content stops here -->"
        "<div><p>Sidansvarig: Aanna Larsson</p></div></div>"
        f'<div class="sidfot">{FOOTER}<p>Senast ändrad 2017-04-06</p></div></body></html>'
    )
    record = parse_article(page, BASE)
    assert _fields(
        record, "lead", "body", "subheadings", "published_at", "updated_at", "updated_raw", "page_contact", "extraction"
    ) == {
        "lead": "Kommunen ingår i förvaltningsområdet för samiska.",
        "body": "Läs mer i planen.\n\nBidrag\n\nBidrag söks senast i maj.",
        "subheadings": ["Bidrag"],
        "published_at": "2017-03-01",
        "updated_at": "2017-04-06",
        "updated_raw": "Senast ändrad 2017-04-06",
        "page_contact": {"name": "Aanna Larsson", "email": None, "phone": None},
        "extraction": {"method": "sitevision:styles+pagecontent", "warnings": []},
    }
    assert record.to_dict()["contact"] == ARBOGA


def test_a_contact_box_in_the_text_is_the_page_contact_and_left_out_of_the_body_one_in_the_footer_is_neither():
    box = (
        '<div class="sv-text-portlet"><h2>Kontakt</h2><p><a href="mailto:cia.lund@k.se">Cia Lund</a></p>'
        "<p>0589-871 23</p></div>"
    )
    text = '<h1>Nytt bibliotek</h1><div class="sv-text-portlet"><p>Biblioteket flyttar.</p></div>'
    in_text = parse_article(f"<html><body><main>{text}{box}</main><footer>{FOOTER}</footer></body></html>", BASE)
    assert _fields(in_text, "body", "subheadings", "page_contact") == {
        "body": "Biblioteket flyttar.",
        "subheadings": [],
        "page_contact": {"name": "Cia Lund", "email": "cia.lund@k.se", "phone": "0589-871 23"},
    }
    in_footer = parse_article(f"<html><body><main>{text}</main><footer>{box}{FOOTER}</footer></body></html>", BASE)
    assert _fields(in_footer, "body", "page_contact") == {"body": "Biblioteket flyttar.", "page_contact": None}
    assert in_footer.contact is not None and in_footer.contact.organisation == "Arboga kommun"


def test_a_page_that_is_not_sitevision_is_read_by_trafilatura_with_its_footer_found_anywhere():
    page = (
        "<html><head><title>Badplatser öppnar - Exempelstaden</title></head><body>"
        "<div><h1>Badplatser öppnar</h1>"
        "<p>Badplatserna öppnar den första juni och provtagning av vattnet sker varje vecka under hela sommaren.</p>"
        "<p>Resultaten publiceras på webbplatsen och anslås vid varje badplats så att alla kan se dem.</p></div>"
        "<aside><p>Publicerad 2019-05-05</p></aside>"  # such a page is dated by its text only
        f'<div class="sidfot">{FOOTER}</div></body></html>'
    )
    record = parse_article(page, BASE)
    assert _fields(record, "title", "body", "published_at", "extraction") == {
        "title": "Badplatser öppnar",
        "body": "Badplatserna öppnar den första juni och provtagning av vattnet sker varje vecka under hela sommaren."
        "\n\nResultaten publiceras på webbplatsen och anslås vid varje badplats så att alla kan se dem."
        "\n\nArboga kommun\n\n732 86 Arboga\n\n0589-870 00",
        "published_at": None,
        "extraction": {"method": "generic:trafilatura", "warnings": ["no published_at found"]},
    }
    assert record.to_dict()["contact"] == ARBOGA


def test_a_sitevision_page_whose_text_is_in_no_block_is_read_by_trafilatura_and_dated_by_its_url():
    text = (
        "Herrgårdsbron stängs för biltrafik under tre veckor medan brofästet lagas och räcket byts ut. "
        "Gående och cyklister kan passera bron som vanligt under hela arbetet, utom en helg i slutet av maj."
    )
    page = f"<html><body><main><h1>Bron stängs</h1><article>{text.replace('. ', '.<br>', 1)}</article></main></body></html>"
    record = parse_article(page, "https://www.k.se/nyheter/2021-04-21-bron-stangs.html")
    assert _fields(record, "title", "body", "subheadings", "published_at", "published_source", "extraction") == {
        "title": "Bron stängs",
        "body": text,
        "subheadings": [],
        "published_at": "2021-04-21",
        "published_source": "url",
        "extraction": {"method": "generic:trafilatura", "warnings": ["no contact footer found"]},
    }


def test_a_sitevision_page_with_no_text_at_all_keeps_its_method():
    record = parse_article('<html><body><main><img src="/i/a.jpg"></main></body></html>', BASE)
    assert (record.body, record.extraction.method) == ("", "sitevision")


def test_dates_that_do_not_parse_give_no_source():
    page = (
        '<html><head><meta property="article:published_time" content="snart">'
        '<meta name="dcterms.modified" content="aldrig"></head><body><main><h1>R</h1><p>Text.</p></main></body></html>'
    )
    record = parse_article(page, BASE)
    assert _fields(record, "published_at", "published_source", "updated_at", "updated_source") == {
        "published_at": None,
        "published_source": None,
        "updated_at": None,
        "updated_source": None,
    }
