"""`kommunarkiv parse`: the record of saved pages, through the real CLI."""

import json

from click.testing import CliRunner

from kommunarkiv.cli import main
from tests.conftest import PAGES, saved_page


def run(*args):
    return CliRunner().invoke(main, ["parse", *args])


def test_one_file_gives_the_same_record_as_the_crawl_would():
    body, url = saved_page("kungsor/seed.html")
    result = run(str(PAGES / "kungsor" / "seed.html"), "--url", url)
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert record["url"] == url and record["municipality"] == "kungsor"
    assert [q["speaker"] for q in record["quotes"]][:2] == ["Anders Röhfors", "Ardalan Shekarabi"]


def test_municipality_from_the_footer_when_the_url_is_a_file():
    record = json.loads(run(str(PAGES / "arboga" / "seed.html")).output)
    assert record["url"].startswith("file://") and record["municipality"] == "arboga"


def test_relative_links_of_a_saved_page_resolve_against_its_canonical_url():
    record = json.loads(run(str(PAGES / "koping" / "article-images.html")).output)
    assert record["images"] and all(i["url"].startswith("https://www.koping.se/images/18.") for i in record["images"])


def test_a_folder_gives_json_lines_and_a_coverage_table():
    result = run(str(PAGES / "koping"), "--coverage")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    records = [json.loads(line) for line in lines if line.startswith("{")]
    assert len(records) == 6
    table = {line.split()[0]: line.split()[1] for line in lines[len(records):] if line and not line.startswith("field")}
    assert table["title"] == "6" and table["published_at"] == str(sum(1 for r in records if r["published_at"]))


def test_an_empty_folder_is_a_clear_error(tmp_path):
    result = run(str(tmp_path))
    assert result.exit_code == 2 and "no .html files" in result.output
