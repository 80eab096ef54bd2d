"""What researchers read off the archive, on SQLite and PostgreSQL alike: stories collapsed into one
hit, facet counts, the timeline and the people pages."""

import pytest

from archive.db import open_archive
from archive.facets import facets, timeline
from archive.people import PersonNotFound, list_people, person
from archive.search import search
from archive.writer import ArchiveWriter
from tests.sites import SLUGS
from tests.unit.records import batch, record

STORY = ("Arboga, Köping och Kungsör fördjupar sin samverkan om räddningstjänst och IT. Kommunerna bildar "
         "en gemensam nämnd som från första januari ansvarar för drift, upphandling och utveckling av "
         "de system som alla tre förvaltningar använder. Förslaget har arbetats fram under hösten av en "
         "arbetsgrupp med tjänstepersoner från varje kommun och beslutas av fullmäktige i december.")
CHAIR = {"name": "Anders Röhfors", "role": "kommunstyrelsens ordförande", "party": "S"}


@pytest.fixture(scope="module")
def engine(module_archive_url):
    engine = open_archive(module_archive_url)
    writer = ArchiveWriter(engine)
    writer.write(batch(record("arboga", "/s1.html", "Fördjupad samverkan om IT", STORY, "2021-03-04")))
    writer.write(batch(record("koping", "/s2.html", "Fördjupad samverkan om IT", STORY, "2021-03-05"),
                       record("kungsor", "/s3.html", "Samverkan om IT fördjupas", STORY, "2021-04-01")))
    writer.write(batch(
        record("arboga", "/p1.html", "Budgeten klar", "Arboga kommun har en budget för nästa år.", "2022-10-01",
               people=[dict(CHAIR, role="kommunalråd")],
               quotes=[{"text": "Vi prioriterar skolan", "speaker": "Anders Röhfors", "role": "kommunalråd",
                        "party": "S"}]),
        record("arboga", "/p2.html", "Ny ordförande", "Arboga får en ny ordförande i kommunstyrelsen.", "2024-01-15",
               people=[CHAIR], quotes=[{"text": "Samverkan med Köping är viktig", "speaker": "Anders Röhfors",
                                        "role": "kommunstyrelsens ordförande", "party": "S"}]),
        record("koping", "/v1.html", "Vägarbete", "Köping bygger om vägen vid stationen under samverkan.", "2024-02-20"),
        record("koping", "/u1.html", "Utan datum", "Samverkan utan datum i Köping.", None)))
    yield engine
    engine.dispose()


def test_a_story_is_one_hit_that_names_its_other_publications(engine):
    results = search(engine, "fördjupar gemensam nämnd")
    assert results.total == 3 and len(results.hits) == 1 and not results.more  # three articles, one hit
    hit = results.hits[0]
    also = sorted(a["municipality"] for a in hit.also_published)
    assert sorted([hit.municipality, *also]) == SLUGS
    assert all(a["url"].startswith("https://www.") for a in hit.also_published)

    every = search(engine, "fördjupar gemensam nämnd", collapse=False)
    assert every.total == 3 and {h.municipality for h in every.hits} == set(SLUGS)
    assert all(h.also_published == [] for h in every.hits)


def test_collapsed_paging_counts_articles_and_pages_hits(engine):
    all_hits = search(engine, "samverkan", sort="date", limit=100)
    # five articles match (Ny ordförande's quote is not in its body); the story's three are one hit
    assert all_hits.total == 5 and len(all_hits.hits) == 3 and not all_hits.more
    assert [h.title for h in all_hits.hits][::2] == ["Vägarbete", "Utan datum"]  # undated last
    pages = [search(engine, "samverkan", sort="date", limit=1, offset=i) for i in range(4)]
    assert [p.hits[0].id for p in pages[:3]] == [h.id for h in all_hits.hits] and pages[3].hits == []
    assert [p.more for p in pages] == [True, True, False, False]


def test_facets_count_articles_per_municipality_year_and_topic(engine):
    counts = facets(engine, "samverkan")
    assert counts.municipality == [("koping", 3), ("arboga", 1), ("kungsor", 1)]
    assert counts.year == [("2024", 1), ("2021", 3)]  # the undated article has no year
    assert ("samverkan", 3) in counts.topic
    assert facets(engine, "samverkan kommun:arboga").municipality == [("arboga", 1)]
    assert facets(engine, "inget sådant ord").municipality == []


def test_timeline_has_every_month_and_adds_up(engine):
    tl = timeline(engine)
    assert tl.months[0] == "2021-03" and tl.months[-1] == "2024-02"
    assert len(tl.months) == 36 and len(set(tl.months)) == 36  # the gaps are months with zero
    assert sum(map(sum, tl.series.values())) == 6  # seven articles, one undated
    assert tl.series["arboga"][tl.months.index("2021-03")] == 1
    assert tl.series["kungsor"][tl.months.index("2021-04")] == 1
    narrowed = timeline(engine, "budget")
    assert narrowed.months == ["2022-10"] and narrowed.series == {"arboga": [1]}
    assert timeline(engine, "inget sådant ord").months == []


def test_people_list_and_roles_over_time(engine):
    people = list_people(engine)
    assert people["total"] == 1
    chair = people["people"][0]
    assert (chair["name"], chair["quotes"], chair["articles"]) == ("Anders Röhfors", 2, 2)
    assert list_people(engine, name="röhf")["total"] == 1 and list_people(engine, name="100%")["total"] == 0

    detail = person(engine, chair["id"])
    assert [(r["role"], r["first_seen"][:7]) for r in detail["roles"]] == [
        ("kommunalråd", "2022-10"), ("kommunstyrelsens ordförande", "2024-01")]
    assert [q["text"] for q in detail["quotes"]] == ["Samverkan med Köping är viktig", "Vi prioriterar skolan"]
    assert [a["title"] for a in detail["articles"]] == ["Ny ordförande", "Budgeten klar"]
    with pytest.raises(PersonNotFound):
        person(engine, 999999)


def test_cli_search_collapses_counts_facets_and_writes_csv(engine, module_archive_url):
    import csv
    import io
    import json

    from click.testing import CliRunner

    from kommunarkiv.cli import main

    def run(*args: str) -> str:
        result = CliRunner().invoke(main, ["search", *args, "--db", module_archive_url])
        assert result.exit_code == 0, result.output
        return result.output

    text = run("gemensam nämnd", "--facets")
    assert text.startswith("3 articles match 'gemensam nämnd'; showing 1 hit") and "also published by " in text
    assert "municipality: Arboga 1, Köping 1, Kungsör 1" in text and "year: 2021 3" in text
    assert len(json.loads(run("gemensam nämnd", "--json", "--every-article"))) == 3
    data = json.loads(run("gemensam nämnd", "--json", "--facets"))
    assert data["total"] == 3 and {"value": "samverkan", "count": 3} in data["facets"]["topic"]
    rows = list(csv.DictReader(io.StringIO(run("gemensam nämnd", "--csv"))))
    assert len(rows) == 1 and len(rows[0]["also_published"].split()) == 2


def test_cli_query_may_start_with_a_minus_and_come_in_words(engine, module_archive_url):
    from click.testing import CliRunner

    from kommunarkiv.cli import main

    result = CliRunner().invoke(main, ["search", "samverkan", "-fördjupar", "kommun:koping", "--db", module_archive_url])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 articles match 'samverkan -fördjupar kommun:koping'; showing 2 hits")
    alone = CliRunner().invoke(main, ["search", "-fördjupar", "--db", module_archive_url])
    assert alone.exit_code == 2 and "bad query" in alone.output  # a query of exclusions alone


def test_the_whole_archive_timeline_is_kept_until_an_article_or_revision_is_added(archive_url):
    engine = open_archive(archive_url)
    writer = ArchiveWriter(engine)
    writer.write(batch(record("arboga", "/t1.html", "Första", "Arboga bygger en skola.", "2021-03-04")))
    first = timeline(engine)
    assert first.months == ["2021-03"] and timeline(engine) is first  # kept, not counted again
    writer.write(batch(record("koping", "/t2.html", "Andra", "Köping bygger en väg.", "2021-05-10")))
    assert timeline(engine).series == {"arboga": [1, 0, 0], "koping": [0, 0, 1]}
    # a new revision that moves the date is seen too
    writer.write(batch(record("koping", "/t2.html", "Andra", "Köping bygger en längre väg.", "2021-06-10")))
    assert timeline(engine).series == {"arboga": [1, 0, 0, 0], "koping": [0, 0, 0, 1]}
    assert timeline(engine, "skola").series == {"arboga": [1]}  # a query is always counted
    engine.dispose()


def test_the_whole_archive_facets_are_kept_until_an_article_or_revision_is_added(archive_url):
    engine = open_archive(archive_url)
    writer = ArchiveWriter(engine)
    writer.write(batch(record("arboga", "/f1.html", "Första", "Arboga bygger en skola.", "2021-03-04")))
    timeline(engine)  # the whole timeline is kept beside the facets, not in their place
    first = facets(engine, "")
    assert first.municipality == [("arboga", 1)] and facets(engine, "  ") is first  # kept, not counted again
    assert timeline(engine).months == ["2021-03"]
    writer.write(batch(record("koping", "/f2.html", "Andra", "Köping bygger en väg.", "2022-05-10")))
    assert facets(engine, "").year == [("2022", 1), ("2021", 1)]
    writer.write(batch(record("koping", "/f2.html", "Andra", "Köping bygger en längre väg.", "2023-06-10")))
    assert facets(engine, "").year == [("2023", 1), ("2021", 1)]  # a new revision that moves the date
    assert facets(engine, "skola").year == [("2021", 1)]  # a query is always counted
    engine.dispose()


def test_postgres_counts_a_word_from_the_gin_index_without_reading_vectors(pg_archive_url):
    """Migration 0007's layout: a word query is asked of the stems vector with no weight restriction,
    so the GIN bitmap needs no recheck; the vectors live out of the row; and a text query is not
    planned as a sequential scan that would read every vector out of TOAST."""
    from sqlalchemy import text

    from archive.query import parse_query
    from archive.search import matching_sql, reading

    engine = open_archive(pg_archive_url)
    ArchiveWriter(engine).write(batch(*[record("arboga", f"/g{i}.html", f"Nyhet {i}", STORY, "2021-03-04")
                                        for i in range(30)]))
    q = parse_query("samverkan")
    params: dict = {}
    match_sql, _score, _bind = matching_sql(engine, q, params)
    assert "tsv_stems @@" in match_sql and ":A" not in params["tsq"] and ":B" not in params["tsq"]
    with reading(engine, q) as conn:
        plan = "\n".join(r[0] for r in conn.execute(text(f"EXPLAIN SELECT count(*) {match_sql}"), params))
        options = conn.execute(text("SELECT reloptions FROM pg_class WHERE oid = 'search_docs'::regclass")).scalar()
    assert "Bitmap Index Scan on search_docs_tsv_stems" in plan and "Seq Scan on search_docs" not in plan, plan
    assert "toast_tuple_target=128" in options
    assert search(engine, "samverkan").total == 30
    engine.dispose()
