"""Times for machines and for people.

Machines (JSON, CSV, Parquet, the API) get ISO 8601 with the zone and no microseconds. People (the
web pages, the CLI's plain output) get Swedish: "29 juni 2017 kl. 09.30". An archived moment (a
crawl run, a revision first seen) is shown in the archive's zone, Europe/Stockholm, the zone of
the municipalities' own dates; SQLite hands these back without a zone, and they are stored in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import overload
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Stockholm")
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")


def local(moment: datetime) -> datetime:
    """A stored moment in the archive's zone, to the second (a naive one is UTC, as stored)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZONE).replace(microsecond=0)


@overload
def iso(moment: datetime) -> str: ...
@overload
def iso(moment: None) -> None: ...
@overload
def iso(moment: datetime | None) -> str | None: ...


def iso(moment: datetime | None) -> str | None:
    """A stored moment for machines: '2026-12-02T17:48:38+01:00'."""
    return local(moment).isoformat() if moment is not None else None


def human(value: str | date | datetime | None, zone: bool = False, empty: str = "") -> str:
    """'29 juni 2017', '29 juni 2017 kl. 09.30' (a date, or an ISO text, of a record or a stored moment);
    zone=True adds the zone's abbreviation (CET, CEST) for moments of the archive's own."""
    if value is None or value == "":
        return empty
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
        except ValueError:
            return str(value)  # not ISO: shown as it was given rather than lost
    if not isinstance(value, datetime):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    moment = local(value) if (zone or value.tzinfo is None) else value
    text = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} kl. {moment:%H.%M}"
    return f"{text} {moment.tzname()}" if zone else text


def month(value: str) -> str:
    """'2021-03' -> 'mars 2021'."""
    year, _, m = value.partition("-")
    return f"{MONTHS[int(m) - 1]} {year}" if m.isdigit() and 1 <= int(m) <= 12 else value
