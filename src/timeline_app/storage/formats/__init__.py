"""Other formats timelines live in: TimelineJS (JSON, 2 and 3, and its sheet's CSV), CSV, iCalendar,
The Timeline Project, Markwhen and vis-timeline.

Each reader turns a file into the JSON of our own format (so one loader validates
everything), with notes on anything it could not carry over; each writer turns a document
into the other format and says, never silently, what that format cannot hold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeline_app.storage.jsonpos import skip_whitespace

OURS, TIMELINEJS, CSV, ICS = "timeline", "timelinejs", "csv", "ics"
TIMELINEJS2, TIMELINEJS_SHEET = "timelinejs2", "timelinejs-sheet"
TIMELINE_PROJECT, MARKWHEN, VIS_TIMELINE = "timeline-project", "markwhen", "vis-timeline"
FORMAT_NAMES = {OURS: "timeline-app JSON", TIMELINEJS: "TimelineJS3 JSON", CSV: "CSV", ICS: "iCalendar",
                TIMELINEJS2: "TimelineJS2 JSON", TIMELINEJS_SHEET: "TimelineJS sheet",
                TIMELINE_PROJECT: "The Timeline Project", MARKWHEN: "Markwhen", VIS_TIMELINE: "vis-timeline"}
# Read, but never written: a save over such a file would put another format in its place.
READ_ONLY = frozenset({TIMELINE_PROJECT, MARKWHEN, VIS_TIMELINE})
_BOM = "\ufeff"


@dataclass
class Converted:
    """The result of reading or writing another format."""

    root: Any = None  # our JSON (reading) …
    text: str = ""  # … or the other format's text (writing)
    notes: list[str] = field(default_factory=list)  # what could not be carried over, in words
    unmapped: list[str] = field(default_factory=list)  # CSV headers the reader did not recognise
    # Where each event of ``root`` came from, so problems are placed at the file's own lines: the
    # line its row or VEVENT begins on, or (JSON) the path of its object in the file.
    event_lines: list[int] = field(default_factory=list)
    event_paths: list[tuple[str | int, ...]] = field(default_factory=list)
    # The same for each era of ``root``: its line, or the JSON path of the object it was read from.
    era_places: list[int | tuple[str | int, ...]] = field(default_factory=list)
    # Notes about one place in the file read, by their position in ``notes``: a line or a JSON path.
    note_places: dict[int, int | tuple[str | int, ...]] = field(default_factory=dict)
    # Reading: items of the file that could not be made events at all; writing: events of the
    # timeline the written text has no place for. Each is also in a note.
    left_out: int = 0

    def note_at(self, place: int | tuple[str | int, ...], note: str) -> None:
        """A note about one line (or JSON path) of the file being read."""
        self.note_places[len(self.notes)] = place
        self.notes.append(note)


def examples(texts: list[str], limit: int = 3) -> str:
    """A few distinct ``texts`` for a note on what a format lost: "'late 2025', 'Q3 2024'"."""
    return ", ".join(f"'{text}'" for text in list(dict.fromkeys(texts))[:limit])


_SOURCE_FIELDS = frozenset({"title", "publisher", "date", "url"})
_OUR_TOP = ("$schema", "title", "description", "categories", "eras", "events")


def losses_of_the_file(document: Any, name: str, *, keeps: frozenset[str] = frozenset(),
                       keeps_category_labels: bool = False, keeps_sources: bool = False) -> list[str]:
    """What of a document beyond its events a format called ``name`` cannot hold, a note each.

    ``keeps``: the top-level fields it carries (of "title", "description", "unknown" for fields of
    the file's own); the labels, colours and descriptions of categories, and sources' own fields,
    are said when it cannot hold them.
    """
    root = document.root if isinstance(document.root, dict) else {}
    notes = []
    for key, what in (("title", "the timeline's title"), ("description", "the timeline's description")):
        if root.get(key) and key not in keeps:
            notes.append(f"{name} has no place for {what}; it was left out")
    if "$schema" in root:
        notes.append(f"{name} has no place for \"$schema\"; it was left out")
    eras = root.get("eras")
    if isinstance(eras, list) and eras and "eras" not in keeps:
        notes.append(f"{name} has no place for eras; {len(eras)} {'era was' if len(eras) == 1 else 'eras were'} "
                     "left out")
    own = [key for key in root if key not in _OUR_TOP and not key.startswith(("timelinejs_", "ics_"))]
    if own and "unknown" not in keeps:
        notes.append(f"{name} has no place for the top-level fields " + ", ".join(f'"{key}"' for key in own[:5])
                     + ("…" if len(own) > 5 else "") + "; they were left out")
    categories = list(document.categories.values())
    described = [c for c in categories if c.color or c.description or (c.label != c.id and not keeps_category_labels)]
    if described:
        parts = [part for part, present in (("labels", not keeps_category_labels and any(c.label != c.id
                                                                                          for c in categories)),
                                            ("colours", any(c.color for c in categories)),
                                            ("descriptions", any(c.description for c in categories))) if present]
        if parts:
            notes.append(f"{name} cannot hold the {', '.join(parts)} of {len(described)} categories; only "
                         f"{'their labels' if keeps_category_labels else 'their ids'} were written")
    if not keeps_sources:
        extra = sum(1 for event in document.events for source in _raw_sources(event.raw)
                    if isinstance(source, dict) and set(source) - _SOURCE_FIELDS)
        if extra:
            notes.append(f"{name} keeps a source's title, publisher, date and URL only; other fields of {extra} "
                         "sources were left out")
    return notes


def _raw_sources(raw: Any) -> list[Any]:
    sources = raw.get("sources") if isinstance(raw, dict) else None
    return sources if isinstance(sources, list) else []


class FormatError(ValueError):
    """A file that claims a format but cannot be read as it; the message says where and why."""


def detect_format(text: str, name: str = "") -> str:
    """Which format ``text`` is in, judged by its content first and its name only to break ties."""
    head = text.lstrip(_BOM).lstrip()[:4096]
    if head.upper().startswith("BEGIN:VCALENDAR"):
        return ICS
    if head.startswith(("<", "# Written by Timeline")):
        return TIMELINE_PROJECT  # any XML: its reader names what it is when it is not a Timeline Project file
    if head.startswith("["):
        return VIS_TIMELINE if _is_vis_list(text) else OURS  # a bare list of events; TimelineJS files are objects
    if head.startswith("{"):
        try:
            data = _json_head(text.lstrip(_BOM).lstrip())
        except (ValueError, IndexError, RecursionError):
            return OURS  # broken JSON: our loader explains where
        from timeline_app.storage.formats.timelinejs2 import looks_like_timelinejs2

        if looks_like_timelinejs2(data):
            return TIMELINEJS2
        from timeline_app.storage.formats.vistimeline import looks_like_vis_timeline

        if looks_like_vis_timeline(data):
            return VIS_TIMELINE
        return TIMELINEJS if looks_like_timelinejs(data) else OURS
    suffix = Path(name).suffix.lower()
    if suffix == ".ics":
        return ICS
    if head[:1] in tuple('"-0123456789tfn') and _is_json_scalar(text.lstrip(_BOM).strip()):
        return OURS  # JSON whose root is text, a number, true, false or null: our loader says what it should be
    if not head:
        return OURS
    if _is_timelinejs_sheet(head):
        return TIMELINEJS_SHEET
    from timeline_app.storage.formats.markwhen import looks_like_markwhen

    if suffix == ".mw":
        return MARKWHEN
    return MARKWHEN if suffix != ".csv" and looks_like_markwhen(head) else CSV


def _is_vis_list(text: str) -> bool:
    """Whether a JSON list's first item is a vis-timeline item (read without parsing the whole list)."""
    from timeline_app.storage.formats.vistimeline import looks_like_vis_timeline

    body = text.lstrip(_BOM).lstrip()
    try:
        first, _ = json.JSONDecoder().raw_decode(body, skip_whitespace(body, 1))
    except (ValueError, IndexError, RecursionError):
        return False
    return looks_like_vis_timeline([first])


def _is_timelinejs_sheet(head: str) -> bool:
    import csv
    import io

    from timeline_app.storage.formats.timelinejs_sheet import is_timelinejs_sheet

    try:
        headers = next(csv.reader(io.StringIO(head, newline="")), [])
    except csv.Error:
        return False
    return is_timelinejs_sheet(headers)


def _is_json_scalar(text: str) -> bool:
    # A CSV whose first cell is quoted fails at once, at the separator after it.
    try:
        json.loads(text, parse_int=str, parse_float=str, parse_constant=str)
    except (ValueError, RecursionError):
        return False
    return True


def _json_head(text: str) -> dict[str, Any]:
    """The members of a JSON object up to its first event, which is enough to tell the format.

    Parsing a whole large file only to look at one event would double the time it takes to open.
    """
    decoder = json.JSONDecoder()
    head: dict[str, Any] = {}
    position = skip_whitespace(text, 1)
    if text[position] == "}":
        return head
    while True:
        key, position = decoder.raw_decode(text, position)
        position = skip_whitespace(text, position)
        if text[position] != ":":
            raise ValueError("expected ':'")
        position = skip_whitespace(text, position + 1)
        if key == "events" and text[position] == "[":
            position = skip_whitespace(text, position + 1)
            if text[position] != "]":
                first, _ = decoder.raw_decode(text, position)
                head[key] = [first]
                return head
            head[key] = []
            position += 1
        else:
            head[key], position = decoder.raw_decode(text, position)
        position = skip_whitespace(text, position)
        if text[position] == "}":
            return head
        if text[position] != ",":
            raise ValueError("expected ','")
        position = skip_whitespace(text, position + 1)


def looks_like_timelinejs(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    events = data.get("events")
    if isinstance(events, list) and events:
        first = events[0]
        # Ours has "start"; a file converted from TimelineJS keeps "start_date" beside it.
        return isinstance(first, dict) and "start" not in first and ("start_date" in first or "text" in first)
    return "title" in data and isinstance(data.get("title"), dict)


def format_for_path(path: Path) -> str:
    """The format a file name asks to be written in."""
    suffix = path.suffix.lower()
    if path.name.lower().endswith((".timelinejs.csv", ".tljs.csv")):
        return TIMELINEJS_SHEET
    if suffix == ".csv":
        return CSV
    if suffix in (".ics", ".ical", ".ifb"):
        return ICS
    if path.name.lower().endswith((".timelinejs.json", ".tljs.json")):
        return TIMELINEJS
    return OURS
