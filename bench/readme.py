"""A benchmark's rows in the README's "Measured" table: one Markdown row per figure (figure |
measured | reference or aim | met), printed after the benchmark's own tables under one fixed
heading, so that `python -m bench all` (bench/__main__.py) collects every benchmark's rows into
one table and its test can check that each printed a figure."""

from __future__ import annotations

from dataclasses import dataclass

HEADING = "README rows (figure | measured | aim | met):"
COLUMNS = 4


@dataclass(frozen=True)
class Row:
    figure: str
    measured: str  # the figure beside its reference where it has one: "119 vs 198 pages/s: 0.60"
    aim: str
    met: bool | str  # a word where yes or no says too little ("SQLite only")

    def markdown(self) -> str:
        met = self.met if isinstance(self.met, str) else "yes" if self.met else "no"
        return f"| {self.figure} | {self.measured} | {self.aim} | {met} |"


def print_rows(*rows: Row) -> None:
    print(f"\n{HEADING}")
    for row in rows:
        print(row.markdown())


def read_rows(output: str) -> list[list[str]]:
    """The cells of each row printed under HEADING in a benchmark's output."""
    _, found, after = output.partition(HEADING)
    if not found:
        return []
    rows = []
    for line in after.strip().splitlines():
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    return rows


def ratio(value: float, reference: float) -> str:
    return f"{value / reference:.2f}" if reference else "n/a"
