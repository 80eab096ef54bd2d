"""Opening hours to schema.org openingHours strings: every day name, the day groups, times with and
without minutes, and text that is no opening hours."""

import pytest

from records.parsers.hours import parse_opening_hours

# Written out here, never read from hours.DAYS.
DAY_CODES = {
    "måndag": "Mo", "mån": "Mo", "tisdag": "Tu", "tis": "Tu", "onsdag": "We", "ons": "We", "torsdag": "Th",
    "tors": "Th", "tor": "Th", "fredag": "Fr", "fre": "Fr", "lördag": "Sa", "lör": "Sa", "söndag": "Su", "sön": "Su",
}


@pytest.mark.parametrize("day,code", sorted(DAY_CODES.items()))
def test_every_day_name(day, code):
    assert parse_opening_hours(f"{day} 9-12") == [f"{code} 09:00-12:00"]
    assert parse_opening_hours(f"{day.upper()} 9-12") == [f"{code} 09:00-12:00"]


@pytest.mark.parametrize("text,expected", [
    ("Vardagar 8-16", ["Mo-Fr 08:00-16:00"]),
    ("helgfria vardagar 8:00-17:00", ["Mo-Fr 08:00-17:00"]),
    ("Alla dagar 6-22", ["Mo-Su 06:00-22:00"]),
    ("Helger 10-14", ["Sa-Su 10:00-14:00"]),
    ("MÅN-FRE 8-16", ["Mo-Fr 08:00-16:00"]),
    ("Lör–sön 10-14", ["Sa-Su 10:00-14:00"]),
    ("tis 9.00 - 12.00", ["Tu 09:00-12:00"]),
    ("Måndagar 8-12", ["Mo 08:00-12:00"]),
    ("sön 10:05-14:55", ["Su 10:05-14:55"]),
    ("mån 1.30-2.30", ["Mo 01:30-02:30"]),
    ("ons 8-12, tors 13-16.30", ["We 08:00-12:00", "Th 13:00-16:30"]),
    ("fre 8–15.00 och lör 10—13", ["Fr 08:00-15:00", "Sa 10:00-13:00"]),
])
def test_days_and_times(text, expected):
    assert parse_opening_hours(text) == expected


@pytest.mark.parametrize("text", [
    "8-16",  # a time without a day
    "mån 12.5-13",  # no minute of one digit
    "mån 8-16.300",  # nor of three
    "mån 10.8-16",
    "mån 2021-05-03",  # a date, not a time range
    "Stängt", "",
])
def test_no_opening_hours(text):
    assert parse_opening_hours(text) == []


def test_a_time_before_its_day_belongs_to_no_day():
    assert parse_opening_hours("8-12 och måndag 13-16") == ["Mo 13:00-16:00"]
