"""Shared by the crawl benchmarks: the replica in a process of its own, and a timed
`kommunarkiv crawl` in a subprocess with its peak memory (ru_maxrss from wait4)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s", "LOG_LEVEL=WARNING"]
EXE = Path(sys.executable).with_name("kommunarkiv")
SITES = ("arboga", "koping", "kungsor")
SUMMARY = re.compile(r"^(\w+): pages fetched (\d+),.*? articles found (\d+)", re.MULTILINE)


@dataclass
class Crawl:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    max_rss_mb: float  # peak resident memory of the crawl process or of its writer, whichever is larger
    cpu_seconds: float = 0.0  # user + system time of the crawl process and the children it waited for

    @property
    def pages(self) -> int:
        return sum(int(m.group(2)) for m in SUMMARY.finditer(self.stdout))

    @property
    def articles(self) -> int:
        return sum(int(m.group(3)) for m in SUMMARY.finditer(self.stdout))


@contextlib.contextmanager
def replica_process(extra_articles: int, sites: list[str] = ()) -> Iterator[list[str]]:  # type: ignore[assignment]
    """`kommunarkiv replica` with `extra_articles` generated articles per site, on free ports, in a
    process of its own (so serving does not share the benchmark's interpreter); yields the crawl's
    --base-url arguments (and --site for each of `sites`, when only those are served)."""
    only = [a for s in sites for a in ("--site", s)]
    proc = subprocess.Popen([str(EXE), "replica", "--port", "0", "--extra-articles", str(extra_articles), *only],
                            stdout=subprocess.PIPE, text=True)
    try:
        args: list[str] = []
        for line in proc.stdout:  # type: ignore[union-attr]
            if line.startswith("  kommunarkiv crawl"):
                args = line.split()[2:]
                break
        if not args:
            raise SystemExit("the replica did not start")
        yield args + only
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def crawl(db: str, base_url_args: list[str], extra: list[str] = ()) -> Crawl:  # type: ignore[assignment]
    """`kommunarkiv crawl` into `db`, timed, with the peak RSS of that process or of a child it waited
    for (Linux's wait4 reports both: the writer process's peak counts when it is the larger) and its CPU time
    (with that of its children: a writer process is counted)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen([str(EXE), "crawl", "--db", db, *FAST, *base_url_args, *extra], stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen
        out.seek(0)
        err.seek(0)
        return Crawl(elapsed, proc.returncode, out.read(), err.read(), usage.ru_maxrss / 1024,
                     usage.ru_utime + usage.ru_stime)
