"""The samverkan topic and the other topics."""

import pytest

from archive.topics import classify, is_samverkan
from bench.topics import evaluate


def test_samverkan_precision_and_recall_on_the_labelled_replica():
    r = evaluate()
    assert r["articles"] >= 60 and r["labelled_samverkan"] >= 30
    assert r["precision"] >= 0.9 and r["recall"] >= 0.9


@pytest.mark.parametrize("text", [
    "Arboga, Köping och Kungsör fördjupar sin samverkan inom IT.",
    "Västra Mälardalens överförmyndarnämnd söker fler gode män.",
    "Kommunfullmäktige beslutade om en gemensam nämnd för upphandling.",
    "Mälardalens brand- och räddningsförbund övar i Kungsör.",
])
def test_cooperation_between_municipalities(text):
    assert is_samverkan(text)


@pytest.mark.parametrize("text", [
    "Gäddgårdsskolan inleder ett samarbete med fotbollsklubben i Arboga.",
    "Biblioteket samarbetar med ett förlag om en skrivarverkstad.",
    "Simhallen får nya öppettider i höst.",
])
def test_other_cooperation_is_not_samverkan(text):
    assert not is_samverkan(text)


def test_other_topics_need_two_hits():
    assert classify("Ny förskola i Kungsör", None, "Förskolan får plats för 80 barn.") == ["skola och förskola"]
    assert classify("Ny förskola", None, "Kort text.") == ["skola och förskola"]  # a title hit counts twice
    assert classify("Nyhet", None, "En förskola.") == []
