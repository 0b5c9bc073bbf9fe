"""Every accepted date form keeps its precision; every other text gets a helpful DateError."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from timeline_app.model.dates import (
    DateError,
    Precision,
    TimelineDate,
    calendar_date,
    deep_date,
    format_date,
    parse_date,
)
from timeline_app.model.timeaxis import (
    SECONDS_PER_MEAN_YEAR,
    days_in_month,
    from_axis,
    to_axis,
    years_ago_to_axis,
)

YEAR_2025 = (to_axis(2025), to_axis(2026))


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2025", Precision.YEAR, to_axis(2025), to_axis(2026)),
        ("2025-04", Precision.MONTH, to_axis(2025, 4), to_axis(2025, 5)),
        ("2025-04-01", Precision.DAY, to_axis(2025, 4, 1), to_axis(2025, 4, 2)),
        ("2025-06-12T21:30", Precision.MINUTE, to_axis(2025, 6, 12, 21, 30), to_axis(2025, 6, 12, 21, 31)),
        ("2025-06-12T21:30:00-07:00", Precision.SECOND, to_axis(2025, 6, 13, 4, 30),
         to_axis(2025, 6, 13, 4, 30, 1)),
        ("2025-06-13T04:30Z", Precision.MINUTE, to_axis(2025, 6, 13, 4, 30), to_axis(2025, 6, 13, 4, 31)),
        ("2025-06-13T04:30:05.25Z", Precision.SECOND, to_axis(2025, 6, 13, 4, 30, 5.25),
         to_axis(2025, 6, 13, 4, 30, 6.25)),
        ("2025-06-13T04", Precision.HOUR, to_axis(2025, 6, 13, 4), to_axis(2025, 6, 13, 5)),
        ("April 2025", Precision.MONTH, to_axis(2025, 4), to_axis(2025, 5)),
        ("Apr 2025", Precision.MONTH, to_axis(2025, 4), to_axis(2025, 5)),
        ("1 April 2025", Precision.DAY, to_axis(2025, 4, 1), to_axis(2025, 4, 2)),
        ("June 12, 2025", Precision.DAY, to_axis(2025, 6, 12), to_axis(2025, 6, 13)),
        ("early 2025", Precision.THIRD, to_axis(2025, 1), to_axis(2025, 5)),
        ("mid 2025", Precision.THIRD, to_axis(2025, 5), to_axis(2025, 9)),
        ("mid-2025", Precision.THIRD, to_axis(2025, 5), to_axis(2025, 9)),
        ("late 2025", Precision.THIRD, to_axis(2025, 9), to_axis(2026, 1)),
        ("Q3 2025", Precision.QUARTER, to_axis(2025, 7), to_axis(2025, 10)),
        ("H2 2025", Precision.HALF, to_axis(2025, 7), to_axis(2026, 1)),
        ("1990s", Precision.DECADE, to_axis(1990), to_axis(2000)),
        ("19th century", Precision.CENTURY, to_axis(1801), to_axis(1901)),
        ("3rd millennium BC", Precision.MILLENNIUM, to_axis(-2999), to_axis(-1999)),
        ("500 BC", Precision.YEAR, to_axis(-499), to_axis(-498)),
        ("500 BCE", Precision.YEAR, to_axis(-499), to_axis(-498)),
        ("-0499", Precision.YEAR, to_axis(-499), to_axis(-498)),
        ("AD 800", Precision.YEAR, to_axis(800), to_axis(801)),
    ],
)
def test_each_form_keeps_its_precision(text: str, precision: Precision, earliest: float,
                                       latest: float) -> None:
    date = parse_date(text)
    assert (date.precision, date.earliest, date.latest) == (precision, earliest, latest)
    assert date.text == text
    assert not date.approximate
    assert not date.uncertain


@pytest.mark.parametrize("text", ["c. 1850", "circa 1850", "~1850", "ca. 1850", "1850~"])
def test_circa_marks_a_year_approximate(text: str) -> None:
    date = parse_date(text)
    assert date.approximate
    assert not date.uncertain
    assert (date.earliest, date.latest, date.precision) == (to_axis(1850), to_axis(1851), Precision.YEAR)
    assert date.label() == "c. 1850"


def test_question_mark_marks_uncertain() -> None:
    date = parse_date("1850?")
    assert date.uncertain
    assert not date.approximate
    assert date.label() == "1850?"


def test_deep_time_is_an_interval_one_unit_of_the_last_digit_wide() -> None:
    big_bang = parse_date("13.8 billion years ago")
    assert big_bang.precision is Precision.BILLION_YEARS
    assert big_bang.earliest == pytest.approx(years_ago_to_axis(13.85e9))
    assert big_bang.latest == pytest.approx(years_ago_to_axis(13.75e9))
    dinosaurs = parse_date("65 million years ago")
    assert dinosaurs.precision is Precision.MILLION_YEARS
    assert (dinosaurs.latest - dinosaurs.earliest) == pytest.approx(1e6 * SECONDS_PER_MEAN_YEAR)
    assert dinosaurs.label() == "65 million years ago"


def test_present_is_only_an_end() -> None:
    end = parse_date("present", allow_ongoing=True)
    assert end.ongoing
    with pytest.raises(DateError, match="only be an end"):
        parse_date("present")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "February 2025 has 28 days"),
        ("2024-02-30", "February 2024 has 29 days"),
        ("2025-13", "there is no month 13"),
        ("2025-06-12T25:00", "hours run 00–23"),
        ("", "empty"),
        ("sometime", "has no year"),
        ("June 12", "has no year"),
        ("06/07/2025", "ambiguous"),
        ("0 BC", "no year 0"),
        ("Q5 2025", "Q1 to Q4"),
        ("x" * 500, "too long"),
        ("2025-05-25-05-27", "offset of a day or more"),
        ("1-1-3-01-37", "offset of a day or more"),
        ("25:1126189799808381461254919790028+", "is not a date"),
    ],
)
def test_unreadable_dates_say_what_to_write(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(text)


def test_labels_say_what_is_known() -> None:
    assert parse_date("2025-04").label() == "April 2025"
    assert parse_date("late 2025").label() == "late 2025"
    assert parse_date("c. 1850").label() == "c. 1850"
    assert parse_date("-0499").label() == "500 BC"


# ---------------------------------------------------------------- properties

_CALENDAR_PRECISIONS = [p for p in Precision if p > Precision.THOUSAND_YEARS]


@st.composite
def calendar_dates(draw: st.DrawFn) -> TimelineDate:
    precision = draw(st.sampled_from(_CALENDAR_PRECISIONS))
    year = draw(st.integers(min_value=-20000, max_value=9999))
    month, day, hour, minute, second = 1, 1, 0, 0, 0.0
    if precision == Precision.MILLENNIUM:
        year = year // 1000 * 1000 + 1
    elif precision == Precision.CENTURY:
        year = year // 100 * 100 + 1
    elif precision == Precision.DECADE:
        decade = draw(st.integers(1, 2000)) * 10
        # AD decades start at their year; "490s BC" starts in 499 BC.
        year = decade if draw(st.booleans()) else 1 - (decade + 9)
    elif precision in (Precision.HALF, Precision.THIRD, Precision.QUARTER):
        assume(1 <= year <= 9999)
        size = {Precision.HALF: 6, Precision.THIRD: 4, Precision.QUARTER: 3}[precision]
        month = 1 + size * draw(st.integers(0, 12 // size - 1))
    elif precision >= Precision.MONTH:
        month = draw(st.integers(1, 12))
    if precision >= Precision.MONTH and precision != Precision.MONTH:
        day = draw(st.integers(1, days_in_month(year, month)))
    if precision >= Precision.HOUR:
        hour = draw(st.integers(0, 23))
    if precision >= Precision.MINUTE:
        minute = draw(st.integers(0, 59))
    if precision >= Precision.SECOND:
        second = draw(st.integers(0, 59)) + draw(st.sampled_from([0.0, 0.5, 0.25, 0.125]))
    offset = draw(st.sampled_from([None, 0, -420, 330])) if precision >= Precision.HOUR else None
    if Precision.YEAR < precision < Precision.MONTH:
        # "early 2025", "Q3 2025", "H2 2025" exist for AD years only.
        assume(year >= 1)
    return calendar_date(precision, year, month, day, hour, minute, second,
                         approximate=draw(st.booleans()), uncertain=draw(st.booleans()),
                         utc_offset_minutes=offset)


@given(calendar_dates())
def test_every_calendar_date_the_formatter_writes_parses_back(date: TimelineDate) -> None:
    text = format_date(date)
    again = parse_date(text)
    assert again == date, text
    assert again.precision == date.precision


@given(
    st.sampled_from(["thousand", "million", "billion"]),
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=2),
    st.booleans(),
)
def test_every_deep_date_the_formatter_writes_parses_back(scale: str, whole: int, decimals: int,
                                                          approximate: bool) -> None:
    number = f"{whole / 10**decimals:.{decimals}f}"
    assume(float(number) > 0)
    date = deep_date(number, scale, approximate=approximate)
    assert parse_date(format_date(date)) == date


@given(st.from_regex(r"[~c. ]{0,3}[+-]?\d{1,6}(-\d{1,2}(-\d{1,2}(T\d{1,2}(:\d{1,2})?)?)?)?[?~]?",
                     fullmatch=True))
def test_iso_like_text_never_escapes_as_another_error(text: str) -> None:
    try:
        date = parse_date(text)
    except DateError:
        return
    start = from_axis(date.earliest)
    assert 1 <= start.month <= 12


@pytest.mark.parametrize("text", ["2023-02-04/2023", "2023-02 / 2023-04", "2025-06-12/13"])
def test_two_dates_joined_by_a_slash_are_not_read_as_one_with_a_time(text: str) -> None:
    # dateutil took "2023-02-04/2023" for 4 February at 20:23.
    with pytest.raises(DateError, match="two dates"):
        parse_date(text)


@pytest.mark.parametrize("text", ["-100", "-100-01-01", "-5-06"])
def test_a_short_signed_year_is_refused_rather_than_read_without_its_sign(text: str) -> None:
    # dateutil read "-100-01-01" as 1 January 100 AD.
    with pytest.raises(DateError, match="minus sign"):
        parse_date(text)


def test_four_digit_signed_years_stay_before_the_common_era() -> None:
    from timeline_app.model.timeaxis import from_axis

    assert from_axis(parse_date("-0100-01-01").earliest).year == -100
