"""Story joining in archive/stories.py, fast, on a small SQLite archive: which articles join one
story and which must stay apart (the same municipality's two articles never share a story)."""

from __future__ import annotations

from datetime import timedelta

import datasketch.minhash  # noqa: F401 - imported at collection, once: archive/stories.py imports it (and scipy, seconds) on first use, in every mutation worker otherwise
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.db import open_archive
from archive.evidence import Profile, decide
from archive.models import Article, Story
from archive.writer import ArchiveWriter
from tests.unit.archives import new_archive
from tests.unit.records import batch, record

SPEAKER = "Maria Lindqvist"
QUOTE = "Vi ser fram emot att arbeta tillsammans med grannkommunerna under hela året"
BODY = ("Kommunerna i västra Mälardalen fördjupar nu sitt samarbete kring räddningstjänst, "
        "IT-drift och upphandling. Avtalet skrevs under på tisdagen av kommunstyrelsernas "
        "ordförande och gäller från årsskiftet. Samarbetet ska ge lägre kostnader och bättre "
        "service för invånarna i alla tre kommunerna, enligt beslutet som fattades i fullmäktige. "
        f"– {QUOTE}, säger {SPEAKER}.")

SHARED = ("Kommunerna i västra Mälardalen fördjupar nu sitt samarbete kring räddningstjänst, IT-drift och "
          "upphandling enligt beslutet i fullmäktige denna vecka.")
FIRST = ("Avtalet om samarbetet skrevs under på tisdagen av kommunstyrelsernas ordförande och gäller från "
         "årsskiftet, med en första uppföljning i juni nästa år.")
SECOND = ("Samarbetet om räddningstjänsten ska ge lägre kostnader och bättre service för invånarna i alla tre "
          "kommunerna, och en gemensam ledningscentral öppnar i höst.")


def story_record(slug: str, path: str, body: str = BODY, published: str = "2024-03-05") -> dict:
    """An article telling the shared story: the same body, quote and person on each site."""
    return record(slug, path, "Samarbetet fördjupas", body, published,
                  quotes=[{"speaker": SPEAKER, "text": QUOTE, "role": None, "party": None}],
                  people=[{"name": SPEAKER, "role": "kommunstyrelsens ordförande", "party": None}])


@pytest.fixture
def engine(tmp_path):
    engine = new_archive(tmp_path)
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


@pytest.mark.parametrize("one_batch", [True, False], ids=["one batch", "batch by batch"])
def test_two_articles_of_one_municipality_with_the_same_text_are_no_story(engine, one_batch):
    writer = ArchiveWriter(engine)
    if one_batch:
        writer.write(batch(story_record("arboga", "/a1.html"), story_record("arboga", "/a2.html")))
    else:
        writer.write(batch(story_record("arboga", "/a1.html")))
        writer.write(batch(story_record("arboga", "/a2.html")))
    assert stories(engine) == {"/a1.html": None, "/a2.html": None}


@pytest.mark.parametrize("one_batch", [True, False], ids=["one batch", "batch by batch"])
def test_a_story_takes_no_second_article_of_a_municipality_it_has(engine, one_batch):
    """Arboga and Köping tell one story; the second copies of Arboga and of Köping must not join
    it (they make a story of their own)."""
    writer = ArchiveWriter(engine)
    records = [story_record("arboga", "/a1.html"), story_record("koping", "/k.html"),
               story_record("arboga", "/a2.html"), story_record("koping", "/k2.html")]
    if one_batch:
        writer.write(batch(*records))
    else:
        for r in records:
            writer.write(batch(r))
    found = stories(engine)
    assert found["/a1.html"] is not None and found["/k.html"] == found["/a1.html"]
    assert found["/a2.html"] not in (None, found["/a1.html"]) and found["/k2.html"] == found["/a2.html"]


def test_three_municipalities_in_one_batch_are_one_story(engine):
    ArchiveWriter(engine).write(batch(story_record("arboga", "/a.html"), story_record("koping", "/k.html"),
                                      story_record("kungsor", "/s.html")))
    found = stories(engine)
    assert found["/a.html"] is not None and found["/a.html"] == found["/k.html"] == found["/s.html"]
    with Session(engine) as s:
        assert s.scalars(select(Story.id)).all() == [found["/a.html"]]


def test_past_a_candidate_it_may_not_join_an_article_joins_the_next(engine):
    """The most alike candidates are Köping's (in a story with Arboga already) and Arboga's own;
    the next, Kungsör's (alike enough), is the one to join."""
    writer = ArchiveWriter(engine)
    writer.write(batch(story_record("arboga", "/a1.html", published="2024-01-02"),
                       story_record("koping", "/k1.html", published="2024-01-02")))
    writer.write(batch(story_record("kungsor", "/s.html", body=BODY + " " + SECOND, published="2024-03-05")))
    assert stories(engine)["/s.html"] is None  # 63 days after the story: a story of its own, if any
    writer.write(batch(story_record("arboga", "/a2.html", published="2024-03-05")))
    found = stories(engine)
    assert found["/a1.html"] == found["/k1.html"] and found["/a1.html"] is not None
    assert found["/a2.html"] is not None and found["/a2.html"] == found["/s.html"] != found["/a1.html"]


def test_past_a_candidate_the_evidence_refuses_an_article_joins_the_next(engine):
    writer = ArchiveWriter(engine)
    writer.write(batch(story_record("kungsor", "/s.html", published="2024-01-02")))
    writer.write(batch(story_record("koping", "/k.html", body=BODY + " " + SECOND, published="2024-03-05")))
    assert stories(engine) == {"/s.html": None, "/k.html": None}
    writer.write(batch(story_record("arboga", "/a.html", published="2024-03-05")))
    found = stories(engine)
    assert found["/s.html"] is None and found["/a.html"] is not None and found["/a.html"] == found["/k.html"]


def test_an_article_in_a_story_stays_there_when_its_text_becomes_another_storys(engine):
    writer = ArchiveWriter(engine)
    writer.write(batch(story_record("arboga", "/a.html"), story_record("koping", "/k.html")))
    other = ("Biblioteket förlänger öppettiderna under sommaren och erbjuder läsecirklar för barn, lånecyklar "
             "och en ny avdelning med ljudböcker på flera språk, meddelar kulturförvaltningen i ett pressmeddelande "
             f"på måndagen. – {QUOTE}, säger {SPEAKER}.")
    writer.write(batch(story_record("kungsor", "/s.html", body=other), story_record("koping", "/k2.html", body=other)))
    before = stories(engine)
    assert before["/s.html"] == before["/k2.html"] and before["/s.html"] not in (None, before["/a.html"])
    writer.write(batch(story_record("arboga", "/a.html", body=other)))
    assert stories(engine) == before


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


@pytest.mark.parametrize(("days", "reason"), [(0, "published the same day"), (1, "published 1 day apart"),
                                              (3, "published 3 days apart")])
def test_the_days_between_two_articles_read_as_english(days, reason):
    a, b = _profile(1, 7), _profile(2, 8)
    b.published = a.published + timedelta(days=days)
    assert decide(a, b, 0.95).reasons[1] == reason


# The parts of archive/stories.py, each on values written out here.

def test_chunks_split_a_sequence_in_order():
    from archive.stories import IN_CHUNK, chunks

    assert [list(c) for c in chunks([1, 2, 3, 4, 5], 2)] == [[1, 2], [3, 4], [5]]
    assert [list(c) for c in chunks([], 2)] == []
    assert IN_CHUNK == 500 and [len(c) for c in chunks(list(range(1001)))] == [500, 500, 1]


def test_shingles_are_the_distinct_runs_of_five_words():
    from archive.stories import shingles, shingles_of

    assert shingles_of(["a", "b", "c"]) == {b"a b c"}
    assert shingles_of([]) == {b""}
    assert shingles_of(["a", "b", "c", "d", "e"]) == {b"a b c d e"}
    assert shingles_of(["a", "b", "c", "d", "e", "f"]) == {b"a b c d e", b"b c d e f"}
    assert shingles_of(["a", "b", "c", "d", "e"] * 3) == {b"a b c d e", b"b c d e a", b"c d e a b", b"d e a b c",
                                                          b"e a b c d"}
    assert shingles("Ett, två; TRE fyra fem sex.") == {"ett två tre fyra fem".encode(), "två tre fyra fem sex".encode()}


def test_a_signature_needs_twenty_words():
    import numpy as np

    from archive.stories import MIN_WORDS, NUM_PERM, signature_of

    assert MIN_WORDS == 20 and NUM_PERM == 128
    assert signature_of([f"w{i}" for i in range(19)]) is None
    sig = signature_of([f"w{i}" for i in range(20)])
    assert sig.dtype == np.uint64 and sig.shape == (128,)
    assert signature_of([f"w{i}" for i in range(20)]).tolist() == sig.tolist()  # the same text, the same values
    assert signature_of([f"w{i}" for i in range(1, 21)]).tolist() != sig.tolist()


def test_bands_hash_two_rows_each_so_one_changed_row_moves_one_band():
    import numpy as np

    from archive.stories import BANDS, ROWS, bands

    assert (BANDS, ROWS) == (64, 2)
    sig = np.arange(128, dtype=np.uint64)
    base = bands(sig)
    assert [b for b, _ in base] == list(range(64)) and len({h for _, h in base}) == 64
    assert all(-2**63 <= h < 2**63 for _, h in base)
    for row in (0, 1, 2, 127):
        changed = sig.copy()
        changed[row] += 1000
        moved = [b for (b, h), (_, h2) in zip(base, bands(changed), strict=True) if h != h2]
        assert moved == [row // 2]
    assert bands(sig.copy()) == base


def test_similarity_is_the_share_of_equal_values_and_a_signature_reads_back():
    import numpy as np

    from archive.stories import load_signature, similarity

    a = np.array([1, 2, 3, 4], dtype=np.uint64)
    assert similarity(a, np.array([1, 2, 0, 4], dtype=np.uint64)) == 0.75
    assert similarity(a, a) == 1.0 and similarity(a, a + 1) == 0.0
    back = load_signature(a.tobytes())
    assert back.dtype == np.uint64 and back.tolist() == [1, 2, 3, 4]



def test_an_article_joins_the_story_of_its_most_similar_candidate(engine):
    """Story one tells SHARED + FIRST, story two SHARED + SECOND; Kungsör's SHARED + SECOND is
    similar enough to both to join either, and joins the one it is most alike."""
    writer = ArchiveWriter(engine)
    for slug, path, body in [("arboga", "/a1.html", SHARED + " " + FIRST), ("koping", "/k1.html", SHARED + " " + FIRST),
                             ("arboga", "/a2.html", SHARED + " " + SECOND), ("koping", "/k2.html", SHARED + " " + SECOND)]:
        writer.write(batch(story_record(slug, path, body=f"{body} – {QUOTE}, säger {SPEAKER}.")))
    found = stories(engine)
    assert found["/a1.html"] == found["/k1.html"] and found["/a2.html"] == found["/k2.html"]
    assert None not in found.values() and found["/a1.html"] != found["/a2.html"]
    writer.write(batch(story_record("kungsor", "/s.html", body=f"{SHARED} {SECOND} – {QUOTE}, säger {SPEAKER}.")))
    assert stories(engine)["/s.html"] == found["/a2.html"]


def test_a_changed_text_is_indexed_anew_not_twice(engine):
    from sqlalchemy import func

    from archive.models import LshBucket, MinHashSignature

    writer = ArchiveWriter(engine)
    writer.write(batch(story_record("arboga", "/a.html"), story_record("koping", "/k.html")))
    with Session(engine) as s:
        aid = s.scalar(select(Article.id).where(Article.canonical_url.like("%/a.html")))
        old = s.scalar(select(MinHashSignature.signature).where(MinHashSignature.article_id == aid))
    writer.write(batch(story_record("arboga", "/a.html", body=SHARED + " " + FIRST + " " + SECOND)))
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(LshBucket).where(LshBucket.article_id == aid)) == 64
        assert s.scalar(select(func.count()).select_from(MinHashSignature)
                        .where(MinHashSignature.article_id == aid)) == 1
        assert s.scalar(select(MinHashSignature.signature).where(MinHashSignature.article_id == aid)) != old


def test_index_batch_returns_the_stories_it_set_and_writes_them(engine):
    """index_batch on its own: a new story for the candidate and the article, both returned."""
    from datetime import UTC, datetime

    from archive.stories import Entry, index_batch, signature_of
    from archive.text import words

    writer = ArchiveWriter(engine)  # Köping's article stored too short to compare, and naming nobody
    writer.write(batch(story_record("arboga", "/a.html"), record("koping", "/k.html", "Samarbetet", "Kort.")))
    with Session(engine) as s:
        (aid, amid), (kid, kmid) = s.execute(select(Article.id, Article.municipality_id)
                                             .order_by(Article.id)).all()
    assert stories(engine) == {"/a.html": None, "/k.html": None}
    when = datetime(2024, 3, 6, tzinfo=UTC)
    with engine.begin() as conn:
        assert index_batch(conn, [Entry(kid, kmid, None, None, record=story_record("koping", "/k.html"))], when) == {}
        # no record to weigh (a caller that gives none): no evidence, so no story
        assert index_batch(conn, [Entry(kid, kmid, None, signature_of(words(BODY)))], when) == {}
        conn.exec_driver_sql(f"DELETE FROM lsh_buckets WHERE article_id = {kid}")
        conn.exec_driver_sql(f"DELETE FROM minhashes WHERE article_id = {kid}")
        # the entry's record is the evidence (the stored one names nobody)
        changed = index_batch(conn, [Entry(kid, kmid, None, signature_of(words(BODY)),
                                           record=story_record("koping", "/k.html"))], when)
    found = stories(engine)
    assert changed == {aid: found["/a.html"], kid: found["/a.html"]} and found["/a.html"] is not None
    with Session(engine) as s:
        assert s.scalar(select(Story.created_at).where(Story.id == found["/a.html"])).replace(tzinfo=UTC) == when


def test_in_one_batch_a_story_takes_no_second_article_of_the_municipality_that_joined_it(engine):
    ArchiveWriter(engine).write(batch(story_record("arboga", "/a.html"), story_record("koping", "/k1.html"),
                                      story_record("koping", "/k2.html")))
    found = stories(engine)
    assert found["/a.html"] is not None and found["/k1.html"] == found["/a.html"] and found["/k2.html"] is None


def test_in_band_finds_the_articles_in_those_buckets_of_that_band_only(archive_url):
    from archive.models import LshBucket
    from archive.stories import in_band

    engine = open_archive(archive_url)
    ArchiveWriter(engine).write(batch(record("arboga", "/a.html", "A", "a"), record("koping", "/k.html", "K", "k")))
    with Session(engine) as s, s.begin():
        s.add_all([LshBucket(article_id=1, band=0, bucket=7), LshBucket(article_id=2, band=1, bucket=7),
                   LshBucket(article_id=2, band=0, bucket=8), LshBucket(article_id=1, band=2, bucket=-2**63)])
    with engine.connect() as conn:
        assert in_band(conn, "article_id, bucket", "lsh_buckets", 0, [7]) == [(1, 7)]
        assert sorted(in_band(conn, "article_id, bucket", "lsh_buckets", 0, [7, 8])) == [(1, 7), (2, 8)]
        assert in_band(conn, "article_id, bucket", "lsh_buckets", 1, [8]) == []
        assert in_band(conn, "article_id", "lsh_buckets", 2, [2**63 - 1, -2**63]) == [(1,)]  # the 64-bit ends
    engine.dispose()


def test_insert_buckets_stores_the_rows_as_given(archive_url):
    from archive.models import LshBucket
    from archive.stories import insert_buckets

    engine = open_archive(archive_url)
    ArchiveWriter(engine).write(batch(record("arboga", "/a.html", "A", "a"), record("koping", "/k.html", "K", "k")))
    rows = [(1, 0, 7), (1, 1, -2**63), (2, 0, 7), (2, 63, 2**63 - 1)]
    with engine.begin() as conn:
        insert_buckets(conn, rows)
    with engine.connect() as conn:
        assert sorted(conn.execute(select(LshBucket.article_id, LshBucket.band, LshBucket.bucket)).all()) == rows
    engine.dispose()


def test_an_article_with_no_record_anywhere_joins_nothing(engine):
    """index_batch given an article with neither a record nor a stored revision: no evidence, no story."""
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from archive.models import Municipality
    from archive.stories import Entry, index_batch, signature_of
    from archive.text import words

    ArchiveWriter(engine).write(batch(story_record("arboga", "/a.html")))
    when = datetime(2024, 3, 6, tzinfo=UTC)
    with engine.begin() as conn:
        kmid = conn.execute(insert(Municipality).values(slug="koping", name="Köping", base_url="https://www.koping.se")
                            .returning(Municipality.id)).scalar_one()
        kid = conn.execute(insert(Article).values(canonical_url="https://www.koping.se/k.html",
                                                            url="https://www.koping.se/k.html", municipality_id=kmid,
                                                            first_seen_at=when, last_seen_at=when)
                           .returning(Article.id)).scalar_one()
        assert index_batch(conn, [Entry(kid, kmid, None, signature_of(words(BODY)))], when) == {}
    assert stories(engine) == {"/a.html": None, "/k.html": None}
