"""Edits to a document: the changes that commands apply, and the dates that moving an event gives.

Every edit replaces JSON objects rather than changing them in place, so the writer can
tell what changed by identity, and undo can put back the very object that was there.
An edited event keeps its key order and every field the form does not know.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from timeline_app.model.dates import (
    Precision,
    TimelineDate,
    calendar_date,
    format_date,
)
from timeline_app.model.document import Event, StoredItem, TimelineDocument, item_value
from timeline_app.model.rules import DocumentReader
from timeline_app.model.timeaxis import (
    SECONDS_PER_MEAN_YEAR,
    SECONDS_PER_MINUTE,
    add_months,
    from_axis,
)

_ISO_LIKE = re.compile(r"(?:c\.\s*|~)?[+-]?\d{4,}(?:-\d{2}(?:-\d{2}(?:T.*)?)?)?[?~]?")
_MONTHS_PER = {Precision.MONTH: 1, Precision.QUARTER: 3, Precision.THIRD: 4, Precision.HALF: 6}
_YEARS_PER = {Precision.YEAR: 1, Precision.DECADE: 10, Precision.CENTURY: 100, Precision.MILLENNIUM: 1000}
_SECONDS_PER = {Precision.SECOND: 1.0, Precision.MINUTE: 60.0, Precision.HOUR: 3600.0, Precision.DAY: 86400.0}


# ------------------------------------------------------------------ changes to the document


@dataclass(frozen=True, slots=True)
class EventDelta:
    """The events an edit took out of the document and put in, when nothing else changed.

    With it the views update what they built from the events instead of building it again,
    which at a million events takes seconds.
    """

    removed: tuple[Event, ...]
    added: tuple[Event, ...]


class ChangeKind(StrEnum):
    """What a change did to the document."""

    EDIT = "edit"  # one event's JSON was replaced
    ADD = "add"  # an event was put into the events array
    REMOVE = "remove"  # an event was taken out of it
    RELOAD = "reload"  # anything may have changed: the events are read again
    CATEGORIES = "categories"  # the categories object was replaced
    ERAS = "eras"  # the eras array was replaced; the events are as they were
    VIEW = "view"  # the document is the same, but the user chose to see other events or lanes


@dataclass(frozen=True, slots=True)
class DocumentChange:
    """What an edit did, for the views: where, and which event it left there."""

    kind: ChangeKind
    position: int | None = None  # the place in the events array an edit, add or remove touched
    delta: EventDelta | None = None  # given by the session when the events could be updated in place
    # Given by the session: the uid of the event an edit or add left at ``position`` (None when
    # what is there now is not a valid event), so a view can show the user what they did.
    touched: int | None = None


ChangeListener = Callable[[DocumentChange], None]


def replace_event(document: TimelineDocument, position: int, raw: Any) -> Any:
    """Put ``raw`` at ``position`` of the events array; return what was there."""
    events = document.raw_events()
    previous = events[position]
    events[position] = raw
    origin = document.origin_of(previous)
    document.edit_origins[id(raw)] = (raw, previous if origin is None else origin)
    return previous


def why_events_cannot_be_added(document: TimelineDocument) -> str | None:
    """Why this document has nowhere to put a new event, or None when it has.

    A file that could not be read, or whose "events" is not a list, would take a new event
    into a list that is never saved: the edit would vanish. It is refused with the reason.
    """
    root = document.root
    if isinstance(root, list) or (isinstance(root, dict) and isinstance(root.get("events"), list)):
        return None
    if isinstance(root, dict):
        return ('this file has no "events" list to add to; fix it in your editor (see Problems) '
                "and the timeline reloads")
    return "the file could not be read, so there is nowhere to add events; fix it in your editor (see Problems)"


def insert_event(document: TimelineDocument, position: int, raw: Any) -> None:
    reason = why_events_cannot_be_added(document)
    if reason is not None:
        raise ValueError(reason)  # callers check first; an edit must never vanish silently
    document.raw_events().insert(position, raw)


def remove_event(document: TimelineDocument, position: int) -> Any:
    return document.raw_events().pop(position)


def set_categories(document: TimelineDocument, categories: dict[str, Any]) -> Any:
    """Replace the categories object; return the previous one (None when there was none)."""
    if not isinstance(document.root, dict):
        raise ValueError("a file that is a bare list of events has no categories")
    previous = document.root.get("categories")
    document.root["categories"] = categories
    return previous


def categories_with(document: TimelineDocument, key: str, label: str, color: str) -> dict[str, Any] | None:
    """The file's categories with one more (or one redefined), or None for a file that is a bare
    list of events: it has nowhere to define a category, and its events keep a palette colour."""
    root = document.root
    if not isinstance(root, dict):
        return None
    current = root.get("categories")
    categories = dict(current) if isinstance(current, dict) else {}
    categories[key] = {"label": label, "color": color}
    return categories


def position_for_new_event(document: TimelineDocument, moment: float) -> int:
    """Where a new event at ``moment`` goes in the events array: before the first event after it
    in time, so that a file kept in order stays in order; at the end when none is later."""
    following = min((event for event in document.events if event.begin > moment),
                    key=lambda event: (event.begin, event.index), default=None)
    return following.index if following is not None else len(document.raw_events())


def swap_era(document: TimelineDocument, position: int, old: Any, new: Any) -> int | None:
    """Put era ``new`` where era ``old`` is (``old`` None: insert at ``position``; ``new`` None: take
    ``old`` out); return the place in the eras array. None when ``old`` is no longer in the file:
    changed in an editor since.

    ``old`` is found as that very object, or after a reload as an equal one, the nearest to
    ``position``. The eras array is a new list holding the same objects for every era not
    touched, so a save copies those byte for byte, and an edited one keeps the text of each
    value it did not change (see writer.py).
    """
    root = document.root
    if not isinstance(root, dict):
        return None  # a bare list of events (rewritten so in an editor since, maybe): nowhere for eras
    eras = list(document.raw_eras())
    if old is None:
        place = min(max(position, 0), len(eras))
        eras.insert(place, new)
    else:
        places = [place for place, era in enumerate(eras) if era is old] or \
                 [place for place, era in enumerate(eras) if era == old]
        if not places:
            return None
        place = min(places, key=lambda found: abs(found - position))
        if new is None:
            del eras[place]
        else:
            previous = eras[place]
            eras[place] = new
            origin = document.origin_of(previous)
            document.edit_origins[id(new)] = (new, previous if origin is None else origin)
    if eras or "eras" in document.source_values:
        root["eras"] = eras
    else:
        root.pop("eras", None)  # undoing the first era of a file without any leaves it as it was
    return place


def edited_era(document: TimelineDocument, position: int | None, fields: dict[str, str]) -> dict[str, Any]:
    """An era's JSON object with the form's ``fields`` ("" takes a field out); keys the form does
    not know are kept, in their order."""
    eras = document.raw_eras()
    before = eras[position] if position is not None and position < len(eras) else None
    era: dict[str, Any] = dict(before) if isinstance(before, dict) else {}
    for key in ("title", "start", "end", "color", "description"):
        value = fields.get(key, "")
        if value:
            era[key] = value
        else:
            era.pop(key, None)
    return era


def restore_categories(document: TimelineDocument, previous: Any) -> None:
    if isinstance(document.root, dict):
        if previous is None:
            document.root.pop("categories", None)
        else:
            document.root["categories"] = previous


def new_event_id(document: TimelineDocument, title: str) -> str:
    """A readable id from the title, unique in the document."""
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "event"
    # Items still in their text are valid events, so their ids are among the events' ids.
    taken = {event.id for event in document.events}
    taken.update(raw.get("id") for raw in document.raw_events() if isinstance(raw, dict))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


# ------------------------------------------------------------------ dates for edits


def shifted_date_text(date: TimelineDate, seconds: float) -> str | None:
    """The date moved by about ``seconds``, in whole units of its own precision, or None for no move.

    A month-precision date moves by whole months and stays month-precision; the text keeps
    the author's style (ISO stays ISO, words become words).
    """
    if date.ongoing or date.deep is not None or date.precision < Precision.MILLENNIUM:
        return None
    moved = _shift(date, seconds)
    if moved is None:
        return None
    return restyle(date.text, moved)


def _shift(date: TimelineDate, seconds: float) -> TimelineDate | None:
    precision = date.precision
    offset = date.utc_offset_minutes
    local = from_axis(date.earliest + (offset or 0) * SECONDS_PER_MINUTE)
    flags = {"approximate": date.approximate, "uncertain": date.uncertain}
    if precision in _SECONDS_PER:
        steps = round(seconds / _SECONDS_PER[precision])
        if not steps:
            return None
        moved = from_axis(date.earliest + (offset or 0) * SECONDS_PER_MINUTE + steps * _SECONDS_PER[precision])
        shifted = calendar_date(precision, moved.year, moved.month, moved.day, moved.hour, moved.minute,
                                moved.second, utc_offset_minutes=offset, **flags)  # type: ignore[arg-type]
        # A time on the file's clocks stays one: written without an offset, its zone's read back in.
        return replace(shifted, zoned=date.zoned)
    if precision in _MONTHS_PER:
        size = _MONTHS_PER[precision]
        steps = round(seconds / (size * SECONDS_PER_MEAN_YEAR / 12))
        if not steps:
            return None
        year, month = add_months(local.year, local.month, steps * size)
        return calendar_date(precision, year, month, **flags)  # type: ignore[arg-type]
    size = _YEARS_PER[precision]
    steps = round(seconds / (size * SECONDS_PER_MEAN_YEAR))
    if not steps:
        return None
    return calendar_date(precision, local.year + steps * size, **flags)  # type: ignore[arg-type]


def moved_raw(event: Event, seconds: float, part: str) -> dict[str, Any] | None:
    """The event's JSON after a drag of ``part`` ("move", "start" or "end") by about ``seconds``.

    Each date snaps to its own precision. None when nothing would change, or when a resize
    would turn the range inside out.
    """
    raw = dict(event.raw)
    if part in ("move", "start"):
        moved = shifted_date_text(event.start, seconds)
        if moved is not None:
            raw["start"] = moved
    if part in ("move", "end") and event.end is not None:
        moved = shifted_date_text(event.end, seconds)
        if moved is not None:
            raw["end"] = moved
    if raw == event.raw or (part != "move" and DocumentReader().errors_in(raw)):
        return None
    return raw


def restyle(original_text: str, date: TimelineDate) -> str:
    """``date`` written the way ``original_text`` was: ISO if it was ISO, words otherwise."""
    if _ISO_LIKE.fullmatch(original_text.strip()) and date.precision >= Precision.YEAR \
            and date.precision in (Precision.YEAR, Precision.MONTH, Precision.DAY, Precision.HOUR,
                                   Precision.MINUTE, Precision.SECOND):
        return iso_text(date)
    return format_date(date)


def iso_text(date: TimelineDate) -> str:
    """ISO 8601 at the date's precision (year, month, day or a time), with its qualifiers."""
    offset = date.utc_offset_minutes
    local = from_axis(date.earliest + (offset or 0) * SECONDS_PER_MINUTE)
    sign = "-" if local.year < 0 else ""
    text = f"{sign}{abs(local.year):04d}"
    if date.precision >= Precision.MONTH:
        text += f"-{local.month:02d}"
    if date.precision >= Precision.DAY:
        text += f"-{local.day:02d}"
    if date.precision >= Precision.HOUR:
        full = format_date(TimelineDate(date.earliest, date.latest, date.precision,
                                        utc_offset_minutes=offset, zoned=date.zoned))
        text = full
    return ("c. " if date.approximate else "") + text + ("?" if date.uncertain else "")


def event_position(document: TimelineDocument, event: Event) -> int:
    """Where the event's JSON object is in the events array."""
    events = document.raw_events()
    if 0 <= event.index < len(events) and events[event.index] is event.item:
        return event.index
    for position, item in enumerate(events):
        if item is event.item:
            return position
    raise LookupError(f"event {event.key!r} is not in the document")


def positions_with_id(document: TimelineDocument, event_id: str) -> list[int]:
    """Where the events array holds an item with this id (more than one when ids clash)."""
    # An item still in its text is read from its event, not parsed: a large file has a million.
    known = {event.index: event.id for event in document.events if isinstance(event.item, StoredItem)}
    positions = []
    for position, item in enumerate(document.raw_events()):
        found = known[position] if position in known else id_of_item(item)
        if found == event_id:
            positions.append(position)
    return positions


def id_of_item(item: Any) -> str | None:
    """The id of an events-array item (parsed or still text), or None when it has no valid one."""
    value = item_value(item)
    return value["id"] if isinstance(value, dict) and isinstance(value.get("id"), str) else None


