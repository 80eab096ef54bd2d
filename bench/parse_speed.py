"""Parse speed: article pages per second on one core, kommunarkiv's parser beside
trafilatura.extract (with metadata) on the same replica pages, with how often each gets the
title, the publication date and the body's first paragraph right; then the same pages as files,
each parser's command line timed as a whole process (start-up included), as a user runs it.

    .venv/bin/python -m bench.parse_speed [--pages 5000] [--repeat 3]

Pages are rendered by the replica (hand-written and synthetic articles of all three sites, as
many synthetic ones as --pages needs) as the live origin would serve them; both parsers get the
same bytes. In process: best of --repeat over all pages, after one page to import and warm up.
Whole process: `kommunarkiv parse DIR` (one JSON line per page) against `trafilatura --input-dir
DIR --json --with-metadata --parallel 1` (one worker process), both writing to a file, best of
--repeat. Prints Markdown tables and the README rows.

Aim (issue 18): >= 10x trafilatura as whole processes over at least 5,000 pages, no field worse
(bench/parse_accuracy.py scores the fields).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.readme import Row, print_rows
from records.parsers import parse_article
from replica import render
from replica.content import load_site
from replica.profiles import DEFAULT_SITES


def pages(n: int) -> list[tuple[bytes, str, object]]:
    per_site = -(-n // len(DEFAULT_SITES))
    out = []
    for slug in DEFAULT_SITES:
        content = load_site(slug, extra_articles=per_site)  # more than enough beside the hand-written ones
        base = "https://" + content.profile.live_host
        for a in content.articles[:per_site]:
            out.append((render.render_article(content, base, a).encode(), base + a.path, a))
    return out[:n]


def ours(body: bytes, url: str) -> dict:
    r = parse_article(body, url)
    return {"title": r.title, "date": r.published_at, "text": r.body}


def trafilatura_extract(body: bytes, url: str) -> dict:
    import trafilatura

    out = trafilatura.extract(body, url=url, with_metadata=True, output_format="json")
    data = json.loads(out) if out else {}
    return {"title": data.get("title"), "date": data.get("date"), "text": data.get("text") or ""}


def correct(result: dict, article) -> dict[str, bool]:
    first = " ".join(article.body.split("\n\n")[0].removeprefix("## ").split())
    return {
        "title": (result["title"] or "").replace("\xa0", " ") == article.title.replace("\xa0", " "),
        "date": (result["date"] or "")[:10] == article.published[:10],
        "body": first[:80] in " ".join((result["text"] or "").split()),
    }


def measure(fn, corpus, repeat: int) -> tuple[float, dict[str, float]]:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        results = [fn(body, url) for body, url, _ in corpus]
        best = min(best, time.perf_counter() - start)
    scores = [correct(r, a) for r, (_, _, a) in zip(results, corpus, strict=True)]
    return len(corpus) / best, {k: sum(s[k] for s in scores) / len(scores) for k in scores[0]}


REAL_PAGE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "real" / "kungsbacka-chrome" / \
    "valnamndens-sammantraden.html"


def real_page_speed(fn, repeat: int, n: int = 50) -> float | None:
    """Pages/s on the real 112 KB Kungsbacka page (tests/fixtures/real), heavier than the replica's pages."""
    if not REAL_PAGE.exists():
        return None
    body, url = REAL_PAGE.read_bytes(), "https://kungsbacka.se/valnamndens-sammantraden"
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(n):
            fn(body, url)
        best = min(best, time.perf_counter() - start)
    return n / best


BIN = Path(sys.executable).parent
COMMANDS = {"kommunarkiv parse DIR": [str(BIN / "kommunarkiv"), "parse", "{dir}"],
            "trafilatura --input-dir DIR": [str(BIN / "trafilatura"), "--input-dir", "{dir}", "--json",
                                            "--with-metadata", "--parallel", "1"]}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def whole_process(corpus, repeat: int) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds of each command over the corpus as files (best of `repeat` each); each
    must print one JSON record per page. CPU seconds leave out the time spent waiting for a core,
    which on a machine shared with other work can weigh on one command more than the other."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        pages_dir = Path(tmp) / "pages"
        pages_dir.mkdir()
        for n, (body, _, _) in enumerate(corpus):
            (pages_dir / f"page-{n:05d}.html").write_bytes(body)
        for name, template in COMMANDS.items():
            best = best_cpu = float("inf")
            for _ in range(repeat):
                with open(Path(tmp) / "out.jsonl", "w+b") as sink:
                    start, start_cpu = time.perf_counter(), _children_cpu()
                    done = subprocess.run([a.replace("{dir}", str(pages_dir)) for a in template], stdout=sink,
                                          stderr=subprocess.PIPE)
                    best = min(best, time.perf_counter() - start)
                    best_cpu = min(best_cpu, _children_cpu() - start_cpu)
                    sink.seek(0)
                    records = sum(1 for line in sink if line.startswith(b"{"))
                if done.returncode != 0 or records != len(corpus):
                    raise SystemExit(f"{name} exited {done.returncode} with {records} of {len(corpus)} records:\n"
                                     f"{done.stderr.decode(errors='replace')[-1500:]}")
            out[name] = (best, best_cpu)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = pages(args.pages)
    trafilatura_extract(*corpus[0][:2])  # import and warm up outside the timing
    size = sum(len(b) for b, _, _ in corpus) / len(corpus) / 1024
    print(f"{len(corpus)} replica article pages, {size:.0f} KB on average; best of {args.repeat}; "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}\n")
    rows = [("kommunarkiv parse_article", *measure(ours, corpus, args.repeat)),
            ("trafilatura.extract, with metadata", *measure(trafilatura_extract, corpus, args.repeat))]
    ref = rows[1][1]
    n_real = min(50, len(corpus))
    real = [real_page_speed(ours, args.repeat, n_real), real_page_speed(trafilatura_extract, args.repeat, n_real)]
    print("| parser | replica pages/s (one core) | vs trafilatura | title right | date right | body right "
          "| real 112 KB page/s | vs trafilatura |")
    print("|---|---|---|---|---|---|---|---|")
    for (name, speed, acc), r in zip(rows, real, strict=True):
        real_cols = f"{r:.0f} | {r / real[1]:.2f}x" if r and real[1] else "n/a | n/a"
        print(f"| {name} | {speed:.0f} | {speed / ref:.2f}x | {acc['title']:.0%} | {acc['date']:.0%} "
              f"| {acc['body']:.0%} | {real_cols} |")
    seconds = whole_process(corpus, args.repeat)
    print(f"\nWhole processes over the same {len(corpus)} pages as files, best of {args.repeat}:\n")
    print("| command | seconds | pages/s | vs trafilatura | CPU seconds | vs trafilatura, CPU |\n|---|---|---|---|---|---|")
    (ours_s, _), (theirs_s, theirs_cpu) = seconds.values()
    for name, (secs, cpu) in seconds.items():
        print(f"| `{name}` | {secs:.1f} | {len(corpus) / secs:.0f} | {theirs_s / secs:.2f}x | {cpu:.1f} "
              f"| {theirs_cpu / cpu:.2f}x |")
    in_process = rows[0][1] / ref
    print_rows(Row(f"parse: replica pages/s on one core, in process, against `trafilatura.extract` ({len(corpus):,} "
                   "pages)", f"{rows[0][1]:.0f} vs {ref:.0f}: {in_process:.2f}x", "≥ 10x", in_process >= 10),
               Row(f"parse: `kommunarkiv parse DIR` against `trafilatura --input-dir DIR`, whole processes over "
                   f"{len(corpus):,} pages", f"{ours_s:.1f} vs {theirs_s:.1f} s: {theirs_s / ours_s:.2f}x", "≥ 10x",
                   theirs_s / ours_s >= 10))


if __name__ == "__main__":
    main()
