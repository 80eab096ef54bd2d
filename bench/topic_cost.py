"""What giving an article its topics costs: CPU milliseconds an article, warm (each text classified
once before the timed pass, so the caches of stems and words are full, as in a long crawl), over
every labelled article of bench.topics.SETS, for the rules alone, the model alone and the product.

    .venv/bin/python -m bench.topic_cost [--repeat 2]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from archive.topic_model import margins, model
from archive.topics import by_rules, classify
from bench.topics import SETS, load

WAYS: dict[str, Callable[[str | None, str | None, str | None], object]] = {
    "rules alone (archive.topics.by_rules)": by_rules,
    "model alone (archive.topic_model.margins)": margins,
    "product (archive.topics.classify)": classify,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2, help="Timed passes of each (default: %(default)s).")
    args = parser.parse_args(argv)
    rows = [(r["title"], r["lead"], r["body"]) for files in SETS.values() for r in load(None, files)]
    model()  # the weights are read once, at the first article
    for name, way in WAYS.items():
        for row in rows:
            way(*row)
        times = []
        for _ in range(args.repeat):
            start = time.process_time()
            for row in rows:
                way(*row)
            times.append((time.process_time() - start) / len(rows) * 1000)
        print(f"{name}: {' / '.join(f'{t:.2f}' for t in times)} ms an article (CPU, warm, {len(rows)} articles)")


if __name__ == "__main__":
    main()
