"""The calendar arithmetic under every date: proleptic Gregorian, no year 0, no datetime limits."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from timeline_app.model.timeaxis import (
    civil_from_days,
    days_from_civil,
    from_axis,
    to_axis,
    year_label,
)


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_days_agree_with_the_standard_library_where_it_reaches(day: date) -> None:
    expected = (day - date(1970, 1, 1)).days
    assert days_from_civil(day.year, day.month, day.day) == expected
    assert civil_from_days(expected) == (day.year, day.month, day.day)


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_civil_and_days_invert_each_other_far_beyond_datetime(days: int) -> None:
    assert days_from_civil(*civil_from_days(days)) == days


def test_axis_matches_unix_time_for_the_present() -> None:
    moment = datetime(2025, 6, 12, 21, 30, 5, tzinfo=UTC)
    assert to_axis(2025, 6, 12, 21, 30, 5) == moment.timestamp()
    assert from_axis(moment.timestamp()) == (2025, 6, 12, 21, 30, 5.0)


def test_bc_years_have_no_year_zero() -> None:
    assert year_label(1) == "1"
    assert year_label(0) == "1 BC"
    assert year_label(-499) == "500 BC"
    # 1 BC is a leap year in the proleptic Gregorian calendar, like 1 BC = year 0 should be.
    assert days_from_civil(1, 1, 1) - days_from_civil(0, 1, 1) == 366
