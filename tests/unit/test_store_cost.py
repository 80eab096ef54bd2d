from bench.generate import records
from bench.store_cost import main, valid
from pipelines.validate import record_errors


def test_generated_records_are_made_valid_as_a_crawls_are():
    items = list(records(1, 0, 40))
    assert any(record_errors(i.record) for i in items)  # the generator writes minute-only times
    fixed = valid(items)
    assert [record_errors(i.record) for i in fixed] == [[]] * 40
    assert all(len(i.record["published_at"]) in (10, 25) for i in fixed)


def test_store_cost_prints_each_part_per_article(capsys):
    main(["--articles", "60"])
    out = capsys.readouterr().out
    assert out.startswith("validate ") and "analyse " in out and "write (analysis ahead) " in out
    assert "ms CPU an article (60 generated records, batches of 50)" in out
