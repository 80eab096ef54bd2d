"""Train the topic model the product ships (archive/topic_model.py) on every labelled set of
bench.topics.SETS and write its weights to archive/topic_weights.json.gz.

    .venv/bin/python -m bench.train_topics [--output FILE]

The model is bench.topic_model's: one logistic regression per topic but samverkan (the product gives
samverkan by the rules alone), TF-IDF of the stemmed words, C and threshold chosen by leave-one-set-
out inside the training sets, here all of them. Deterministic: the same fixtures give the same
weights, but for the date.

The file holds the vocabulary and each feature's idf (all of them make up a vector's length), and per
topic its C, intercept, threshold and each feature's coefficient, 0 for a feature not kept. A feature is
kept unless its coefficient is too small to matter: the smallest ones are dropped, as many as keep
every labelled article's decision the same and move no article's decision value by more than
PRUNE_SHIFT. It records the sets it was trained on with each file's sha256, the scikit-learn version
and the date; tests/unit/test_topic_weights.py fails when a fixture changes and the file does not.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

from archive.topic_model import WEIGHTS
from archive.topics import SAMVERKAN
from bench.topic_model import Fitted, features, train
from bench.topics import SETS, TOPICS, load

OUTPUT = Path(__file__).resolve().parents[1] / "archive" / "topic_weights.json.gz"
MODEL_TOPICS = [t for t in TOPICS if t != SAMVERKAN]
# The most a dropped coefficient may move any labelled article's decision value (decision values
# of given topics run from the threshold to about 3): small beside what any word weighs.
PRUNE_SHIFT = 0.01
# Coefficients are written to this many decimals: an article's decision value moves by at most half
# the last digit times the sum of its vector's values, under 0.002 for an article of 1,600 features.
DIGITS = 4


def fingerprint() -> dict[str, dict[str, str]]:
    """Each labelled set's files and their sha256."""
    return {name: {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files} for name, files in SETS.items()}


def labelled() -> tuple[list[dict[str, Any]], list[str]]:
    """Every labelled article and the name of its set."""
    rows, groups = [], []
    for name, files in SETS.items():
        for r in load(None, files):
            rows.append(r)
            groups.append(name)
    return rows, groups


def _kept(coef: Any, x: Any, margin: Any) -> Any:
    """Which features of one topic to keep: drop those of smallest |coefficient| times their largest
    value in any labelled article, as many as leave every labelled decision (margin > 0) as it is
    and move no decision value by more than PRUNE_SHIFT."""
    import numpy as np  # noqa: PLC0415

    weight = np.abs(coef) * x.max(axis=0).toarray().ravel()
    order = np.argsort(weight, kind="stable")

    def fine(k: int) -> bool:
        dropped = np.zeros_like(coef)
        dropped[order[:k]] = coef[order[:k]]
        shift = x @ dropped
        return bool(np.abs(shift).max() <= PRUNE_SHIFT and ((margin - shift > 0) == (margin > 0)).all())

    lo, hi = 0, len(order)  # fine(lo) holds; the largest k that is fine, by bisection
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if fine(mid) else (lo, mid - 1)
    keep = np.ones(len(coef), dtype=bool)
    keep[order[:lo]] = False
    return keep


def weights(fitted: Fitted, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The file's content from a fitted model and the rows it was trained on."""
    import sklearn  # noqa: PLC0415

    vec = fitted.vectoriser
    names = vec.get_feature_names_out()
    x = vec.transform([features(r) for r in rows])
    topics = {}
    for t, m in fitted.models.items():
        coef = m.coef_.ravel()
        margin = m.decision_function(x) - fitted.chosen[t][1]
        keep = _kept(coef, x, margin)
        topics[t] = {"C": fitted.chosen[t][0], "intercept": float(m.intercept_[0]), "threshold": fitted.chosen[t][1],
                     "coef": [round(float(c), DIGITS) if k else 0 for c, k in zip(coef, keep, strict=True)]}
    return {"trained_on": fingerprint(), "scikit_learn": sklearn.__version__,
            "date": datetime.datetime.now(datetime.UTC).date().isoformat(), "articles": len(rows),
            "features": [str(f) for f in names], "idf": [float(v) for v in vec.idf_], "topics": topics}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="Where to write (default: %(default)s).")
    args = parser.parse_args(argv)
    rows, groups = labelled()
    data = weights(train(rows, groups, MODEL_TOPICS), rows)
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    args.output.write_bytes(gzip.compress(raw, mtime=0))
    print(f"{len(rows)} articles of {len(SETS)} sets ({', '.join(SETS)}); {len(data['idf'])} features, kept per "
          f"topic: " + ", ".join(f"{t} {sum(c != 0 for c in v['coef'])} (C {v['C']:g})" for t, v in data["topics"].items())
          + f"; {args.output.stat().st_size:,} bytes ({len(raw):,} unpacked)")
    if args.output == OUTPUT:
        print(f"shipped as {WEIGHTS}")


if __name__ == "__main__":
    main()
