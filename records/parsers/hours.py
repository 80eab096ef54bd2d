"""Opening hours as Swedish municipalities print them, to schema.org openingHours strings.

"Måndag-Fredag 7.30-12.00 och 13.00-16.30"         -> ["Mo-Fr 07:30-12:00", "Mo-Fr 13:00-16:30"]
"Vardagar 8-16"                                     -> ["Mo-Fr 08:00-16:00"]
"måndag–torsdag 8.00–16.30, fredag 8.00–15.00"      -> ["Mo-Th 08:00-16:30", "Fr 08:00-15:00"]
"""

from __future__ import annotations

import re

DAYS = {
    "måndag": "Mo", "mån": "Mo", "tisdag": "Tu", "tis": "Tu", "onsdag": "We", "ons": "We",
    "torsdag": "Th", "tors": "Th", "tor": "Th", "fredag": "Fr", "fre": "Fr", "lördag": "Sa", "lör": "Sa",
    "söndag": "Su", "sön": "Su",
}
GROUPS = {"vardagar": "Mo-Fr", "helgfria vardagar": "Mo-Fr", "alla dagar": "Mo-Su", "helger": "Sa-Su"}
_DASH = r"\s*[-–—]\s*"
_DAY = "|".join(sorted(DAYS, key=len, reverse=True))
_DAYSPEC = re.compile(
    r"(?P<group>" + "|".join(GROUPS) + r")|(?P<d1>" + _DAY + r")(?:ar|ar)?(?:" + _DASH + r"(?P<d2>" + _DAY + r"))?",
    re.IGNORECASE,
)
_TIME = r"(?P<{0}h>[012]?\d)(?:[.:](?P<{0}m>[0-5]\d))?"
# Not inside a longer number, nor after "digit-": "2021-05-03" holds "05-03", which is a date.
_RANGE = re.compile(r"(?<![\d.:])(?<!\d[-–—])" + _TIME.format("a") + _DASH + _TIME.format("b") + r"(?![\d.:])")


def _hhmm(h: str, m: str | None) -> str:
    return f"{int(h):02d}:{m or '00'}"


def parse_opening_hours(text: str) -> list[str]:
    tokens: list[tuple[int, str, str]] = []
    for m in _DAYSPEC.finditer(text):
        if m["group"]:
            spec = GROUPS[m["group"].lower()]
        else:
            d1 = DAYS[m["d1"].lower()]
            spec = f"{d1}-{DAYS[m['d2'].lower()]}" if m["d2"] else d1
        tokens.append((m.start(), "days", spec))
    for m in _RANGE.finditer(text):
        tokens.append((m.start(), "time", f"{_hhmm(m['ah'], m['am'])}-{_hhmm(m['bh'], m['bm'])}"))
    tokens.sort()
    out: list[str] = []
    days: str | None = None
    for _, kind, value in tokens:
        if kind == "days":
            days = value
        elif days is not None:
            out.append(f"{days} {value}")
    return out
