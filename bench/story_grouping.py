"""Story grouping: precision and recall of cross-site story joins, on the graded set of
cross-posts (tests/fixtures/stories/graded.json, made by bench/story_set.py: versions of ten press
releases rewritten to a shared 5-shingle Jaccard of 0.25 to 0.9, and hard decoys), per band of
Jaccard, and on the replica's labelled cross-posts (replica/content/shared.json).

    .venv/bin/python -m bench.story_grouping

Each round of the graded set (one band) and its decoys are stored in a fresh SQLite archive, site
by site as a crawl does; then each pair of articles counts: grouped by the archive and labelled
the same story (true positive), grouped but not labelled (false positive), labelled but not
grouped (false negative). A decoy group is kept apart when no two of its articles share a story.
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.db import open_archive
from archive.incoming import Incoming
from archive.models import Article
from archive.writer import ArchiveWriter
from bench.readme import Row, print_rows
from records.normalise import canonical_url, normalise, normalise_record
from records.parsers import parse_article
from records.parsers.quotes import extract_people, extract_quotes
from records.sites import Site
from replica import render
from replica.content import load_site
from replica.profiles import DEFAULT_SITES

GRADED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "stories" / "graded.json"


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


def record(article: dict[str, Any], url: str) -> dict[str, Any]:
    """The record a crawl would store for a fixture article: quotes and people found by the
    parser's own extractors in its paragraphs."""
    paragraphs = article["body"].split("\n\n")
    quotes = extract_quotes(paragraphs)
    people = extract_people(paragraphs, quotes)
    fields = {
        "url": url, "canonical_url": canonical_url(url), "municipality": article["site"], "title": article["title"],
        "lead": article["lead"], "body": article["body"], "subheadings": [],
        "published_at": article["published"] + "T10:00:00+01:00", "updated_at": None,
        "quotes": [vars(q) for q in quotes], "people": [vars(p) for p in people], "page_contact": None,
        "images": [], "attachments": []}
    return {k: normalise(v) if k not in ("url", "canonical_url") else v for k, v in fields.items()}


def store_round(db_url: str, rnd: dict[str, Any], decoys: list[dict[str, Any]]) -> dict[str, tuple[str | None, str | None]]:
    """Store one round's versions and the decoys, site by site; URL -> (story label, decoy group)."""
    labels: dict[str, tuple[str | None, str | None]] = {}
    per_site: dict[str, list[tuple[dict[str, Any], str]]] = {}
    for story in rnd["stories"]:
        for v in story["versions"]:
            url = f"https://www.{v['site']}.se/nyheter/{story['story']}"
            labels[url] = (story["story"], None)
            per_site.setdefault(v["site"], []).append((v, url))
    for n, d in enumerate(decoys):
        url = f"https://www.{d['site']}.se/nyheter/decoy-{n}-{d['decoy']}"
        labels[url] = (None, d["decoy"])
        per_site.setdefault(d["site"], []).append((d, url))
    engine = open_archive(db_url)
    writer = ArchiveWriter(engine)
    for site in sorted(per_site):
        info = Site(site, site.capitalize(), f"https://www.{site}.se")
        writer.write([Incoming(info, record(a, url)) for a, url in per_site[site]])
    engine.dispose()
    return labels


def evaluate_graded(archive: Callable[[int], AbstractContextManager[str]]) -> dict[str, Any]:
    """Scores per band and overall; `archive(n)` gives a fresh archive URL for round n."""
    data = json.loads(GRADED.read_text(encoding="utf-8"))
    bands, decoys_apart, decoy_groups = [], 0, 0
    for n, rnd in enumerate(data["rounds"]):
        with archive(n) as url:
            labels = store_round(url, rnd, data["decoys"])
            engine = open_archive(url)
            with Session(engine) as s:
                predicted = dict(s.execute(select(Article.canonical_url, Article.story_id)).all())
            engine.dispose()
        scores = pairwise(predicted, {u: label for u, (label, _) in labels.items()})
        groups: dict[str, list[str]] = {}
        for u, (_, group) in labels.items():
            if group:
                groups.setdefault(group, []).append(u)
        apart = [g for g, us in groups.items() if not any(predicted[u] is not None and predicted[u] == predicted[v]
                                                          for u, v in itertools.combinations(us, 2))]
        decoy_groups += len(groups)
        decoys_apart += len(apart)
        bands.append({"band": tuple(rnd["band"]), **scores, "decoys_joined": sorted(set(groups) - set(apart))})
    total = {k: sum(b[k] for b in bands) for k in ("tp", "fp", "fn")}
    from_03 = [b for b in bands if b["band"][0] >= 0.3]
    tp3, fn3 = sum(b["tp"] for b in from_03), sum(b["fn"] for b in from_03)
    return {"bands": bands, **total, "precision": total["tp"] / (total["tp"] + total["fp"]) if total["tp"] + total["fp"] else 1.0,
            "recall": total["tp"] / (total["tp"] + total["fn"]), "recall_from_0.3": tp3 / (tp3 + fn3),
            "decoy_groups": decoy_groups, "decoy_groups_apart": decoys_apart}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        def archive(n: int):  # noqa: ANN202 - a context manager
            from contextlib import nullcontext
            return nullcontext(f"sqlite:///{Path(tmp) / f'round{n}.sqlite'}")

        g = evaluate_graded(archive)
    print("Graded set (tests/fixtures/stories/graded.json), same-story pairs per band of shared 5-shingle Jaccard:\n")
    print("| Jaccard | same-story pairs | true positives | false positives | false negatives | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    for b in g["bands"]:
        print(f"| {b['band'][0]:.2f}–{b['band'][1]:.2f} | {b['pairs']} | {b['tp']} | {b['fp']} | {b['fn']} | "
              f"{b['precision']:.3f} | {b['recall']:.3f} |")
    print(f"| all | {g['tp'] + g['fn']} | {g['tp']} | {g['fp']} | {g['fn']} | {g['precision']:.3f} | {g['recall']:.3f} |")
    print(f"\nrecall from Jaccard 0.3 up: {g['recall_from_0.3']:.3f}; decoy groups kept apart in every round: "
          f"{g['decoy_groups_apart']} of {g['decoy_groups']}")
    for b in g["bands"]:
        if b["decoys_joined"]:
            print(f"band {b['band']}: decoys joined: {', '.join(b['decoys_joined'])}")
    with tempfile.TemporaryDirectory() as tmp:
        r = evaluate(f"sqlite:///{Path(tmp) / 'stories.sqlite'}")
    print("\nReplica (replica/content/shared.json):\n")
    print("| labelled same-story pairs | true positives | false positives | false negatives | precision | recall |")
    print("|---|---|---|---|---|---|")
    print(f"| {r['pairs']} | {r['tp']} | {r['fp']} | {r['fn']} | {r['precision']:.3f} | {r['recall']:.3f} |")
    print_rows(Row("story grouping on the graded set: precision, recall from Jaccard 0.3, decoy groups kept apart",
                   f"{g['precision']:.3f}, {g['recall_from_0.3']:.3f}, {g['decoy_groups_apart']} of "
                   f"{g['decoy_groups']}", "≥ 0.99, ≥ 0.95, all", g["precision"] >= 0.99
                   and g["recall_from_0.3"] >= 0.95 and g["decoy_groups_apart"] == g["decoy_groups"]))


if __name__ == "__main__":
    main()
