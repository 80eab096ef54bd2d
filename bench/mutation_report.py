"""The kill rate per module of the last mutation run (make mutate), as a markdown table.

    .venv/bin/python -m bench.mutation_report [FILE.py ...] [--survivors]

mutmut 3 keeps each mutated file's verdicts in mutants/<path>.meta (JSON: exit code by mutant
name). A mutant is killed when a test failed (or timed out) on it, survived when the tests passed
(or no test ran its code). Survivors that a person read and found equivalent (no input can tell
them from the original) are listed with a one-line reason in bench/mutation_equivalents.toml; they
are counted apart and left out of the kill rate:

    kill rate = killed / (mutants - equivalent - not checked)

An entry of that list whose mutant is no longer a survivor (killed by a new test, or renumbered
because its function changed) is printed as stale, to be removed or re-read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

MUTANTS = Path("mutants")
EQUIVALENTS = Path(__file__).with_name("mutation_equivalents.toml")

# mutmut's exit codes (mutmut/stats.py), folded into the table's columns.
KILLED_CODES = {1, 3, 36, 37, -24, 24, 152, 255}  # a failing test, an internal pytest error, a timeout, the type checker
SURVIVED_CODES = {0, 5, 33}  # the tests passed, or no test reached the mutant


@dataclass
class ModuleCount:
    module: str
    mutants: int = 0
    killed: int = 0
    survived: int = 0
    equivalent: int = 0
    not_checked: int = 0

    @property
    def kill_rate(self) -> float | None:
        judged = self.mutants - self.equivalent - self.not_checked
        return self.killed / judged if judged else None


def load_equivalents(path: Path = EQUIVALENTS) -> dict[str, str]:
    """Mutant name -> the reason it is equivalent."""
    if not path.exists():
        return {}
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("equivalent", [])
    return {entry["mutant"]: entry["reason"] for entry in entries}


def meta_files(sources: list[str]) -> list[Path]:
    if sources:
        return [MUTANTS / f"{source}.meta" for source in sources if (MUTANTS / f"{source}.meta").exists()]
    return sorted(MUTANTS.rglob("*.py.meta"))


def count(meta: Path, equivalents: dict[str, str], survivors: list[str]) -> ModuleCount:
    module = meta.relative_to(MUTANTS).as_posix().removesuffix(".meta")
    result = ModuleCount(module)
    exit_codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
    for name, code in exit_codes.items():
        result.mutants += 1
        if code is None:
            result.not_checked += 1
        elif code in SURVIVED_CODES and name in equivalents:
            result.equivalent += 1
        elif code in SURVIVED_CODES:
            result.survived += 1
            survivors.append(name)
        elif code in KILLED_CODES:
            result.killed += 1
        else:  # suspicious, segfault, interrupted: not a verdict
            result.not_checked += 1
    return result


def stale_equivalents(equivalents: dict[str, str], metas: list[Path]) -> list[str]:
    """Listed as equivalent but not a survivor of the modules read (killed now, or gone)."""
    surviving: set[str] = set()
    for meta in metas:
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        surviving |= {name for name, code in codes.items() if code in SURVIVED_CODES}
    modules = {m.relative_to(MUTANTS).as_posix().removesuffix(".py.meta").replace("/", ".") for m in metas}
    in_scope = [name for name in equivalents if name.rsplit(".", 1)[0] in modules]
    return [name for name in in_scope if name not in surviving]


def table(rows: list[ModuleCount]) -> str:
    lines = [f"Mutation testing, {date.today().isoformat()} (the last mutmut run in mutants/)", "",
             "| module | mutants | killed | survived | equivalent (marked) | not checked | kill rate |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        rate = "n/a" if r.kill_rate is None else f"{100 * r.kill_rate:.1f} %"
        lines.append(f"| {r.module} | {r.mutants} | {r.killed} | {r.survived} | {r.equivalent} | {r.not_checked} | {rate} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="*", help="mutated files (default: every file of the last run)")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants (see: mutmut show NAME)")
    args = parser.parse_args(argv)
    equivalents = load_equivalents()
    metas = meta_files(args.sources)
    if not metas:
        print("no mutation results in mutants/: run `make mutate` first", file=sys.stderr)
        return 1
    survivors: list[str] = []
    rows = [count(meta, equivalents, survivors) for meta in metas]
    rows = [row for row in rows if row.mutants]  # files without functions (__init__.py) have none
    print(table(rows))
    if args.survivors and survivors:
        print("\nsurvivors:\n" + "\n".join(f"  {name}" for name in survivors))
    stale = stale_equivalents(equivalents, metas)
    if stale:
        print("\nstale entries in bench/mutation_equivalents.toml (no longer survivors):\n"
              + "\n".join(f"  {name}" for name in stale))
    return 0


if __name__ == "__main__":
    sys.exit(main())
