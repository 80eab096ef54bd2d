"""Swedish dates: every month name, with and without time, and never an invented date."""

import json
from datetime import date

import pytest

from records.parsers.dates import MONTHS, parse_swedish_date
from tests.conftest import REAL

FULL_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
               "oktober", "november", "december"]


@pytest.mark.parametrize("month", range(1, 13))
def test_each_month_name_date_only(month):
    parsed = parse_swedish_date(f"Publicerad 3 {FULL_MONTHS[month - 1]} 2021")
    assert parsed.value == f"2021-{month:02d}-03"
    assert parsed.has_time is False


@pytest.mark.parametrize("month", range(1, 13))
def test_each_month_name_with_time_has_the_day_s_offset(month):
    parsed = parse_swedish_date(f"Publicerad 3 {FULL_MONTHS[month - 1]} 2021 kl. 10.15")
    offset = "+02:00" if 4 <= month <= 10 else "+01:00"  # CEST from the last Sunday of March
    assert parsed.value == f"2021-{month:02d}-03T10:15:00{offset}"


# Written out here, never read from MONTHS: a test that builds its expectation from the code under
# test passes whatever the code says ("jun" mapped to July passed that way).
MONTH_NUMBERS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4, "maj": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}


@pytest.mark.parametrize("name,month", sorted(MONTH_NUMBERS.items()))
def test_every_month_name_and_abbreviation(name, month):
    assert parse_swedish_date(f"1 {name} 2013").value == f"2013-{month:02d}-01"
    assert parse_swedish_date(f"1 {name.upper()} 2013").value == f"2013-{month:02d}-01"


def test_the_month_table_is_the_written_out_one():
    assert MONTHS == MONTH_NUMBERS


@pytest.mark.parametrize("text,expected", [
    ("1 jun 2013", "2013-06-01"), ("30 jun 2013", "2013-06-30"), ("1 jul 2013", "2013-07-01"),
    ("31 jul 2013", "2013-07-31"), ("3 jun. 2020 kl 20.24", "2020-06-03T20:24:00+02:00"),
])
def test_june_and_july_apart(text, expected):
    assert parse_swedish_date(text).value == expected


def test_a_month_name_inside_a_word_is_no_month():
    # "maja" and "marsch" hold "maj" and "mars"; only whole words are months.
    assert parse_swedish_date("1 maja 2013") is None
    assert parse_swedish_date("3 marschaller 2013") is None


@pytest.mark.parametrize("text,expected", [
    ("Publicerad 3 maj 2021 kl. 10.15", "2021-05-03T10:15:00+02:00"),
    ("Publicerad: 2021-05-03 10:15", "2021-05-03T10:15:00+02:00"),
    ("Senast uppdaterad: 12 augusti 2021", "2021-08-12"),
    ("Publicerad 1 aug 2013", "2013-08-01"),
    ("3 jan. 2020 kl 20.24", "2020-01-03T20:24:00+01:00"),
    ("den 15 augusti 1945 då Kejsardömet", "1945-08-15"),
    ("2021-01-15T08:00:00+01:00", "2021-01-15T08:00:00+01:00"),
    ("2021-07-01T06:00:00Z", "2021-07-01T08:00:00+02:00"),
    ("3/5 2021 kl 10.15", "2021-05-03T10:15:00+02:00"),
    ("fredag, 03 september 2014", "2014-09-03"),
    ("Sept 03 2014", "2014-09-03"),
])
def test_known_forms(text, expected):
    assert parse_swedish_date(text).value == expected


@pytest.mark.parametrize("text", [
    "igår", "idag", "förra månaden", "om 7 veckor", "Efter kommunisternas seger 1922 drog de allierade",
    "1938–1939 marscherade tyska soldater", "Uppdaterad 2 februari", "2021-02-30", "31 april 2021", "", None,
])
def test_never_invents_a_date(text):
    assert parse_swedish_date(text) is None


def test_year_missing_comes_from_the_reference_date_only():
    parsed = parse_swedish_date("Uppdaterad 2 februari", reference=date(2021, 1, 20))
    assert parsed.value == "2021-02-02" and parsed.year_inferred


def test_year_missing_before_the_reference_is_the_next_year():
    assert parse_swedish_date("Uppdaterad 2 februari", reference=date(2021, 12, 20)).value == "2022-02-02"


def test_afternoon_words_move_the_hour():
    assert parse_swedish_date("onsdag 16 mars 2022 08:15 eftermiddag").value == "2022-03-16T20:15:00+01:00"


def test_dateparser_swedish_strings_with_a_full_date():
    """dateparser's Swedish test cases (tests/fixtures/real/dates) that name a day, month and year parse to that date; the
    relative ones ("igår", "om 2 sekunder") give None, as the crawl time would be an invented date."""
    cases = json.loads((REAL / "dates" / "sv_test_cases.json").read_text())["cases"]
    full = {"fredag, 03 september 2014": "2014-09-03", "4 augusti 2007 lördag 02:44 fm": "2007-08-04",
            "Sept 03 2014": "2014-09-03", " den 15 augusti 1945 då Kejsardömet": "1945-08-15"}
    seen = 0
    for case in cases:
        parsed = parse_swedish_date(case["input"])
        if case["input"] in full:
            assert parsed is not None and parsed.value[:10] == full[case["input"]], case["input"]
            seen += 1
        elif "relative" in case["source"] or "freshness" in case["source"]:
            assert parsed is None, case["input"]
    assert seen == len(full)


@pytest.mark.parametrize("text,expected", [
    # Numeric offsets are read, not replaced by Stockholm's: 08:00 UTC is 09:00 in Swedish winter.
    ("2021-01-15T08:00:00+00:00", "2021-01-15T09:00:00+01:00"),
    ("2021-01-15T08:00+0000", "2021-01-15T09:00:00+01:00"),
    ("2021-07-01T08:00:00+00:00", "2021-07-01T10:00:00+02:00"),
    ("2021-07-01T08:00:00+05:30", "2021-07-01T04:30:00+02:00"),
    ("2021-01-15T08:00:00-05:00", "2021-01-15T14:00:00+01:00"),
    ("2021-01-15T23:30:00-02:00", "2021-01-16T02:30:00+01:00"),  # the day changes too
    ("2021-01-15T08:00:00+02:00", "2021-01-15T07:00:00+01:00"),  # Finland's winter offset
    ("2021-03-28T01:30:00Z", "2021-03-28T03:30:00+02:00"),  # the night summer time starts
    ("2021-01-15 08:00:30", "2021-01-15T08:00:30+01:00"),  # no offset: Stockholm's, seconds kept
])
def test_utc_offsets_other_than_stockholm_s(text, expected):
    parsed = parse_swedish_date(text)
    assert (parsed.value, parsed.has_time) == (expected, True)


@pytest.mark.parametrize("text,expected", [
    ("3 januari 2021 kl. 13.05", "2021-01-03T13:05:00+01:00"),
    ("3 januari 2021 klockan 9:05", "2021-01-03T09:05:00+01:00"),
    ("3 januari 2021, 00.00", "2021-01-03T00:00:00+01:00"),
    ("3 januari 2021 kl 24.10", "2021-01-03"),  # no hour 24: the date alone (has_time False, below)
    ("3 januari 2021 kl 1.15 em", "2021-01-03T13:15:00+01:00"),
    ("3 januari 2021 kl 12.15 e.m.", "2021-01-03T12:15:00+01:00"),  # 12 stays 12
    ("3 januari 2021 kl 8.15 på kvällen", "2021-01-03T20:15:00+01:00"),
    ("3/12 2021", "2021-12-03"), ("31/4 2021", None), ("3. januari 2021", "2021-01-03"),
])
def test_times_and_day_first_numeric_dates(text, expected):
    parsed = parse_swedish_date(text)
    assert (parsed.value if parsed else None) == expected
    if parsed:
        assert (parsed.has_time, parsed.raw) == ("T" in expected, text)


def test_a_date_only_has_no_time_and_names_its_day():
    parsed = parse_swedish_date("Publicerad 2021-05-03")
    assert (parsed.value, parsed.has_time, parsed.day, parsed.year_inferred) == ("2021-05-03", False, date(2021, 5, 3), False)
    assert parsed.raw == "Publicerad 2021-05-03"


def test_whitespace_is_folded_before_parsing():
    parsed = parse_swedish_date("  Publicerad\n 3\tmaj   2021  ")
    assert (parsed.value, parsed.raw) == ("2021-05-03", "Publicerad 3 maj 2021")


def test_a_reference_on_the_same_day_keeps_its_year():
    parsed = parse_swedish_date("Uppdaterad 20 december kl 9.00", reference=date(2021, 12, 20))
    assert (parsed.value, parsed.year_inferred) == ("2021-12-20T09:00:00+01:00", True)


def test_an_invalid_iso_date_falls_through_to_a_later_date_in_the_text():
    assert parse_swedish_date("2021-02-30, rättat 3 mars 2021").value == "2021-03-03"


@pytest.mark.parametrize("text,expected,has_time", [
    # Month first: only dateparser reads these (the fast path wants the day first).
    ("september 3, 2014 14:05", "2014-09-03T14:05:00+02:00", True),
    ("september 3 2014 00:30", "2014-09-03T00:30:00+02:00", True),  # hour 0 is a time
    ("september 3 2014 14:00", "2014-09-03T14:00:00+02:00", True),  # minute 0 too
    ("september 3 2014 14:05 UTC", "2014-09-03T16:05:00+02:00", True),  # converted to Stockholm's time
    ("juli 31 2021 23:30", "2021-07-31T23:30:00+02:00", True),
    ("Sept 03 2014", "2014-09-03", False),
    ("2014 september 3", "2014-09-03", False),
])
def test_month_first_dates_read_by_dateparser(text, expected, has_time):
    parsed = parse_swedish_date(text)
    assert (parsed.value, parsed.has_time, parsed.raw, parsed.year_inferred) == (expected, has_time, text, False)


@pytest.mark.parametrize("text", ["mars 2014", "september 2014", "sep 31 2014", "igår 2014", "maj"])
def test_dateparser_never_fills_a_missing_day(text):
    # Strict parsing: "mars 2014" is no date (dateparser alone would make it 1 March).
    assert parse_swedish_date(text) is None


def test_textual_dates_keep_their_raw_text():
    parsed = parse_swedish_date("Publicerad 3 maj 2021 kl. 10.15")
    assert (parsed.raw, parsed.year_inferred, parsed.has_time) == ("Publicerad 3 maj 2021 kl. 10.15", False, True)
