"""Synthetic Swedish news articles for scale tests (`kommunarkiv replica --extra-articles N`).

Deterministic: article i of a site is always the same text, so crawls and benchmarks repeat.
Each article draws its sentences from word banks with its own seed, so no two share a body.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

TOWNS = {"arboga": "Arboga", "koping": "Köping", "kungsor": "Kungsör", "fagersta": "Fagersta"}
SUBJECTS = [
    "förskolan", "biblioteket", "hemtjänsten", "gatukontoret", "kommunfullmäktige", "socialnämnden",
    "räddningstjänsten", "fritidsgården", "simhallen", "kulturskolan", "miljöförvaltningen",
    "bygglovsenheten", "äldreboendet", "näringslivskontoret", "vattenverket", "skolan",
]
ACTIONS = [
    "inför", "utreder", "planerar", "bygger om", "förstärker", "utvärderar", "öppnar", "förlänger",
    "moderniserar", "ser över", "satsar på", "startar",
]
OBJECTS = [
    "ett nytt bokningssystem", "längre öppettider", "en ny lekplats", "fler cykelbanor",
    "digitala ansökningar", "en ny simbassäng", "solceller på taket", "fler platser i förskolan",
    "en upprustad park", "bättre belysning", "ett nytt återvinningsrum", "en ny matsal",
    "tryggare skolvägar", "en ny parkeringsplats", "laddplatser för elbilar", "en ny utomhusgym",
]
PLACES = [
    "vid torget", "i centrum", "vid ån", "i norra delen av staden", "vid stationen", "vid skolan",
    "i industriområdet", "vid hamnen", "i villaområdet", "vid idrottsplatsen", "vid kyrkan",
]
FILLER = [
    "Arbetet beräknas pågå under hela {season}.", "Kostnaden uppgår till {n} miljoner kronor.",
    "Beslutet fattades vid nämndens sammanträde i {month}.", "Invånarna har lämnat {n}0 synpunkter.",
    "Projektet finansieras delvis med statliga bidrag.", "Informationsmöten hålls i {month}.",
    "Under tiden kan det bli tillfälliga störningar i trafiken.", "Planen är att allt ska vara klart i {month}.",
    "Förslaget har varit ute på remiss hos {n} föreningar.", "Fler detaljer presenteras i {month}.",
    "Satsningen är en del av kommunens budget för {year}.", "Utvärderingen visar att {n}0 procent är nöjda.",
]
SAMVERKAN = [
    "Arbetet sker i samverkan med grannkommunerna i Västra Mälardalen.",
    "Satsningen genomförs inom ramen för avtalssamverkan mellan Arboga, Köping och Kungsör.",
    "Den gemensamma nämnden har godkänt förslaget.",
]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]
FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Mikael", "Lena", "Jonas"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
        "Svensson", "Gustafsson", "Pettersson", "Jonsson"]
ROLES = ["verksamhetschef", "enhetschef", "projektledare", "förvaltningschef", "nämndens ordförande"]
CATEGORIES = ["kommun-och-politik", "boende-miljo-och-trafik", "skola-och-forskola", "omsorg-och-stod",
              "uppleva-och-gora", "naringsliv-och-arbete"]


def _sentence(rng: random.Random, town: str) -> str:
    fill = rng.choice(FILLER).format(
        season=rng.choice(["våren", "sommaren", "hösten", "vintern"]), n=rng.randint(2, 99),
        month=rng.choice(MONTHS), year=rng.randint(2016, 2026),
    )
    lead = f"{rng.choice(SUBJECTS).capitalize()} i {town} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)}."
    return f"{lead} {fill}"


def synthetic_article(site: str, i: int) -> dict:
    rng = random.Random(f"{site}-{i}")
    town = TOWNS.get(site, site.capitalize())
    subject, action, obj = rng.choice(SUBJECTS), rng.choice(ACTIONS), rng.choice(OBJECTS)
    start = datetime(2016, 1, 1) + timedelta(minutes=rng.randint(0, 60 * 24 * 365 * 10))
    with_time = rng.random() < 0.6
    published = start.strftime("%Y-%m-%dT%H:%M") if with_time else start.strftime("%Y-%m-%d")
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    role = rng.choice(ROLES)
    paragraphs = [" ".join(_sentence(rng, town) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(3, 6))]
    samverkan = rng.random() < 0.2
    if samverkan:
        paragraphs.insert(1, rng.choice(SAMVERKAN))
    paragraphs.append(f"– Det här är viktigt för alla som bor i {town}, säger {name}, {role}.")
    return {
        "title": f"{subject.capitalize()} {action} {obj} ({i})",
        "lead": f"{subject.capitalize()} i {town} {action} {obj} {rng.choice(PLACES)}.",
        "body": "\n\n".join(paragraphs),
        "published": published,
        "updated": None,
        "category": rng.choice(CATEGORIES),
        "images": [], "attachments": [],
        "contact": {"name": name, "email": f"{name.split()[0].lower()}@example.se", "phone": "010-000 00 00"},
        "topics": ["samverkan"] if samverkan else [],
        "quotes": [{"speaker": name, "role": role, "party": None}],
        "people": [{"name": name, "role": role}],
    }


def synthetic_articles(site: str, n: int) -> list[dict]:
    return [synthetic_article(site, i) for i in range(n)]
