"""When an event happened, in words, with how precisely it is known; and lists of names for messages."""

from __future__ import annotations

from collections.abc import Iterable

from timeline_app.model.dates import Precision, TimelineDate
from timeline_app.model.document import Event
from timeline_app.model.safety import reveal_hidden
from timeline_app.model.timeaxis import (
    MONTH_NAMES,
    SECONDS_PER_DAY,
    SECONDS_PER_MEAN_YEAR,
    from_axis,
    year_label,
)
from timeline_app.model.view.appearance import shorten_at_word
from timeline_app.model.view.scene import Cluster, Density, Placement


def describe_when(event: Event) -> str:
    """"April 2025 · month known", "14 Apr – 27 May 2025 · 43 days", "c. 1850 · approximate"."""
    start, end = event.start, event.end
    if end is None:
        return " · ".join([start.label(), *_knowledge(start)])
    span = _range_text(start, end)
    parts = [span, _duration(start, end)]
    qualifiers = sorted(set(_qualifiers(start)) | set(_qualifiers(end)))
    return " · ".join(part for part in [*parts, *qualifiers] if part)


def _knowledge(date: TimelineDate) -> list[str]:
    qualifiers = _qualifiers(date)
    if date.precision >= Precision.DAY and not qualifiers:
        return ["exact date" if date.precision == Precision.DAY else f"to the {date.precision.noun}"]
    return [f"{date.precision.noun} known", *qualifiers]


def _qualifiers(date: TimelineDate) -> list[str]:
    words = []
    if date.approximate:
        words.append("approximate")
    if date.uncertain:
        words.append("uncertain")
    if date.ongoing:
        words.append("ongoing")
    return words


def _range_text(start: TimelineDate, end: TimelineDate) -> str:
    if end.ongoing:
        return f"{start.label()} – present"
    plain = not (start.approximate or start.uncertain or end.approximate or end.uncertain)
    if plain and start.precision == end.precision == Precision.DAY:
        first, last = from_axis(start.earliest), from_axis(end.earliest)
        head = f"{first.day} {MONTH_NAMES[first.month - 1][:3]}"
        tail = f"{last.day} {MONTH_NAMES[last.month - 1][:3]} {year_label(last.year)}"
        if first.year != last.year:
            head += f" {year_label(first.year)}"
        return f"{head} – {tail}"
    return f"{start.label()} – {end.label()}"


def _duration(start: TimelineDate, end: TimelineDate) -> str:
    if end.ongoing:
        return ""
    if start.precision == end.precision == Precision.DAY and not (start.approximate or end.approximate):
        days = round((end.earliest - start.earliest) / SECONDS_PER_DAY)
        return f"{days} day{'s' if days != 1 else ''}"
    seconds = max(end.midpoint - start.midpoint, 0.0)
    return "about " + humanize_duration(seconds) if seconds else ""


def humanize_duration(seconds: float) -> str:
    days = seconds / SECONDS_PER_DAY
    years = seconds / SECONDS_PER_MEAN_YEAR
    if years >= 1.5:
        return f"{years:,.0f} years" if years < 1e4 else f"{years:,.3g} years"
    if days >= 45:
        months = round(days / 30.44)
        return f"{months} months"
    if days >= 1.5:
        return f"{round(days)} days"
    hours = seconds / 3600
    if hours >= 1.5:
        return f"{round(hours)} hours"
    return f"{max(round(seconds / 60), 1)} minutes"


def listed(names: Iterable[str], most: int = 8, longest: int = 40) -> str:
    """Names for a message: the first few, each shortened, and how many more ("a, b and 99,998 more")."""
    shown: list[str] = []
    rest = 0
    for name in names:
        if len(shown) < most:
            shown.append(name if len(name) <= longest else name[:longest - 1] + "…")
        else:
            rest += 1
    return ", ".join(shown) + (f" and {rest:,} more" if rest else "")


HOVER_TITLE_CHARACTERS = 300  # of a title in a tooltip: a 100 KB one would fill the screen


def hover_text(item: Placement | Cluster | Density | None) -> str | None:
    """What the pointer resting on a frame's ``item`` is told (None: nothing to tell)."""
    if isinstance(item, Placement):
        return hover_preview(item.event)
    if isinstance(item, Cluster):
        return f"{len(item.events):,} more events here; click to zoom in"
    if isinstance(item, Density):
        return "Too many events to draw one by one here; click to zoom in"
    return None


def hover_preview(event: Event) -> str:
    """What hovering an event shows: the whole title, its date in words, the description's first line."""
    when = describe_when(event)
    first_line = next((line.strip() for line in event.description.splitlines() if line.strip()), "")
    if len(first_line) > 160:
        first_line = first_line[:159].rsplit(" ", 1)[0] + "…"
    title = reveal_hidden(shorten_at_word(event.title, HOVER_TITLE_CHARACTERS, len))
    return "\n".join(part for part in (title, when, first_line) if part)
