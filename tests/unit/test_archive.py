"""Storing and searching, on SQLite and on PostgreSQL (the same tests, the same expectations)."""

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from archive.db import ArchiveError, make_engine, open_archive
from archive.models import Article, ContactVersion, Revision
from archive.query import QueryError
from archive.search import search
from archive.writer import ArchiveWriter
from tests.unit.records import batch, record

CORPUS = [
    record("arboga", "/a1.html", "Ny samverkan om IT", "Kommunerna fördjupar sin samverkan kring IT-drift.",
           "2021-05-03"),
    record("koping", "/k1.html", "Samverkans nästa steg", "Ett samverkansavtal skrivs under i Köping.", "2022-01-10"),
    record("kungsor", "/s1.html", "Får på bete", "Fåren betar vid Kungsudden. Kungsörs får är kända.", "2020-06-01"),
    record("kungsor", "/s2.html", "Far och son", "En far och en son cyklar runt Mälaren.", "2019-06-01"),
    record("arboga", "/a2.html", "Budget för skola", "Skolans budget ökar. Förskolan får nya lokaler.", "2023-03-01"),
    record("koping", "/k2.html", "Gemensam nämnd bildas", "En gemensam nämnd för upphandling bildas.", "2024-02-01"),
    record("arboga", "/a3.html", "Nämnden är gemensam", "Nämnden är gemensam för tre kommuner.", "2024-02-02"),
]


@pytest.fixture
def archive(archive_url):
    engine = open_archive(archive_url)
    ArchiveWriter(engine).write(batch(*CORPUS))
    yield engine
    engine.dispose()


def titles(engine, q, **kw):
    return sorted(h.title for h in search(engine, q, **kw).hits)


def test_stemming_finds_inflections(archive):
    assert titles(archive, "samverkan") == ["Ny samverkan om IT", "Samverkans nästa steg"]
    assert titles(archive, "samverkans") == titles(archive, "samverkan")


def test_swedish_letters_are_letters_of_their_own(archive):
    assert titles(archive, "får") == ["Budget för skola", "Får på bete"]
    assert titles(archive, "far") == ["Far och son"]


def test_prefix_reaches_compounds(archive):
    assert "Samverkans nästa steg" in titles(archive, "samverkansavtal")
    assert titles(archive, "samverkan*") == ["Ny samverkan om IT", "Samverkans nästa steg"]


def test_phrase_is_exact_and_ordered(archive):
    assert titles(archive, '"gemensam nämnd"') == ["Gemensam nämnd bildas"]


def test_or_and_exclusion(archive):
    assert titles(archive, "skola OR son") == ["Budget för skola", "Far och son"]
    assert titles(archive, "samverkan -IT") == ["Samverkans nästa steg"]


def test_municipality_in_any_inflection(archive):
    assert titles(archive, "Kungsörs") == titles(archive, "Kungsör") == ["Får på bete"]


def test_filters(archive):
    assert titles(archive, "samverkan kommun:koping") == ["Samverkans nästa steg"]
    assert titles(archive, "gemensam from:2024-02-02") == ["Nämnden är gemensam"]
    assert titles(archive, "kommun:kungsor to:2019") == ["Far och son"]


def test_relevance_ranks_title_matches_first(archive):
    hits = search(archive, "gemensam").hits
    assert hits[0].title == "Gemensam nämnd bildas"


def test_sort_by_date_and_paging(archive):
    dates = [h.published_at for h in search(archive, "kommun:arboga", sort="date").hits]
    assert dates == ["2024-02-02", "2023-03-01", "2021-05-03"]
    page2 = search(archive, "kommun:arboga", sort="date", limit=1, offset=1)
    assert [h.published_at for h in page2.hits] == ["2023-03-01"] and page2.total == 3


def test_snippet_marks_matches(archive):
    [hit] = search(archive, "samverkansavtal").hits
    assert "**samverkansavtal**" in hit.snippet


@pytest.mark.parametrize("bad", ['"open', "OR x", "-x", "x from:2020-13-01", "foo:bar", "a*" * 0 + "s*"])
def test_malformed_queries_say_what_is_wrong(archive, bad):
    with pytest.raises(QueryError):
        search(archive, bad)


@pytest.mark.parametrize("odd", ["'; DROP TABLE articles; --", "NEAR(a b)", "title_words:x", "{stems}: x",
                                 '\\" OR 1=1', "x AND", "^x", "a:b:c", "* * *", "NOT x", "å'ä\"ö"])
def test_odd_input_never_reaches_sql_as_syntax(archive, odd):
    try:
        search(archive, odd)
    except QueryError:
        pass
    with Session(archive) as s:
        assert s.scalar(select(func.count()).select_from(Article)) == len(CORPUS)


def test_same_crawl_twice_changes_nothing(archive):
    outcome = ArchiveWriter(archive).write(batch(*CORPUS))
    assert outcome == {"unchanged": len(CORPUS)}
    with Session(archive) as s:
        assert s.scalar(select(func.count()).select_from(Revision)) == len(CORPUS)


def test_changed_page_adds_a_revision_and_keeps_the_old(archive):
    changed = dict(CORPUS[0], body=CORPUS[0]["body"] + " Nytt stycke.")
    assert ArchiveWriter(archive).write(batch(changed)) == {"new_revisions": 1}
    with Session(archive) as s:
        revs = s.scalars(select(Revision).join(Article, Revision.article_id == Article.id).where(Article.canonical_url == changed["canonical_url"])
                         .order_by(Revision.id)).all()
        assert [r.record["body"] for r in revs] == [CORPUS[0]["body"], changed["body"]]
    assert titles(archive, "stycke") == ["Ny samverkan om IT"]


def test_chrome_only_change_is_no_new_revision(archive):
    same = dict(CORPUS[0], contact={"email": "ny@arboga.se"}, extraction={"method": "sitevision", "warnings": ["x"]})
    assert ArchiveWriter(archive).write(batch(same)) == {"unchanged": 1}


def test_contact_history_is_kept(archive):
    w = ArchiveWriter(archive)
    w.write(batch(dict(CORPUS[0], contact={"phone": "+4658987000"})))
    w.write(batch(dict(CORPUS[0], contact={"phone": "+4658987000"})))
    w.write(batch(dict(CORPUS[0], contact={"phone": "+4658987001"})))
    with Session(archive) as s:
        assert [c.contact["phone"] for c in s.scalars(select(ContactVersion).order_by(ContactVersion.id))] == \
            ["+4658987000", "+4658987001"]


def test_a_record_that_cannot_be_stored_is_counted_and_the_rest_of_its_batch_kept(archive, caplog):
    broken = dict(CORPUS[0], canonical_url="https://www.arboga.se/new.html", url=None)  # NOT NULL url
    outcome = ArchiveWriter(archive).write(batch(record("arboga", "/ok.html", "Ok", "Text."), broken))
    assert outcome == {"new_articles": 1, "store_failed": 1}
    assert "cannot store None" in caplog.text
    with Session(archive) as s:
        urls = set(s.scalars(select(Article.canonical_url)))
        assert len(urls) == len(CORPUS) + 1 and "https://www.arboga.se/ok.html" in urls
        assert "https://www.arboga.se/new.html" not in urls  # nothing half-written
        assert s.scalar(select(func.count()).select_from(Revision)) == len(CORPUS) + 1


def test_older_schema_is_refused_with_the_command_to_run(archive_url):
    engine = open_archive(archive_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    with pytest.raises(ArchiveError, match="kommunarkiv db upgrade"):
        open_archive(archive_url)
    engine.dispose()


def test_bad_database_url():
    with pytest.raises(ArchiveError, match="not a database URL"):
        make_engine("a b://x")
    with pytest.raises(ArchiveError, match="unknown database kind 'nonsense'"):
        make_engine("nonsense://")


def test_schema_head_constant_matches_the_migrations():
    from archive.db import SCHEMA_HEAD, migrations_head

    assert migrations_head() == SCHEMA_HEAD


def test_topic_and_person_filters(archive_url):
    engine = open_archive(archive_url)
    people = [{"name": "Anders Röhfors", "role": "kommunstyrelsens ordförande i Arboga", "party": "S"}]
    ArchiveWriter(engine).write(batch(
        record("arboga", "/t1.html", "Fördjupad samverkan", "Arboga och Köping fördjupar sin samverkan.",
               people=people),
        record("arboga", "/t2.html", "Simhallen öppnar", "Simhallen i Arboga öppnar igen efter renovering.")))
    assert titles(engine, "topic:samverkan") == ["Fördjupad samverkan"]
    assert titles(engine, 'person:"anders röhfors"') == ["Fördjupad samverkan"]
    assert titles(engine, 'Arboga person:"Lena Micko"') == []
    assert titles(engine, 'öppnar topic:"kultur och fritid"') == ["Simhallen öppnar"]
    assert titles(engine, 'topic:trafik') == []
    with pytest.raises(QueryError, match="unknown filter ämne:"):
        search(engine, 'ämne:"x"')
    engine.dispose()


def test_upgrading_to_topics_labels_the_articles_already_stored(archive):
    from alembic import command

    from archive.db import _alembic_config

    command.downgrade(_alembic_config(archive), "0003")
    command.upgrade(_alembic_config(archive), "head")
    assert titles(archive, "topic:samverkan") == ["Gemensam nämnd bildas"]  # a joint body; the others name no second municipality
