"""Riding out a database server that goes away for a while (a restart, a failover, a maintenance
window): the same work is tried again with a growing pause, up to a bound, then given up with one
line that names the server and what to check."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine

from archive.db import ArchiveError, server_gone, unreachable_advice, where

T = TypeVar("T")
log = logging.getLogger(__name__)
FIRST_PAUSE, LONGEST_PAUSE = 0.5, 10.0


def patiently(engine: Engine, work: Callable[[], T], seconds: float, what: str,
              sleep: Callable[[float], None] = time.sleep) -> T:
    """`work()`, tried again while the server cannot be reached, for up to `seconds` in all.
    `work` must be safe to repeat: one transaction, rolled back whole when the connection dies.
    Raises ArchiveError (exit 4) once the bound is spent; any other error at once."""
    waited, pause = 0.0, FIRST_PAUSE
    while True:
        try:
            done = work()
        except Exception as exc:
            if not server_gone(exc):
                raise
            said = " ".join(str(getattr(exc, "orig", exc)).split())[:200]
            if waited >= seconds:
                raise ArchiveError(f"cannot reach the archive's {where(engine)} for {seconds:.0f} s while {what} "
                                   f"({said}): {unreachable_advice(engine)}; the next crawl stores the rest") from None
            if waited == 0:
                log.warning("the archive's %s cannot be reached while %s (%s); trying again for up to %.0f s",
                            where(engine), what, said, seconds)
            pause = min(pause, seconds - waited) if seconds > waited else 0.0
            sleep(pause)
            waited += pause
            pause = min(pause * 2, LONGEST_PAUSE)
            continue
        if waited:
            log.warning("the archive's %s answers again after %.0f s: %s", where(engine), waited, what)
        return done
