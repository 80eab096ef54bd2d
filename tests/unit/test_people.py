"""The person page: one row per role with the municipality its text gives, whichever site
published it, and a quote that a cross-posted story repeats shown once with the other sites."""

import pytest
from fastapi.testclient import TestClient

from archive.db import open_archive
from archive.people import list_people, person, role_and_place
from archive.web.app import create_app
from archive.writer import ArchiveWriter
from tests.unit.records import batch, record

QUOTE = "Vi fördjupar samarbetet mellan kommunerna för att möta framtidens utmaningar tillsammans"
BODY = ("Arboga, Köping och Kungsör presenterar en fördjupad samverkan i Almedalen. Kommunstyrelsens ordförande "
        "från de tre kommunerna håller ett gemensamt seminarium om hur kommunerna kan möta framtidens utmaningar "
        "med en mer långtgående samverkan inom IT, renhållning, gymnasieutbildning och räddningstjänst. ")


def chair(role, party=None):
    return {"name": "Anders Röhfors", "role": role, "party": party}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    engine = open_archive(f"sqlite:///{tmp_path_factory.mktemp('people') / 'a.sqlite'}")
    writer = ArchiveWriter(engine)
    said = {"text": QUOTE, "speaker": "Anders Röhfors", "role": "kommunstyrelsens ordförande i Arboga"}
    writer.write(batch(record("arboga", "/k.html", "Nytt kommunalråd", "Anders Röhfors blir kommunalråd i Arboga.",
                              "2015-01-10", people=[chair("kommunalråd i Arboga", "S")])))
    # one press release on three sites: Köping's and Kungsör's versions name Arboga's chair too
    for slug, day, party in (("arboga", "03", "S"), ("koping", "04", None), ("kungsor", "05", "S")):
        writer.write(batch(record(slug, "/almedalen.html", f"Samverkan i Almedalen ({slug})", BODY * 3,
                                  f"2017-07-{day}", quotes=[said | {"party": party}],
                                  people=[chair("kommunstyrelsens ordförande i Arboga", party)])))
    writer.write(batch(record("koping", "/budget.html", "Budget", "Budgeten för Arboga är klar.", "2018-11-20",
                              people=[chair("kommunstyrelsens ordförande")])))
    yield engine
    engine.dispose()


@pytest.mark.parametrize("role, expected", [
    ("kommunstyrelsens ordförande i Arboga", ("kommunstyrelsens ordförande", "arboga")),
    ("VA-chef i Köpings kommun", ("VA-chef", "koping")),
    ("bibliotekschef i Kungsör.", ("bibliotekschef", "kungsor")),
    ("ordförande i förbundsdirektionen", ("ordförande i förbundsdirektionen", None)),
    (None, (None, None)),
])
def test_role_and_its_place(role, expected):
    assert role_and_place(role) == expected


def test_one_row_per_role_with_the_municipality_from_the_text(archive):
    page = person(archive, 1)
    assert page["name"] == "Anders Röhfors"
    assert [(r["role"], r["municipality"], r["party"], r["first_seen"][:10], r["last_seen"][:10], r["articles"])
            for r in page["roles"]] == [
        ("kommunalråd", "arboga", "S", "2015-01-10", "2015-01-10", 1),
        ("kommunstyrelsens ordförande", "arboga", "S", "2017-07-03", "2018-11-20", 4)]


def test_a_cross_posted_quote_is_shown_once_naming_the_other_publications(archive):
    quotes = person(archive, 1)["quotes"]
    assert [q["text"] for q in quotes] == [QUOTE]
    assert sorted(o["municipality"] for o in quotes[0]["also_published"]) == ["arboga", "koping"]
    assert quotes[0]["municipality"] == "kungsor"


def test_the_list_counts_quotes_as_the_person_page_shows_them_once_per_story(archive):
    (listed,) = list_people(archive)["people"]
    assert (listed["name"], listed["quotes"], listed["articles"]) == ("Anders Röhfors", 1, 5)
    assert listed["quotes"] == len(person(archive, 1)["quotes"])  # three publications of one quote


def test_person_page_and_api(archive):
    client = TestClient(create_app(archive))
    html = client.get("/people/1").text
    assert html.count(QUOTE) == 1 and "även publicerat av" in html
    assert "<td>koping</td>" not in html and "<td>kungsor</td>" not in html
    assert html.count("<td>kommunstyrelsens ordförande</td>") == 1
    body = client.get("/api/people/1").json()
    assert [r["municipality"] for r in body["roles"]] == ["arboga", "arboga"]
    assert len(body["quotes"]) == 1 and len(body["quotes"][0]["also_published"]) == 2


def test_name_variants_join_only_on_evidence(tmp_path):
    from sqlalchemy import select

    from archive.models import Person

    engine = open_archive(f"sqlite:///{tmp_path / 'v.sqlite'}")
    writer = ArchiveWriter(engine)
    writer.write(batch(record("arboga", "/a.html", "Ett", "Text.", "2020-01-01",
                              people=[chair("kommunstyrelsens ordförande i Arboga", "S")])))
    writer.write(batch(
        record("koping", "/b.html", "Två", "Text.", "2020-02-01",  # the party mark is no part of the name
               people=[{"name": "Anders Röhfors (S)", "role": "kommunstyrelsens ordförande i Arboga"}]),
        record("kungsor", "/c.html", "Tre", "Text.", "2020-03-01",  # an initial and the same role: the same man
               people=[{"name": "A. Röhfors", "role": "kommunstyrelsens ordförande i Arboga"}]),
        record("kungsor", "/d.html", "Fyra", "Text.", "2020-04-01",  # an initial and another role: not known
               people=[{"name": "A Röhfors", "role": "lärare i Kungsör"}])))
    with engine.connect() as conn:
        assert sorted(conn.scalars(select(Person.name))) == ["A Röhfors", "Anders Röhfors"]
    page = person(engine, 1)
    assert [a["title"] for a in page["articles"]] == ["Tre", "Två", "Ett"]
    assert [(r["role"], r["articles"]) for r in page["roles"]] == [("kommunstyrelsens ordförande", 3)]
    engine.dispose()
