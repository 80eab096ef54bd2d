"""Swedish publication dates: cut the date span out of the text, parse the known forms directly,
and fall back to dateparser only for the rest: the regular expressions are two orders of magnitude
faster than dateparser, and dateparser alone misses "kl. 20.24" and "1 aug 2013".

Values are ISO 8601 in Europe/Stockholm: the date alone when the page gives only a date, date and
time with the offset of that day when it gives a time. Nothing is ever invented: text without a
day and month gives None, and a date without a year takes its year only from a reference date
the caller passes (the page's own publication date), never from the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_TIME = (r"(?:\s*,?\s*(?:kl\.?|klockan)?\s*(?P<h>[012]?\d)[.:](?P<mi>[0-5]\d)"
         r"(?:\s*(?P<pm>eftermiddag|e\.\s?m\.|em\b|på kvällen))?)?")
_ISO = re.compile(
    r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
    r"(?:[T\s]+(?:kl\.?\s*)?(?P<h>[012]\d)[.:](?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d)(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-]\d\d:?\d\d)?)?"
)
_TEXTUAL = re.compile(
    r"(?<![\w])(?P<d>[0-3]?\d)\s*\.?\s+(?P<mon>" + _MONTH_ALT + r")\.?(?![\w])"
    r"(?:\s+(?P<y>(?:19|20)\d\d))?" + _TIME,
    re.IGNORECASE,
)
_NUMERIC_DMY = re.compile(r"(?<!\d)(?P<d>[0-3]?\d)/(?P<m>[01]?\d)\s+(?P<y>(?:19|20)\d\d)" + _TIME)


@dataclass(frozen=True)
class ParsedDate:
    value: str  # ISO 8601
    has_time: bool
    raw: str
    year_inferred: bool = False

    @property
    def day(self) -> date:
        return date.fromisoformat(self.value[:10])


def _build(y: int, m: int, d: int, h: str | None, mi: str | None, s: str | None = None,
           tz: str | None = None) -> tuple[str, bool] | None:
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    if h is None:
        return day.isoformat(), False
    hour, minute, sec = int(h), int(mi or 0), int(s or 0)
    if hour > 23:
        return day.isoformat(), False
    if tz:
        aware = datetime.fromisoformat(f"{day.isoformat()}T{hour:02d}:{minute:02d}:{sec:02d}"
                                       + ("+00:00" if tz == "Z" else tz[:3] + ":" + tz[-2:]))
        aware = aware.astimezone(STOCKHOLM)
    else:
        aware = datetime(y, m, d, hour, minute, sec, tzinfo=STOCKHOLM)
    return aware.isoformat(), True


def parse_swedish_date(text: str | None, reference: date | None = None) -> ParsedDate | None:
    """The first date in `text`, or None. `reference` gives the year to a date written without one."""
    if not text:
        return None
    text = " ".join(text.split())
    return _parse_cached(text, reference)


def _parse(text: str, reference: date | None) -> ParsedDate | None:
    m = _ISO.search(text)
    if m:
        built = _build(int(m["y"]), int(m["m"]), int(m["d"]), m["h"], m["mi"], m["s"], m["tz"])
        if built:
            return ParsedDate(built[0], built[1], text)
    m = _TEXTUAL.search(text)
    if m:
        inferred = m["y"] is None
        if inferred and reference is None:
            return None
        year = int(m["y"]) if m["y"] else reference.year  # type: ignore[union-attr]
        month, day = MONTHS[m["mon"].lower()], int(m["d"])
        if inferred and (month, day) < (reference.month, reference.day):  # type: ignore[union-attr]
            year += 1  # an update written without a year comes after the reference date
        hour = str(int(m["h"]) % 12 + 12) if m["h"] and m["pm"] else m["h"]
        built = _build(year, month, day, hour, m["mi"])
        if built:
            return ParsedDate(built[0], built[1], text, year_inferred=inferred)
    m = _NUMERIC_DMY.search(text)
    if m:
        built = _build(int(m["y"]), int(m["m"]), int(m["d"]), m["h"], m["mi"])  # "3/5 2021": day first
        if built:
            return ParsedDate(built[0], built[1], text)
    return _dateparser_fallback(text)


# Wrapped rather than decorated: mutation testing (docs/mutation.md) mutates undecorated functions only.
_parse_cached = lru_cache(maxsize=4096)(_parse)

_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
_HAS_MONTH = re.compile(r"(?<![\w])(?:" + _MONTH_ALT + r")(?![\w])", re.IGNORECASE)


def _dateparser_fallback(text: str) -> ParsedDate | None:
    # Only text that names a year and a month: dateparser fills missing parts from today's date,
    # which would be an invented date.
    if not (_HAS_YEAR.search(text) and _HAS_MONTH.search(text)):
        return None
    import dateparser  # slow to import; only loaded for the rare text the fast path cannot read

    found = dateparser.parse(
        text, languages=["sv"],
        settings={"TIMEZONE": "Europe/Stockholm", "RETURN_AS_TIMEZONE_AWARE": False,
                  "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True},
    )
    if found is None:
        return None
    has_time = bool(found.hour or found.minute)
    built = _build(found.year, found.month, found.day,
                   str(found.hour) if has_time else None, str(found.minute) if has_time else None)
    return ParsedDate(built[0], built[1], text) if built else None
