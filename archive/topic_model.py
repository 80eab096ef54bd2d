"""The trained topic model beside the rules: one logistic regression per topic over TF-IDF of the
article's stemmed words (archive/topic_features.py), read from the weights shipped with the package
(topic_weights.json.gz, written by `python -m bench.train_topics`), in plain Python.

The product's topics (`combine`, which archive.topics.classify and bench.topic_model both call): samverkan
by the rules alone (where they are strongest and the model is weaker), each other topic when the
rules or the model give it, at most three besides samverkan as the guide says (the rules' own first,
then the model's by how far it is over its threshold).

A model-given topic says why: `reasons` gives the words that weighed most toward it.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from archive.samverkan import SAMVERKAN
from archive.topic_features import features

WEIGHTS = files("archive").joinpath("topic_weights.json.gz")
MAX_OTHER_TOPICS = 3  # the guide: at most three topics besides samverkan (archive/topics.py gives as many)


@dataclass(frozen=True)
class Model:
    idf: dict[str, float]  # every feature of the vocabulary: all of them make up the vector's length
    weights: dict[str, tuple[tuple[int, float], ...]]  # feature -> (topic index, coefficient) for the kept ones
    topics: tuple[str, ...]
    intercepts: tuple[float, ...]
    thresholds: tuple[float, ...]
    cs: tuple[float, ...]  # the inverse regularisation strength each topic was trained with
    meta: dict[str, Any]


@cache
def model() -> Model:
    """The shipped weights (read once)."""
    data = json.loads(gzip.decompress(WEIGHTS.read_bytes()))
    topics = tuple(data["topics"])
    weights: dict[str, list[tuple[int, float]]] = {}
    for i, t in enumerate(topics):
        for f, c in zip(data["features"], data["topics"][t]["coef"], strict=True):
            if c:
                weights.setdefault(f, []).append((i, c))
    return Model(dict(zip(data["features"], data["idf"], strict=True)), {f: tuple(w) for f, w in weights.items()}, topics,
                 tuple(data["topics"][t]["intercept"] for t in topics),
                 tuple(data["topics"][t]["threshold"] for t in topics), tuple(data["topics"][t]["C"] for t in topics),
                 {k: v for k, v in data.items() if k not in ("features", "idf", "topics")})


def _vector(title: str | None, lead: str | None, body: str | None) -> dict[str, float]:
    """The article's TF-IDF vector as scikit-learn's TfidfVectorizer(sublinear_tf=True) makes it:
    (1 + ln count) * idf per known feature, divided by the vector's length."""
    idf = model().idf
    counts = Counter(f for f in features({"title": title, "lead": lead, "body": body}) if f in idf)
    v = {f: (1.0 + math.log(n)) * idf[f] for f, n in counts.items()}
    length = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {f: x / length for f, x in v.items()}


def margins(title: str | None, lead: str | None, body: str | None) -> dict[str, float]:
    """Per topic of the model, its decision value less its threshold: positive where the model gives it."""
    m = model()
    total = list(m.intercepts)
    for f, x in _vector(title, lead, body).items():
        for i, c in m.weights.get(f, ()):
            total[i] += c * x
    return {t: total[i] - m.thresholds[i] for i, t in enumerate(m.topics)}


def combine(rules: list[str], margin: dict[str, float]) -> list[str]:
    """The product's topics from the rules' (samverkan first, then best first) and the model's
    margins: samverkan by the rules alone; the rules' other topics, then the model's others by
    margin, at most MAX_OTHER_TOPICS of them."""
    own = [t for t in rules if t != SAMVERKAN]
    more = sorted((t for t, v in margin.items() if v > 0 and t != SAMVERKAN and t not in own), key=lambda t: -margin[t])
    return [SAMVERKAN] * (SAMVERKAN in rules) + (own + more)[:MAX_OTHER_TOPICS]


def reasons(title: str | None, lead: str | None, body: str | None, topic: str, n: int = 5) -> list[tuple[str, float]]:
    """The n features that weighed most toward the model's topic (feature, its share of the
    decision value), e.g. ("t:avlopp", 0.41): "t:" title, "l:" lead, "b:" body, "h:" either
    of the first two, "p:" two words of a headline."""
    m = model()
    if topic not in m.topics:
        return []
    i = m.topics.index(topic)
    parts = [(f, c * x) for f, x in _vector(title, lead, body).items() for j, c in m.weights.get(f, ()) if j == i]
    return sorted((p for p in parts if p[1] > 0), key=lambda p: -p[1])[:n]
