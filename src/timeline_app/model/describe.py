"""When an event happened, in words, with how precisely it is known; and lists of names for messages."""

from __future__ import annotations

from collections.abc import Iterable

from timeline_app.model.dates import Precision, TimelineDate, parse_date
from timeline_app.model.document import Era, Event
from timeline_app.model.safety import reveal_hidden
from timeline_app.model.timeaxis import (
    MONTH_NAMES,
    SECONDS_PER_DAY,
    SECONDS_PER_MEAN_YEAR,
    SECONDS_PER_MINUTE,
    CivilDateTime,
    axis_to_years_ago,
    from_axis,
    year_label,
)
from timeline_app.model.view.appearance import shorten_at_word
from timeline_app.model.view.scene import Cluster, Density, Placement
from timeline_app.model.zones import Zone


def shown_label(date: TimelineDate, zone: Zone | None = None) -> str:
    """A date as the reader sees it: a time with its zone ("12 June 2025, 21:30 EDT") in ``zone``,
    or where none is given, as written (its own offset, else UTC); a day or longer as :meth:`label`."""
    if date.precision < Precision.HOUR or date.ongoing:
        return date.label()
    if zone is not None:
        local, suffix = from_axis(zone.local(date.earliest)), zone.abbreviation(date.earliest)
    else:
        offset = date.utc_offset_minutes or 0
        local = from_axis(date.earliest + offset * SECONDS_PER_MINUTE)
        suffix = "UTC" if not offset else \
            f"UTC{'+' if offset > 0 else '−'}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if date.precision >= Precision.SECOND:
        clock += f":{int(local.second):02d}"
    core = f"{local.day} {MONTH_NAMES[local.month - 1]} {year_label(local.year)}, {clock} {suffix}"
    return ("c. " if date.approximate else "") + core + ("?" if date.uncertain else "")


def describe_when(event: Event | Era, zone: Zone | None = None) -> str:
    """"April 2025 · month known", "14 Apr – 27 May 2025 · 43 days", "c. 1850 · approximate";
    times in ``zone`` with its name ("12 June 2025, 21:30 EDT"), as written where none is given."""
    start, end = event.start, event.end
    if end is None:
        return " · ".join([shown_label(start, zone), *_knowledge(start)])
    span = _range_text(start, end, zone)
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


def _range_text(start: TimelineDate, end: TimelineDate, zone: Zone | None = None) -> str:
    if end.ongoing:
        return f"{shown_label(start, zone)} – present"
    plain = not (start.approximate or start.uncertain or end.approximate or end.uncertain)
    if plain and start.precision == end.precision == Precision.DAY:
        first, last = _local_start(start), _local_start(end)
        head = f"{first.day} {MONTH_NAMES[first.month - 1][:3]}"
        tail = f"{last.day} {MONTH_NAMES[last.month - 1][:3]} {year_label(last.year)}"
        if first.year != last.year:
            head += f" {year_label(first.year)}"
        return f"{head} – {tail}"
    return f"{shown_label(start, zone)} – {shown_label(end, zone)}"


def _local_start(date: TimelineDate) -> CivilDateTime:
    """Where a date begins on the clocks it was written on (a day of a file's zone is that zone's day)."""
    return from_axis(date.earliest + (date.utc_offset_minutes or 0) * SECONDS_PER_MINUTE)


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


def hover_text(item: Placement | Cluster | Density | None, zone: Zone | None = None) -> str | None:
    """What the pointer resting on a frame's ``item`` is told (None: nothing to tell)."""
    if isinstance(item, Placement):
        return hover_preview(item.event, zone)
    if isinstance(item, Cluster):
        return f"{len(item.events):,} more events here; click to zoom in"
    if isinstance(item, Density):
        return "Too many events to draw one by one here; click to zoom in"
    return None


def hover_preview(event: Event, zone: Zone | None = None) -> str:
    """What hovering an event shows: the whole title, its date in words, the description's first line."""
    when = describe_when(event, zone)
    first_line = next((line.strip() for line in event.description.splitlines() if line.strip()), "")
    if len(first_line) > 160:
        first_line = first_line[:159].rsplit(" ", 1)[0] + "…"
    title = reveal_hidden(shorten_at_word(event.title, HOVER_TITLE_CHARACTERS, len))
    return "\n".join(part for part in (title, when, first_line) if part)


def era_hover_text(era: Era, zone: Zone | None = None) -> str:
    """What hovering an era in its band shows: its title, when it ran, and that a click shows more."""
    title = reveal_hidden(shorten_at_word(era.title, HOVER_TITLE_CHARACTERS, len))
    return f"Era: {title}\n{describe_when(era, zone)}\nClick to read about it; double-click to edit it"


def explain_date(text: str, *, allow_ongoing: bool = False, zone: Zone | None = None) -> str:
    """What a date text was understood as: "late 2025 → Sep–Dec 2025, approximate"; a time without
    an offset on the clocks of ``zone``, the file's, with their name ("21:30 EDT")."""
    date = parse_date(text, allow_ongoing=allow_ongoing, zone=zone)
    if date.ongoing:
        return f"{text.strip()} → still going on, drawn up to now"
    flags = [word for word, on in (("approximate", date.approximate), ("uncertain", date.uncertain)) if on]
    return f"{text.strip()} → {interval_words(date, zone)}" + (", " + ", ".join(flags) if flags else "") + \
        f" ({date.precision.noun} precision)"


def interval_words(date: TimelineDate, zone: Zone | None = None) -> str:
    """The span a date covers, in words: "Sep–Dec 2025", "1801–1900", "12 June 2025"."""
    if date.deep is not None:
        number, scale = date.deep
        return f"about {number} {scale} years ago"
    if date.precision <= Precision.THOUSAND_YEARS:
        return f"about {axis_to_years_ago(date.midpoint):,.0f} years ago"
    offset = date.utc_offset_minutes
    first = from_axis(date.earliest + (offset or 0) * SECONDS_PER_MINUTE)
    last = from_axis(date.latest + (offset or 0) * SECONDS_PER_MINUTE - 1)
    precision = date.precision
    if precision in (Precision.MILLENNIUM, Precision.CENTURY, Precision.DECADE):
        return f"{year_label(first.year)}–{year_label(last.year)}"
    if precision == Precision.YEAR:
        return f"the year {year_label(first.year)}"
    if precision in (Precision.QUARTER, Precision.THIRD, Precision.HALF):
        return f"{MONTH_NAMES[first.month - 1][:3]}–{MONTH_NAMES[last.month - 1][:3]} {year_label(first.year)}"
    if precision == Precision.MONTH:
        return f"{MONTH_NAMES[first.month - 1]} {year_label(first.year)}"
    day = f"{first.day} {MONTH_NAMES[first.month - 1]} {year_label(first.year)}"
    if precision == Precision.DAY:
        return day
    named = " UTC"
    if date.zoned and zone is not None:
        named = f" {zone.abbreviation(date.earliest)} ({zone.name})"
    elif offset:
        named = f" (UTC{'+' if offset > 0 else '−'}{abs(offset) // 60:02d}:{abs(offset) % 60:02d})"
    if precision == Precision.HOUR:
        return f"{day}, {first.hour:02d}:00–{(first.hour + 1) % 24:02d}:00{named}"
    if precision == Precision.MINUTE:
        return f"{day}, {first.hour:02d}:{first.minute:02d}{named}"
    return f"{day}, {first.hour:02d}:{first.minute:02d}:{first.second:06.3f}".rstrip("0").rstrip(".") + named


def day_words(moment: float) -> str:
    """The day of an axis moment, short: "12 Jun 2025" (a page's range, a print's header)."""
    civil = from_axis(moment)
    return f"{civil.day} {MONTH_NAMES[civil.month - 1][:3]} {year_label(civil.year)}"


def dates_words(event: Event) -> str:
    """An event's dates as its file writes them, start to end: "Apr 2025 – c. 2026"."""
    when = event.start.label()
    return f"{when} – {event.end.label()}" if event.end is not None else when
