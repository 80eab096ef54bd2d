"""Every benchmark in one command, each printing its rows of the README's "Measured" table.

    .venv/bin/python -m bench all                  # the README's sizes (hours: 1M-article archives, 100k-page crawls)
    .venv/bin/python -m bench all --quick --jobs 2 # toy sizes, about a minute: what CI runs, so no benchmark rots
    .venv/bin/python -m bench all --only parse_speed,topics

Each benchmark runs in a process of its own (`python -m bench.MODULE ARGS`, as the README gives
it), its output shown as it comes; at the end the rows every benchmark printed (bench/readme.py)
make one table. The exit status is 1 when any benchmark failed or printed no row. The figures of a
quick run check that each benchmark still runs and measures, not the speed: its sizes are far too
small for the ratios to mean anything.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench.readme import read_rows

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
TOPICS = FIXTURES / "topics"
TMP = "{tmp}"  # in an argument: a fresh temporary folder of this run


@dataclass(frozen=True)
class Bench:
    name: str
    module: str  # bench/MODULE.py
    full: tuple[str, ...]  # the README's sizes
    quick: tuple[str, ...]  # toy sizes for CI

    def command(self, quick: bool, tmp: str) -> list[str]:
        args = self.quick if quick else self.full
        return [sys.executable, "-m", f"bench.{self.module}", *(a.replace(TMP, tmp) for a in args)]

    def present(self) -> bool:
        return importlib.util.find_spec(f"bench.{self.module}") is not None


AGREEMENT = (str(TOPICS / "heldout.jsonl"), str(TOPICS / "heldout-second-reader.jsonl"))
# The third judge, written in two parts by two writers, scored as one set.
HELDOUT3 = ("--labels", str(TOPICS / "heldout3a.jsonl"), str(TOPICS / "heldout3b.jsonl"))
BENCHES = (
    Bench("parse_speed", "parse_speed", ("--pages", "5000", "--repeat", "3"), ("--pages", "15", "--repeat", "1")),
    Bench("parse_accuracy", "parse_accuracy", ("--per-site", "500"), ("--per-site", "2")),
    Bench("crawl_speed", "crawl_speed", ("--articles", "10000"), ("--articles", "10", "--sites", "kungsor")),
    Bench("crawl_memory", "crawl_memory", ("--pages", "10000", "100000"), ("--pages", "10", "20", "--sites", "kungsor")),
    Bench("recrawl", "recrawl", ("--extra-articles", "1000"), ("--extra-articles", "5", "--changed", "2", "--sites", "kungsor")),
    Bench("ingest", "ingest", ("--articles", "100000"), ("--articles", "100", "--batch", "50")),
    Bench("neardup", "neardup", (), ("--small", "200", "--large", "400", "--probe", "50")),
    Bench("search_latency", "search_latency", ("--sizes", "100000", "1000000"),
          ("--sizes", "100", "--backends", "sqlite", "--queries", "3", "--data", TMP)),
    Bench("story_grouping", "story_grouping", (), ()),
    Bench("topics", "topics", (), ()),
    Bench("topics_heldout", "topics", ("--labels", str(TOPICS / "heldout.jsonl")),
          ("--labels", str(TOPICS / "heldout.jsonl"))),
    Bench("topics_heldout2", "topics", ("--labels", str(TOPICS / "heldout2.jsonl")),
          ("--labels", str(TOPICS / "heldout2.jsonl"))),
    Bench("topics_heldout3", "topics", HELDOUT3, HELDOUT3),
    Bench("label_agreement", "label_agreement", AGREEMENT, AGREEMENT),
    Bench("ingest_growth", "ingest_growth", ("--db", "data/bench/growth.sqlite", "--at", "10000", "35000"),
          ("--db", f"{TMP}/growth.sqlite", "--at", "100", "200")),
    Bench("serve_load", "serve_load", ("--db", "data/bench/serve-100000.sqlite", "--articles", "100000"),
          ("--db", f"{TMP}/serve.sqlite", "--articles", "200", "--users", "2", "--seconds", "5", "--queries", "20",
           "--crawl-articles", "5")),
)
# Modules of bench/ that are not benchmarks of their own, and why.
NOT_BENCHMARKS = {
    "__main__": "this runner of the others",
    "readme": "the README row that each benchmark prints",
    "crawling": "the replica process and timed crawl that crawl_speed and crawl_memory share",
    "generate": "fills an archive for search_latency (and by hand for others); prints a rate, no README figure",
    "copies": "grows an archive (SQLite or PostgreSQL) by copies for search_latency at 1M articles",
    "story_set": "writes the graded fixture that story_grouping scores; measures nothing",
    "locustfile": "the requests of serve_load's simulated users, read by locust",
    "mutation_report": "the kill-rate table that make mutate prints; a mutmut run takes hours, not a bench size",
    "hostile_crawl": "times the hostile-replica test crawl once bounded in tests; a minute a run, no README row",
    "topic_folds": "per-set topic figures side by side and a leave-one-set-out check of learned words; no README row",
    "topic_model": "leave-one-set-out trained topic classifier against the rules; minutes a run, needs extra bench",
    "rum_phrases": "RUM against GIN for phrase counts; needs postgresql-15-rum on the server and minutes to build the index",
    "rum_cost": "RUM against GIN on each vector (counts, writing documents); the README's Search latency section, by hand",
    "train_topics": "trains the shipped topic model on every labelled set and writes archive/topic_weights.json.gz; not a figure",
    "topic_cost": "CPU ms an article of the rules, the model and the product; the README's Topics section, by hand",
    "url_state": "the crawl's per-URL state alone, on disk against in memory; the README's Crawl memory paragraph, by hand",
    "store_cost": "CPU ms an article of validating, analysing and writing; the README's Crawl speed section, by hand",
    "analysis_dump": "prints every analysis output an article, for comparing two commits with cmp; measures nothing",
}


@dataclass
class Outcome:
    bench: Bench
    returncode: int
    rows: list[list[str]]
    seconds: float
    cpu_seconds: float  # of the benchmark's process and those it waited for: what a busy machine does not stretch
    output: str


def run(bench: Bench, quick: bool, echo: bool = True) -> Outcome:
    """One benchmark in its own process, its output passed on as it comes (`echo`) and kept."""
    with tempfile.TemporaryDirectory() as tmp:
        command = bench.command(quick, tmp)
        lines = [f"\n### {bench.name}: {' '.join(['python', *command[1:]])}\n"]
        if echo:
            print(lines[0], end="", flush=True)
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        for line in proc.stdout:  # type: ignore[union-attr]
            if echo:
                print(line, end="", flush=True)
            lines.append(line)
        _, status, usage = os.wait4(proc.pid, 0)  # its CPU time, with that of the processes it waited for
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen
    output = "".join(lines)
    return Outcome(bench, proc.returncode, read_rows(output), time.perf_counter() - start,
                   usage.ru_utime + usage.ru_stime, output)


def selected(only: str | None) -> list[Bench]:
    names = [n.strip() for n in only.split(",")] if only else None
    known = {b.name for b in BENCHES}
    unknown = [n for n in names or () if n not in known]
    if unknown:
        raise SystemExit(f"bench: no benchmark {unknown[0]!r}; known: {', '.join(sorted(known))}")
    return [b for b in BENCHES if names is None or b.name in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["all"], help="all: every benchmark (see --only)")
    parser.add_argument("--quick", action="store_true", help="toy sizes (CI): checks each runs, not the speed")
    parser.add_argument("--only", metavar="NAME,...", help="only these benchmarks")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="run N benchmarks at a time (for --quick: a crawl mostly waits; never for figures "
                             "that mean something, as they share the machine)")
    args = parser.parse_args(argv)
    benches = selected(args.only)
    present, absent = [b for b in benches if b.present()], [b for b in benches if not b.present()]
    if args.jobs > 1:
        with ThreadPoolExecutor(args.jobs) as pool:
            outcomes = []
            for outcome in pool.map(lambda b: run(b, args.quick, echo=False), present):
                print(outcome.output, end="", flush=True)
                outcomes.append(outcome)
    else:
        outcomes = [run(b, args.quick) for b in present]
    sizes = "quick (toy sizes: the figures say each benchmark runs, not how fast)" if args.quick else "the README's"
    print(f"\n## README rows, {datetime.date.today()}, sizes {sizes}\n")
    print("| figure | measured | aim | met |\n|---|---|---|---|")
    for o in outcomes:
        for cells in o.rows:
            print(f"| {' | '.join(cells)} |")
    print()
    failed = [o for o in outcomes if o.returncode != 0 or not o.rows]
    for o in outcomes:
        state = "ok" if o not in failed else f"FAILED (exit {o.returncode}, {len(o.rows)} rows)"
        print(f"{o.bench.name}: {state}, {o.seconds:.1f} s ({o.cpu_seconds:.1f} s of CPU)")
    for bench in absent:
        print(f"{bench.name}: not run (no bench/{bench.module}.py yet)")
    print(f"all: {sum(o.cpu_seconds for o in outcomes):.1f} s of CPU")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
