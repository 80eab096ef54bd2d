"""The held-out labels are read the same way by a second, blind reader: the guide decides, not the writer."""

from pathlib import Path

from bench.label_agreement import agreement, read_topics

TOPICS = Path(__file__).resolve().parents[1] / "fixtures" / "topics"


def test_second_reader_read_every_heldout_article() -> None:
    assert read_topics(TOPICS / "heldout-second-reader.jsonl").keys() == read_topics(TOPICS / "heldout.jsonl").keys()


def test_readers_agree_beyond_chance_on_every_topic() -> None:
    r = agreement(read_topics(TOPICS / "heldout.jsonl"), read_topics(TOPICS / "heldout-second-reader.jsonl"))
    assert r["articles"] == 156
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
