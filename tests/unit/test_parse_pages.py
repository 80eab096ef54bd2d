"""Parser rules every record keeps, on every saved replica page, and the real Sitevision page."""

import re

import pytest

from pipelines.validate import record_errors
from records.normalise import normalise_record
from records.parsers import parse_article
from replica.content import load_site
from spiders.pagechecks import is_news_article
from tests.conftest import REAL, saved_page
from tests.sites import SLUGS

SITES = SLUGS
ARTICLES = [f"{s}/{n}" for s in SITES for n in ("seed.html", "article-images.html", "article-no-lead.html")]
NOT_NEWS = [f"{s}/{n}" for s in SITES for n in ("event.html", "service.html", "listing.html")]


def parse(name):
    body, url = saved_page(name)
    return parse_article(body, url, municipality=name.split("/")[0])


@pytest.mark.parametrize("name", ARTICLES)
def test_article_records_are_valid(name):
    assert record_errors(normalise_record(parse(name))) == []


@pytest.mark.parametrize("name", ARTICLES)
def test_article_pages_are_news(name):
    assert is_news_article(parse(name), {"sitemap"})


@pytest.mark.parametrize("name", NOT_NEWS)
def test_other_pages_are_not_news_when_found_in_the_sitemap(name):
    assert not is_news_article(parse(name), {"sitemap"})


@pytest.mark.parametrize("site", SITES)
def test_images_have_absolute_urls_captions_and_alt(site):
    record = parse(f"{site}/article-images.html")
    expected = next(a for a in load_site(site).articles if a.images and not a.story).images
    assert [i.alt for i in record.images] == [e["alt"] for e in expected]
    assert [i.caption for i in record.images] == [e["caption"] for e in expected]
    assert all(re.match(r"^https://www\.\w+\.se/images/18\.[0-9a-f]+/\d+/", i.url) for i in record.images)


@pytest.mark.parametrize("site", SITES)
def test_no_lead_is_null_with_the_body_intact(site):
    record = parse(f"{site}/article-no-lead.html")
    expected = next(a for a in load_site(site).articles if a.lead is None)
    assert record.lead is None
    first_paragraph = expected.body.split("\n\n")[0]
    assert record.body.startswith(" ".join(first_paragraph.split()).removeprefix("## "))


@pytest.mark.parametrize("site", SITES)
def test_attachments_are_sitevision_downloads(site):
    from replica import render

    content = load_site(site)
    with_attachments = [a for a in content.articles if a.attachments]
    assert with_attachments, f"{site}'s replica content has no article with an attachment to parse"
    base = "https://" + content.profile.live_host
    for article in with_attachments:
        record = parse_article(render.render_article(content, base, article), base + article.path)
        assert [a.title for a in record.attachments] == [x["title"] for x in article.attachments], article.path
        for parsed, written in zip(record.attachments, article.attachments, strict=True):
            assert re.fullmatch(rf"{re.escape(base)}/download/18\.[0-9a-f]+/\d+/{re.escape(written['file'])}",
                                parsed.url), (article.path, parsed.url)


class TestRealSitevisionPage:
    """The real Kungsbacka page (tests/fixtures/real/kungsbacka-chrome): no navigation or footer in the body; the
    footer's address and Organisationsnummer found."""

    @pytest.fixture(scope="class")
    @classmethod
    def record(cls):
        path = REAL / "kungsbacka-chrome" / "valnamndens-sammantraden.html"
        return parse_article(path.read_bytes(), "https://kungsbacka.se/kommun-och-politik/politik-och-demokrati/"
                             "politiska-moten-och-sammantraden/valnamndens-sammantraden")

    def test_title(self, record):
        assert record.title == "Valnämndens sammanträden"

    def test_lead(self, record):
        assert record.lead == "Här kan du följa Valnämndens arbete."

    @pytest.mark.parametrize("phrase", ["Hoppa till innehåll", "Lediga jobb", "Anslagstavla", "Mina sidor",
                                        "Ange sökord", "Kontakta vårt kundcenter", "Kontakta politiker",
                                        "Organisationsnummer", "Storgatan 37", "Följ oss", "Relaterade länkar",
                                        "Till toppen av sidan", "Startsida", "Pdf,"])
    def test_body_has_no_navigation_or_footer(self, record, phrase):
        assert phrase not in record.body

    def test_body_has_the_content(self, record):
        assert "Valnämnden har sammanträden under följande datum 2026:" in record.body
        assert "Kallelser, handlingar och protokoll från möten 2026" in record.subheadings

    def test_footer_address(self, record):
        a = record.contact.visiting_address
        assert (a.lines, a.postcode, a.city) == (["Stadshuset", "Storgatan 37"], "434 81", "Kungsbacka")

    def test_footer_org_number(self, record):
        assert (record.contact.org_number, record.contact.org_number_valid) == ("212000-1256", True)

    def test_not_news_and_no_invented_date(self, record):
        assert record.is_news is False and record.published_at is None
        assert "no published_at found" in record.extraction.warnings
        assert (record.updated_at, record.updated_source) == ("2026-09-22", "meta:DC.modified")

    def test_attachments(self, record):
        assert len(record.attachments) == 39
        assert record.attachments[0].title == "Valnämnden kallelse 2026-09-16.pdf"


def test_unrecognised_template_falls_back_to_generic_extraction():
    html = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Nytt badhus | Exempel</title>
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Nytt badhus öppnar i Kungsör",
     "datePublished": "2024-05-02T09:00:00+02:00"}</script></head><body>
    <div class="menu"><a href="/">Start</a> <a href="/om">Om oss</a></div>
    <article><h1>Nytt badhus öppnar i Kungsör</h1>
    <p>Det nya badhuset vid Kungsudden öppnar för allmänheten i juni efter två års byggtid och har en
    tjugofemmetersbassäng, en undervisningsbassäng och ett relaxavdelning med bastu och ångbad.</p>
    <p>– Vi har längtat efter det här länge och nu blir det äntligen verklighet, säger Anna Berg, fritidschef.</p>
    <p>Entréavgiften blir densamma som i det gamla badhuset under det första året, meddelar kommunen i
    ett pressmeddelande som skickades ut i dag till alla lokala medier i Västmanland.</p></article>
    <div class="foot">Copyright Exempel AB</div></body></html>"""
    record = parse_article(html, "https://example.se/badhus")
    assert record.extraction.method == "generic:trafilatura"
    assert record.title == "Nytt badhus öppnar i Kungsör"
    assert (record.published_at, record.published_source) == ("2024-05-02T09:00:00+02:00", "json-ld:datePublished")
    assert "tjugofemmetersbassäng" in record.body and "Copyright" not in record.body
    assert [(q.speaker, q.role) for q in record.quotes] == [("Anna Berg", "fritidschef")]


def test_publication_date_from_script_state():
    html = """<html lang="sv" class="sv-template-nyhet"><head><meta charset="utf-8">
    <script>AppRegistry.registerInitialState('12.abc', {"article": {"publishDate": "2021-05-03T10:15:00+02:00"}});</script>
    </head><body><main><div class="sv-text-portlet"><h1 class="heading">Rubrik</h1></div>
    <div class="sv-text-portlet"><p class="normal">En text utan synligt datum.</p></div></main></body></html>"""
    record = parse_article(html, "https://www.koping.se/nyheter/x")
    assert (record.published_at, record.published_source) == ("2021-05-03T10:15:00+02:00", "script")
