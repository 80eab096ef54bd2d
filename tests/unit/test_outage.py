"""The bounded back-off of archive.outage and what counts as a server gone (the e2e tests make the
faults for real; these pin the arithmetic, with a recorded sleep instead of the clock)."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import IntegrityError, OperationalError

from archive.db import ArchiveError, server_gone
from archive.outage import patiently

ENGINE = create_engine("postgresql+psycopg://kommunarkiv@db.example:5433/archive")


def gone() -> OperationalError:
    return OperationalError("SELECT 1", {}, psycopg.OperationalError("connection failed: Connection refused"))


def test_what_counts_as_a_server_gone():
    assert server_gone(gone())
    assert not server_gone(IntegrityError("INSERT", {}, psycopg.IntegrityError("duplicate key")))
    import sqlite3
    assert not server_gone(OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked")))
    assert not server_gone(ValueError("no"))


def test_tries_again_with_growing_pauses_until_it_works():
    pauses: list[float] = []
    calls = iter([gone(), gone(), gone(), None])

    def work() -> str:
        fault = next(calls)
        if fault:
            raise fault
        return "stored"

    assert patiently(ENGINE, work, 120, "storing 10 items", sleep=pauses.append) == "stored"
    assert pauses == [0.5, 1.0, 2.0]


def test_gives_up_after_the_bound_with_one_line_naming_the_server():
    pauses: list[float] = []

    def work() -> None:
        raise gone()

    with pytest.raises(ArchiveError) as caught:
        patiently(ENGINE, work, 30, "storing 10 items", sleep=pauses.append)
    assert sum(pauses) == 30 and max(pauses) == 10.0
    assert str(caught.value) == (
        "cannot reach the archive's PostgreSQL at db.example:5433 for 30 s while storing 10 items (connection failed: "
        "Connection refused): check that the server is running and accepts connections "
        "(pg_isready -h db.example -p 5433); the next crawl stores the rest")


def test_any_other_error_at_once():
    def work() -> None:
        raise IntegrityError("INSERT", {}, psycopg.IntegrityError("duplicate key"))

    with pytest.raises(IntegrityError):
        patiently(ENGINE, work, 30, "storing", sleep=lambda _: pytest.fail("no pause for a refused statement"))
