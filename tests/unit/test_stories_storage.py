"""archive/stories.py's storage steps on both back ends, with the exact rows they must give: `among`
(one array parameter on PostgreSQL, an IN list on SQLite), `pg_array`, `insert_buckets` (COPY on
PostgreSQL, executemany on SQLite), `_unindex` (an article's bucket rows found from its signature's
bands) and `bands`. Fast: a copied empty SQLite archive, and one PostgreSQL schema for the module
with each test in a transaction rolled back, so a mutation run can afford them. Without a server the
PostgreSQL cases skip locally and fail in CI (tests/conftest.py)."""

from __future__ import annotations

import hashlib
import struct
from datetime import UTC, datetime
from types import SimpleNamespace

import numpy as np
import pytest
from sqlalchemy import Connection, event, insert, select
from sqlalchemy.dialects import postgresql

from archive.db import open_archive
from archive.models import Article, LshBucket, MinHashSignature, Municipality, Story
from archive.stories import (
    BANDS,
    NUM_PERM,
    _unindex,
    among,
    articles_t,
    bands,
    buckets_t,
    candidates_of,
    insert_buckets,
    pg_array,
    signature_of,
)
from archive.text import words
from tests.conftest import fresh_archive
from tests.unit.archives import new_archive
from tests.unit.test_story_joining import BODY

WHEN = datetime(2024, 3, 6, tzinfo=UTC)


@pytest.fixture(scope="module")
def pg_engine(request, tmp_path_factory):
    with fresh_archive("postgres", tmp_path_factory.mktemp("pg"), request) as url:
        engine = open_archive(url)
        yield engine
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def conn(request, tmp_path):
    if request.param == "sqlite":
        engine = new_archive(tmp_path)
        with engine.begin() as conn:
            yield conn
        engine.dispose()
        return
    with request.getfixturevalue("pg_engine").connect() as conn:
        transaction = conn.begin()
        yield conn
        transaction.rollback()


def articles(conn: Connection, n: int) -> list[int]:
    mid = conn.execute(insert(Municipality).values(slug="arboga", name="Arboga", base_url="https://www.arboga.se")
                       .returning(Municipality.id)).scalar_one()
    return [conn.execute(insert(Article).values(canonical_url=f"https://arboga.se/{k}", url=f"https://arboga.se/{k}",
                                                municipality_id=mid, first_seen_at=WHEN, last_seen_at=WHEN)
                         .returning(Article.id)).scalar_one() for k in range(n)]


def bucket_rows(conn: Connection) -> list[tuple[int, int, int]]:
    return sorted(conn.execute(select(LshBucket.article_id, LshBucket.band, LshBucket.bucket)).all())


def test_pg_array_is_postgresqls_text_form_of_an_integer_array():
    assert pg_array([]) == "{}"
    assert pg_array([7]) == "{7}"
    assert pg_array([3, -1, 9_223_372_036_854_775_807]) == "{3,-1,9223372036854775807}"


def test_among_on_postgresql_is_one_array_parameter_whatever_the_number_of_ids():
    pg = SimpleNamespace(dialect=postgresql.psycopg.dialect())
    for column, sql_type in ((articles_t.c.id, "INTEGER"), (buckets_t.c.bucket, "BIGINT")):
        compiled = among(pg, column, [4, -2, 11]).compile(dialect=pg.dialect)  # type: ignore[arg-type]
        assert str(compiled) == f"{column.table.name}.{column.name} = ANY (CAST(%(param_1)s::VARCHAR AS {sql_type}[]))"
        assert compiled.params == {"param_1": "{4,-2,11}"}


@pytest.mark.parametrize("wanted", [[], [0], [1, 3], [0, 1, 2, 3]])
def test_among_selects_exactly_the_rows_of_the_ids_on_both_back_ends(conn, wanted):
    ids = articles(conn, 4)
    asked = [ids[k] for k in wanted] + [max(ids) + 1000]  # an id no article has
    got = conn.scalars(select(articles_t.c.id).where(among(conn, articles_t.c.id, asked)).order_by(articles_t.c.id))
    assert list(got) == [ids[k] for k in wanted]


def test_candidates_of_gives_each_signed_articles_municipality_story_and_signature_on_both_back_ends(conn):
    a, b, unsigned, c = articles(conn, 4)
    mid = conn.scalar(select(Article.municipality_id).where(Article.id == a))
    sid = conn.execute(insert(Story).values(created_at=WHEN).returning(Story.id)).scalar_one()
    conn.execute(articles_t.update().where(articles_t.c.id == b).values(story_id=sid))
    sigs = {a: np.arange(NUM_PERM, dtype=np.uint64), b: np.full(NUM_PERM, 2**32 - 1, dtype=np.uint64),
            c: np.arange(NUM_PERM, 0, -1, dtype=np.uint64)}
    conn.execute(insert(MinHashSignature), [{"article_id": aid, "signature": sig.tobytes()} for aid, sig in sigs.items()])
    ids, muni, story, matrix = candidates_of(conn, [c, unsigned, a, b, max(sigs) + 1000])  # no signature; no article
    assert (ids, muni, story) == ([a, b, c], [mid, mid, mid], [None, sid, None])
    assert matrix.shape == (3, NUM_PERM) and [row.tolist() for row in matrix] == [sigs[aid].tolist() for aid in ids]
    assert candidates_of(conn, [unsigned])[:3] == ([], [], []) and candidates_of(conn, [])[3].shape == (0, NUM_PERM)


def test_insert_buckets_stores_the_rows_readable_back_on_both_back_ends(conn):
    a, b = articles(conn, 2)
    rows = [(a, 0, -(2**63)), (a, 63, 2**63 - 1), (b, 0, -(2**63)), (b, 5, 0), (a, 5, 12345)]
    insert_buckets(conn, rows)
    assert bucket_rows(conn) == sorted(rows)


def index(conn: Connection, aid: int, sig: np.ndarray) -> None:
    conn.execute(insert(MinHashSignature).values(article_id=aid, signature=sig.tobytes()))
    insert_buckets(conn, [(aid, band, bucket) for band, bucket in bands(sig)])


def test_unindex_removes_exactly_the_articles_bucket_rows_and_signatures(conn):
    a, same, other = articles(conn, 3)
    sig = signature_of(words(BODY))
    other_sig = signature_of(words("En helt annan text om kommunens budget " * 4))
    assert sig is not None and other_sig is not None
    for aid, s in ((a, sig), (same, sig), (other, other_sig)):  # `same` shares all 64 buckets of a
        index(conn, aid, s)
    _unindex(conn, [a])
    assert bucket_rows(conn) == sorted([(same, band, bucket) for band, bucket in bands(sig)]
                                       + [(other, band, bucket) for band, bucket in bands(other_sig)])
    assert sorted(conn.scalars(select(MinHashSignature.article_id))) == [same, other]
    _unindex(conn, [same, other, 10**6])  # an id never indexed: nothing of it to delete
    assert bucket_rows(conn) == [] and list(conn.scalars(select(MinHashSignature.article_id))) == []


def test_unindex_deletes_each_bucket_row_by_its_whole_key_an_index_lookup_not_a_scan(tmp_path):
    """The delete names (band, bucket, article_id), the table's whole key: one B-tree lookup a row.
    Leaving out the band or the bucket would make it a scan of a band or of the table."""
    engine = new_archive(tmp_path)
    statements: list[tuple[str, tuple]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("DELETE FROM lsh_buckets"):
            statements.append((statement, parameters[0] if executemany else parameters))

    with engine.begin() as conn:
        (a,) = articles(conn, 1)
        sig = signature_of(words(BODY))
        assert sig is not None
        index(conn, a, sig)
        _unindex(conn, [a])
        assert len(statements) == 1
        statement, parameters = statements[0]
        plan = " | ".join(row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
    engine.dispose()
    assert plan == "SEARCH lsh_buckets USING PRIMARY KEY (band=? AND bucket=? AND article_id=?)"


def test_bands_are_the_blake2b_of_each_pair_of_values_as_signed_big_endian_integers():
    sig = np.array([(k * 2_654_435_761 + 17) % 2**32 for k in range(2 * BANDS)], dtype=np.uint64)
    expected = []
    for band in range(BANDS):
        raw = struct.pack("<QQ", int(sig[2 * band]), int(sig[2 * band + 1]))  # uint64 rows, little-endian bytes
        digest = hashlib.blake2b(raw, digest_size=8).digest()
        expected.append((band, struct.unpack(">q", digest)[0]))
    assert bands(sig) == expected
    assert len({bucket for _, bucket in expected}) == BANDS  # each band its own bucket: a wrong slice shows
