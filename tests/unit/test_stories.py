"""Cross-site story grouping on the replica's labelled cross-posts, on SQLite and PostgreSQL."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.db import open_archive
from archive.models import Article, Municipality
from archive.stories import bands, signature, similarity
from bench.story_grouping import evaluate
from tests.sites import SLUGS


def test_precision_and_recall_meet_the_aim(archive_url):
    scores = evaluate(archive_url)
    assert scores["pairs"] == 19
    assert scores["precision"] >= 0.99 and scores["recall"] >= 0.95


def test_seed_is_one_story_of_three_articles_and_decoys_stay_apart(archive_url):
    evaluate(archive_url)
    engine = open_archive(archive_url)
    with Session(engine) as s:
        seeds = s.execute(select(Article.story_id, Municipality.slug).join(Municipality)
                          .where(Article.title.like("Kommunsamverkan på scen%"))).all()
        assert len(seeds) == 3 and len({story for story, _ in seeds}) == 1 and seeds[0][0] is not None
        assert sorted(slug for _, slug in seeds) == SLUGS
        council = s.scalars(select(Article.story_id).where(Article.title.like("Kommunfullmäktige sammanträder%"))).all()
        assert len(council) == 3 and council == [None, None, None]
    engine.dispose()


def test_minhash_estimates_jaccard():
    base = " ".join(f"ord{i}" for i in range(300))
    edited = base.replace("ord150", "annat")
    assert similarity(signature(base), signature(edited)) > 0.9
    assert similarity(signature(base), signature(" ".join(f"x{i}" for i in range(300)))) < 0.1
    assert len(bands(signature(base))) == 32


def test_short_texts_get_no_signature():
    assert signature("för kort text") is None


def test_candidate_lookup_uses_the_index_not_a_scan(tmp_path):
    from sqlalchemy import text

    from archive.stories import bucket_query

    engine = open_archive(f"sqlite:///{tmp_path / 'a.sqlite'}")
    sql = str(bucket_query(3, [b * 7 for b in range(500)]).compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as conn:
        plan = " | ".join(row[3] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "USING INDEX ix_lsh_band_bucket" in plan and "SCAN lsh_buckets" not in plan
    engine.dispose()


def test_signature_is_datasketchs_minhash_so_stored_signatures_still_compare():
    import numpy as np
    from datasketch import MinHash

    from archive.stories import NUM_PERM, shingles

    text = " ".join(f"ord{i % 97} text{i}" for i in range(400))
    reference = MinHash(num_perm=NUM_PERM, seed=1)
    reference.update_batch(list(shingles(text)))
    assert signature(text).dtype == np.uint64
    assert signature(text).tolist() == reference.hashvalues.astype(np.uint64).tolist()
