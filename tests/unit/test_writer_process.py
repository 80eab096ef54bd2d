"""The archive's writer process (archive.writerprocess): batches stored in order, what each
settled reported back, and a writer killed with batches in its queue leaves them wholly
unstored: their pages are not known, so the next crawl fetches them again."""

from __future__ import annotations

import queue
import threading

from sqlalchemy import func, select

from archive.incoming import Incoming
from archive.known import known_pages
from archive.models import Article, table_of
from archive.writerprocess import Stored, WriterProcess, settled_urls
from records.crawl import Capture, PageSeen
from tests.unit.archives import new_archive
from tests.unit.records import batch, record


def capture(url: str) -> Capture:
    from datetime import UTC, datetime

    return Capture(url, url, 200, {}, {}, b"<html></html>", datetime(2026, 12, 3, tzinfo=UTC))


def articles(n: int, start: int = 0) -> list[Incoming]:
    items = batch(*(record("koping", f"/nyheter/{i}", f"Nyhet nummer {i}", f"Text om ärende {i} i Köping.")
                    for i in range(start, start + n)))
    for item in items:
        item.capture = capture(item.record["url"])
    return items


class Results:
    def __init__(self) -> None:
        self.stored: queue.Queue[Stored] = queue.Queue()
        self.ended: list[int | None] = []
        self.gone = threading.Event()

    def on_stored(self, result: Stored) -> None:
        self.stored.put(result)

    def on_ended(self, exitcode: int | None) -> None:
        self.ended.append(exitcode)
        self.gone.set()


def started(tmp_path):
    """A new archive, and a writer process on it whose results are collected."""
    engine = new_archive(tmp_path)
    results = Results()
    writer = WriterProcess(engine.url.render_as_string(hide_password=False), None, 5.0, results.on_stored,
                           results.on_ended)
    return engine, results, writer


def count(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table_of(Article)))


def test_batches_are_stored_in_order_and_each_reports_what_it_settled(tmp_path):
    engine, results, writer = started(tmp_path)
    first, second = articles(3), [*articles(2, start=3), PageSeen("koping", "https://www.koping.se/om", "other", 200)]
    writer.submit("a", first)
    writer.submit("b", second)
    writer.close(timeout=120)
    one, two = results.stored.get_nowait(), results.stored.get_nowait()
    assert (one.key, two.key) == ("a", "b")
    assert one.counts["new_articles"] == 3 and two.counts["new_articles"] == 2
    assert two.urls == settled_urls(second) and "https://www.koping.se/om" in two.urls
    assert one.fault is None and one.error is None
    assert count(engine) == 5
    assert results.ended == []  # closed, not lost


def test_the_same_batch_twice_changes_nothing(tmp_path):
    engine, results, writer = started(tmp_path)
    writer.submit("a", articles(4))
    writer.submit("a", articles(4))
    writer.close(timeout=120)
    assert results.stored.get_nowait().counts["new_articles"] == 4
    assert results.stored.get_nowait().counts == {"unchanged": 4}
    assert count(engine) == 4


def test_a_killed_writer_leaves_its_queued_batches_unstored_and_their_pages_unknown(tmp_path):
    engine, results, writer = started(tmp_path)
    writer.submit("a", articles(2))
    assert results.stored.get(timeout=120).key == "a"  # stored: the writer is running
    writer.process.kill()  # as SIGKILL of the crawl would: no time to store what is queued
    # The handle's own reader joins the dead writer and reports its exit code; a second join
    # here would race it for the child's status (the loser can read the exit code as None).
    assert results.gone.wait(60) and results.ended == [-9]
    writer.submit("b", articles(2, start=2))  # queued for a writer that is gone: never stored
    assert count(engine) == 2
    assert {url for url, _ in known_pages(engine, "koping")} == {f"https://www.koping.se/nyheter/{i}" for i in (0, 1)}
    writer.close(timeout=10)
