"""Stored topics follow the rules: `kommunarkiv reparse` gives every stored article the topics
today's rules give it, also when its record did not change (no new revision), on SQLite and
PostgreSQL."""

from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.db import open_archive
from archive.models import Article, ArticleTopic, Revision
from archive.retopic import retopic
from archive.topics import classify
from archive.writer import ArchiveWriter
from kommunarkiv.cli import main
from tests.unit.records import batch, record

CORPUS = [
    record("arboga", "/skola.html", "Ny förskola byggs vid Herrgårdsskogen",
           "Förskolan får sex avdelningar och plats för 110 barn.", lead="Bygget av förskolan startar i maj."),
    record("koping", "/bron.html", "Herrgårdsbron stängs av för besiktning",
           "Trafiken leds om via Österled under dagen.", lead="Bron stängs för fordonstrafik på torsdag."),
    record("kungsor", "/it.html", "Arboga, Köping och Kungsör samverkar om IT",
           "Kommunerna bildar en gemensam IT-enhet.", lead="Samverkan i Västra Mälardalen fördjupas."),
]


def stored_topics(engine) -> dict[str, set[str]]:
    with Session(engine) as s:
        ids = dict(s.execute(select(Article.id, Article.canonical_url)).all())
        out: dict[str, set[str]] = {url: set() for url in ids.values()}
        for aid, topic in s.execute(select(ArticleTopic.article_id, ArticleTopic.topic)):
            out[ids[aid]].add(topic)
        return out


def as_the_rules_say(engine) -> dict[str, set[str]]:
    with Session(engine) as s:
        rows = s.execute(select(Article.canonical_url, Revision.record)
                         .join(Revision, Revision.id == Article.current_revision_id)).all()
    return {url: set(classify(r["title"], r["lead"], r["body"])) for url, r in rows}


def test_reparse_gives_stored_articles_the_topics_of_the_current_rules(archive_url):
    engine = open_archive(archive_url)
    ArchiveWriter(engine).write(batch(*CORPUS))
    expected = as_the_rules_say(engine)
    assert stored_topics(engine) == expected
    assert expected["https://www.koping.se/bron.html"] == {"trafik"}
    # Topics an older rule set stored: one article lost its topics, another got a wrong one.
    with Session(engine) as s, s.begin():
        ids = dict(s.execute(select(Article.canonical_url, Article.id)).all())
        s.execute(ArticleTopic.__table__.delete().where(ArticleTopic.article_id == ids["https://www.koping.se/bron.html"]))
        s.add(ArticleTopic(article_id=ids["https://www.kungsor.se/it.html"], topic="miljö"))
    assert stored_topics(engine) != expected
    revisions = _revision_count(engine)
    result = CliRunner().invoke(main, ["reparse", "--db", archive_url])
    assert result.exit_code == 0, result.output
    assert "2 articles' topics changed" in result.output
    assert stored_topics(engine) == expected
    assert _revision_count(engine) == revisions  # topics are not the record: no new revision
    assert retopic(engine) == 0  # and a second pass finds nothing to change
    engine.dispose()


def test_retopic_of_one_site_leaves_the_others(archive_url):
    engine = open_archive(archive_url)
    ArchiveWriter(engine).write(batch(*CORPUS))
    with Session(engine) as s, s.begin():
        s.execute(ArticleTopic.__table__.delete())
    assert retopic(engine, "koping") == 1
    assert {url: t for url, t in stored_topics(engine).items() if t} == {"https://www.koping.se/bron.html": {"trafik"}}
    engine.dispose()


def _revision_count(engine) -> int:
    with Session(engine) as s:
        return len(s.scalars(select(Revision.id)).all())
