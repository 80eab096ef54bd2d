"""PostgreSQL's phrase index (archive/phrase_index.py, migration 0012): RUM when the server has the
extension, and the search's own phrase queries planned on it; GIN and one line of advice when the
extension cannot be created; `kommunarkiv db upgrade` gives an archive RUM later; downgrading
restores GIN. These need the server's postgresql-15-rum (installed by .ci/run)."""

from __future__ import annotations

import logging
import uuid

import psycopg
import pytest
from alembic import command
from click.testing import CliRunner
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from archive import bitmaps, phrase_index
from archive.db import _alembic_config, open_archive
from archive.search import search
from archive.writer import ArchiveWriter
from kommunarkiv.cli import main
from tests.unit.records import batch, record


@pytest.fixture
def pg_archive(pg_archive_url):
    engine = open_archive(pg_archive_url)
    ArchiveWriter(engine).write(batch(
        record("arboga", "/a1.html", "Vid stationen", "Bussen stannar vid stationen varje timme."),
        record("koping", "/k1.html", "Stationen byggs om", "Vid torget och stationen byggs det."),
        record("kungsor", "/s1.html", "Samverkan", "Kommunerna fördjupar sin samverkan.")))
    yield engine
    engine.dispose()


def _kind(engine) -> str | None:
    with engine.connect() as conn:
        return phrase_index.kind(conn)


def _plans_of_phrase_queries(engine, query: str) -> list[str]:
    """The plans of the statements search() runs on the phrase vector, EXPLAINed as search runs
    them: with sequential scans off (archive.search.reading)."""
    seen: list[tuple[str, object]] = []

    def remember(_conn, _cursor, statement, parameters, _context, _many):
        if "tsv_words @@" in statement:
            seen.append((statement, parameters))

    # A query's match set is kept with the archive's bitmaps (archive/match_sets.py): dropped, so
    # that this search reads the index again rather than a set an earlier search made.
    bitmaps.forget_matches()
    event.listen(engine, "before_cursor_execute", remember)
    try:
        assert search(engine, query).total >= 1
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    plans = []
    with engine.connect() as conn:
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        cursor = conn.connection.cursor()
        for statement, parameters in seen:
            cursor.execute("EXPLAIN " + statement, parameters)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def test_a_new_archive_indexes_phrases_with_rum_and_search_plans_on_it(pg_archive):
    assert _kind(pg_archive) == "rum"
    assert [h.title for h in search(pg_archive, '"vid stationen"').hits] == ["Vid stationen"]
    plans = _plans_of_phrase_queries(pg_archive, '"vid stationen"')
    assert plans and all(phrase_index.RUM in plan for plan in plans), plans
    assert all(phrase_index.GIN not in plan.replace(phrase_index.RUM, "") for plan in plans)


def test_prefixes_and_exclusions_on_the_rum_index_find_what_gin_found(pg_archive):
    with_rum = {q: sorted(h.title for h in search(pg_archive, q).hits)
                for q in ("stat*", '"vid stationen" -bussen', "stationen -\"vid torget\"", "samverk*")}
    with pg_archive.begin() as conn:
        phrase_index.use_gin(conn)
    assert _kind(pg_archive) == "gin"
    assert {q: sorted(h.title for h in search(pg_archive, q).hits) for q in with_rum} == with_rum
    assert with_rum["stat*"] == ["Stationen byggs om", "Vid stationen"]


def test_downgrade_restores_gin_and_upgrade_brings_rum_back(pg_archive):
    command.downgrade(_alembic_config(pg_archive), "0011")
    assert _kind(pg_archive) == "gin"
    command.upgrade(_alembic_config(pg_archive), "head")
    assert _kind(pg_archive) == "rum"


def test_db_upgrade_gives_rum_to_an_archive_migrated_without_it(pg_archive, pg_archive_url):
    with pg_archive.begin() as conn:  # as migration 0012 leaves it when the server had no package
        phrase_index.use_gin(conn)
    result = CliRunner().invoke(main, ["db", "upgrade", "--db", pg_archive_url])
    assert result.exit_code == 0, result.output
    assert "phrase search: RUM index" in result.output
    assert _kind(pg_archive) == "rum"
    assert [h.title for h in search(pg_archive, '"vid stationen"').hits] == ["Vid stationen"]


@pytest.fixture
def rumless_url(postgres_url):
    """A database without the extension, and a role that may not create it (rum is not a trusted
    extension): what an archive gets from a hosted server or a locked-down administrator."""
    u = make_url(postgres_url)
    name = f"rumless_{uuid.uuid4().hex[:10]}"
    admin = dict(host=u.host, port=u.port or 5432, dbname=u.database, user=u.username, autocommit=True)
    with psycopg.connect(**admin) as conn:
        conn.execute(f'CREATE ROLE "{name}" LOGIN')
        conn.execute(f'CREATE DATABASE "{name}" OWNER "{name}"')
    try:
        yield u.set(username=name, database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


def test_a_user_who_cannot_create_the_extension_keeps_gin_and_is_told_how(rumless_url, caplog):
    with caplog.at_level(logging.WARNING):
        engine = open_archive(rumless_url)
    try:
        assert _kind(engine) == "gin"
        said = [r.getMessage() for r in caplog.records if "phrase search stays slow" in r.getMessage()]
        assert len(said) == 1, caplog.text
        assert "cannot create the rum extension" in said[0] and "-rum" in said[0]
        assert "kommunarkiv db upgrade" in said[0]
        ArchiveWriter(engine).write(batch(record("arboga", "/a1.html", "Vid stationen", "Bussen vid stationen.")))
        assert [h.title for h in search(engine, '"vid stationen"').hits] == ["Vid stationen"]
        with engine.begin() as conn:  # as a backup restored where the extension is missing leaves it
            conn.execute(text(f"DROP INDEX {phrase_index.GIN}"))
        result = CliRunner().invoke(main, ["db", "upgrade", "--db", rumless_url])
        assert result.exit_code == 0 and "phrase search stays slow" in result.output
        assert _kind(engine) == "gin"
    finally:
        engine.dispose()


def test_the_setting_keeps_gin_for_an_archive_that_ingests_more_than_it_searches(pg_archive, pg_archive_url,
                                                                                 monkeypatch):
    monkeypatch.setenv(phrase_index.SETTING, "gin")
    result = CliRunner().invoke(main, ["db", "upgrade", "--db", pg_archive_url])
    assert result.exit_code == 0 and f"({phrase_index.SETTING}=gin" in result.output
    assert _kind(pg_archive) == "gin"
    monkeypatch.delenv(phrase_index.SETTING)
    assert "RUM index" in CliRunner().invoke(main, ["db", "upgrade", "--db", pg_archive_url]).output
    assert _kind(pg_archive) == "rum"
