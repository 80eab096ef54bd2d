"""The topic model the product ships (archive/topic_model.py, archive/topic_weights.json.gz): trained on
the labelled sets as they are now, no place name among its features, deciding as scikit-learn's own
pipeline does, and joined with the rules as the product says."""

from __future__ import annotations

import pytest

from archive.municipality_mentions import MUNICIPALITY_NAMES
from archive.text import stem, words
from archive.topic_features import features, is_place
from archive.topic_model import WEIGHTS, combine, margins, model, reasons
from archive.topics import SAMVERKAN, by_rules, classify
from bench.train_topics import MODEL_TOPICS, fingerprint, labelled
from tests.unit.test_topics import PLACES


def test_the_weights_were_trained_on_every_labelled_set_as_it_is_now():
    # A fixture added, changed or removed without `python -m bench.train_topics` fails here.
    assert model().meta["trained_on"] == fingerprint()
    assert model().meta["articles"] == len(labelled()[0])


def test_the_weights_are_package_data_well_under_a_megabyte():
    assert WEIGHTS.is_file() and len(WEIGHTS.read_bytes()) < 600_000
    assert set(model().topics) == set(MODEL_TOPICS)  # samverkan is the rules' alone


def _parts(feature: str) -> list[str]:
    kind, _, word = feature.partition(":")
    return word.split("_") if kind == "p" else [word]


def test_no_feature_is_a_place_name():
    names = [n for n in MUNICIPALITY_NAMES.read_text(encoding="utf-8").splitlines() if n and not n.startswith("#")]
    place_stems = {s for name in [*names, *PLACES] for w in words(name) for s in (stem(w), stem(w + "s"), w)}
    found = [f for f in model().names if any(p in place_stems or p.startswith("mälar") for p in _parts(f))]
    assert found == []
    assert {"b:skol", "t:avlopp", "h:hållplats"} <= set(model().names)  # the check reads real features
    assert not any(is_place(p) for f in model().names for p in _parts(f))


def test_a_place_name_is_no_feature_and_gives_no_topic():
    assert features({"title": "Mälardalen, Arboga", "lead": "Västerås, Mälaren", "body": "Kungsörs"}) == []
    assert features({"title": "Skola i Köping", "lead": None, "body": None}) == ["t:skol", "t:i", "h:skol", "h:i",
                                                                                  "p:skol_i"]
    assert all(v < 0 for v in margins("Mälardalen", "Arboga, Köping och Kungsör i Västra Mälardalen", None).values())


def test_plain_python_decides_as_scikit_learn_on_every_labelled_article():
    from bench.topic_model import regression, vectoriser

    rows, _ = labelled()
    docs = [features(r) for r in rows]
    vec = vectoriser()
    x = vec.fit_transform(docs)
    m = model()
    assert list(vec.get_feature_names_out()) == list(m.names)
    assert list(vec.idf_) == pytest.approx(list(m.idf), abs=1e-12)
    ours = [margins(r["title"], r["lead"], r["body"]) for r in rows]
    given = 0
    for i, t in enumerate(m.topics):
        fitted = regression(m.cs[i]).fit(x, [t in r["topics"] for r in rows])
        theirs = fitted.decision_function(x) - m.thresholds[i]
        assert [v > 0 for v in theirs] == [o[t] > 0 for o in ours], t
        assert max(abs(v - o[t]) for v, o in zip(theirs, ours, strict=True)) < 0.02, t  # pruned and rounded
        given += sum(v > 0 for v in theirs)
    assert given > 1000  # the topics are given, not all refused


def test_samverkan_is_the_rules_alone_and_the_model_adds_up_to_three_others():
    rules = [SAMVERKAN, "trafik", "miljö"]
    assert combine(rules, {SAMVERKAN: -1.0, "skola och förskola": 0.2, "kultur och fritid": 0.5}) == \
        [SAMVERKAN, "trafik", "miljö", "kultur och fritid"]
    assert combine(["trafik"], {SAMVERKAN: 3.0, "trafik": -0.5, "miljö": -0.1}) == ["trafik"]
    assert combine(["trafik", "miljö", "bygga och bo"], {"kultur och fritid": 2.0}) == \
        ["trafik", "miljö", "bygga och bo"]  # the rules' three first
    assert combine([], {"miljö": 0.1, "trafik": 0.3, "vård och omsorg": 0.2, "kultur och fritid": 0.05}) == \
        ["trafik", "vård och omsorg", "miljö"]


def test_classify_gives_the_rules_topics_and_the_models():
    title, lead, body = ("Nya regler för enskilda avlopp", "Fastighetsägare med egen brunn och trekammarbrunn får "
                         "tätare tillsyn.", "Slamtömningen sker två gånger om året.")
    rules, given = by_rules(title, lead, body), classify(title, lead, body)
    assert set(rules) <= set(given)
    assert set(given) == set(rules) | {t for t, v in margins(title, lead, body).items() if v > 0}
    for t in set(given) - set(rules):
        assert reasons(title, lead, body, t)[0][1] > 0  # a model-given topic names its words


def test_reasons_are_the_words_that_weigh_most_toward_the_topic():
    why = reasons("Ny busshållplats vid skolan", "Bussen stannar vid den nya hållplatsen.", None, "trafik")
    assert why and all(a[1] >= b[1] > 0 for a, b in zip(why, why[1:], strict=False))
    assert any("busshållplats" in f or "buss" in f for f, _ in why)
    assert reasons("Ny busshållplats", None, None, SAMVERKAN) == []
