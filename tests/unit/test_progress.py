"""A crawl's live progress: what each site's Scrapy stats say so far, and the lines rich draws of it."""

import io
import re
import sys

from rich.console import Console

from kommunarkiv.progress import CrawlProgress
from records.crawlstats import SiteProgress, progress

RUNNING = {"downloader/response_count": 40, "scheduler/enqueued": 70, "scheduler/dequeued": 52,
           "scheduler/enqueued/disk": 70, "kommunarkiv/new_articles": 12, "kommunarkiv/new_revisions": 3,
           "kommunarkiv/failed": 2, "kommunarkiv/store_failed": 1}


def test_progress_of_a_running_site():
    assert progress(RUNNING) == SiteProgress(fetched=40, waiting=18, new=12, changed=3, failed=3, done=False)


def test_progress_of_a_finished_site():
    assert progress(RUNNING | {"scheduler/dequeued": 70, "finish_reason": "finished"}).done
    assert progress(RUNNING | {"scheduler/dequeued": 70}).waiting == 0


def test_progress_before_anything_happened():
    assert progress({}) == SiteProgress(0, 0, 0, 0, 0, False)


def test_a_distributed_worker_counts_its_queue_under_scrapy_redis_names_and_never_below_zero():
    redis = {"scheduler/enqueued/redis": 10, "scheduler/dequeued/redis": 4}
    assert progress(redis).waiting == 6
    # it took from the shared queue what other workers put there
    assert progress({"scheduler/enqueued/redis": 3, "scheduler/dequeued/redis": 9}).waiting == 0


def _lines(text: str) -> list[str]:
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    return [line.strip() for line in re.split(r"[\r\n]+", plain) if line.strip()]


def test_one_line_per_site_with_its_counts_and_a_mark_when_done():
    out = io.StringIO()
    with CrawlProgress(["arboga", "kungsor"], Console(file=out, force_terminal=True, width=120)) as shown:
        shown.update({"arboga": RUNNING, "kungsor": {"downloader/response_count": 53, "finish_reason": "finished",
                                                     "kommunarkiv/new_articles": 37}})
        shown.display.refresh()
    last = _lines(out.getvalue())[-2:]
    assert re.fullmatch(r"\S arboga  fetched +40 +waiting +18 +new +12 +changed +3 +failed +3 \d:\d\d:\d\d", last[0])
    assert re.fullmatch(r"✓ kungsor fetched +53 +waiting +0 +new +37 +changed +0 +failed +0 \d:\d\d:\d\d", last[1])
    assert not last[0].startswith("✓")


def test_what_is_written_to_stderr_meanwhile_goes_above_the_lines_redrawn():
    out = io.StringIO()
    logged = "2026-12-02 02:15:07 [kungsor] ERROR: failed https://www.kungsor.se/x.html: HTTP 500"
    with CrawlProgress(["kungsor"], Console(file=out, force_terminal=True, width=120)):
        print(logged, file=sys.stderr)
    lines = _lines(out.getvalue())
    assert logged in lines  # whole, on a line of its own
    assert "kungsor fetched" in lines[lines.index(logged) + 1]  # and the display drawn again below it
