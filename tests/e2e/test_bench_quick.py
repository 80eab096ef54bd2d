"""`python -m bench all --quick`, as CI runs it so that no benchmark rots: every registered
benchmark runs at toy sizes (the replica, crawls, archives, the parsers, the labelled sets) and
prints its README rows, each with a measured number."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import __main__ as runner
from bench.readme import COLUMNS, read_rows

# about 60 s of CPU: a minute on an idle 2-core machine, three on one shared by seven test runs
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]
ROOT = Path(__file__).resolve().parents[2]
NUMBER = re.compile(r"\d")


@pytest.fixture(scope="module")
def quick_run() -> subprocess.CompletedProcess[str]:
    # two at a time: a toy crawl mostly waits (on the replica, on Scrapy's idle check)
    return subprocess.run([sys.executable, "-m", "bench", "all", "--quick", "--jobs", "2"], cwd=ROOT,
                          capture_output=True, text=True, timeout=560)


def test_the_quick_run_ends_well(quick_run):
    assert quick_run.returncode == 0, quick_run.stdout[-3000:] + quick_run.stderr[-3000:]
    assert "FAILED" not in quick_run.stdout


def test_each_benchmark_printed_well_formed_rows_with_a_number(quick_run):
    sections = {s.split(":", 1)[0]: s for s in quick_run.stdout.split("\n### ")[1:]}
    present = [b.name for b in runner.BENCHES if b.present()]
    assert sorted(sections) == sorted(present)
    for name in present:
        rows = read_rows(sections[name])
        assert rows, f"{name} printed no README row"
        for cells in rows:
            assert len(cells) == COLUMNS, (name, cells)
            figure, measured, aim, met = cells
            assert figure and aim and met, (name, cells)
            assert NUMBER.search(measured), (name, cells)
            assert met in ("yes", "no") or met.endswith(" only"), (name, cells)


def test_the_closing_table_holds_every_row_each_benchmark_printed(quick_run):
    table = quick_run.stdout.split("\n## README rows, ")[1]
    rows = [cells for section in quick_run.stdout.split("\n### ")[1:] for cells in read_rows(section)]
    assert len(rows) >= len(runner.BENCHES) - 1
    for cells in rows:
        assert f"| {' | '.join(cells)} |" in table
