from bench.generate import records
from bench.store_cost import main
from pipelines.validate import record_errors


def test_generated_records_pass_the_schema_as_a_crawls_do():
    items = list(records(1, 0, 40))
    assert [record_errors(i.record) for i in items] == [[]] * 40
    assert all(len(i.record["published_at"]) in (10, 25) for i in items)
    assert {len(i.record["published_at"]) for i in items} == {10, 25}  # dates alone and times with offsets


def test_store_cost_prints_each_part_per_article(capsys):
    main(["--articles", "60"])
    out = capsys.readouterr().out
    assert out.startswith("validate ") and "analyse " in out and "write (analysis ahead) " in out
    assert "ms CPU an article (60 generated records, batches of 50)" in out
