"""Everything storing makes of an article's text, one line an article, to compare two versions of
the code with `cmp`: a change meant to make storing cheaper must print the same bytes.

    .venv/bin/python -m bench.analysis_dump [--generated 3000] > after.txt
    (cd ../main && PYTHONPATH=. ../crawlcost/.venv/bin/python -m bench.analysis_dump) > before.txt
    cmp before.txt after.txt

For every row of every file of tests/fixtures/topics/*.jsonl (the labelled sets and the second
readers, titles, leads and bodies as written): the rules' topics, the model's margins (repr, every
bit) and the product's topics. For generated records (bench/generate.py, seed 1, as a crawl's
articles read), the whole Analysis (words, stems, topics, the MinHash signature and its LSH bands)
and the schema's verdict.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from archive.analysis import Analysis
from archive.stories import bands
from archive.topic_model import margins
from archive.topics import by_rules, classify
from bench.generate import generated_record
from pipelines.validate import record_errors

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "topics"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--generated", type=int, default=3000, help="Generated records (default: %(default)s).")
    args = parser.parse_args(argv)
    out = sys.stdout
    for path in sorted(FIXTURES.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            r = json.loads(line)
            title, lead, body = r.get("title"), r.get("lead"), r.get("body")
            m = margins(title, lead, body)
            out.write(f"{path.name}:{n}\t{by_rules(title, lead, body)}\t{classify(title, lead, body)}\t"
                      f"{[(t, repr(v)) for t, v in m.items()]}\n")
    for i in range(args.generated):
        _, record = generated_record(1, i)
        a = Analysis.of(record)
        sig = a.signature
        out.write(f"generated:{i}\t{a.topics}\t{_digest(a.title_words)} {_digest(a.title_stems)} "
                  f"{_digest(a.words)} {_digest(a.stems)}\t"
                  f"{'-' if sig is None else hashlib.sha256(sig.tobytes()).hexdigest()[:16]}\t"
                  f"{'-' if sig is None else _digest(repr(bands(sig)))}\t{record_errors(record)}\n")


if __name__ == "__main__":
    main()
