"""Story grouping: precision and recall of cross-site near-duplicate detection on the replica's
labelled cross-posts (replica/content/shared.json: stories on two or three sites, and decoys that
look alike but are other stories).

    .venv/bin/python bench/story_grouping.py

Every replica article of the three sites is parsed as served and stored in a fresh SQLite archive;
then each pair of articles counts: grouped by the archive and labelled the same story (true
positive), grouped but not labelled (false positive), labelled but not grouped (false negative).
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.db import open_archive
from archive.incoming import Incoming
from archive.models import Article
from archive.writer import ArchiveWriter
from records.normalise import normalise_record
from records.parsers import parse_article
from records.sites import Site
from replica import render
from replica.content import load_site
from replica.profiles import DEFAULT_SITES


def store_replica(db_url: str) -> dict[str, str | None]:
    """Store every replica article; return canonical URL -> labelled story (None: no story)."""
    engine = open_archive(db_url)
    writer, labels = ArchiveWriter(engine), {}
    for slug in DEFAULT_SITES:
        content = load_site(slug)
        base = "https://" + content.profile.live_host
        site = Site(slug, content.profile.name, base)
        batch = []
        for a in content.articles:
            record = normalise_record(parse_article(render.render_article(content, base, a), base + a.path,
                                                    municipality=slug))
            labels[record["canonical_url"]] = a.story
            batch.append(Incoming(site, record))
        writer.write(batch)
    engine.dispose()
    return labels


def pairwise(predicted: dict[str, int | None], labels: dict[str, str | None]) -> dict[str, float]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(labels), 2):
        same_pred = predicted[a] is not None and predicted[a] == predicted[b]
        same_true = labels[a] is not None and labels[a] == labels[b]
        tp += same_pred and same_true
        fp += same_pred and not same_true
        fn += same_true and not same_pred
    return {"pairs": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0}


def evaluate(db_url: str) -> dict[str, float]:
    labels = store_replica(db_url)
    engine = open_archive(db_url)
    with Session(engine) as s:
        predicted = dict(s.execute(select(Article.canonical_url, Article.story_id)).all())
    engine.dispose()
    return pairwise(predicted, labels)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        r = evaluate(f"sqlite:///{Path(tmp) / 'stories.sqlite'}")
    print("| labelled same-story pairs | true positives | false positives | false negatives | precision | recall |")
    print("|---|---|---|---|---|---|")
    print(f"| {r['pairs']} | {r['tp']} | {r['fp']} | {r['fn']} | {r['precision']:.3f} | {r['recall']:.3f} |")


if __name__ == "__main__":
    main()
