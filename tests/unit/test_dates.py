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


@pytest.mark.parametrize("abbrev,month", [(k, v) for k, v in MONTHS.items() if len(k) <= 4 and k != "maj"])
def test_abbreviated_month_names(abbrev, month):
    assert parse_swedish_date(f"1 {abbrev} 2013").value == f"2013-{month:02d}-01"


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
