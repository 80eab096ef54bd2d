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
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import numpy as np
from numpy.typing import NDArray

from archive.samverkan import SAMVERKAN
from archive.topic_features import features

WEIGHTS = files("archive").joinpath("topic_weights.json.gz")
MAX_OTHER_TOPICS = 3  # the guide: at most three topics besides samverkan (the rules and combine alike)


@dataclass(frozen=True)
class Model:
    names: tuple[str, ...]  # every feature of the vocabulary, since all make up a vector's length
    rows: dict[str, int]  # feature -> its row in names, idf and coef
    idf: NDArray[np.float64]
    coef: NDArray[np.float64]  # one row a feature, one column a topic; 0 for a feature the topic does not keep
    topics: tuple[str, ...]
    intercepts: NDArray[np.float64]
    thresholds: NDArray[np.float64]
    cs: tuple[float, ...]  # the inverse regularisation strength each topic was trained with
    meta: dict[str, Any]


@cache
def model() -> Model:
    """The shipped weights (read once)."""
    data = json.loads(gzip.decompress(WEIGHTS.read_bytes()))
    topics = tuple(data["topics"])
    per_topic = [data["topics"][t] for t in topics]
    return Model(tuple(data["features"]), {f: i for i, f in enumerate(data["features"])}, np.array(data["idf"], dtype=np.float64),
                 np.array([p["coef"] for p in per_topic], dtype=np.float64).T, topics,
                 np.array([p["intercept"] for p in per_topic]), np.array([p["threshold"] for p in per_topic]),
                 tuple(p["C"] for p in per_topic), {k: v for k, v in data.items() if k not in ("features", "idf", "topics")})


def _vector(title: str | None, lead: str | None, body: str | None) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
    """The article's TF-IDF vector as scikit-learn's TfidfVectorizer(sublinear_tf=True) makes it, as
    (rows of its features, values): (1 + ln count) * idf per known feature, divided by the vector's length."""
    m = model()
    known = [i for i in map(m.rows.get, features({"title": title, "lead": lead, "body": body})) if i is not None]
    rows, counts = np.unique(np.array(known, dtype=np.intp), return_counts=True)
    v = (1.0 + np.log(counts)) * m.idf[rows]
    length = float(np.sqrt(v @ v)) or 1.0
    return rows, v / length


def margins(title: str | None, lead: str | None, body: str | None) -> dict[str, float]:
    """Per topic of the model, its decision value less its threshold: positive where the model gives it."""
    m = model()
    rows, v = _vector(title, lead, body)
    total = m.intercepts - m.thresholds + v @ m.coef[rows]
    return dict(zip(m.topics, map(float, total), strict=True))


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
    rows, v = _vector(title, lead, body)
    parts = v * m.coef[rows, m.topics.index(topic)]
    return [(m.names[rows[k]], float(parts[k])) for k in np.argsort(-parts, kind="stable")[:n] if parts[k] > 0]
