"""The generic path (a page that is not Sitevision, read by trafilatura) keeps paragraph
boundaries: a line break inside a paragraph does not split it, and a quote never runs into the
next paragraph or takes its speaker."""

from records.parsers import parse_article

PAGE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Ny skolgård invigd | Lokalbladet</title>
</head><body><div id="page"><div class="menu"><a href="/">Start</a> <a href="/arkiv">Arkiv</a></div>
<div class="story"><h1>Ny skolgård invigd</h1>
<p>Eleverna på Västerskolan fick på måndagen ta den nya skolgården i bruk, med klätterställning,
odlingslådor och en bana för cykelträning.<br>Arbetet har pågått sedan i våras.</p>
<p>– Det här är något eleverna själva har önskat sig i flera år, och de har varit med och ritat,
säger Anna Berg, rektor på Västerskolan.</p>
<p>Skolgården är öppen för alla barn i området efter skoltid och på helgerna, och föreningarna får
boka bandet för träning.</p>
<p>– Vi vill att skolgården ska vara en mötesplats för hela stadsdelen,
säger Olle Ek, ordförande i barn- och utbildningsnämnden.</p>
</div><div class="foot">Lokalbladet · Ansvarig utgivare Per Hed</div></div></body></html>"""


def test_each_quote_is_its_own_with_its_own_speaker():
    record = parse_article(PAGE.encode(), "https://lokalbladet.example/2024/skolgard")
    assert record.extraction.method == "generic:trafilatura"
    assert [(q.speaker, q.role) for q in record.quotes] == [
        ("Anna Berg", "rektor på Västerskolan"), ("Olle Ek", "ordförande i barn- och utbildningsnämnden")]
    assert "Skolgården är öppen" not in record.quotes[0].text


def test_a_line_break_does_not_split_a_paragraph():
    record = parse_article(PAGE.encode(), "https://lokalbladet.example/2024/skolgard")
    paragraphs = record.body.split("\n\n")
    assert paragraphs[0].endswith("cykelträning. Arbetet har pågått sedan i våras.")
    assert len(paragraphs) == len(set(paragraphs)) == 4


def test_trafilatura_is_named_the_method_only_where_it_found_text_beyond_the_title():
    """A page of a headline alone: trafilatura's only paragraph is the title already read, so the
    record says it was read generically, with no body, and does not credit trafilatura."""
    page = ('<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Ny skolgård invigd</title>'
            '</head><body><div class="story"><h1>Ny skolgård invigd</h1></div></body></html>')
    record = parse_article(page.encode(), "https://lokalbladet.example/2024/rubrik")
    assert (record.title, record.body, record.extraction.method) == ("Ny skolgård invigd", "", "generic")
