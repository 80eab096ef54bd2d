"""The samverkan topic and the other topics."""

import pytest

from archive.topics import classify, is_samverkan
from bench.topics import evaluate


def test_samverkan_precision_and_recall_on_the_independent_labels():
    r = evaluate()
    samverkan = r["topics"]["samverkan"]
    assert r["articles"] >= 300 and samverkan["labelled"] >= 80
    assert samverkan["precision"] >= 0.95 and samverkan["recall"] >= 0.95


def test_västerås_named_as_a_place_and_a_company_are_no_samverkan():
    assert not is_samverkan("Polisen i Västerås och handlarna i Köping samarbetar mot stölder.")
    assert not is_samverkan("VafabMiljö byter sopkärl hos villahushållen i Kungsör.")
    assert is_samverkan("VafabMiljö, som Arboga och Köping äger tillsammans, byter sopkärl.")


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


def test_the_title_or_lead_decides_and_a_passing_mention_does_not_count():
    assert classify("Ny förskola i Kungsör", None, "Förskolan får plats för 80 barn.") == ["skola och förskola"]
    assert classify("Ny förskola", None, "Kort text.") == ["skola och förskola"]
    assert classify("Nyhet", None, "En förskola.") == []
    body = "Bygget av förskolan vid skolan startar. Eleverna på skolan och förskolan flyttar.\n\nMer om tiden."
    assert classify("Nyhet", None, body) == []  # the body alone never gives a topic


def test_the_object_of_the_title_decides_not_its_actor():
    assert classify("Förskolan startar laddplatser för elbilar", None, "Text.") == ["trafik"]
    assert classify("Förskolan får nya lokaler", None, "Text.") == ["skola och förskola"]
    assert classify("Tryggare skolvägar i Arboga", None, "Text.") == ["trafik"]


# Places of the three municipalities and the region around them, as articles name them.
PLACES = ["Arboga", "Köping", "Kungsör", "Kolsva", "Valskog", "Munktorp", "Medåker", "Götlunda", "Himmeta", "Mälardalen", "Mälaren", "Hjälmaren", "Västerås", "Hallstahammar", "Surahammar", "Fagersta", "Eskilstuna", "Badelunda", "Skillinge", "Nybyholm", "Sätra", "Västermalm", "Karlberg", "Norberg", "Skinnskatteberg", "Sala", "Västmanland", "Örebro", "Strängnäs", "Torshälla", "Bergslagen", "Lindesberg", "Nora", "Ramnäs", "Virsbo", "Barkarö", "Irsta", "Kärrbo", "Odensvi", "Malma", "Lovisedal", "Buskåker", "Arbogaån", "Glasbruket", "Vallby", "Gäddeholm"]


@pytest.mark.parametrize("place", PLACES)
def test_no_keyword_stem_matches_a_place_name(place):
    from archive.text import stem
    from archive.topics import _topics_of

    forms = {place.lower(), place.lower() + "s", stem(place.lower()), stem(place.lower() + "s")}
    assert {f: _topics_of(f) for f in forms} == {f: () for f in forms}


def test_stem_lists_hold_only_latin_letters():
    import re

    from archive.topics import TOPIC_STEMS, WHOLE_STEMS

    latin = re.compile(r"^[a-zåäöéü0-9]+$")
    stems = [s for table in (TOPIC_STEMS, WHOLE_STEMS) for group in table.values() for s in group]
    assert [s for s in stems if not latin.match(s)] == []
    assert "cykelban" in TOPIC_STEMS["trafik"]


def test_mälardalen_is_no_environment_news_and_valskog_no_election():
    assert classify("Ny förskola i Mälardalen", "Vid Mälaren.", "Mälardalens högskola och Mälaren.") == \
        ["skola och förskola"]
    assert "politik och demokrati" not in classify("Valskog får ny busshållplats", None, "I Valskog, vid Valskogs skola.")
    assert "politik och demokrati" in classify("Valet", None, "Inför valet öppnar vallokalen.")


def test_other_topics_on_the_independent_labels_stay_where_they_are():
    """Below the aim of 0.85 for recall in five topics (README): this keeps them from falling back."""
    r = evaluate()["topics"]
    others = {t: p for t, p in r.items() if t != "samverkan"}
    assert all(p["precision"] >= 0.8 for p in others.values()), {t: p["precision"] for t, p in others.items()}
    assert all(p["recall"] >= 0.6 for p in others.values()), {t: p["recall"] for t, p in others.items()}
