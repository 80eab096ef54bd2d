"""What a crawl prints at the default log level: in a pipe (cron) one line saying the run finished
and one summary line per site, nothing else; on a terminal, live progress per site first. `-v`
brings back Scrapy's own start-up and statistics."""

import re

import pytest

from tests.e2e.helpers import FAST, cli, cli_in_pty, crawl
from tests.sites import SLUGS

pytestmark = pytest.mark.e2e
SCRAPY_NOISE = ("Scrapy 2.", "Overridden settings", "Enabled extensions", "Dumping Scrapy stats")
# one redrawn line of the display: spinner or ✓, site, counts, elapsed time
PROGRESS = re.compile(r"^(\S) (\w+) +fetched +(\d+) +waiting +(\d+) +new +(\d+) +changed +(\d+) +failed +(\d+) "
                      r"+(-:--:--|\d+:\d\d:\d\d)$")


def _finished_line(out: str) -> re.Match:
    found = re.search(r"^crawl run \d+ finished in \d+\.\d s, archive sqlite:///\S+$", out, re.MULTILINE)
    assert found, out[-3000:]
    return found


def test_in_a_pipe_only_the_run_and_one_summary_line_per_site(replica, tmp_path):
    result = crawl(f"sqlite:///{tmp_path / 'a.sqlite'}", *replica.base_url_args())
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + len(SLUGS), result.stdout
    _finished_line(lines[0])
    for line, slug in zip(lines[1:], SLUGS, strict=True):
        articles = len(replica.sites[slug].content.articles)
        assert line.startswith(f"{slug}: pages fetched ") and f", new articles {articles}," in line, line
    assert not any(noise in result.stdout for noise in SCRAPY_NOISE)


def test_on_a_terminal_each_site_shows_its_progress_then_the_summary(replica, tmp_path):
    code, raw = cli_in_pty("crawl", "--db", f"sqlite:///{tmp_path / 'a.sqlite'}", *FAST,
                           *[a for b in replica.base_url_args() for a in ("--base-url", b)])
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", raw)  # colours and cursor moves
    assert code == 0, plain[-3000:]
    lines = [line.strip() for line in re.split(r"[\r\n]+", plain) if line.strip()]
    text = "\n".join(lines)
    shown = [(i, m) for i, m in enumerate(map(PROGRESS.match, lines)) if m]
    assert {m[2] for _, m in shown} == set(SLUGS), text[-3000:]
    finished = lines.index(_finished_line(text)[0])
    for slug in SLUGS:
        mine = [(i, m) for i, m in shown if m[2] == slug]
        summary = re.search(rf"^{slug}: pages fetched (\d+), .* new articles (\d+), new revisions (\d+), .* "
                            rf"failed (\d+),", text, re.MULTILINE)
        assert summary, text[-3000:]
        fetched, new, changed, failed = map(int, summary.groups())
        assert new == len(replica.sites[slug].content.articles) and fetched > new
        # drawn from the start, with nothing fetched yet ...
        assert mine[0][1].group(3, 4, 5, 6, 7) == ("0", "0", "0", "0", "0")
        # ... to the end, before the summary: done, the summary's counts, nothing left waiting, a time
        at, last = mine[-1]
        assert at < finished and last[1] == "✓" and last[8] != "-:--:--"
        assert tuple(map(int, last.group(3, 4, 5, 6, 7))) == (fetched, 0, new, changed, failed)
    assert not any(noise in text for noise in SCRAPY_NOISE)


def test_verbose_brings_back_scrapys_log(replica, tmp_path):
    site = replica.sites["kungsor"]
    result = crawl(f"sqlite:///{tmp_path / 'a.sqlite'}", f"kungsor={site.base}", sites=("kungsor",), extra=("-v",))
    assert result.returncode == 0, result.stderr[-3000:]
    for noise in SCRAPY_NOISE:
        assert noise in result.stderr
    assert "summary kungsor: pages fetched" in result.stderr  # the spider's own summary, at INFO


def test_one_way_to_set_the_log_level():
    result = cli("crawl", "-v", "--log-level", "DEBUG", "--db", "sqlite:///unused.sqlite")
    assert result.returncode == 2
    assert result.stderr == "kommunarkiv: --log-level, -v: each sets the log level; give one of them\n"
