"""Precision and recall of the product's topics (archive/topics.py classify: the rules, and the
trained model for every topic but samverkan) per topic, on the independently labelled set
(tests/fixtures/topics/labels.jsonl: 301 articles labelled by hand against docs/topics.md by someone
who had not seen the rules), with examples of each kind of error. The model was trained on every
labelled set (bench/train_topics.py), so on them it is scored in-sample: bench/topic_model.py scores
it on sets it never saw.

    .venv/bin/python -m bench.topics [--labels FILE ...] [--examples 3] [--source replica,real,seed,generated] [--rules]

--labels scores other files of the same format, read as one set (tests/fixtures/topics/README.md, "Format").

Every labelled article is classified from its title, lead and body; for each topic an article
counts as a true positive (labelled and given), a false positive (given, not labelled) or a false
negative (labelled, not given).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from archive.topic_words import TOPIC_STEMS
from archive.topics import SAMVERKAN, by_rules, classify
from bench.readme import Row, print_rows

LABELS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "topics" / "labels.jsonl"
FIXTURES = LABELS.parent
# Every labelled set by name, the two-part ones read as one, in the order they were written: the
# folds of bench.topic_folds and bench.topic_model.
SETS: dict[str, list[Path]] = {
    "labels": [LABELS], "heldout": [FIXTURES / "heldout.jsonl"], "heldout2": [FIXTURES / "heldout2.jsonl"],
    **{f"heldout{n}": [FIXTURES / f"heldout{n}a.jsonl", FIXTURES / f"heldout{n}b.jsonl"] for n in (3, 4, 5, 6, 7, 8, 9, 10)},
}
TOPICS = [SAMVERKAN, *TOPIC_STEMS]


def load(sources: set[str] | None = None, labels: Path | Sequence[Path] = LABELS) -> list[dict[str, Any]]:
    """The labelled rows of one file, or of several read as one set (heldout3a and heldout3b)."""
    files = [labels] if isinstance(labels, Path) else labels
    rows = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if sources is None or r["source"] in sources]


def evaluate(sources: set[str] | None = None, labels: Path | Sequence[Path] = LABELS,
             topics_of: Callable[[str | None, str | None, str | None], list[str]] = classify) -> dict[str, Any]:
    """Per topic: labelled, tp, fp, fn, precision, recall, and the (id, title) of each error, of the
    product's topics (or of topics_of: by_rules for the rules alone)."""
    rows = load(sources, labels)
    per: dict[str, dict[str, Any]] = {t: {"labelled": 0, "tp": 0, "fp": 0, "fn": 0, "false_positives": [],
                                          "false_negatives": []} for t in TOPICS}
    for r in rows:
        given, truth = set(topics_of(r["title"], r["lead"], r["body"])), set(r["topics"])
        for t in TOPICS:
            p = per[t]
            p["labelled"] += t in truth
            if t in given and t in truth:
                p["tp"] += 1
            elif t in given:
                p["fp"] += 1
                p["false_positives"].append((r["id"], r["title"], sorted(truth)))
            elif t in truth:
                p["fn"] += 1
                p["false_negatives"].append((r["id"], r["title"], sorted(given)))
    for p in per.values():
        p["precision"] = p["tp"] / (p["tp"] + p["fp"]) if p["tp"] + p["fp"] else 1.0
        p["recall"] = p["tp"] / (p["tp"] + p["fn"]) if p["tp"] + p["fn"] else 1.0
    return {"articles": len(rows), "topics": per}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=3, help="Errors shown per topic and kind.")
    parser.add_argument("--source", help="Only these sources, comma-separated.")
    parser.add_argument("--labels", type=Path, nargs="+", default=[LABELS],
                        help="Labelled JSON lines files, scored as one set (default: %(default)s).")
    parser.add_argument("--rules", action="store_true", help="Score the rules alone (archive.topics.by_rules), "
                        "not the product (the rules and the trained model).")
    args = parser.parse_args()
    r = evaluate(set(args.source.split(",")) if args.source else None, args.labels, by_rules if args.rules else classify)
    name = " + ".join(f.name for f in args.labels)
    print(f"{r['articles']} labelled articles ({name}), {'the rules alone' if args.rules else 'the product'}\n")
    print("| topic | labelled | true positives | false positives | false negatives | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    for t, p in r["topics"].items():
        print(f"| {t} | {p['labelled']} | {p['tp']} | {p['fp']} | {p['fn']} | {p['precision']:.3f} | {p['recall']:.3f} |")
    confusions: dict[str, list[str]] = defaultdict(list)
    for t, p in r["topics"].items():
        for aid, title, truth in p["false_positives"][:args.examples]:
            confusions[t].append(f"  given, not labelled: {aid}: {title} (labelled {', '.join(truth) or 'none'})")
        for aid, title, given in p["false_negatives"][:args.examples]:
            confusions[t].append(f"  labelled, not given: {aid}: {title} (given {', '.join(given) or 'none'})")
    for t, lines in confusions.items():
        print(f"\n{t}:")
        print("\n".join(lines))
    print_rows(*readme_rows(r, name))


def readme_rows(r: dict[str, Any], labels: str) -> list[Row]:
    """The lowest precision and recall over the topics, against issue 15's aims."""
    rows = []
    for aim, topics in ((0.95, [SAMVERKAN]), (0.85, [t for t in TOPICS if t != SAMVERKAN])):
        p = min(r["topics"][t]["precision"] for t in topics)
        rc = min(r["topics"][t]["recall"] for t in topics)
        name = SAMVERKAN if len(topics) == 1 else f"the other {len(topics)} topics, the lowest"
        rows.append(Row(f"topics on {r['articles']} labelled articles ({labels}): precision / recall, {name}",
                        f"{p:.3f} / {rc:.3f}", f"≥ {aim} / ≥ {aim}", p >= aim and rc >= aim))
    return rows


if __name__ == "__main__":
    main()
