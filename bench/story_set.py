"""The graded evaluation set of cross-posted stories: tests/fixtures/stories/graded.json.

    .venv/bin/python -m bench.story_set        # writes the fixture again (the same bytes: seeded)

The texts are hand-written (tests/fixtures/stories/base.json: ten press releases of the kind the
three municipalities share, each with facts, two quotes and alternative titles; decoys.json:
recurring notices in different years, one topic reported by two sites about different events,
and templates every site publishes). This module makes each site's version of a press release
the way a local editor does: a new title, a local lead, local paragraphs added, sentences dropped
or reworded, quotes trimmed to their first sentence, more of each as the edit grows. For each
band of shared 5-shingle Jaccard (bodies, exact) and each press release it searches the edit
strengths, in a fixed order from a fixed seed, for a version pair in the band: a round of the set
is one pair (or trio) per press release in one band, so the versions of one release never meet
in one archive. Bands with no pair found say so in the fixture.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path
from typing import Any

from archive.stories import shingles

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "stories"
BANDS = ((0.25, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.75), (0.75, 0.9))
SEED = 15
# Rewording: the words a local editor swaps, and short insertions that change a sentence's shingles.
SWAPS = {"kommunerna": "våra kommuner", "omkring": "cirka", "ska": "kommer att", "nu": "nu i höst",
         "invånarna": "kommuninvånarna", "också": "även", "kronor": "kr", "gemensamma": "delade", "klar": "färdig",
         "börjar": "startar", "får": "erhåller", "ny": "helt ny", "nya": "helt nya", "stor": "omfattande",
         "under": "i samband med", "efter": "i och med", "mellan": "emellan"}
FILLERS = ("enligt kommunen", "som det ser ut nu", "bland annat", "enligt planen", "just nu")


def load() -> tuple[dict[str, Any], dict[str, Any]]:
    base = json.loads((FIXTURE / "base.json").read_text(encoding="utf-8"))
    decoys = json.loads((FIXTURE / "decoys.json").read_text(encoding="utf-8"))
    return base, decoys


def _reword(sentence: str, rng: random.Random) -> str:
    ws = sentence.rstrip(".").split()
    ws = [SWAPS.get(w, w) if rng.random() < 0.7 else w for w in ws]
    at = rng.randrange(1, max(2, len(ws)))
    ws.insert(at, rng.choice(FILLERS))
    return " ".join(ws) + "."


def version(story: dict[str, Any], site: str, edit: float, rng: random.Random, local: dict[str, Any]) -> dict[str, Any]:
    """One site's version of a press release at edit strength 0 (as sent) to 1 (much rewritten)."""
    facts = [f for f in story["facts"] if rng.random() >= 0.4 * edit] or story["facts"][:2]
    facts = [_reword(f, rng) if rng.random() < 0.9 * edit else f for f in facts]
    quotes = []
    for q in story["quotes"]:
        text = q["text"]
        if rng.random() < edit:
            text = text.split(". ")[0].rstrip(".") + "."  # trimmed to its first sentence
        quotes.append(f"– {text.rstrip('.')}, säger {q['speaker']}, {q['role']}.")
    paras = [" ".join(facts[i:i + 2]) for i in range(0, len(facts), 2)]
    paras.insert(min(1, len(paras)), quotes[0])
    paras.insert(min(4, len(paras)), quotes[1])
    pool = list(local["local"][site])
    rng.shuffle(pool)
    added = pool[:round(4 * edit)]
    if added:
        paras.insert(0 if rng.random() < 0.5 else len(paras), " ".join(added[:2]))
        if added[2:]:
            paras.append(" ".join(added[2:]))
    title = rng.choice(story["alt_titles"]) if rng.random() < edit * 1.5 else story["title"]
    lead = local["local_leads"][site] + " " + story["lead"] if rng.random() < edit * 1.5 else story["lead"]
    return {"site": site, "title": title, "lead": lead, "body": "\n\n".join(paras), "published": story["date"],
            "edit": round(edit, 2)}


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def _pairs_in_band(story: dict[str, Any], band: tuple[float, float], base: dict[str, Any]) -> list[dict] | None:
    """The versions of one release on its sites with every pair's Jaccard in the band."""
    rng = random.Random(f"{SEED}:{story['id']}:{band}")
    for _attempt in range(3000):
        edits = [rng.uniform(0, 1) for _ in story["sites"]]
        versions = [version(story, site, e, rng, base) for site, e in zip(story["sites"], edits, strict=True)]
        js = [jaccard(a["body"], b["body"]) for a, b in itertools.combinations(versions, 2)]
        if all(band[0] <= j < band[1] for j in js):
            for v in versions:
                v["jaccard_to_others"] = [round(j, 3) for j in js]
            return versions
    return None


def decoy_articles(decoys: dict[str, Any], base: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for d in decoys["decoys"]:
        for a in d["articles"]:
            body = a.get("body") or d["body"].replace("{local}", " ".join(base["local"][a["site"]][:3]))
            out.append({"site": a["site"], "title": a["title"], "lead": a["lead"], "body": body,
                        "published": a["date"], "decoy": d["id"], "kind": d["kind"]})
    return out


def build() -> dict[str, Any]:
    base, decoys = load()
    rounds, missing = [], []
    for band in BANDS:
        stories = []
        for story in base["stories"]:
            versions = _pairs_in_band(story, band, base)
            if versions is None:
                missing.append(f"{story['id']} in {band}")
                continue
            stories.append({"story": story["id"], "versions": versions})
        rounds.append({"band": list(band), "stories": stories})
    return {"about": __doc__.split("\n\n")[2].replace("\n", " "), "rounds": rounds,
            "decoys": decoy_articles(decoys, base), "not_found": missing}


def main() -> None:
    data = build()
    (FIXTURE / "graded.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for r in data["rounds"]:
        print(f"band {r['band']}: {len(r['stories'])} stories")
    print(f"decoys: {len(data['decoys'])} articles; not found: {data['not_found']}")


if __name__ == "__main__":
    main()
