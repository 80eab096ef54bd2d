"""archive/stories.py's database steps called directly on a few hand-made rows, with the exact
rows and values they must give: the bucket lookup and its stop buckets, the cap that makes a
bucket a stop bucket, the records and what the batch knows of its candidates, and _join's order
of candidates. Fast (a copied empty archive, no pipeline), so a mutation run can afford them."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import numpy as np
import pytest
from sqlalchemy import Connection, insert, select

import archive.stories
from archive.evidence import Profile
from archive.models import Article, LshBucket, LshStopBucket, MinHashSignature, Municipality, Revision, Story
from archive.stories import (
    BANDS,
    Entry,
    Key,
    _Archived,
    _join,
    _stop_full_buckets,
    index_batch,
    lookup,
    ranked,
    records_of,
    signature_of,
)
from archive.text import words
from tests.unit.archives import new_archive
from tests.unit.test_story_joining import BODY, story_record

WHEN = datetime(2024, 3, 6, tzinfo=UTC)


@pytest.fixture
def conn(tmp_path):
    engine = new_archive(tmp_path)
    with engine.begin() as conn:
        yield conn
    engine.dispose()


def municipality(conn: Connection, slug: str) -> int:
    return conn.execute(insert(Municipality).values(slug=slug, name=slug.title(), base_url=f"https://www.{slug}.se")
                        .returning(Municipality.id)).scalar_one()


def article(conn: Connection, mid: int, path: str, story: int | None = None, *records: dict) -> int:
    """An article of municipality `mid`; each record a revision, the last its current one."""
    url = f"https://m{mid}.se{path}"
    aid = conn.execute(insert(Article).values(canonical_url=url, url=url, municipality_id=mid, first_seen_at=WHEN,
                                              last_seen_at=WHEN, story_id=story).returning(Article.id)).scalar_one()
    for n, record in enumerate(records):
        rid = conn.execute(insert(Revision).values(article_id=aid, content_hash=f"{aid}-{n}", record=record,
                                                   first_seen_at=WHEN, last_seen_at=WHEN)
                           .returning(Revision.id)).scalar_one()
        conn.execute(Article.__table__.update().where(Article.id == aid).values(current_revision_id=rid))
    return aid


def story(conn: Connection) -> int:
    return conn.execute(insert(Story).values(created_at=WHEN).returning(Story.id)).scalar_one()


def keys_with(own: int, **given: int) -> list[Key]:
    """Article `own`'s 64 (band, bucket) keys: band_N=bucket where given, a bucket of its own elsewhere."""
    return [(b, given.get(f"band_{b}", -1000 * own - b)) for b in range(BANDS)]


def rows(conn: Connection, model) -> list[tuple]:
    if model is LshBucket:
        return sorted(conn.execute(select(LshBucket.article_id, LshBucket.band, LshBucket.bucket)).all())
    return sorted(conn.execute(select(LshStopBucket.band, LshStopBucket.bucket)).all())


def test_lookup_finds_the_articles_of_each_bucket_in_its_own_band_and_the_stop_buckets(conn):
    mid = municipality(conn, "arboga")
    a1, a2, a3 = (article(conn, mid, f"/{n}.html") for n in (1, 2, 3))
    conn.execute(insert(LshBucket), [{"article_id": a1, "band": 0, "bucket": 7}, {"article_id": a2, "band": 0, "bucket": 7},
                                     {"article_id": a1, "band": 1, "bucket": 9}, {"article_id": a3, "band": 0, "bucket": 9},
                                     {"article_id": a3, "band": 63, "bucket": -5}])
    conn.execute(insert(LshStopBucket), [{"band": 1, "bucket": 7}, {"band": 2, "bucket": 4}, {"band": 5, "bucket": 4}])
    found, stopped = lookup(conn, {100: keys_with(100, band_0=7, band_1=9, band_2=4),
                                   101: keys_with(101, band_1=7, band_63=-5)})
    assert {key: sorted(ids) for key, ids in found.items()} == {(0, 7): [a1, a2], (1, 9): [a1], (63, -5): [a3]}
    assert stopped == {(1, 7), (2, 4)}  # (5, 4) is another band's bucket 4; (0, 7) is band 1's stop bucket only
    assert lookup(conn, {100: keys_with(100)}) == ({}, set())


def test_a_batch_filling_a_bucket_past_the_cap_makes_it_a_stop_bucket_and_empties_it(conn, monkeypatch):
    monkeypatch.setattr(archive.stories, "BUCKET_CAP", 2)
    mid = municipality(conn, "arboga")
    a1, a2 = article(conn, mid, "/1.html"), article(conn, mid, "/2.html")
    conn.execute(insert(LshBucket), [{"article_id": a1, "band": 0, "bucket": 7}, {"article_id": a1, "band": 3, "bucket": 4},
                                     {"article_id": a2, "band": 0, "bucket": 4}, {"article_id": a2, "band": 3, "bucket": 7},
                                     {"article_id": a2, "band": 1, "bucket": 9}])
    conn.execute(insert(LshStopBucket).values(band=2, bucket=5))
    # (0, 7) and (3, 4): one archived and two in the batch, 3 > 2; (1, 9): one and one, not past the cap;
    # (2, 5) is a stop bucket already (three in the batch, not counted again); (4, 6): three in the batch only
    keys = {10: keys_with(10, band_0=7, band_1=9, band_2=5, band_3=4, band_4=6),
            11: keys_with(11, band_0=7, band_2=5, band_3=4, band_4=6), 12: keys_with(12, band_2=5, band_4=6)}
    found = {(0, 7): [a1], (3, 4): [a1], (1, 9): [a2]}
    stopped = {(2, 5)}
    _stop_full_buckets(conn, keys, found, stopped)
    assert rows(conn, LshStopBucket) == [(0, 7), (2, 5), (3, 4), (4, 6)]
    assert rows(conn, LshBucket) == sorted([(a2, 0, 4), (a2, 3, 7), (a2, 1, 9)])  # other bands' buckets 7 and 4 stay
    assert found == {(1, 9): [a2]} and stopped == {(0, 7), (2, 5), (3, 4), (4, 6)}


def test_a_bucket_at_the_cap_is_no_stop_bucket_and_nothing_is_written(conn, monkeypatch):
    monkeypatch.setattr(archive.stories, "BUCKET_CAP", 2)
    mid = municipality(conn, "arboga")
    a1 = article(conn, mid, "/1.html")
    conn.execute(insert(LshBucket).values(article_id=a1, band=0, bucket=7))
    found, stopped = {(0, 7): [a1]}, set()
    _stop_full_buckets(conn, {10: keys_with(10, band_0=7), 11: keys_with(11)}, found, stopped)
    assert rows(conn, LshStopBucket) == [] and rows(conn, LshBucket) == [(a1, 0, 7)]
    assert found == {(0, 7): [a1]} and stopped == set()
    _stop_full_buckets(conn, {10: keys_with(10, band_0=7), 11: keys_with(11, band_0=7)}, {}, stopped)  # 0 + 2: at the cap
    assert rows(conn, LshStopBucket) == [] and stopped == set()


def test_the_default_cap_is_a_hundred_articles_a_bucket(conn):
    assert archive.stories.BUCKET_CAP == 100
    mid = municipality(conn, "arboga")
    archived = [article(conn, mid, f"/{n}.html") for n in range(99)]
    keys = {1000: keys_with(1000, band_0=7)}
    _stop_full_buckets(conn, keys, {(0, 7): archived}, stopped := set())  # 99 + 1
    assert stopped == set()
    _stop_full_buckets(conn, keys, {(0, 7): [*archived, archived[0]]}, stopped)  # 100 + 1
    assert stopped == {(0, 7)}


def test_records_of_are_the_current_revisions_records(conn):
    mid = municipality(conn, "arboga")
    a1 = article(conn, mid, "/1.html", None, {"title": "old"}, {"title": "new"})
    a2 = article(conn, mid, "/2.html", None, {"title": "two"})
    bare = article(conn, mid, "/3.html")
    assert records_of(conn, [a2, a1, bare]) == {a1: {"title": "new"}, a2: {"title": "two"}}
    assert records_of(conn, []) == {}


def test_what_the_batch_knows_of_its_candidates(conn):
    arboga, koping, kungsor = (municipality(conn, slug) for slug in ("arboga", "koping", "kungsor"))
    s1, s2 = story(conn), story(conn)
    a1 = article(conn, arboga, "/1.html", s1, story_record("arboga", "/1.html"))
    article(conn, koping, "/1.html", s1)  # in s1 with a1, not a candidate: its municipality is a member
    k2 = article(conn, koping, "/2.html", None, story_record("koping", "/2.html", body="Annat."))
    s_other = article(conn, kungsor, "/1.html", s2)  # in a story no candidate is in
    unseen = article(conn, kungsor, "/2.html", s2)
    sig = np.arange(128, dtype=np.uint64)
    conn.execute(insert(MinHashSignature), [{"article_id": a1, "signature": sig.tobytes()},
                                            {"article_id": k2, "signature": (sig + 1).tobytes()},
                                            {"article_id": unseen, "signature": sig.tobytes()}])
    new = Entry(900, kungsor, None, sig, record=story_record("kungsor", "/n.html"))
    quiet = Entry(901, koping, s2, None)
    known = _Archived(conn, [new, quiet], {(0, 7): [a1, k2], (1, 3): [a1]})
    assert {aid: known.sigs[row].tolist() for aid, row in known.row.items()} == {
        a1: sig.tolist(), k2: (sig + 1).tolist(), 900: sig.tolist()}  # the batch's own too; 901 has none
    assert known.muni == {900: kungsor, 901: koping, a1: arboga, k2: koping}
    assert known.story == {900: None, 901: s2, a1: s1, k2: None}
    assert known.members == {(s1, arboga), (s1, koping), (s2, kungsor)}
    assert set(known.profiles) == {900}
    assert known.profiles[900] == Profile.of(900, kungsor, story_record("kungsor", "/n.html"))
    assert known.profile(a1) == Profile.of(a1, arboga, story_record("arboga", "/1.html"))
    assert known.profile(k2) == Profile.of(k2, koping, story_record("koping", "/2.html", body="Annat."))
    assert known.profile(901) is None  # no record given and none stored
    assert set(known.profiles) == {900, a1, k2, 901}  # each asked for once
    assert s_other not in known.muni


def _known(sigs: dict[int, list[int]], muni: dict[int, int], story: dict[int, int | None],
           members: set[tuple[int, int]] = frozenset(), no_record: frozenset[int] = frozenset()) -> SimpleNamespace:
    """What ranked() and _join read of an _Archived, written out: each article tells the shared story."""
    profiles = {aid: Profile.of(aid, m, story_record(f"m{m}", f"/{aid}.html")) for aid, m in muni.items()
                if aid not in no_record}
    return SimpleNamespace(sigs=np.array(list(sigs.values()), dtype=np.uint64), row={aid: n for n, aid in enumerate(sigs)},
                           muni=muni, story=story, members=set(members), profile=profiles.get)


def join(db, known: SimpleNamespace, aid: int, candidates: set[int], changed: dict[int, int]) -> None:
    """_join on ranked()'s list of aid's candidates, as index_batch calls it."""
    _join(db, known, aid, ranked(known, {aid: candidates}).get(aid, []), changed, WHEN)


class _NoDatabase:
    """A connection _join must not use (it makes a story only when its candidate has none)."""

    def execute(self, *args):
        raise AssertionError("no story was to be made")


def test_ranked_gives_each_articles_candidates_from_a_fifth_of_the_values_most_similar_first(monkeypatch):
    monkeypatch.setattr(archive.stories, "PAIRS", 2)  # the pairs compared a few at a time, as a large batch's are
    def sharing(n: int, *positions: int) -> list[int]:  # article n's values: 1..10's at these positions, its own elsewhere
        return [k + 1 if k in positions else 100 * n + k for k in range(10)]

    known = _known({1: sharing(1, *range(10)), 2: sharing(2, *range(8)), 3: sharing(3, 0, 1), 4: sharing(4, 0),
                    5: sharing(5, *range(8)), 6: sharing(6, 1, 3), 7: sharing(7, *range(9))}, muni={}, story={})
    assert ranked(known, {1: {2, 3, 4, 5, 6, 8}, 4: {1, 3}, 7: {2, 6}, 6: {4}, 3: set()}) == {
        1: [(0.8, 5), (0.8, 2), (0.2, 6), (0.2, 3)],  # 4 shares a tenth; 8 has no signature
        7: [(0.8, 2), (0.2, 6)]}  # 4 shares a tenth with each of its candidates
    assert ranked(known, {}) == {} and ranked(known, {1: {8}}) == {}


def test_join_takes_the_most_similar_candidate_it_may_join(conn):
    #        1  2  3  4  5  6  7  8  9 10
    me = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    known = _known({1: me, 2: [1, 2, 3, 4, 5, 6, 7, 8, 0, 0], 3: [1, 2, 3, 4, 5, 6, 0, 0, 0, 0],
                    4: [1, 2, 3, 0, 0, 0, 0, 0, 0, 0], 5: me},
                   muni={1: 10, 2: 20, 3: 30, 4: 40, 5: 50}, story={1: None, 2: 7, 3: 8, 4: 9, 5: None})
    changed: dict[int, int] = {}
    join(_NoDatabase(), known, 1, {2, 3, 4, 6}, changed)  # 6: a candidate with no signature
    assert changed == {1: 7} and known.story[1] == 7 and known.members == {(7, 10)}


def test_join_passes_over_its_own_municipality_a_story_that_has_it_and_a_candidate_with_no_record(conn):
    me = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    known = _known({1: me, 2: me, 3: me, 4: [1, 2, 3, 4, 5, 6, 7, 8, 9, 0], 5: [1, 2, 3, 4, 5, 6, 7, 8, 0, 0],
                    6: [1, 2, 3, 4, 5, 6, 7, 0, 0, 0]},
                   muni={1: 10, 2: 10, 3: 30, 4: 40, 5: 50, 6: 60}, story={1: None, 2: None, 3: 7, 4: None, 5: 8, 6: 9},
                   members={(7, 10), (8, 50), (9, 60)}, no_record=frozenset({4}))
    changed: dict[int, int] = {}
    join(_NoDatabase(), known, 1, {2, 3, 4, 5, 6}, changed)
    assert changed == {1: 8} and known.members == {(7, 10), (8, 50), (9, 60), (8, 10)}


def test_join_makes_a_story_for_a_candidate_in_none(conn):
    arboga, koping = municipality(conn, "arboga"), municipality(conn, "koping")
    a, k = article(conn, arboga, "/a.html"), article(conn, koping, "/k.html")
    me = list(range(1, 11))
    known = _known({a: me, k: me}, muni={a: arboga, k: koping}, story={a: None, k: None})
    changed: dict[int, int] = {}
    join(conn, known, a, {k}, changed)
    made = conn.execute(select(Story.id, Story.created_at)).all()
    assert [(sid, when.replace(tzinfo=UTC)) for sid, when in made] == [(changed[a], WHEN)]
    assert changed == {a: made[0][0], k: made[0][0]} and known.story == changed
    assert known.members == {(made[0][0], koping), (made[0][0], arboga)}


def test_join_stops_below_a_fifth_of_the_values_and_joins_at_a_fifth(conn):
    """JACCARD_WITH_QUOTE is 0.2: a candidate sharing 2 of 10 values may join (on a shared quote),
    one sharing fewer is not ranked, and _join itself stops at the first one below."""
    me = list(range(1, 11))
    low = _known({1: me, 2: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]}, muni={1: 10, 2: 20}, story={1: None, 2: 7})
    changed: dict[int, int] = {}
    join(_NoDatabase(), low, 1, {2}, changed)
    assert changed == {}
    _join(_NoDatabase(), low, 1, [(0.1, 2)], changed, WHEN)
    assert changed == {}
    fifth = _known({1: me, 2: [1, 2, 0, 0, 0, 0, 0, 0, 0, 0]}, muni={1: 10, 2: 20}, story={1: None, 2: 7})
    join(_NoDatabase(), fifth, 1, {2}, changed)
    assert changed == {1: 7}


def test_join_with_no_candidate_signature_or_no_record_of_its_own_changes_nothing():
    known = _known({1: [1, 2]}, muni={1: 10, 2: 20}, story={1: None, 2: 7})
    changed: dict[int, int] = {}
    join(_NoDatabase(), known, 1, {2}, changed)
    assert changed == {} and known.story == {1: None, 2: 7}
    unknown = _known({1: [1, 2], 2: [1, 2]}, muni={1: 10, 2: 20}, story={1: None, 2: 7}, no_record=frozenset({1}))
    join(_NoDatabase(), unknown, 1, {2}, changed)
    assert changed == {} and unknown.story == {1: None, 2: 7}


def test_a_signature_is_datasketchs_minhash_of_the_shingles():
    from datasketch import MinHash

    from archive.stories import signature

    ws = [f"ord{i % 7}" for i in range(30)]  # 7 distinct shingles, repeated
    reference = MinHash(num_perm=128, seed=1)
    reference.update_batch(sorted(archive.stories.shingles_of(ws)))
    assert signature_of(ws).tolist() == reference.hashvalues.astype(np.uint64).tolist()
    assert signature(" ".join(ws).upper() + ".").tolist() == signature_of(ws).tolist()  # words() of the text
    assert signature("ett två") is None


def _indexed(conn: Connection) -> tuple[list[tuple], list[int]]:
    return rows(conn, LshBucket), sorted(conn.scalars(select(MinHashSignature.article_id)))


def test_a_batch_past_the_cap_on_its_own_stores_its_signatures_and_no_buckets(conn, monkeypatch):
    monkeypatch.setattr(archive.stories, "BUCKET_CAP", 1)
    arboga, koping = municipality(conn, "arboga"), municipality(conn, "koping")
    a, k = article(conn, arboga, "/a.html"), article(conn, koping, "/k.html")
    sig = signature_of(words(BODY))
    entries = [Entry(a, arboga, None, sig, record=story_record("arboga", "/a.html")),
               Entry(k, koping, None, sig, record=story_record("koping", "/k.html"))]
    assert index_batch(conn, entries, WHEN) == {}  # every bucket theirs is a stop bucket: no candidates
    assert rows(conn, LshStopBucket) == sorted(archive.stories.bands(sig))
    assert _indexed(conn) == ([], [a, k])


def test_an_entry_too_short_to_compare_does_not_stop_the_batch(conn):
    arboga, koping = municipality(conn, "arboga"), municipality(conn, "koping")
    a, short, k = (article(conn, mid, f"/{n}.html") for n, mid in ((1, arboga), (2, koping), (3, koping)))
    sig = signature_of(words(BODY))
    assert index_batch(conn, [Entry(short, koping, None, None, record={"body": "Kort."}),
                              Entry(a, arboga, None, sig, record=story_record("arboga", "/a.html")),
                              Entry(k, koping, None, sig, record=story_record("koping", "/k.html"))], WHEN) == {
        a: 1, k: 1}
    assert conn.execute(select(Article.id, Article.story_id).order_by(Article.id)).all() == [(a, 1), (short, None), (k, 1)]
    buckets, signed = _indexed(conn)
    assert signed == [a, k] and len(buckets) == 2 * 64 and {aid for aid, _, _ in buckets} == {a, k}
