"""Story joining in archive/stories.py, fast, on a small SQLite archive: which articles join one
story and which must stay apart (the same municipality's two articles never share a story)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.db import open_archive
from archive.evidence import Profile, decide
from archive.models import Article, Story
from archive.writer import ArchiveWriter
from tests.unit.records import batch, record

SPEAKER = "Maria Lindqvist"
QUOTE = "Vi ser fram emot att arbeta tillsammans med grannkommunerna under hela året"
BODY = ("Kommunerna i västra Mälardalen fördjupar nu sitt samarbete kring räddningstjänst, "
        "IT-drift och upphandling. Avtalet skrevs under på tisdagen av kommunstyrelsernas "
        "ordförande och gäller från årsskiftet. Samarbetet ska ge lägre kostnader och bättre "
        "service för invånarna i alla tre kommunerna, enligt beslutet som fattades i fullmäktige. "
        f"– {QUOTE}, säger {SPEAKER}.")


def story_record(slug: str, path: str, body: str = BODY, published: str = "2024-03-05") -> dict:
    """An article telling the shared story: the same body, quote and person on each site."""
    return record(slug, path, "Samarbetet fördjupas", body, published,
                  quotes=[{"speaker": SPEAKER, "text": QUOTE, "role": None, "party": None}],
                  people=[{"name": SPEAKER, "role": "kommunstyrelsens ordförande", "party": None}])


@pytest.fixture
def engine(tmp_path):
    engine = open_archive(f"sqlite:///{tmp_path / 'stories.sqlite'}")
    yield engine
    engine.dispose()


def stories(engine) -> dict[str, int | None]:
    """{path of the article: its story id}."""
    with Session(engine) as s:
        rows = s.execute(select(Article.canonical_url, Article.story_id)).all()
    return {url.split(".se", 1)[1]: sid for url, sid in rows}


def test_the_same_text_on_two_sites_is_one_story(engine):
    ArchiveWriter(engine).write(batch(story_record("arboga", "/a.html"), story_record("koping", "/k.html")))
    found = stories(engine)
    assert found["/a.html"] is not None and found["/a.html"] == found["/k.html"]
    with Session(engine) as s:
        assert s.scalar(select(Story.id)) == found["/a.html"]


def test_two_articles_of_one_municipality_with_the_same_text_are_no_story(engine):
    ArchiveWriter(engine).write(batch(story_record("arboga", "/a1.html"), story_record("arboga", "/a2.html")))
    assert stories(engine) == {"/a1.html": None, "/a2.html": None}


@pytest.mark.parametrize("one_batch", [True, False], ids=["one batch", "batch by batch"])
def test_a_story_takes_no_second_article_of_a_municipality_it_has(engine, one_batch):
    """Arboga and Köping tell one story; Arboga's second copy of the text must not join it."""
    writer = ArchiveWriter(engine)
    records = [story_record("arboga", "/a1.html"), story_record("koping", "/k.html"),
               story_record("arboga", "/a2.html")]
    if one_batch:
        writer.write(batch(*records))
    else:
        for r in records:
            writer.write(batch(r))
    found = stories(engine)
    assert found["/a1.html"] is not None and found["/k.html"] == found["/a1.html"]
    assert found["/a2.html"] is None


def test_a_third_municipality_joins_the_story(engine):
    writer = ArchiveWriter(engine)
    writer.write(batch(story_record("arboga", "/a.html"), story_record("koping", "/k.html")))
    writer.write(batch(story_record("kungsor", "/s.html")))
    found = stories(engine)
    assert found["/a.html"] is not None and found["/a.html"] == found["/k.html"] == found["/s.html"]


def test_an_article_already_in_a_story_stays_in_it_when_it_changes(engine):
    writer = ArchiveWriter(engine)
    writer.write(batch(story_record("arboga", "/a.html"), story_record("koping", "/k.html")))
    before = stories(engine)
    writer.write(batch(story_record("arboga", "/a.html", body=BODY + " Läs mer på webbplatsen.")))
    assert stories(engine) == before


def test_unrelated_texts_of_two_sites_stay_apart(engine):
    other = ("Biblioteket i Köping har förlängt öppettiderna under sommaren och erbjuder nu "
             "läsecirklar för barn, lånecyklar och en ny avdelning med ljudböcker på flera språk. "
             f"– {QUOTE}, säger {SPEAKER}.")
    ArchiveWriter(engine).write(batch(story_record("arboga", "/a.html"), story_record("koping", "/k.html", body=other)))
    assert stories(engine) == {"/a.html": None, "/k.html": None}


def test_texts_published_far_apart_stay_apart(engine):
    ArchiveWriter(engine).write(batch(story_record("arboga", "/a.html", published="2024-03-05"),
                                      story_record("koping", "/k.html", published="2024-05-05")))
    assert stories(engine) == {"/a.html": None, "/k.html": None}


def _profile(article_id: int, municipality_id: int) -> Profile:
    return Profile.of(article_id, municipality_id, story_record("arboga", f"/{article_id}.html"))


def test_evidence_never_joins_two_articles_of_one_municipality():
    same = decide(_profile(1, 7), _profile(2, 7), 0.95)
    assert same.join is False
    assert same.reasons == ["bodies share an estimated 95% of their 5-word shingles",
                            "same municipality: a story is one text on different sites"]
    assert decide(_profile(1, 7), _profile(2, 8), 0.95).join is True
