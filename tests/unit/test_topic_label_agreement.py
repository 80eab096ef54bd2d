"""The held-out labels are read the same way by a second, blind reader: the guide decides, not the writer."""

from pathlib import Path

import pytest

from bench.label_agreement import agreement, read_topics

TOPICS = Path(__file__).resolve().parents[1] / "fixtures" / "topics"


# Each held-out set with its second reader's labels and its size.
READ_TWICE = {"heldout.jsonl": ("heldout-second-reader.jsonl", 156),
              "heldout3a.jsonl": ("heldout3a-second-reader.jsonl", 122),
              "heldout3b.jsonl": ("heldout3b-second-reader.jsonl", 140),
              "heldout4a.jsonl": ("heldout4a-second-reader.jsonl", 170),
              "heldout4b.jsonl": ("heldout4b-second-reader.jsonl", 161),
              "heldout5a.jsonl": ("heldout5a-second-reader.jsonl", 160),
              "heldout5b.jsonl": ("heldout5b-second-reader.jsonl", 175),
              "heldout6a.jsonl": ("heldout6a-second-reader.jsonl", 170),
              "heldout6b.jsonl": ("heldout6b-second-reader.jsonl", 167),
              "heldout7a.jsonl": ("heldout7a-second-reader.jsonl", 170),
              "heldout7b.jsonl": ("heldout7b-second-reader.jsonl", 164),
              "heldout8a.jsonl": ("heldout8a-second-reader.jsonl", 170),
              "heldout8b.jsonl": ("heldout8b-second-reader.jsonl", 170),
              "heldout9a.jsonl": ("heldout9a-second-reader.jsonl", 168),
              "heldout9b.jsonl": ("heldout9b-second-reader.jsonl", 170),
              "heldout10a.jsonl": ("heldout10a-second-reader.jsonl", 155),
              "heldout10b.jsonl": ("heldout10b-second-reader.jsonl", 155),
              "heldout11a.jsonl": ("heldout11a-second-reader.jsonl", 120),
              "heldout11b.jsonl": ("heldout11b-second-reader.jsonl", 120)}


@pytest.mark.parametrize("first", READ_TWICE)
def test_second_reader_read_every_heldout_article(first: str) -> None:
    assert read_topics(TOPICS / READ_TWICE[first][0]).keys() == read_topics(TOPICS / first).keys()


@pytest.mark.parametrize("first", READ_TWICE)
def test_readers_agree_beyond_chance_on_every_topic(first: str) -> None:
    second, n = READ_TWICE[first]
    r = agreement(read_topics(TOPICS / first), read_topics(TOPICS / second))
    assert r["articles"] == n
    assert len(r["topics"]) == 9
    low = {t: round(v["kappa"], 2) for t, v in r["topics"].items() if v["kappa"] < 0.85}
    assert not low, f"topics the two readers disagree on: {low}"


def test_kappa_of_known_tables() -> None:
    # Two readers, four articles, one topic: they agree on 3 of 4; each gives it twice.
    first = {"a": {"x"}, "b": {"x"}, "c": set(), "d": set()}
    second = {"a": {"x"}, "b": set(), "c": {"x"}, "d": set()}
    t = agreement(first, second)["topics"]["x"]
    assert t["agreement"] == 0.5
    assert t["kappa"] == 0.0
    assert agreement(first, first)["topics"]["x"]["kappa"] == 1.0
