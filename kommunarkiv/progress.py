"""A crawl's live progress on a terminal: one line per site on stderr, redrawn while the crawl runs
and cleared when it ends, when the summary lines take its place on stdout.

While it is shown, rich puts whatever is written to sys.stderr (log lines, warnings) above the
lines it redraws, so log output and the display do not overwrite each other. A logging handler
made before the display starts keeps the real stderr: start the display before the crawl's logging
is set up (run_crawl sets it up)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from records.crawlstats import progress

# 80 columns for a site name of 7 letters, with room for 99,999 pages fetched
COUNTS = ("fetched {task.fields[fetched]:>5}  waiting {task.fields[waiting]:>4}  new {task.fields[new]:>4}  "
          "changed {task.fields[changed]:>3}  failed {task.fields[failed]:>3}")


class CrawlProgress:
    """Use as a context manager around the crawl; hand `update` to run_crawl as its on_progress."""

    def __init__(self, sites: list[str], console: Console | None = None) -> None:
        width = max(map(len, sites), default=0)
        self.display = Progress(
            SpinnerColumn(finished_text="[green]✓"), TextColumn("[bold]{task.description}"), TextColumn(COUNTS),
            TimeElapsedColumn(), console=console or Console(stderr=True), transient=True,
            redirect_stdout=False)  # stdout is the summary's: never the display's
        zero = dict.fromkeys(("fetched", "waiting", "new", "changed", "failed"), 0)
        # the clock of each site starts at its first update, when its crawl has begun
        self.tasks: dict[str, TaskID] = {s: self.display.add_task(s.ljust(width), start=False, total=None, **zero)
                                         for s in sites}
        self.started: set[str] = set()

    def __enter__(self) -> CrawlProgress:
        self.display.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.display.stop()

    def update(self, stats_by_site: dict[str, dict[str, Any]]) -> None:
        for slug, stats in stats_by_site.items():
            task = self.tasks[slug]
            now = progress(stats)
            if slug not in self.started:
                self.display.start_task(task)
                self.started.add(slug)
            done = {"total": 1, "completed": 1} if now.done else {}  # a finished task stops its clock
            self.display.update(task, fetched=now.fetched, waiting=now.waiting, new=now.new, changed=now.changed,
                                failed=now.failed, **done)
