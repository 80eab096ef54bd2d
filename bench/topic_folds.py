"""Do the topic rules carry over from one labelled set to another? Two checks, over the labelled sets of
tests/fixtures/topics/ (bench.topics.SETS: labels, heldout, heldout2, then each later set's two parts as one):

1. precision / recall per topic and set, side by side, to see which set a topic is weak on;
2. leave one set out: whole words learned from the other sets' missed articles (words of the title and
   lead, written in lower case, in at least two labelled articles, at least 80 % of whose articles
   have the topic, and no topic word yet) are added to the rules, and the set left out is scored with
   and without them. Words that do not improve the set left out are not worth keeping.

    .venv/bin/python -m bench.topic_folds
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from archive import topics as rules
from archive.topic_words import WHOLE_STEMS
from bench.topics import SETS, load

MIN_ARTICLES, MIN_SHARE = 2, 0.8


def scores(rows: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Per topic other than samverkan, (precision, recall) of the rules on these rows."""
    given = [set(rules.by_rules(r["title"], r["lead"], r["body"])) for r in rows]
    out = {}
    for t in rules._PREFIXES:
        tp = sum(t in g and t in r["topics"] for g, r in zip(given, rows, strict=True))
        fp = sum(t in g and t not in r["topics"] for g, r in zip(given, rows, strict=True))
        fn = sum(t not in g and t in r["topics"] for g, r in zip(given, rows, strict=True))
        out[t] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
    return out


def _headline_words(row: dict[str, Any]) -> set[str]:
    text = " ".join(filter(None, [row["title"], row["lead"]]))
    return {w.lower() for w in re.findall(r"\b\w+\b", text) if len(w) >= 4 and not w[0].isupper() and not w.isdigit()}


def learn(rows: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Per topic, the words of the missed articles' titles and leads that mostly mean the topic."""
    learned: dict[str, set[str]] = defaultdict(set)
    for t in rules._PREFIXES:
        with_topic, without, missed = Counter[str](), Counter[str](), Counter[str]()
        for r in rows:
            ws = _headline_words(r)
            (with_topic if t in r["topics"] else without).update(ws)
            if t in r["topics"] and t not in rules.by_rules(r["title"], r["lead"], r["body"]):
                missed.update(ws)
        learned[t] = {w for w in missed if with_topic[w] >= MIN_ARTICLES and not rules._topics_of_word(w)
                      and with_topic[w] / (with_topic[w] + without[w]) >= MIN_SHARE}
    return {t: ws for t, ws in learned.items() if ws}


def _with_words(words: dict[str, set[str]], add: bool) -> None:
    for t, ws in words.items():
        (WHOLE_STEMS.setdefault(t, set()).update if add else WHOLE_STEMS[t].difference_update)(ws)
    rules.clear_caches()


def main() -> None:
    rows = {name: load(None, files) for name, files in SETS.items()}
    per_set = {name: scores(rs) for name, rs in rows.items()}
    print("| topic | " + " | ".join(f"{name} P / R" for name in SETS) + " |")
    print("|---|" + "---|" * len(SETS))
    for t in rules._PREFIXES:
        print(f"| {t} | " + " | ".join(f"{per_set[n][t][0]:.3f} / {per_set[n][t][1]:.3f}" for n in SETS) + " |")
    print("\nLeave one set out: words learned from the other sets, the held-out set scored without and with them")
    for held in SETS:
        words = learn([r for name, rs in rows.items() if name != held for r in rs])
        _with_words(words, add=True)
        after = scores(rows[held])
        _with_words(words, add=False)
        before = per_set[held]
        changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
        print(f"- {held}: learned {({t: sorted(ws) for t, ws in words.items()}) or 'nothing'}")
        for t, ((p0, r0), (p1, r1)) in changed.items():
            print(f"    {t}: {p0:.3f} / {r0:.3f} -> {p1:.3f} / {r1:.3f}")
        if not changed:
            print("    no topic's figures changed")


if __name__ == "__main__":
    main()
