"""The archive's writer in a process of its own: batches go in through a queue, each is analysed
(words, stems, topics, MinHash) and stored there in one transaction, and what happened comes back,
so the analysis and the database work use another core than the one that sent them.

The writer holds nothing that is not yet committed beyond the batches in its queue. It dies with
the process that started it (SIGKILL included: the kernel's parent-death signal), and a batch it
had not committed is then simply not in the archive, its pages not among those known, so the next
crawl fetches them again. It ignores SIGINT and SIGTERM, which a terminal or systemd send to the
whole process group: the crawl that started it decides when it stops (`close`, or `kill`)."""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import threading
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from archive.db import ArchiveError, make_engine
from archive.incoming import Incoming
from archive.outage import patiently
from archive.writer import ArchiveWriter
from records.crawl import PageSeen

log = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when its parent dies


@dataclass
class Stored:
    """What became of one batch: `key` is the sender's, `counts` the writer's outcome, `urls` the
    pages whose outcome is now in the archive; `fault` when the archive refused it (nothing more
    is stored after that), `error` a bug's traceback (this batch lost, the rest go on)."""

    key: Any
    counts: Counter[str] = field(default_factory=Counter)
    urls: list[str] = field(default_factory=list)
    fault: str | None = None
    error: str | None = None


def settled_urls(batch: list[Incoming | PageSeen]) -> list[str]:
    """The fetched pages whose outcome a stored batch settles (for a distributed crawl's ledger)."""
    urls = []
    for item in batch:
        if isinstance(item, PageSeen):
            urls.append(item.url)
        elif item.capture is not None:
            urls.append(item.capture.url)
    return urls


class WriterProcess:
    """The parent's handle: `submit` a batch (never blocks: the senders bound how many they have
    in flight), `on_stored` is called with each Stored on a thread of the parent's, in the order
    submitted. Killed at the parent's exit if still running (after a second stop signal)."""

    def __init__(self, db_url: str, run_id: int | None, outage_seconds: float, on_stored: Callable[[Stored], None],
                 on_ended: Callable[[int | None], None], cache_kb: int | None = None):
        context = multiprocessing.get_context("spawn")  # nothing of the crawl's reactor or threads is copied
        self.inbox: Any = context.Queue()
        self.results, child_end = context.Pipe(duplex=False)
        self.process = context.Process(target=_serve, name="kommunarkiv-writer", daemon=True,
                                       args=(db_url, run_id, outage_seconds, self.inbox, child_end, os.getpid(), cache_kb))
        self.process.start()
        child_end.close()
        self.on_stored, self.on_ended = on_stored, on_ended
        self.closing = False
        self.reader = threading.Thread(target=self._read, name="kommunarkiv-writer-results", daemon=True)
        self.reader.start()
        # before multiprocessing's own exit hook, which would wait for a writer that ignores SIGTERM
        atexit.register(self.kill)

    def submit(self, key: Any, batch: list[Incoming | PageSeen]) -> None:
        self.inbox.put((key, batch))

    def _read(self) -> None:
        while True:
            try:
                stored = self.results.recv()
            except (EOFError, OSError):  # the writer ended: closed, or killed, or crashed
                if not self.closing:
                    self.process.join()
                    self.on_ended(self.process.exitcode)
                return
            self.on_stored(stored)

    def close(self, timeout: float | None = None) -> None:
        """Let the writer store what it was given, then end; returns when it has."""
        self.closing = True
        if self.process.is_alive():
            self.inbox.put(None)
        self.process.join(timeout)
        if self.process.is_alive():
            self.kill()
        self.reader.join(timeout)
        atexit.unregister(self.kill)

    def kill(self) -> None:
        """End the writer at once: a batch being written rolls back whole, those queued are dropped."""
        self.closing = True
        # Batches still in the queue's pipe are dropped with it: without this, exit would wait
        # forever for the queue's feeder thread, blocked on a pipe nobody reads any more.
        self.inbox.cancel_join_thread()
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
            self.process.join()


def _die_with(parent: int) -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def _serve(db_url: str, run_id: int | None, outage_seconds: float, inbox: Any, results: Connection,
           parent: int, cache_kb: int | None) -> None:
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    engine = make_engine(db_url)  # the parent opened and checked the archive; its schema is current
    writer = ArchiveWriter(engine, cache_kb)
    fault: str | None = None
    try:
        while (job := inbox.get()) is not None:
            key, batch = job
            if fault is not None:  # nothing more can be stored: the parent is stopping the crawl
                results.send(Stored(key, fault=fault))
                continue
            stored = _store(engine, writer, key, batch, run_id, outage_seconds)
            fault = stored.fault
            results.send(stored)
    finally:
        engine.dispose()
        results.close()


def _store(engine: Any, writer: ArchiveWriter, key: Any, batch: list[Incoming | PageSeen], run_id: int | None,
           outage_seconds: float) -> Stored:
    try:
        counts = patiently(engine, lambda: writer.write(batch, run_id), outage_seconds, f"storing {len(batch)} items")
    except ArchiveError as exc:
        return Stored(key, fault=str(exc))
    except Exception:  # noqa: BLE001 - a bug costs this batch, said in the crawl's log, not the writer
        return Stored(key, error=traceback.format_exc())
    return Stored(key, counts, settled_urls(batch))
