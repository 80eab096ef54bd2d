"""The store pipeline's back-pressure (pipelines/store.py): while the writer process has
KOMMUNARKIV_STORE_QUEUE batches in flight, every item waits, so the crawl stops fetching instead of
piling pages up in the crawl's memory; when a batch comes back, items go on one batch at a time."""

from __future__ import annotations

import pytest
from twisted.internet.defer import Deferred

from pipelines import store as store_module
from pipelines.store import StorePipeline


@pytest.fixture(autouse=True)
def no_reactor(monkeypatch):
    """Deferreds are awaited as they are: these coroutines are driven by Deferred.fromCoroutine,
    with no reactor (Scrapy's helper asks for one, to hand asyncio a future)."""
    monkeypatch.setattr(store_module, "maybe_deferred_to_future", lambda d: d)


def _store(batch_size: int, queue_size: int, in_flight: int) -> tuple[StorePipeline, list[list[int]]]:
    store = StorePipeline.__new__(StorePipeline)  # no crawler, archive or writer: only the queue's bookkeeping
    store.batch, store.batch_size, store.queue_size, store.in_flight = [], batch_size, queue_size, in_flight
    store.writes, store.waiting, store.fault = object(), [], None  # type: ignore[assignment]
    handed: list[list[int]] = []

    def hand_over(batch: list[int]) -> None:
        handed.append(batch)
        store.in_flight += 1

    store._hand_over = hand_over  # type: ignore[method-assign]
    return store, handed


def test_no_item_is_taken_while_the_writer_is_behind():
    store, handed = _store(batch_size=2, queue_size=1, in_flight=1)
    done = [Deferred.fromCoroutine(store.process_item(i)) for i in range(5)]  # type: ignore[arg-type]
    assert [d.called for d in done] == [False] * 5
    assert store.batch == [] and handed == []


def test_when_a_batch_comes_back_one_more_batch_goes_and_the_rest_wait():
    store, handed = _store(batch_size=2, queue_size=1, in_flight=1)
    done = [Deferred.fromCoroutine(store.process_item(i)) for i in range(5)]  # type: ignore[arg-type]
    store.in_flight -= 1  # the writer stored a batch
    store._make_room()
    assert handed == [[0, 1]] and store.in_flight == 1
    assert [d.called for d in done] == [True, True, False, False, False]
    store.in_flight -= 1
    store._make_room()
    assert handed == [[0, 1], [2, 3]]
    assert [d.called for d in done] == [True, True, True, True, False]


def test_with_room_in_the_queue_items_go_straight_into_batches():
    store, handed = _store(batch_size=2, queue_size=4, in_flight=0)
    done = [Deferred.fromCoroutine(store.process_item(i)) for i in range(5)]  # type: ignore[arg-type]
    assert all(d.called for d in done)
    assert handed == [[0, 1], [2, 3]] and store.batch == [4]
