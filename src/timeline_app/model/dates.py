"""Dates that keep their precision.

A date as written in events.json ("April 2025", "late 2025", "c. 1850", "65 million
years ago") becomes a :class:`TimelineDate`: an interval on the time axis plus what is
known about it. Nothing here ever turns "April 2025" into a fake 1 April.
"""

from __future__ import annotations

import re
import time
import warnings
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import IntEnum
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from timeline_app.model.zones import Zone

from timeline_app.model.timeaxis import (
    MONTH_NAMES,
    SECONDS_PER_MINUTE,
    add_months,
    axis_to_years_ago,
    days_in_month,
    from_axis,
    to_axis,
    year_label,
    years_ago_to_axis,
)


class Precision(IntEnum):
    """How precisely a date is known, from coarsest to finest."""

    BILLION_YEARS = 0
    MILLION_YEARS = 1
    THOUSAND_YEARS = 2
    MILLENNIUM = 3
    CENTURY = 4
    DECADE = 5
    YEAR = 6
    HALF = 7
    THIRD = 8  # early / mid / late in a year
    QUARTER = 9
    MONTH = 10
    DAY = 11
    HOUR = 12
    MINUTE = 13
    SECOND = 14

    @property
    def noun(self) -> str:
        return _PRECISION_NOUNS[self]


_PRECISION_NOUNS = {
    Precision.BILLION_YEARS: "billions of years",
    Precision.MILLION_YEARS: "millions of years",
    Precision.THOUSAND_YEARS: "thousands of years",
    Precision.MILLENNIUM: "millennium",
    Precision.CENTURY: "century",
    Precision.DECADE: "decade",
    Precision.YEAR: "year",
    Precision.HALF: "half-year",
    Precision.THIRD: "part of year",
    Precision.QUARTER: "quarter",
    Precision.MONTH: "month",
    Precision.DAY: "day",
    Precision.HOUR: "hour",
    Precision.MINUTE: "minute",
    Precision.SECOND: "second",
}

_DEEP_SCALES = {
    "thousand": (1e3, Precision.THOUSAND_YEARS),
    "million": (1e6, Precision.MILLION_YEARS),
    "billion": (1e9, Precision.BILLION_YEARS),
}
_DEEP_ABBREVIATIONS = {"ka": "thousand", "ma": "million", "ga": "billion"}
_THIRD_WORDS = ("early", "mid", "late")


class _Qualifiers(TypedDict):
    approximate: bool
    uncertain: bool
    text: str


class DateError(ValueError):
    """A date that cannot be read; the message says what to write instead."""


@dataclass(frozen=True, slots=True)
class TimelineDate:
    """An interval on the time axis and what is known about it.

    ``earliest`` is inclusive and ``latest`` exclusive: "2025" runs from the first
    second of 2025 up to, not including, the first second of 2026.
    """

    earliest: float
    latest: float
    precision: Precision
    approximate: bool = False
    uncertain: bool = False
    ongoing: bool = False
    # Minutes east of UTC the author wrote the time in; display uses it, the axis is UTC.
    utc_offset_minutes: int | None = field(default=None, compare=False)
    # The offset is the file's time zone's, not written in the text: written back without it.
    zoned: bool = field(default=False, compare=False)
    # The number and scale word of a deep-time date ("13.8", "billion").
    deep: tuple[str, str] | None = field(default=None, compare=False)
    # What the user wrote, so a save writes it back untouched.
    text: str = field(default="", compare=False)

    @property
    def midpoint(self) -> float:
        return (self.earliest + self.latest) / 2

    @property
    def is_imprecise(self) -> bool:
        """Whether the interval is wider than a day or carries a qualifier."""
        return self.precision < Precision.DAY or self.approximate or self.uncertain

    def label(self) -> str:
        """What is known, in words: "April 2025", "late 2025", "c. 1850?"."""
        return format_date(self)


_SECONDS_IN = {Precision.DAY: 86400.0, Precision.HOUR: 3600.0, Precision.MINUTE: 60.0,
               Precision.SECOND: 1.0}
_MONTHS_IN = {Precision.HALF: 6, Precision.THIRD: 4, Precision.QUARTER: 3, Precision.MONTH: 1}
_YEARS_IN = {Precision.YEAR: 1, Precision.DECADE: 10, Precision.CENTURY: 100, Precision.MILLENNIUM: 1000}


def calendar_date(
    precision: Precision,
    year: int,
    month: int = 1,
    day: int = 1,
    hour: int = 0,
    minute: int = 0,
    second: float = 0.0,
    *,
    approximate: bool = False,
    uncertain: bool = False,
    utc_offset_minutes: int | None = None,
    text: str = "",
) -> TimelineDate:
    """The calendar period of ``precision`` that starts at the given (valid) fields.

    For periods longer than a year, ``year`` is the first year of the period; for
    half, third and quarter, ``month`` is its first month. Times are local to
    ``utc_offset_minutes`` (UTC when None).
    """
    offset = (utc_offset_minutes or 0) * SECONDS_PER_MINUTE
    if precision in _SECONDS_IN:
        start = to_axis(year, month, day, hour, minute, second) - offset
        end = start + _SECONDS_IN[precision]
    elif precision in _MONTHS_IN:
        start = to_axis(year, month)
        end = to_axis(*add_months(year, month, _MONTHS_IN[precision]))
    elif precision in _YEARS_IN:
        start = to_axis(year)
        end = to_axis(year + _YEARS_IN[precision])
    else:
        raise ValueError("deep-time precisions are made by deep_date()")
    return TimelineDate(start, end, precision, approximate, uncertain,
                        utc_offset_minutes=utc_offset_minutes, text=text)


def deep_date(number: str, scale: str, *, approximate: bool = False,
              uncertain: bool = False, text: str = "") -> TimelineDate:
    """"13.8" "billion" years ago: an interval one unit of the last digit wide."""
    multiplier, precision = _DEEP_SCALES[scale]
    value = float(number)
    decimals = len(number.partition(".")[2])
    half_unit = 0.5 * 10.0 ** -decimals
    earliest = years_ago_to_axis((value + half_unit) * multiplier)
    latest = years_ago_to_axis((value - half_unit) * multiplier)
    return TimelineDate(earliest, latest, precision, approximate, uncertain,
                        deep=(number, scale), text=text)


def ongoing_date(now: float | None = None, text: str = "present") -> TimelineDate:
    """An open end: the event still goes on, drawn up to now."""
    moment = time.time() if now is None else now
    return TimelineDate(moment, moment, Precision.SECOND, ongoing=True, text=text)


# --------------------------------------------------------------------------- parsing

_ISO = re.compile(
    r"(?P<year>[+-]?\d{4,})"
    r"(?:-(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}(?:[.,]\d+)?))?)?"
    r"(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?"
)
_SHORT_YEAR = re.compile(r"\d{1,3}")
_ERA = re.compile(
    r"(?:(?P<pre>AD|CE|A\.D\.)\s*(?P<year1>\d+)"
    r"|(?P<year2>\d+)\s*(?P<post>AD|CE|A\.D\.|BC|BCE|B\.C\.|B\.C\.E\.))",
    re.IGNORECASE,
)
_PART = re.compile(r"(?P<word>early|mid|late)[\s-]+(?P<year>\d{1,4})", re.IGNORECASE)
_QUARTER_HALF = re.compile(
    r"(?:(?P<kind1>[QH])(?P<n1>\d)[\s-]+(?P<year1>\d{1,4})|(?P<year2>\d{4})[\s-]+(?P<kind2>[QH])(?P<n2>\d))",
    re.IGNORECASE,
)
_DECADE = re.compile(r"(?:the\s+)?(?P<decade>\d+)0'?s(?:\s+(?P<era>BC|BCE|AD|CE))?", re.IGNORECASE)
_ORDINAL = re.compile(
    r"(?:the\s+)?(?P<n>\d+)(?:st|nd|rd|th)\s+(?P<unit>century|millennium)(?:\s+(?P<era>BC|BCE|AD|CE))?",
    re.IGNORECASE,
)
_DEEP = re.compile(
    r"(?P<number>\d+(?:\.\d+)?)\s*(?:(?P<scale>thousand|million|billion)\s+years?\s+ago"
    r"|(?P<abbrev>ka|Ma|Ga)(?:\s+ago)?)",
    re.IGNORECASE,
)
_YEARS_AGO = re.compile(r"(?P<number>\d{1,3}(?:,\d{3})+|\d+)\s+years?\s+ago", re.IGNORECASE)
_APPROX_PREFIX = re.compile(r"(?:c\.|ca\.|circa|approx\.|approximately|about|around|~)\s*", re.IGNORECASE)
_AMBIGUOUS_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})")
_ONGOING_WORDS = frozenset({"present", "ongoing", "now", "today"})

_EXPECTED = (
    'write it as ISO ("2025", "2025-04", "2025-04-01", "2025-06-12T21:30Z"), in words '
    '("April 2025", "June 12, 2025"), as a part of a year ("late 2025", "Q3 2025"), a span '
    '("1990s", "19th century"), or with an era ("500 BC", "65 million years ago")'
)


def parse_date(text: str, *, allow_ongoing: bool = False, zone: Zone | None = None) -> TimelineDate:
    """Read a date in any accepted form; raise :class:`DateError` otherwise.

    A day or a time written without an offset is one on the clocks of ``zone`` (the file's
    "timezone"), or UTC without one; a time with an offset keeps it.
    """
    if not isinstance(text, str):
        raise DateError(f"a date must be text in quotes, not {type(text).__name__}")
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        # The most common form by far, "2025-06-12", skips the general machinery.
        year, month, day = text[:4], text[5:7], text[8:]
        if year.isdigit() and month.isdigit() and day.isdigit() and text.isascii():
            _check_day(int(year), int(month), int(day), text)
            plain = calendar_date(Precision.DAY, int(year), int(month), int(day), text=text)
            return plain if zone is None else in_zone(plain, zone)
    stripped = text.strip()
    if not stripped:
        raise DateError(f"the date is empty; {_EXPECTED}")
    if len(stripped) > 100:
        raise DateError(f"a date of {len(stripped)} characters is too long; {_EXPECTED}")
    core, approximate, uncertain = _split_qualifiers(stripped)
    if core.lower() in _ONGOING_WORDS:
        if not allow_ongoing:
            raise DateError(f'"{core}" can only be an end date; write when the event started')
        if approximate or uncertain:
            raise DateError(f'"{stripped}" cannot be approximate; write "present"')
        return ongoing_date(text=text)
    date = _parse_core(core, approximate, uncertain, text)
    if zone is not None and date.precision >= Precision.DAY and date.utc_offset_minutes is None:
        return in_zone(date, zone)
    return date


def in_zone(date: TimelineDate, zone: Zone) -> TimelineDate:
    """A day or time read as UTC for lack of an offset, as the same day or wall-clock time in ``zone``.

    Months and longer are left as they are: hours either way are lost in a month's width.
    """
    offset = zone.offset_for_local(date.earliest)
    # A day's end by its own offset: the day the clocks change is 23 or 25 hours long. An hour or a
    # minute keeps its length, even written in the hour the clocks skip.
    latest = date.latest - zone.offset_for_local(date.latest) * SECONDS_PER_MINUTE
    if date.precision > Precision.DAY:
        latest = date.earliest - offset * SECONDS_PER_MINUTE + (date.latest - date.earliest)
    return replace(date, earliest=date.earliest - offset * SECONDS_PER_MINUTE, latest=latest,
                   utc_offset_minutes=offset, zoned=True)


def _split_qualifiers(text: str) -> tuple[str, bool, bool]:
    approximate = uncertain = False
    prefix = _APPROX_PREFIX.match(text)
    if prefix and prefix.end() < len(text):
        approximate = True
        text = text[prefix.end():]
    while text and text[-1] in "?~%":
        mark = text[-1]
        approximate = approximate or mark in "~%"
        uncertain = uncertain or mark in "?%"
        text = text[:-1].rstrip()
    return text, approximate, uncertain


def _parse_core(core: str, approximate: bool, uncertain: bool, text: str) -> TimelineDate:
    flags = _Qualifiers(approximate=approximate, uncertain=uncertain, text=text)
    iso = _ISO.fullmatch(core)
    if iso:
        return _from_iso(iso, core, flags)
    if _SHORT_YEAR.fullmatch(core):
        return calendar_date(Precision.YEAR, int(core), **flags)
    for parser in (_from_era, _from_part, _from_quarter_half, _from_decade, _from_ordinal,
                   _from_deep, _from_years_ago):
        parsed = parser(core, flags)
        if parsed is not None:
            return parsed
    return _from_words(core, flags)


def _check_day(year: int, month: int, day: int, shown: str) -> None:
    if not 1 <= month <= 12:
        raise DateError(f'"{shown}" is not a date: there is no month {month}; months run from 01 to 12')
    last = days_in_month(year, month)
    if not 1 <= day <= last:
        raise DateError(
            f'"{shown}" is not a date: {MONTH_NAMES[month - 1]} {year_label(year)} has {last} days'
        )


def _from_iso(match: re.Match[str], shown: str, flags: _Qualifiers) -> TimelineDate:
    year = int(match["year"])
    if match["month"] is None:
        return calendar_date(Precision.YEAR, year, **flags)
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise DateError(f'"{shown}" is not a date: there is no month {month}; months run from 01 to 12')
    if match["day"] is None:
        return calendar_date(Precision.MONTH, year, month, **flags)
    day = int(match["day"])
    _check_day(year, month, day, shown)
    if match["hour"] is None:
        if match["tz"]:
            raise DateError(f'"{shown}" has a time zone but no time; write "{shown[:10]}"')
        return calendar_date(Precision.DAY, year, month, day, **flags)
    hour = int(match["hour"])
    minute = int(match["minute"] or 0)
    second = float((match["second"] or "0").replace(",", "."))
    if hour > 23 or minute > 59 or second >= 60:
        raise DateError(f'"{shown}" is not a time: hours run 00–23, minutes and seconds 00–59')
    precision = (Precision.SECOND if match["second"] else
                 Precision.MINUTE if match["minute"] else Precision.HOUR)
    offset = _parse_offset(match["tz"], shown)
    return calendar_date(precision, year, month, day, hour, minute, second,
                         utc_offset_minutes=offset, **flags)


def _parse_offset(zone: str | None, shown: str) -> int | None:
    if zone is None:
        return None
    if zone == "Z":
        return 0
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or minutes > 59:
        raise DateError(f'"{shown}" has an impossible UTC offset {zone}; offsets run from -14:00 to +14:00')
    sign = -1 if zone[0] == "-" else 1
    return sign * (hours * 60 + minutes)


def _is_bc(era: str | None) -> bool:
    return era is not None and era.upper().replace(".", "") in ("BC", "BCE")


def _from_era(core: str, flags: _Qualifiers) -> TimelineDate | None:
    match = _ERA.fullmatch(core)
    if not match:
        return None
    number = int(match["year1"] or match["year2"])
    if number == 0:
        raise DateError(f'"{core}": there is no year 0; 1 BC is followed by AD 1')
    year = 1 - number if _is_bc(match["post"]) else number
    return calendar_date(Precision.YEAR, year, **flags)


def _from_part(core: str, flags: _Qualifiers) -> TimelineDate | None:
    match = _PART.fullmatch(core)
    if not match:
        return None
    month = 1 + 4 * _THIRD_WORDS.index(match["word"].lower())
    return calendar_date(Precision.THIRD, int(match["year"]), month, **flags)


def _from_quarter_half(core: str, flags: _Qualifiers) -> TimelineDate | None:
    match = _QUARTER_HALF.fullmatch(core)
    if not match:
        return None
    kind = (match["kind1"] or match["kind2"]).upper()
    number = int(match["n1"] or match["n2"])
    year = int(match["year1"] or match["year2"])
    if kind == "Q":
        if not 1 <= number <= 4:
            raise DateError(f'"{core}": quarters are Q1 to Q4')
        return calendar_date(Precision.QUARTER, year, 1 + 3 * (number - 1), **flags)
    if not 1 <= number <= 2:
        raise DateError(f'"{core}": halves are H1 and H2')
    return calendar_date(Precision.HALF, year, 1 + 6 * (number - 1), **flags)


def _from_decade(core: str, flags: _Qualifiers) -> TimelineDate | None:
    match = _DECADE.fullmatch(core)
    if not match:
        return None
    decade = int(match["decade"]) * 10
    if decade == 0:
        raise DateError(f'"{core}" is not a decade; write "1st century" or a year such as "AD 5"')
    if _is_bc(match["era"]):
        # "490s BC" runs from 499 BC to 490 BC.
        return calendar_date(Precision.DECADE, 1 - (decade + 9), **flags)
    return calendar_date(Precision.DECADE, decade, **flags)


def _from_ordinal(core: str, flags: _Qualifiers) -> TimelineDate | None:
    match = _ORDINAL.fullmatch(core)
    if not match:
        return None
    number = int(match["n"])
    if number == 0:
        raise DateError(f'"{core}": counting starts at the 1st')
    unit = match["unit"].lower()
    size = 100 if unit == "century" else 1000
    precision = Precision.CENTURY if unit == "century" else Precision.MILLENNIUM
    # Strict counting: the 19th century is 1801–1900, the 1st century BC is 100–1 BC.
    first_year = 1 - number * size if _is_bc(match["era"]) else (number - 1) * size + 1
    return calendar_date(precision, first_year, **flags)


def _from_deep(core: str, flags: _Qualifiers) -> TimelineDate | None:
    match = _DEEP.fullmatch(core)
    if not match:
        return None
    scale = (match["scale"] or _DEEP_ABBREVIATIONS[match["abbrev"].lower()]).lower()
    number = match["number"]
    if float(number) == 0:
        raise DateError(f'"{core}": write a number of years above zero')
    return deep_date(number, scale, **flags)


def _from_years_ago(core: str, flags: _Qualifiers) -> TimelineDate | None:
    match = _YEARS_AGO.fullmatch(core)
    if not match:
        return None
    years = int(match["number"].replace(",", ""))
    # Counted back from 1950, as radiocarbon dates are.
    return calendar_date(Precision.YEAR, 1950 - years, **flags)


_DEFAULTS = (datetime(2001, 1, 1, 0, 0, 0), datetime(2002, 2, 2, 1, 1, 1))
_SIGNED_SHORT_YEAR = re.compile(r"\s*[-−]\s*\d{1,3}(?![\d.,])")
_ISO_THEN_SLASH = re.compile(r"\d{4}-\d{1,2}(?:-\d{1,2})?\s*/")


def _from_words(core: str, flags: _Qualifiers) -> TimelineDate:
    if not any(character.isdigit() for character in core):
        raise DateError(f'"{core}" is not a date: it has no year; {_EXPECTED}')
    ambiguous = _AMBIGUOUS_NUMERIC.fullmatch(core)
    if ambiguous:
        leading, middle = int(ambiguous[1]), int(ambiguous[2])
        if leading <= 12 and middle <= 12 and leading != middle:
            raise DateError(
                f'"{core}" is ambiguous (day/month or month/day); write it as ISO, '
                f'e.g. "YYYY-MM-DD"'
            )
    if _SIGNED_SHORT_YEAR.match(core):
        # dateutil drops the sign: "-100" would be read as the year 100 AD, silently.
        raise DateError(f'"{core}" has a minus sign a short year cannot keep; write a year before 1 AD with '
                        f'four digits, e.g. "-0100" (ISO, astronomical), or in words, e.g. "101 BC"')
    if _ISO_THEN_SLASH.search(core):
        # dateutil reads "2023-02-04/2023" as 4 February, 20:23: a slash after a whole date starts another.
        raise DateError(f'"{core}" is two dates, not one; write the start and the end apart, e.g. '
                        f'start "2023-02", end "2023-04"')
    from dateutil import parser as dateutil_parser  # slow import, needed only for words

    try:
        with warnings.catch_warnings():
            # dateutil warns about words it takes for unknown time zones; that is a date we cannot read.
            warnings.simplefilter("error")
            readings = [dateutil_parser.parse(core, default=default) for default in _DEFAULTS]
    except Warning:
        raise DateError(f'"{core}" is not a date: it holds a word taken for an unknown time zone; {_EXPECTED}') \
            from None
    except (ValueError, ArithmeticError, TypeError) as error:
        detail = str(error)
        if "out of range" in detail or "must be in" in detail:
            raise DateError(f'"{core}" is not a date: {detail}') from None
        raise DateError(f'"{core}" is not a date; {_EXPECTED}') from None
    first, second = readings
    known = [getattr(first, name) == getattr(second, name)
             for name in ("year", "month", "day", "hour", "minute", "second")]
    if not known[0]:
        raise DateError(f'"{core}" has no year; write e.g. "{core} 2025"')
    if not known[1] and any(known[2:]):
        raise DateError(f'"{core}" has a day or time but no month; {_EXPECTED}')
    given = 1 + next((index for index, is_known in enumerate(known[1:]) if not is_known), 5)
    precision = (Precision.YEAR, Precision.MONTH, Precision.DAY, Precision.HOUR,
                 Precision.MINUTE, Precision.SECOND)[given - 1]
    offset = None
    if first.tzinfo is not None:
        try:
            delta = first.utcoffset()
        except ValueError:
            # dateutil accepts "-05-27" as an offset of 5 days; a real UTC offset is under 24 hours.
            raise DateError(f'"{core}" has a time zone offset of a day or more; write e.g. '
                            f'"2025-05-25T10:00+02:00"') from None
        offset = int(delta.total_seconds() // 60) if delta is not None else None
    second_value = first.second + first.microsecond / 1e6
    return calendar_date(precision, first.year, first.month, first.day, first.hour,
                         first.minute, second_value, utc_offset_minutes=offset,
                         **flags)


# --------------------------------------------------------------------------- formatting


def format_date(date: TimelineDate) -> str:
    """The canonical text of a date; :func:`parse_date` reads it back to the same date."""
    if date.ongoing:
        return "present"
    core = _format_core(date)
    return ("c. " if date.approximate else "") + core + ("?" if date.uncertain else "")


def _format_core(date: TimelineDate) -> str:
    precision = date.precision
    if date.deep is not None:
        number, scale = date.deep
        return f"{number} {scale} years ago"
    if precision <= Precision.THOUSAND_YEARS:
        scale = {Precision.THOUSAND_YEARS: "thousand", Precision.MILLION_YEARS: "million",
                 Precision.BILLION_YEARS: "billion"}[precision]
        multiplier = _DEEP_SCALES[scale][0]
        return f"{axis_to_years_ago(date.midpoint) / multiplier:g} {scale} years ago"
    offset = date.utc_offset_minutes
    local = from_axis(date.earliest + (offset or 0) * SECONDS_PER_MINUTE)
    year, month = local.year, local.month
    if precision == Precision.MILLENNIUM:
        return _ordinal_span(year, 1000, "millennium")
    if precision == Precision.CENTURY:
        return _ordinal_span(year, 100, "century")
    if precision == Precision.DECADE:
        return f"{year}s" if year >= 10 else f"{1 - year - 9}s BC"
    if precision == Precision.YEAR:
        return year_label(year)
    if precision == Precision.HALF:
        return f"H{1 + (month - 1) // 6} {year}"
    if precision == Precision.THIRD:
        return f"{_THIRD_WORDS[(month - 1) // 4]} {year}"
    if precision == Precision.QUARTER:
        return f"Q{1 + (month - 1) // 3} {year}"
    if precision in (Precision.MONTH, Precision.DAY) and year < 1000:
        # "January 1" would read as a day without a year; early years need ISO's four digits.
        iso = f"{'-' if year < 0 else ''}{abs(year):04d}-{month:02d}"
        return iso if precision == Precision.MONTH else f"{iso}-{local.day:02d}"
    if precision == Precision.MONTH:
        return f"{MONTH_NAMES[month - 1]} {year}"
    if precision == Precision.DAY:
        return f"{local.day} {MONTH_NAMES[month - 1]} {year}"
    return _format_iso_time(local.year, local.month, local.day, local.hour, local.minute,
                            local.second, precision, None if date.zoned else offset)


def _ordinal_span(year: int, size: int, unit: str) -> str:
    if year >= 1:
        number = (year - 1) // size + 1
        return f"{_ordinal(number)} {unit}"
    return f"{_ordinal((1 - year) // size)} {unit} BC"


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _format_iso_time(year: int, month: int, day: int, hour: int, minute: int, second: float,
                     precision: Precision, offset: int | None) -> str:
    sign = "-" if year < 0 else ""
    text = f"{sign}{abs(year):04d}-{month:02d}-{day:02d}T{hour:02d}"
    if precision >= Precision.MINUTE:
        text += f":{minute:02d}"
    if precision >= Precision.SECOND:
        whole = int(second)
        fraction = round(second - whole, 6)
        text += f":{whole:02d}" + (f"{fraction:.6f}"[1:].rstrip("0") if fraction else "")
    if offset is not None:
        if offset == 0:
            text += "Z"
        else:
            hours, minutes = divmod(abs(offset), 60)
            text += f"{'-' if offset < 0 else '+'}{hours:02d}:{minutes:02d}"
    return text
