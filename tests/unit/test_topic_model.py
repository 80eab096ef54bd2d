"""The leave-one-set-out split and the features of bench/topic_model.py, which need no scikit-learn."""

from bench.topic_model import SETS, features, folds
from bench.topics import load


def _row(id_, title, lead=None, body=None):
    return {"id": id_, "title": title, "lead": lead, "body": body, "topics": []}


def test_no_article_of_the_set_left_out_is_trained_on():
    sets = {"a": [_row("a1", "Ny skola"), _row("a2", "Bussen går")],
            "b": [_row("b1", "Ny förskola"), _row("a1", "Samma id i en annan mängd")],
            "c": [_row("c1", "Bussen går")]}  # the title of a2 again
    split = {name: (train, test) for name, train, test in folds(sets)}
    assert [r["id"] for r in split["a"][0]] == ["b1"]  # a1 by id, c1 by title: both kept out
    assert [r["id"] for r in split["b"][0]] == ["a2", "c1"]
    assert [r["id"] for r in split["c"][0]] == ["a1", "b1", "a1"]
    assert split["c"][1] == sets["c"]


def test_the_real_sets_split_without_overlap():
    sets = {name: load(None, files) for name, files in SETS.items()}
    assert len(sets) == 11  # labels, heldout, heldout2, heldout3 to heldout10
    for name, train, test in folds(sets):
        assert {r["id"] for r in train}.isdisjoint(r["id"] for r in test), name
        assert {r["title"] for r in train}.isdisjoint(r["title"] for r in test), name
        assert len(train) + len(test) == sum(len(rows) for rows in sets.values()), name


def test_features_keep_title_lead_and_body_apart_and_stem_them():
    feats = features(_row("x", "Nya skolor", "Kommunen bygger", "Skolorna öppnar."))
    assert feats == ["t:nya", "t:skol", "l:kommun", "l:bygg", "b:skol", "b:öppn",
                     "h:nya", "h:skol", "p:nya_skol", "h:kommun", "h:bygg", "p:kommun_bygg"]
    assert features(_row("y", "Skola")) == ["t:skol", "h:skol"]
