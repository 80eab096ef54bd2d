"""A distributed worker's heartbeat says "idle" only when it holds nothing: no request in flight
and no outcome waiting to be stored. Another worker that sees every worker idle asks again for
whatever was discovered and never done, so an idle that is said too early fetches pages twice."""

from types import SimpleNamespace

import pytest

from spiders.distributed import DistributedCrawl


def worker(engine_idle: bool, store_holding: bool | None) -> DistributedCrawl:
    spider = SimpleNamespace()
    if store_holding is not None:  # a crawl without the store pipeline has no store_pending
        spider.store_pending = lambda: store_holding
    crawl = DistributedCrawl.__new__(DistributedCrawl)  # without __init__'s Redis client
    crawl.crawler = SimpleNamespace(spider=spider, engine=SimpleNamespace(spider_is_idle=lambda: engine_idle))
    return crawl


@pytest.mark.parametrize("engine_idle, store_holding, state", [
    (False, False, "busy"),  # requests in flight
    (False, True, "busy"),
    (True, True, "busy"),  # nothing in flight, but a batch not yet stored: its pages are not done
    (True, False, "idle"),
    (True, None, "idle"),
])
def test_idle_only_when_nothing_is_in_flight_or_waiting_to_be_stored(engine_idle, store_holding, state):
    assert worker(engine_idle, store_holding).state() == state


def test_the_store_holds_outcomes_while_a_batch_waits_or_is_being_written():
    from pipelines.store import StorePipeline

    store = StorePipeline.__new__(StorePipeline)  # without a crawler: only its batch and writes matter
    store.batch, store.in_flight = [], 0
    assert not store.holding()
    store.batch = ["an item not yet stored"]
    assert store.holding()
    store.batch, store.in_flight = [], 1
    assert store.holding()  # a batch in the writer process: its pages are not done yet
    store.in_flight = 0
    assert not store.holding()
