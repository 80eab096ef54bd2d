"""The mutation report's counts and kill rate, read from a mutmut meta file made here."""

import json

from bench import mutation_report
from bench.mutation_report import ModuleCount, count, load_equivalents, stale_equivalents, table


def test_counts_and_kill_rate(tmp_path, monkeypatch):
    monkeypatch.setattr(mutation_report, "MUTANTS", tmp_path)
    meta = tmp_path / "records" / "parsers" / "dates.py.meta"
    meta.parent.mkdir(parents=True)
    codes = {"records.parsers.dates.x_a__mutmut_1": 1, "records.parsers.dates.x_a__mutmut_2": 36,  # killed, timeout
             "records.parsers.dates.x_a__mutmut_3": 0, "records.parsers.dates.x_a__mutmut_4": 33,  # survived, no tests
             "records.parsers.dates.x_a__mutmut_5": 0,  # survived but listed as equivalent
             "records.parsers.dates.x_a__mutmut_6": None}  # not checked
    meta.write_text(json.dumps({"exit_code_by_key": codes}))
    survivors: list[str] = []
    row = count(meta, {"records.parsers.dates.x_a__mutmut_5": "why", "records.parsers.dates.x_a__mutmut_1": "old"},
                survivors)
    assert (row.module, row.mutants, row.killed, row.survived, row.equivalent, row.not_checked) == (
        "records/parsers/dates.py", 6, 2, 2, 1, 1)
    assert row.kill_rate == 0.5
    assert survivors == ["records.parsers.dates.x_a__mutmut_3", "records.parsers.dates.x_a__mutmut_4"]
    stale = stale_equivalents({"records.parsers.dates.x_a__mutmut_5": "why", "records.parsers.dates.x_a__mutmut_1": "old",
                               "archive.query.x_b__mutmut_1": "another module"}, [meta])
    assert stale == ["records.parsers.dates.x_a__mutmut_1"]
    assert "| records/parsers/dates.py | 6 | 2 | 2 | 1 | 1 | 50.0 % |" in table([row])


def test_a_module_with_nothing_judged_has_no_rate():
    assert ModuleCount("m", mutants=2, not_checked=2).kill_rate is None
    assert "| m | 2 | 0 | 0 | 0 | 2 | n/a |" in table([ModuleCount("m", mutants=2, not_checked=2)])


def test_every_listed_equivalent_has_a_reason():
    equivalents = load_equivalents()
    assert equivalents and all(reason.strip() for reason in equivalents.values())
