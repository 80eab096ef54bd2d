"""How far two readers of one labelled set agree, topic by topic: raw agreement and Cohen's kappa
(agreement beyond what two readers giving the same topics at random would reach).

    .venv/bin/python -m bench.label_agreement tests/fixtures/topics/heldout.jsonl \
        tests/fixtures/topics/heldout-second-reader.jsonl

Both files are JSON lines with an `id` and a `topics` list; only ids present in both count.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bench.readme import Row, print_rows


def read_topics(path: Path) -> dict[str, set[str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: set(r["topics"]) for r in rows}


def agreement(first: dict[str, set[str]], second: dict[str, set[str]]) -> dict[str, Any]:
    ids = sorted(first.keys() & second.keys())
    n = len(ids)
    per: dict[str, dict[str, float]] = {}
    for topic in sorted({t for s in (*first.values(), *second.values()) for t in s}):
        a = [topic in first[i] for i in ids]
        b = [topic in second[i] for i in ids]
        observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
        pa, pb = sum(a) / n, sum(b) / n
        chance = pa * pb + (1 - pa) * (1 - pb)
        kappa = 1.0 if chance == 1 else (observed - chance) / (1 - chance)
        per[topic] = {"first": sum(a), "second": sum(b), "agreement": observed, "kappa": kappa}
    return {"articles": n, "identical": sum(first[i] == second[i] for i in ids), "topics": per}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args()
    r = agreement(read_topics(args.first), read_topics(args.second))
    print(f"{r['articles']} articles read by both, {r['identical']} given the same topics\n")
    print("| topic | first reader | second reader | agreement | Cohen's kappa |")
    print("|---|---|---|---|---|")
    for topic, t in r["topics"].items():
        print(f"| {topic} | {t['first']} | {t['second']} | {t['agreement']:.3f} | {t['kappa']:.2f} |")
    lowest = min(t["kappa"] for t in r["topics"].values())
    print_rows(Row(f"topic labels read by a second reader ({args.second.name}): Cohen's kappa, the lowest topic",
                   f"{lowest:.2f} ({r['identical']} of {r['articles']} articles given the same topics)", "≥ 0.85",
                   lowest >= 0.85))


if __name__ == "__main__":
    main()
