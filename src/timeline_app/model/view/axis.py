"""The two-tier time axis: which ticks to draw at a zoom level, and where their labels go.

The finest tier whose widest label fits between its ticks is chosen; the tier above
it names the larger unit. Labels are placed so that none overlaps another or runs
past the edges: minor labels that would not fit are left out, and a major label
whose period began off screen sticks to the left edge until the next one pushes it
away. Names of months and days come from a :class:`CalendarNames`, so the Qt layer
can pass the user's locale.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum

from timeline_app.model.timeaxis import (
    MONTH_NAMES,
    SECONDS_PER_DAY,
    SECONDS_PER_HOUR,
    SECONDS_PER_MINUTE,
    add_months,
    axis_to_years_ago,
    days_from_civil,
    days_in_month,
    from_axis,
    to_axis,
    year_label,
    years_ago_to_axis,
)
from timeline_app.model.view.viewport import Viewport
from timeline_app.model.zones import Zone

LABEL_GAP = 10.0  # pixels between neighbouring labels
LABEL_PAD = 4.0  # pixels from a tick to its label
DEEP_TIME_YEARS = 100_000  # views reaching further back count years ago, not calendar years

Measure = Callable[[str], float]


class CalendarNames:
    """English names; the Qt layer substitutes its locale's."""

    def month_short(self, month: int) -> str:
        return MONTH_NAMES[month - 1][:3]

    def month_long(self, month: int) -> str:
        return MONTH_NAMES[month - 1]

    def weekday_short(self, weekday: int) -> str:
        """Monday is 0."""
        return ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[weekday]


class Unit(Enum):
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    YEARS_AGO = "years ago"


@dataclass(frozen=True, slots=True)
class TickStep:
    unit: Unit
    step: float


@dataclass(frozen=True, slots=True)
class AxisLabel:
    text: str
    x: float
    width: float
    major: bool


@dataclass(frozen=True, slots=True)
class AxisLayout:
    minor: TickStep
    major: TickStep
    minor_ticks: list[float]
    major_ticks: list[float]
    labels: list[AxisLabel]


_CALENDAR_STEPS = (
    [TickStep(Unit.MINUTE, s) for s in (1, 5, 10, 15, 30)]
    + [TickStep(Unit.HOUR, s) for s in (1, 3, 6, 12)]
    + [TickStep(Unit.DAY, s) for s in (1, 2, 5, 10, 15)]
    + [TickStep(Unit.MONTH, s) for s in (1, 3, 6)]
    + [TickStep(Unit.YEAR, m * 10**e) for e in range(0, 6) for m in (1, 2, 5)]
)


def _deep_steps() -> list[TickStep]:
    return [TickStep(Unit.YEARS_AGO, m * 10.0**e) for e in range(3, 11) for m in (1, 2, 5)]


def _major_of(minor: TickStep) -> TickStep:
    if minor.unit is Unit.MINUTE or minor.unit is Unit.HOUR:
        return TickStep(Unit.DAY, 1)
    if minor.unit is Unit.DAY:
        return TickStep(Unit.MONTH, 1)
    if minor.unit is Unit.MONTH:
        return TickStep(Unit.YEAR, 1)
    if minor.unit is Unit.YEAR:
        return TickStep(Unit.YEAR, _next_round(minor.step))
    return TickStep(Unit.YEARS_AGO, _next_round(minor.step))


def _next_round(step: float) -> float:
    """A round block of about ten steps: 1→10, 2→10, 5→50, 10→100."""
    magnitude = 10.0 ** math.floor(math.log10(step))
    return 10 * magnitude if step / magnitude < 5 else 50 * magnitude


# ------------------------------------------------------------------ tick positions


def _calendar_ticks(step: TickStep, start: float, end: float) -> Iterator[float]:
    unit, size = step.unit, int(step.step)
    first = from_axis(start)
    if unit is Unit.MINUTE or unit is Unit.HOUR:
        seconds = size * (SECONDS_PER_MINUTE if unit is Unit.MINUTE else SECONDS_PER_HOUR)
        tick = float(math.floor(start / seconds) * seconds)
        while tick <= end:
            yield tick
            tick += seconds
    elif unit is Unit.DAY:
        year, month = first.year, first.month
        while True:
            month_start = to_axis(year, month)
            if month_start > end:
                return
            length = days_in_month(year, month)
            # Days restart each month (1, 6, 11, ...); a tick too near the next 1st is dropped.
            for day in range(1, length + 1, size):
                if size > 1 and length - day + 1 < size:
                    break
                tick = month_start + (day - 1) * SECONDS_PER_DAY
                if start - size * SECONDS_PER_DAY <= tick <= end:
                    yield tick
            year, month = add_months(year, month, 1)
    elif unit is Unit.MONTH:
        year, month = first.year, (first.month - 1) // size * size + 1
        while True:
            tick = to_axis(year, month)
            if tick > end:
                return
            yield tick
            year, month = add_months(year, month, size)
    else:
        for year in _round_years(first.year, size):
            tick = to_axis(year)
            if tick > end:
                return
            yield tick


def _round_years(first_year: int, size: int) -> Iterator[int]:
    """Years whose labels are round, ascending from the one at or before ``first_year``.

    AD years are multiples of ``size``; BC years too as people count them ("500 BC"
    is year -499), so there is no tick at a year 0 that never existed.
    """
    if first_year <= 0:
        count = math.ceil((1 - first_year) / size)
        for k in range(count, 0, -1):
            yield 1 - k * size
        year = size
    else:
        year = first_year // size * size
        if year == 0:
            yield 1 - size
            year = size
    while True:
        yield year
        year += size


def _deep_ticks(step: TickStep, start: float, end: float) -> Iterator[float]:
    oldest = axis_to_years_ago(start)
    count = math.ceil(oldest / step.step)
    while True:
        tick = years_ago_to_axis(count * step.step)
        if tick > end or count < -1:
            return
        yield tick
        count -= 1


def _ticks(step: TickStep, start: float, end: float) -> list[float]:
    generator = _deep_ticks if step.unit is Unit.YEARS_AGO else _calendar_ticks
    return list(generator(step, start, end))


# ------------------------------------------------------------------ labels


def _deep_label(years_ago: float, step: float) -> str:
    for size, suffix in ((1e9, "Ga"), (1e6, "Ma"), (1e3, "ka")):
        if step >= size / 10 or years_ago >= size:
            value = years_ago / size
            decimals = max(0, -math.floor(math.log10(step / size) + 1e-9)) if step < size else 0
            return f"{value:.{decimals}f} {suffix}"
    return f"{years_ago:,.0f} years ago"


def format_tick(tick: float, step: TickStep, names: CalendarNames, long: bool = False) -> str:
    """The label of one tick: "21:30", "Thu 12", "Jun", "2025", "500 BC", "65 Ma"."""
    if step.unit is Unit.YEARS_AGO:
        return _deep_label(round(axis_to_years_ago(tick)), step.step)
    moment = from_axis(tick)
    if step.unit is Unit.MINUTE or step.unit is Unit.HOUR:
        return f"{moment.hour:02d}:{moment.minute:02d}"
    if step.unit is Unit.DAY:
        weekday = (days_from_civil(moment.year, moment.month, moment.day) + 3) % 7
        return f"{names.weekday_short(weekday)} {moment.day}" if long else str(moment.day)
    if step.unit is Unit.MONTH:
        return names.month_long(moment.month) if long else names.month_short(moment.month)
    return year_label(moment.year)


def format_major(tick: float, step: TickStep, names: CalendarNames, short: bool = False) -> str:
    """The label of a period of the upper tier: "Thu 12 June 2025", "June 2025", "2020s".

    ``short``: with the month's short name ("Thu 12 Jun 2025", "Sep 2025"), for a period too
    narrow for the long one.
    """
    if step.unit is Unit.YEARS_AGO:
        return format_tick(tick, step, names)
    moment = from_axis(tick)
    month = names.month_short(moment.month) if short else names.month_long(moment.month)
    if step.unit is Unit.DAY:
        weekday = (days_from_civil(moment.year, moment.month, moment.day) + 3) % 7
        return f"{names.weekday_short(weekday)} {moment.day} {month} {year_label(moment.year)}"
    if step.unit is Unit.MONTH:
        return f"{month} {year_label(moment.year)}"
    if step.step == 1 or moment.year <= 0:
        return year_label(moment.year)
    if step.step == 10:
        return f"{moment.year}s"
    # "1950s" would name a decade; a half-century or longer period says where it ends.
    return f"{moment.year}–{moment.year + int(step.step) - 1}"


def _widest_label(step: TickStep, names: CalendarNames, measure: Measure, long: bool) -> float:
    if step.unit is Unit.YEARS_AGO:
        samples = [_deep_label(13_500_000_000, step.step), _deep_label(650_000, step.step)]
    elif step.unit in (Unit.MINUTE, Unit.HOUR):
        samples = ["00:00"]
    elif step.unit is Unit.DAY:
        samples = [f"{names.weekday_short(w)} 28" for w in range(7)] if long else ["28"]
    elif step.unit is Unit.MONTH:
        samples = [names.month_long(m) if long else names.month_short(m) for m in range(1, 13)]
    else:
        samples = ["8888", "8888 BC"]
    return max(measure(sample) for sample in samples)


def choose_steps(view: Viewport, width: float, measure: Measure,
                 names: CalendarNames) -> tuple[TickStep, bool]:
    """The finest minor step whose labels fit, and whether its long labels fit too."""
    seconds_per_pixel = view.seconds_per_pixel(width)
    deep = axis_to_years_ago(view.start) > DEEP_TIME_YEARS
    steps = _deep_steps() if deep else _CALENDAR_STEPS
    for step in steps:
        pixels = _min_step_seconds(step) / seconds_per_pixel
        short = _widest_label(step, names, measure, long=False)
        if pixels >= short + LABEL_PAD + LABEL_GAP:
            long_width = _widest_label(step, names, measure, long=True)
            return step, pixels >= long_width + LABEL_PAD + LABEL_GAP
    return steps[-1], False


def _min_step_seconds(step: TickStep) -> float:
    if step.unit is Unit.MINUTE:
        return step.step * SECONDS_PER_MINUTE
    if step.unit is Unit.HOUR:
        return step.step * SECONDS_PER_HOUR
    if step.unit is Unit.DAY:
        return step.step * SECONDS_PER_DAY
    if step.unit is Unit.MONTH:
        return step.step * 28 * SECONDS_PER_DAY
    return step.step * 365 * SECONDS_PER_DAY


@dataclass(frozen=True, slots=True)
class _OnClocks(Viewport):
    """A view in the wall-clock seconds of a zone: ticks fall on its hours and midnights, and each is
    placed where that instant is on the real (UTC) view, the day the clocks change included."""

    utc_view: Viewport
    zone: Zone

    def x_of(self, time: float, width: float) -> float:
        return self.utc_view.x_of(self.zone.utc(time), width)


def layout_axis(view: Viewport, width: float, measure: Measure,
                names: CalendarNames | None = None, zone: Zone | None = None) -> AxisLayout:
    """Ticks and non-overlapping, unclipped labels for both tiers, on the clocks of ``zone`` (UTC if None)."""
    names = names or CalendarNames()
    shown: Viewport = view if zone is None else _OnClocks(zone.local(view.start), zone.local(view.end), view, zone)
    minor, long = choose_steps(shown, width, measure, names)
    major = _major_of(minor)
    minor_ticks = _ticks(minor, shown.start, shown.end)
    major_ticks = _ticks(major, shown.start, shown.end)
    if zone is not None:
        # The hour the clocks skip in spring shows on no clock: no minor tick. A day or month whose
        # midnight is skipped (Santiago, Havana) still begins: its tick stands where the clocks resume.
        minor_ticks = [tick for tick in minor_ticks if zone.local(zone.utc(tick)) == tick]
    labels = _minor_labels(minor_ticks, minor, long, shown, width, measure, names)
    labels += _major_labels(major_ticks, major, shown, width, measure, names)
    if zone is not None:  # the painter places ticks on the UTC axis
        minor_ticks = [zone.utc(tick) for tick in minor_ticks]
        major_ticks = [zone.utc(tick) for tick in major_ticks]
    return AxisLayout(minor, major, minor_ticks, major_ticks, labels)


def _minor_labels(ticks: list[float], step: TickStep, long: bool, view: Viewport, width: float,
                  measure: Measure, names: CalendarNames) -> list[AxisLabel]:
    labels = []
    right_edge = -math.inf
    for tick in ticks:
        text = format_tick(tick, step, names, long)
        text_width = measure(text)
        x = view.x_of(tick, width) + LABEL_PAD
        if x < 0 or x + text_width > width or x < right_edge + LABEL_GAP:
            continue
        labels.append(AxisLabel(text, x, text_width, major=False))
        right_edge = x + text_width
    return labels


def _major_labels(ticks: list[float], step: TickStep, view: Viewport, width: float,
                  measure: Measure, names: CalendarNames) -> list[AxisLabel]:
    # Months by their long names where every one of them fits so, else all by their short ones:
    # one long name may take the room the next one needed, and a period is named before any is dropped.
    # Where even short names do not all fit, months go without their year but for January and the first.
    best = _major_labels_as(ticks, step, view, width, measure, names, short=False)
    if step.unit is not Unit.MONTH and step.unit is not Unit.DAY:
        return best
    for short, bare in ((True, False), (True, True)):
        if len(best) >= len(ticks) - 1:
            break  # every period named (the last may begin past the edge)
        candidate = _major_labels_as(ticks, step, view, width, measure, names, short=short, bare=bare)
        if len(candidate) > len(best):
            best = candidate
    return best


def _major_labels_as(ticks: list[float], step: TickStep, view: Viewport, width: float, measure: Measure,
                     names: CalendarNames, *, short: bool, bare: bool = False) -> list[AxisLabel]:
    labels: list[AxisLabel] = []
    for position, tick in enumerate(ticks):
        text = format_major(tick, step, names, short)
        if bare and step.unit is Unit.MONTH and labels and from_axis(tick).month != 1:
            text = names.month_short(from_axis(tick).month)
        text_width = measure(text)
        x = max(view.x_of(tick, width), 0.0) + LABEL_PAD
        next_x = view.x_of(ticks[position + 1], width) if position + 1 < len(ticks) else math.inf
        # A period that began off screen keeps its name at the left edge until the next pushes it.
        x = min(x, next_x - LABEL_GAP - text_width)
        if x < 0 or x + text_width > width:
            continue
        if labels and x < labels[-1].x + labels[-1].width + LABEL_GAP:
            if not (bare and from_axis(tick).month == 1):
                continue
            # A new year is named whatever it takes: the month before gives way.
            while labels and x < labels[-1].x + labels[-1].width + LABEL_GAP:
                labels.pop()
        labels.append(AxisLabel(text, x, text_width, major=True))
    return labels
