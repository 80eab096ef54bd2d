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
    records = [json.loads(line) for line in result.stdout.splitlines()]  # stdout is JSON lines only
    assert len(records) == 6
    table = {line.split()[0]: line.split()[1] for line in result.stderr.splitlines()
             if line and not line.startswith("field")}
    assert table["title"] == "6" and table["published_at"] == str(sum(1 for r in records if r["published_at"]))


def test_an_empty_folder_is_a_clear_error(tmp_path):
    result = run(str(tmp_path))
    assert result.exit_code == 2 and "no .html files" in result.output


def _one_line_error(result, why):
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kommunarkiv: cannot read ") and why in lines[0]
    assert "Traceback" not in result.output


def test_an_empty_file_exits_with_one_line(tmp_path):
    page = tmp_path / "empty.html"
    page.write_bytes(b"  \n")
    _one_line_error(run(str(page)), "the file is empty")


def test_a_pdf_saved_as_html_exits_with_one_line(tmp_path):
    page = tmp_path / "beslut.html"
    page.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    _one_line_error(run(str(page)), "it is a PDF, not an HTML page")


def test_binary_data_exits_with_one_line(tmp_path):
    page = tmp_path / "noise.html"
    page.write_bytes(bytes(range(256)) * 4)
    _one_line_error(run(str(page)), "it is binary data, not an HTML page")


def test_a_page_without_title_or_text_exits_with_one_line(tmp_path):
    page = tmp_path / "blank.html"
    page.write_text("<html><head><script>var x = 1;</script></head><body><div></div></body></html>")
    _one_line_error(run(str(page)), "no title and no text found in it")


def test_a_failing_parser_gives_one_line_not_a_traceback(tmp_path, monkeypatch):
    import kommunarkiv.cli.parse

    def broken(*args, **kwargs):
        raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean.\nInstall it.")

    monkeypatch.setattr(kommunarkiv.cli.parse, "parse_article", broken)
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Text</p></body></html>")
    _one_line_error(run(str(page)), "the parser failed: ImportError: lxml.html.clean module is now a separate")


def test_in_a_folder_the_readable_pages_are_printed_and_the_run_exits_non_zero(tmp_path):
    (tmp_path / "a.html").write_bytes((PAGES / "koping" / "seed.html").read_bytes())
    (tmp_path / "b.html").write_bytes(b"")
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert [json.loads(line)["title"] for line in result.stdout.splitlines() if line.startswith("{")] and \
        result.stderr.strip().endswith("b.html: the file is empty")
