"""The one continuous time axis: float seconds since 1970-01-01T00:00:00 UTC.

A float64 holds the present to well under a microsecond and 13.8 billion years ago
to about a minute, so one number type covers news stories and deep time alike.
Calendar arithmetic is proleptic Gregorian with astronomical year numbering
(year 0 is 1 BC, year -499 is 500 BC) and never touches ``datetime``, whose range
stops at year 1.
"""

from __future__ import annotations

from typing import NamedTuple

SECONDS_PER_MINUTE = 60
SECONDS_PER_HOUR = 3600
SECONDS_PER_DAY = 86400
# The mean Gregorian year; used only where whole calendar years stop making sense.
SECONDS_PER_MEAN_YEAR = 365.2425 * SECONDS_PER_DAY

# "Years ago" counts back from 1950, the radiocarbon convention, so a deep-time
# date does not drift as the years pass.
YEARS_AGO_REFERENCE_YEAR = 1950

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


class CivilDateTime(NamedTuple):
    """A proleptic Gregorian date and time (astronomical years)."""

    year: int
    month: int
    day: int
    hour: int = 0
    minute: int = 0
    second: float = 0.0


def is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap_year(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 for any proleptic Gregorian date (H. Hinnant's algorithm)."""
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """The inverse of :func:`days_from_civil`."""
    days += 719468
    era = days // 146097
    day_of_era = days - era * 146097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    year = year_of_era + era * 400
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + 3 if shifted_month < 10 else shifted_month - 9
    return year + (month <= 2), month, day


def to_axis(
    year: int, month: int = 1, day: int = 1, hour: int = 0, minute: int = 0, second: float = 0.0
) -> float:
    """Axis seconds of a UTC civil date and time."""
    days = days_from_civil(year, month, day)
    return float(days * SECONDS_PER_DAY + hour * SECONDS_PER_HOUR + minute * SECONDS_PER_MINUTE) + second


def from_axis(seconds: float) -> CivilDateTime:
    """The UTC civil date and time at an axis position (floored to the second's fraction)."""
    days, rest = divmod(seconds, SECONDS_PER_DAY)
    year, month, day = civil_from_days(int(days))
    hour, rest = divmod(rest, SECONDS_PER_HOUR)
    minute, second = divmod(rest, SECONDS_PER_MINUTE)
    return CivilDateTime(year, month, day, int(hour), int(minute), second)


def year_start(year: int) -> float:
    return to_axis(year)


def years_ago_to_axis(years_ago: float) -> float:
    return year_start(YEARS_AGO_REFERENCE_YEAR) - years_ago * SECONDS_PER_MEAN_YEAR


def axis_to_years_ago(seconds: float) -> float:
    return (year_start(YEARS_AGO_REFERENCE_YEAR) - seconds) / SECONDS_PER_MEAN_YEAR


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    """(year, month) ``count`` months after (year, month)."""
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def year_label(year: int) -> str:
    """A year as people write it: no year 0, BC below 1."""
    return f"{1 - year} BC" if year <= 0 else str(year)
