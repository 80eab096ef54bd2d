"""Precision and recall of the samverkan topic on the replica's hand-labelled articles.

    .venv/bin/python bench/topics.py

Every replica article of the three sites (hand-written, labelled with topics by their writers in
replica/content/*.json) is classified by archive/topics.py from its title, lead and body.
"""

from __future__ import annotations

from archive.topics import SAMVERKAN, classify
from replica.content import load_site
from replica.profiles import DEFAULT_SITES


def evaluate() -> dict[str, float]:
    tp = fp = fn = tn = 0
    wrong: list[str] = []
    for slug in DEFAULT_SITES:
        for a in load_site(slug).articles:
            predicted = SAMVERKAN in classify(a.title, a.lead, a.body)
            truth = SAMVERKAN in a.topics
            tp += predicted and truth
            fp += predicted and not truth
            fn += truth and not predicted
            tn += not predicted and not truth
            if predicted != truth:
                wrong.append(f"{'false positive' if predicted else 'false negative'}: {slug}: {a.title}")
    return {"articles": tp + fp + fn + tn, "labelled_samverkan": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "wrong": wrong}


def main() -> None:
    r = evaluate()
    print("| articles | labelled samverkan | true positives | false positives | false negatives | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {r['articles']} | {r['labelled_samverkan']} | {r['tp']} | {r['fp']} | {r['fn']} | "
          f"{r['precision']:.3f} | {r['recall']:.3f} |")
    for line in r["wrong"]:
        print(line)


if __name__ == "__main__":
    main()
