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
PLACES = ["Arboga", "Köping", "Kungsör", "Kolsva", "Valskog", "Munktorp", "Medåker", "Götlunda", "Himmeta", "Mälardalen", "Mälaren", "Hjälmaren", "Västerås", "Hallstahammar", "Surahammar", "Fagersta", "Eskilstuna", "Badelunda", "Skillinge", "Nybyholm", "Sätra", "Västermalm", "Karlberg", "Norberg", "Skinnskatteberg", "Sala", "Västmanland", "Örebro", "Strängnäs", "Torshälla", "Bergslagen", "Lindesberg", "Nora", "Ramnäs", "Virsbo", "Barkarö", "Irsta", "Kärrbo", "Odensvi", "Malma", "Lovisedal", "Buskåker", "Arbogaån", "Glasbruket", "Vallby", "Gäddeholm", "Kungsörsån", "Köpingsån", "Hedströmmen", "Strömsholm", "Kvicksund", "Munktorps", "Jäders", "Tidö", "Kungsudden", "Ullvi", "Kristinelund", "Stureparken", "Herrgårdsskogen", "Karlbergsskogen", "Västerled", "Malmön", "Nygatan", "Drottninggatan", "Järntorget", "Fiskartorget", "Stora torget", "Kyrkbacken", "Karlslund", "Hedensberg", "Fellingsbro", "Heby"]


@pytest.mark.parametrize("place", PLACES)
def test_no_keyword_stem_matches_a_place_name(place):
    from archive.text import stem
    from archive.topics import _topics_of_word

    forms = {place.lower(), place.lower() + "s", stem(place.lower()), stem(place.lower() + "s")}
    assert {f: _topics_of_word(f) for f in forms} == {f: () for f in forms}


def test_stem_lists_hold_only_latin_letters():
    import re

    from archive.topic_words import COMPOUND_HEADS, NOT_STEMS, TOPIC_STEMS, WHOLE_STEMS

    latin = re.compile(r"^[a-zåäöéü0-9]+$")
    stems = [s for table in (TOPIC_STEMS, WHOLE_STEMS, COMPOUND_HEADS, NOT_STEMS) for group in table.values()
             for s in group]
    assert [s for s in stems if not latin.match(s)] == []
    assert "cykelban" in TOPIC_STEMS["trafik"]


def test_mälardalen_is_no_environment_news_and_valskog_no_election():
    assert classify("Ny förskola i Mälardalen", "Vid Mälaren.", "Mälardalens högskola och Mälaren.") == \
        ["skola och förskola"]
    assert "politik och demokrati" not in classify("Valskog får ny busshållplats", None, "I Valskog, vid Valskogs skola.")
    assert "politik och demokrati" in classify("Valet", None, "Inför valet öppnar vallokalen.")


# Per topic, (precision, recall) floors a little under what `python -m bench.topics` measured on
# 2026-12-03: over all 301 labelled articles (the aim of issue 15: 0.95 for samverkan and 0.85
# for the others, met by every topic), and on the 121 written ones (replica, real, seed) alone,
# where three topics are still under the aim (README, Topics).
# topic: (precision, recall) over all, (precision, recall) on the written articles
FLOORS = {
    "samverkan": ((0.98, 0.98), (0.98, 0.98)),
    "skola och förskola": ((0.98, 0.87), (0.98, 0.8)),
    "vård och omsorg": ((0.94, 0.94), (0.92, 0.92)),
    "bygga och bo": ((0.85, 0.9), (0.77, 0.86)),
    "trafik": ((0.98, 0.96), (0.98, 0.88)),
    "miljö": ((0.98, 0.91), (0.98, 0.8)),
    "näringsliv och arbete": ((0.98, 0.86), (0.98, 0.83)),
    "kultur och fritid": ((0.96, 0.98), (0.91, 0.98)),
    "politik och demokrati": ((0.93, 0.89), (0.92, 0.86)),
}


@pytest.mark.parametrize(("sources", "which"), [(None, 0), ({"replica", "real", "seed"}, 1)], ids=["all", "written"])
def test_precision_and_recall_per_topic_on_the_independent_labels(sources, which):
    floors = {t: f[which] for t, f in FLOORS.items()}
    r = evaluate(sources)["topics"]
    below = {t: (round(p["precision"], 3), round(p["recall"], 3)) for t, p in r.items()
             if p["precision"] < floors[t][0] or p["recall"] < floors[t][1]}
    assert below == {}, f"under the floors {floors}"


def test_every_topic_meets_the_aim_over_the_whole_labelled_set():
    r = evaluate()["topics"]
    aim = {t: 0.95 if t == "samverkan" else 0.85 for t in r}
    assert {t: p for t, p in r.items() if min(p["precision"], p["recall"]) < aim[t]} == {}


@pytest.mark.parametrize(("topic", "title", "lead"), [
    ("skola och förskola", "Ny förskola öppnar i Kolsva", "Förskolan får plats för 80 barn från hösten."),
    ("skola och förskola", "Eleverna på Karlbergsskolan får nya klassrum", None),
    ("vård och omsorg", "Hemtjänsten i Kungsör får fler medarbetare", "Äldreomsorgen förstärks under sommaren."),
    ("vård och omsorg", "Nytt särskilt boende i Kolsva", "Boendet får 40 platser."),
    ("bygga och bo", "Detaljplan för 120 nya lägenheter på samråd", None),
    ("bygga och bo", "Kokningsrekommendation i Valskog", "Dricksvattnet ska kokas tills vidare."),
    ("trafik", "Herrgårdsbron stängs för fordonstrafik", "Trafiken leds om via Österled."),
    ("miljö", "Fler solceller och mindre utsläpp", "Kommunens klimatarbete ger resultat."),
    ("näringsliv och arbete", "Nytt företag etablerar sig i Köping", "Etableringen ger 50 nya jobb."),
    ("kultur och fritid", "Biblioteket och simhallen får längre öppettider", None),
    ("politik och demokrati", "Kommunfullmäktige antog budgeten", "Oppositionen röstade emot."),
])
def test_a_sentence_about_the_topic_gives_it(topic, title, lead):
    assert classify(title, lead, None) == [topic]


@pytest.mark.parametrize(("topic", "title", "lead", "body"), [
    ("miljö", "Ny förskola i Mälardalen", "Vid Mälaren.", "Mälardalens högskola och Mälaren."),
    ("politik och demokrati", "Valskog får ny busshållplats", None, "I Valskog, vid Valskogs skola."),
    ("vård och omsorg", "Köping, Kungsör och Arboga", "Kolsva, Munktorp och Himmeta.", "Västerås och Eskilstuna."),
    ("skola och förskola", "Kulturskolan startar en ny kurs i gitarr", None, None),
    ("skola och förskola", "Tryggare skolvägar i Arboga", None, None),
    ("skola och förskola", "Ny parkering vid skolan", None, None),
    ("miljö", "Ny IT-miljö för kommunens medarbetare", None, None),
    ("trafik", "Störningar i IT-trafiken under natten", None, None),
    ("näringsliv och arbete", "Ny lekplats i industriområdet", None, None),
    ("kultur och fritid", "Budgeten klubbad i fullmäktige", None, None),
    ("näringsliv och arbete", "Det handlar om trygghet", "Räddningstjänsten ger råd om brandvarnare.", None),
    ("politik och demokrati", "Nytt motionsspår i Karlbergsskogen", None, None),
    ("bygga och bo", "Fisken trivs i vattnet i Arbogaån", None, None),
])
def test_a_place_a_name_or_a_passing_word_does_not_give_the_topic(topic, title, lead, body):
    assert topic not in classify(title, lead, body)
