"""Reading events.json: valid events into a document, every problem with its position.

A load never raises for bad content. It returns a :class:`LoadResult` holding the
events that are valid and a :class:`Problem` for everything else, each naming the
file, line and column of the offending value and what to write instead. Only a
file that cannot be read at all raises :class:`UnreadableFileError`.
"""

from __future__ import annotations

import gc
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from sys import intern
from typing import Any

from timeline_app.model.dates import DateError, TimelineDate, ongoing_date, parse_date
from timeline_app.model.describe import listed
from timeline_app.model.document import (
    Category,
    Event,
    JsonPath,
    Link,
    TimelineDocument,
    event_key,
    is_safe_link,
    link_scheme,
    sources_in,
)
from timeline_app.model.files import NotRegularFileError, read_regular
from timeline_app.model.formats import (
    CSV,
    FORMAT_NAMES,
    ICS,
    OURS,
    TIMELINEJS,
    FormatError,
    detect_format,
)
from timeline_app.model.jsonpos import (
    constant_offset,
    find_nesting_overflow,
    locate,
    offset_to_line_column,
    skip_whitespace,
)
from timeline_app.model.jsontext import (
    DECODER,
    ConstantError,
    JsonText,
    SourceText,
    parsed,
)
from timeline_app.model.safety import has_hidden, reveal_hidden

MAX_NESTING = 200
_BOM = b"\xef\xbb\xbf"
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_SAFE_URL_PREFIXES = ("https://", "http://", "mailto:")
_SOURCE_KEYS = frozenset(("title", "publisher", "date", "url"))
_ABSENT = object()


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a file, and where."""

    severity: Severity
    message: str
    file: str
    line: int
    column: int
    path: JsonPath = ()
    event_index: int | None = None

    def format(self) -> str:
        """One line, FILE:LINE:COL: severity: message; line breaks in echoed values are written as escapes."""
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{self.file}:{self.line}:{self.column}: {self.severity.value}: {message}"


@dataclass(slots=True)
class LoadResult:
    """What a load produced: a document (None when the JSON itself is broken) and problems."""

    document: TimelineDocument | None
    problems: list[Problem] = field(default_factory=list)
    # A CSV whose header names no title or start column: its headers, for a mapping dialog.
    csv_headers: list[str] | None = None

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity is Severity.WARNING]


class UnreadableFileError(Exception):
    """The file could not be read at all (missing, a folder, no permission)."""


class LoadCancelled(Exception):  # noqa: N818 - it is not an error: the user asked for it
    """Raised by a progress callback to stop a load the user no longer wants."""


Progress = Callable[[float], None]
"""Told the share of a load done so far, from 0.0 to 1.0; may raise :class:`LoadCancelled`."""

# Shares of a load's time, measured on large files: reading bytes, parsing JSON, building events.
_READ_SHARE, _PARSE_SHARE = 0.05, 0.45
PROGRESS_EVERY = 2000  # events between progress reports: often enough for a smooth bar, rarely enough to cost nothing


def _no_progress(_done: float) -> None:
    pass


@contextmanager
def garbage_collection_paused() -> Iterator[None]:
    """Parse without the collector: a million fresh dicts would trigger it again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_path(path: str | Path, display_name: str | None = None,
              csv_mapping: dict[int, str] | None = None, progress: Progress | None = None,
              on_read: Callable[[bytes], None] | None = None) -> LoadResult:
    """Load a timeline from disk: our events.json, or TimelineJS3 JSON, CSV or iCalendar (by content).

    ``progress`` hears how far the load is, and may stop it by raising :class:`LoadCancelled`.
    ``on_read`` is given the file's bytes as read, e.g. to note what was on disk without reading twice.
    """
    report = progress or _no_progress
    report(0.0)
    file_path = Path(path)
    name = display_name or str(path)
    try:
        data = read_regular(file_path)
    except NotRegularFileError as error:
        raise UnreadableFileError(f"{name}: cannot be read: {error.strerror or error}; open an events.json "
                                  "file") from None
    except IsADirectoryError:
        raise UnreadableFileError(f"{name}: is a folder, not a file; open an events.json file") from None
    except FileNotFoundError:
        raise UnreadableFileError(f"{name}: no such file") from None
    except PermissionError:
        raise UnreadableFileError(f"{name}: permission denied; check who may read the file") from None
    except OSError as error:
        raise UnreadableFileError(f"{name}: cannot be read: {error.strerror or error}") from None
    if on_read is not None:
        on_read(data)
    has_bom = data.startswith(_BOM)
    decoded = _decode(data, name)
    del data  # the bytes are not needed once decoded; a large file need not be held twice
    if isinstance(decoded, LoadResult):
        return decoded
    report(_READ_SHARE)
    kind = detect_format(decoded, file_path.name)
    if kind == OURS:
        result = load_text(decoded, name, bom=has_bom, progress=progress)
    else:
        result = load_converted(decoded, kind, name, csv_mapping)
    report(1.0)
    if result.document is not None:
        result.document.path = file_path
    return result


def load_converted(text: str, kind: str, name: str, csv_mapping: dict[int, str] | None = None) -> LoadResult:
    """Load another format through our own validation; what it cannot carry over becomes warnings."""
    from timeline_app.model.formats.csvformat import header_row, read_csv
    from timeline_app.model.formats.ics import read_ics
    from timeline_app.model.formats.timelinejs import read_timelinejs

    try:
        if kind == TIMELINEJS:
            try:
                data = DECODER.decode(text.lstrip("\ufeff"))
            except json.JSONDecodeError as error:  # its beginning looked right; a later part is broken
                offset = 1 if text.startswith("\ufeff") else 0
                line, column = offset_to_line_column(text, error.pos + offset)
                return LoadResult(None, [Problem(Severity.ERROR, _explain_syntax_error(error), name, line, column)])
            except ConstantError as error:
                line, column = offset_to_line_column(text, constant_offset(text, error.constant))
                return LoadResult(None, [Problem(Severity.ERROR, f"{error.constant} is not JSON; write a number "
                                                 "or null", name, line, column)])
            converted = read_timelinejs(data)
        elif kind == ICS:
            converted = read_ics(text)
        else:
            converted = read_csv(text, csv_mapping)
    except FormatError as error:
        headers = header_row(text) if kind == CSV else None
        return LoadResult(None, [Problem(Severity.ERROR, str(error), name, 1, 1)], csv_headers=headers)
    builder = _DocumentBuilder()
    document = builder.build(converted.root)
    document.source_format = kind
    # Where the events and notes came from, found in one walk of the text where it is JSON.
    note_paths = [place for place in converted.note_places.values() if isinstance(place, tuple)]
    located = locate(text.lstrip("\ufeff"), converted.event_paths + note_paths) \
        if converted.event_paths or note_paths else {}
    places = ([located[path] for path in converted.event_paths] if converted.event_paths
              else [(line, 1) for line in converted.event_lines])

    def place(finding: _Finding) -> tuple[int, int]:
        # Where the event begins in the file (its row, its VEVENT, its object): the file's own lines.
        index = finding.event_index
        return places[index] if index is not None and 0 <= index < len(places) else (1, 1)

    problems = [Problem(Severity.WARNING if finding.severity is Severity.WARNING else Severity.ERROR,
                        f"{FORMAT_NAMES[kind]}: {finding.message}", name, *place(finding), finding.path,
                        finding.event_index)
                for finding in builder.findings]
    for number, note in enumerate(converted.notes):
        found = converted.note_places.get(number)
        line, column = (1, 1) if found is None else (found, 1) if isinstance(found, int) else located[found]
        problems.append(Problem(Severity.WARNING, f"{FORMAT_NAMES[kind]}: {note}", name, line, column))
    if converted.unmapped:
        problems.append(Problem(Severity.WARNING, "CSV columns kept as extra fields: " + listed(converted.unmapped),
                                name, 1, 1))
    return LoadResult(document, problems)


def load_bytes(data: bytes, name: str = "events.json") -> LoadResult:
    """Load events.json content; ``name`` is how problems refer to the file."""
    decoded = _decode(data, name)
    return decoded if isinstance(decoded, LoadResult) else load_text(decoded, name, bom=data.startswith(_BOM))


def _decode(data: bytes, name: str) -> str | LoadResult:
    """The text of UTF-8 bytes (a byte-order mark is fine), or the problem that stops it."""
    start = len(_BOM) if data.startswith(_BOM) else 0
    try:
        return str(memoryview(data)[start:], "utf-8") if start else data.decode("utf-8")
    except UnicodeDecodeError as error:
        head = data[start:start + error.start].decode("utf-8", errors="replace")
        line, column = offset_to_line_column(head, len(head))
        byte = data[start + error.start]
        return LoadResult(None, [Problem(
            Severity.ERROR,
            f"the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8",
            name, line, column)])


STREAM_FROM_CHARS = 4_000_000
"""Files this large are read one event at a time, each event kept as its text (see jsontext.py)."""


def load_text(text: str, name: str = "events.json", *, bom: bool = False,
              progress: Progress | None = None, stream: bool | None = None) -> LoadResult:
    """Load events.json content that is already text (``bom``: the file began with a UTF-8 BOM).

    ``stream`` reads the events one at a time and keeps them as text; by default a large
    file is streamed, a small one parsed whole.
    """
    if not text.strip():
        return LoadResult(None, [Problem(
            Severity.ERROR, 'the file is empty; write {"events": []} and add events to the list',
            name, 1, 1)])
    report = progress or _no_progress
    streamed = len(text) >= STREAM_FROM_CHARS if stream is None else stream
    builder = _DocumentBuilder(progress=report)
    with garbage_collection_paused():
        stepped = False
        try:
            if streamed:
                root, stepped = _parse_in_steps(text, report, builder.streamer(SourceText(text)),
                                               1.0 - _READ_SHARE)
            elif progress is not None:
                # Steps cost about half as much again as one parse: worth it only when someone is watching.
                root, _ = _parse_in_steps(text, report, _keep_parsed, _PARSE_SHARE)
            else:
                root = DECODER.decode(text)
        except json.JSONDecodeError as error:
            return LoadResult(None, [Problem(
                Severity.ERROR, _explain_syntax_error(error), name, error.lineno, error.colno)])
        except ConstantError as error:
            line, column = offset_to_line_column(text, constant_offset(text, error.constant))
            return LoadResult(None, [Problem(
                Severity.ERROR, f"{error.constant} is not JSON; write a number or null",
                name, line, column)])
        except RecursionError:
            offset = find_nesting_overflow(text, MAX_NESTING)
            line, column = offset_to_line_column(text, max(offset, 0))
            return LoadResult(None, [Problem(
                Severity.ERROR,
                f"the data is nested too deeply; events.json needs at most {MAX_NESTING} levels",
                name, line, column)])
        if streamed and stepped and isinstance(root, dict) and isinstance(root.get("events"), list):
            document = builder.finish_stream(root)
        else:
            if streamed:  # the steps fell back to json.loads: what the builder streamed so far is void
                builder = _DocumentBuilder(progress=report)
            document = builder.build(root)
    document.source_text = text
    document.source_bom = bom
    if isinstance(root, dict):
        document.source_values = dict(root)
    document.source_events = list(document.raw_events())
    problems = _position_problems(text, name, builder.findings)
    return LoadResult(document, problems)


# The comma between two items and the white space around it, in one match rather than three steps.
_ITEM_SEPARATOR = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")

TakeItem = Callable[[Any, int], Any]
"""Given an events-array item just parsed and where its text starts; returns what the array keeps."""


def _keep_parsed(value: Any, _start: int) -> Any:
    return value


def _parse_in_steps(text: str, report: Progress, take_item: TakeItem,
                    parse_share: float) -> tuple[Any, bool]:
    """``json.loads(text)``, but an object's members and the events list one item at a time.

    One ``json.loads`` of a large file is a single C call that holds the interpreter for
    seconds: a window parsing in the background would freeze, and progress could not be told.
    Small steps let the window paint and the user cancel, and let each event be turned into
    an :class:`Event` and dropped before the next is parsed. Anything unexpected falls back to
    ``json.loads`` of the whole text, which gives the precise syntax error.

    Returns the root and whether the steps got through (False: the events never reached
    ``take_item`` as a whole, and the root is ``json.loads``'s).
    """
    try:
        return _parse_root_in_steps(text, report, take_item, parse_share), True
    except (ValueError, IndexError):
        # ConstantError is a ValueError too: the whole parse below raises it with its position.
        return DECODER.decode(text), False


def _parse_root_in_steps(text: str, report: Progress, take_item: TakeItem, parse_share: float) -> Any:
    raw_decode = DECODER.raw_decode
    end = len(text)
    position = skip_whitespace(text, 0)
    if text[position] != "{":
        return DECODER.decode(text)  # a bare list of events: parsed whole, as small files are
    members: dict[str, Any] = {}
    events_seen = False
    position = skip_whitespace(text, position + 1)
    if text[position] == "}":
        position += 1
    else:
        while True:
            key, position = raw_decode(text, position)
            if not isinstance(key, str):
                raise ValueError("a key must be text")
            position = skip_whitespace(text, position)
            if text[position] != ":":
                raise ValueError("expected ':'")
            position = skip_whitespace(text, position + 1)
            if key == "events" and text[position] == "[":
                if events_seen:  # a second "events" replaces the first: let json.loads say which wins
                    raise ValueError("two events lists")
                events_seen = True
                members[key], position = _parse_list_in_steps(text, position, report, take_item, parse_share)
            else:
                members[key], position = raw_decode(text, position)
            position = skip_whitespace(text, position)
            if text[position] == "}":
                position += 1
                break
            if text[position] != ",":
                raise ValueError("expected ','")
            position = skip_whitespace(text, position + 1)
    if skip_whitespace(text, position) != end:
        raise ValueError("extra data")
    return members


def _parse_list_in_steps(text: str, position: int, report: Progress, take_item: TakeItem,
                         parse_share: float) -> tuple[list[Any], int]:
    raw_decode = DECODER.raw_decode
    scale = parse_share / max(len(text), 1)
    items: list[Any] = []
    append = items.append
    position = skip_whitespace(text, position + 1)
    if text[position] == "]":
        return items, position + 1
    next_item = _ITEM_SEPARATOR.match
    while True:
        item, end = raw_decode(text, position)
        append(take_item(item, position))
        separator = next_item(text, end)
        if separator is None:
            if text[skip_whitespace(text, end)] == "]":
                return items, text.index("]", end) + 1
            raise ValueError("expected ','")
        position = separator.end()
        if len(items) % PROGRESS_EVERY == 0:
            report(_READ_SHARE + position * scale)


_SYNTAX_HINTS = (
    ("Expecting property name enclosed in double quotes",
     'expected a key in double quotes; JSON allows no trailing comma before "}" and no single quotes'),
    ("Expecting ',' delimiter", 'expected "," between items, or the closing bracket'),
    ("Expecting ':' delimiter", 'expected ":" after the key'),
    ("Expecting value", 'expected a value: text in "double quotes", a number, true, false, null, '
                        'an object {...} or a list [...]; a trailing comma also causes this'),
    ("Unterminated string", 'this text is never closed; add the closing "'),
    ("Invalid control character", r'a line break or tab inside text; write it as \n or \t'),
    ("Invalid \\escape", r'an invalid escape after "\"; write \\ for a backslash'),
    ("Invalid \\u", r"an invalid \u escape; write four hex digits, e.g. \u00e9"),
    ("Extra data", "unexpected text after the end of the JSON data; remove it, or wrap "
                   "everything in one object"),
)


def _explain_syntax_error(error: json.JSONDecodeError) -> str:
    for prefix, hint in _SYNTAX_HINTS:
        if error.msg.startswith(prefix):
            return f"JSON syntax: {hint}"
    return f"JSON syntax: {error.msg}"


@dataclass(slots=True)
class _Finding:
    severity: Severity
    message: str
    path: JsonPath
    event_index: int | None


def _position_problems(text: str, name: str, findings: list[_Finding]) -> list[Problem]:
    if not findings:
        return []
    positions = locate(text, (finding.path for finding in findings))
    problems = [
        Problem(finding.severity, finding.message, name, *positions[finding.path],
                path=finding.path, event_index=finding.event_index)
        for finding in findings
    ]
    problems.sort(key=lambda problem: (problem.line, problem.column))
    return problems


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


class _DocumentBuilder:
    """Turns parsed JSON into a document, collecting findings with their JSON paths."""

    def __init__(self, fast_path: bool = True, progress: Progress = _no_progress) -> None:
        self.fast_path = fast_path
        self._progress = progress
        self.findings: list[_Finding] = []
        self._date_cache: dict[str, TimelineDate] = {}
        self._end_cache: dict[str, TimelineDate] = {}
        self._event_index: int | None = None
        self._seen_ids: dict[str, int] = {}
        self._texts: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._reusable: dict[int, Event] = {}
        # Reading the events one at a time (see streamer): the document they go into, and the
        # categories of invalid events, checked once the categories have been read.
        self._streamed = TimelineDocument(events=[])
        self._unchecked_categories: list[tuple[int, str]] = []

    @staticmethod
    def _new_plain_date(text: str, cache: dict[str, TimelineDate]) -> TimelineDate | None:
        """A date not read before, read and kept for the next event; None sends the event the careful way.

        Dates that fail, and "present", which means a different moment each time, are left
        to the careful path, which explains the one and places the other.
        """
        try:
            date = parse_date(text)
        except DateError:
            return None
        cache[text] = date
        return date

    def _publishers(self, raw: dict[str, Any]) -> tuple[str, ...]:
        sources = raw.get("sources")
        if not isinstance(sources, list):
            return ()
        return self._shared_texts(dict.fromkeys(
            publisher for item in sources
            if isinstance(item, dict) and isinstance(publisher := item.get("publisher"), str) and publisher))

    def _shared_texts(self, values: Iterable[str]) -> tuple[str, ...]:
        """Tags or actors as a tuple shared by every event that names the same ones.

        A million events name a few hundred actors: one string per name, not one per mention.
        """
        key = tuple(values)
        shared = self._texts.get(key)
        if shared is None:
            shared = self._texts[key] = tuple(map(intern, key))
        return shared

    def _report(self, message: str, path: JsonPath, severity: Severity = Severity.ERROR) -> None:
        self.findings.append(_Finding(severity, message, path, self._event_index))

    def build(self, root: Any, reuse: Iterable[Event] = ()) -> TimelineDocument:
        """The document ``root`` holds. ``reuse``: events built before from the same JSON (see _reusable)."""
        self._reusable = {id(event.item): event for event in reuse
                          if type(event.item) is JsonText and not (event.end is not None and event.end.ongoing)}
        document = TimelineDocument(events=[], root=root)
        if isinstance(root, list):
            events_json: Any = root
            events_path: JsonPath = ()
        elif isinstance(root, dict):
            self._read_header(root, document)
            events_path = ("events",)
            if "events" not in root:
                self._report('no "events" list; add "events": [ ... ] with one object per event', ())
                return document
            events_json = root["events"]
        else:
            self._report(f'the file holds {_type_name(root)}; write an object '
                         '{"events": [...]} or a list of events', ())
            return document
        if not isinstance(events_json, list):
            self._report(f'"events" must be a list [...] of events, not {_type_name(events_json)}',
                         events_path)
            return document
        self._read_events(events_json, events_path, document)
        return document

    def read_item(self, item: Any, index: int, categories: dict[str, Category]) -> Event | None:
        """One item of the events array as an event, or None when it has errors (see findings).

        Ids are not compared with other events': the caller knows which it has.
        """
        raw = parsed(item)
        event = self._read_plain_event(raw, index, categories, item)
        if event is None:
            self._event_index = index
            event = self._read_event(raw, index, ("events", index), categories, item)
            self._event_index = None
        return event

    def streamer(self, source: SourceText) -> TakeItem:
        """What the stepped parser gives each item of "events": the event is built and its JSON dropped.

        A valid event is kept as a :class:`JsonText` into ``source``; an invalid one keeps its
        parsed object, so problems and edits see it as usual. The categories may come after
        the events in the file, so unknown categories are checked in :meth:`finish_stream`.
        """
        events = self._streamed.events
        append = events.append
        no_categories: dict[str, Category] = {}
        events_path: JsonPath = ("events",)
        counter = itertools.count()

        def take(raw: Any, start: int) -> Any:
            index = next(counter)
            item = JsonText(source, start)
            event = self._read_plain_event(raw, index, no_categories, item)
            if event is None:
                self._event_index = index
                event = self._read_event(raw, index, (*events_path, index), no_categories, item)
                self._event_index = None
                if event is None:
                    if type(raw) is dict and type(category := raw.get("category")) is str:
                        self._unchecked_categories.append((index, category))
                    return raw
            append(event)
            return item

        return take

    def finish_stream(self, root: Any) -> TimelineDocument:
        """The streamed document, once the whole file has been read."""
        document = self._streamed
        document.root = root
        if isinstance(root, dict):
            self._read_header(root, document)
        categories = document.categories
        if categories:
            unchecked = self._unchecked_categories
            unchecked.extend((event.index, event.category) for event in document.events
                             if event.category is not None and event.category not in categories)
            for index, category in sorted(unchecked):
                if category not in categories:
                    self._event_index = index
                    self._report_unknown_category(category, ("events", index, "category"), categories)
            self._event_index = None
        return document

    def _report_unknown_category(self, category: str, path: JsonPath, categories: dict[str, Category]) -> None:
        choices = listed(f'"{key}"' for key in categories)
        self._report(f'unknown category "{category}"; use one of {choices} '
                     'or define it under "categories"', path, Severity.WARNING)

    def _read_header(self, root: dict[str, Any], document: TimelineDocument) -> None:
        for key in ("title", "description"):
            value = root.get(key, "")
            if isinstance(value, str):
                setattr(document, key, value)
            else:
                self._report(f'"{key}" must be text in quotes, not {_type_name(value)}', (key,))
        categories = root.get("categories", {})
        if not isinstance(categories, dict):
            self._report('"categories" must be an object {"id": {"label": ..., "color": ...}}, '
                         f"not {_type_name(categories)}", ("categories",))
            return
        for category_id, spec in categories.items():
            category = self._read_category(category_id, spec)
            if category is not None:
                document.categories[category_id] = category

    def _read_category(self, category_id: str, spec: Any) -> Category | None:
        path: JsonPath = ("categories", category_id)
        if not isinstance(spec, dict):
            self._report(f'category "{category_id}" must be an object {{"label": ..., "color": '
                         f'"#RRGGBB"}}, not {_type_name(spec)}', path)
            return None
        label = spec.get("label", category_id)
        color = spec.get("color")
        description = spec.get("description", "")
        valid = True
        if not isinstance(label, str):
            self._report(f'"label" must be text, not {_type_name(label)}', (*path, "label"))
            valid = False
        if color is not None and not (isinstance(color, str) and _COLOR.fullmatch(color)):
            shown = json.dumps(color) if isinstance(color, str) else _type_name(color)
            self._report(f'{shown} is not a colour; write "#RRGGBB", e.g. "#0072B2"',
                         (*path, "color"))
            valid = False
        if not isinstance(description, str):
            self._report(f'"description" must be text, not {_type_name(description)}',
                         (*path, "description"))
            valid = False
        if not valid:
            return None
        return Category(category_id, label, color, description)

    def _read_events(self, events_json: list[Any], events_path: JsonPath,
                     document: TimelineDocument) -> None:
        append = document.events.append
        categories = document.categories
        report = self._progress
        built_share = _READ_SHARE + _PARSE_SHARE
        scale = (1.0 - built_share) / max(len(events_json), 1)
        reusable, seen_ids = self._reusable, self._seen_ids
        for index, item in enumerate(events_json):
            if index % PROGRESS_EVERY == 0:
                report(built_share + index * scale)
            if reusable:
                # An event still in its text is unchanged since it was built: only its place in the
                # array, and whether an earlier event now takes its id, can have changed.
                reused = reusable.get(id(item))
                if reused is not None and reused.item is item and reused.id not in seen_ids:
                    if reused.id is not None:
                        seen_ids[reused.id] = index
                    if reused.index != index:
                        reused.index = index
                        reused.key = event_key(reused.id, index)
                    append(reused)
                    continue
            raw = item.value() if type(item) is JsonText else item
            event = self._read_plain_event(raw, index, categories, item) if self.fast_path else None
            if event is None:
                self._event_index = index
                event = self._read_event(raw, index, (*events_path, index), categories, item)
            if event is not None:
                append(event)
        self._event_index = None

    def _read_plain_event(self, raw: Any, index: int, categories: dict[str, Category], item: Any) -> Event | None:
        """The common case checked in one go, or None to send the event the careful way.

        Nothing is recorded unless the whole event is plainly valid, so the careful path,
        which explains every problem, sees the event as if this had not run.
        """
        if type(raw) is not dict:
            return None
        get = raw.get
        # "end": null is an error the careful path explains, not an event without an end.
        title, start_text, end_text = get("title"), get("start"), get("end", _ABSENT)
        if type(title) is not str or type(start_text) is not str or not title or title.isspace():
            return None
        start = self._date_cache.get(start_text) or self._new_plain_date(start_text, self._date_cache)
        if start is None:
            return None
        end = None
        if end_text is not _ABSENT:
            end = (self._end_cache.get(end_text) or self._new_plain_date(end_text, self._end_cache)
                   if type(end_text) is str else None)
            if end is None or end.latest <= start.earliest:
                return None
        event_id, category, description = get("id"), get("category"), get("description", "")
        if event_id is not None and (type(event_id) is not str or event_id in self._seen_ids or event_id.isspace()
                                     or not event_id or has_hidden(event_id)):
            return None
        if category is not None and (type(category) is not str or (categories and category not in categories)):
            return None
        if type(description) is not str or "links" in raw:
            return None
        tags, actors = get("tags"), get("actors")
        for values in (tags, actors):
            if values is not None:
                if type(values) is not list:
                    return None
                for value in values:  # a loop, not any(): no generator made a million times
                    if type(value) is not str:
                        return None
        sources = get("sources")
        publishers: list[str] = []
        if sources is not None:
            if type(sources) is not list:
                return None
            dates = self._date_cache
            for source in sources:
                # Stricter than the careful path (any other key sends the source there): one pass, no lookups.
                if type(source) is not dict or not source.keys() <= _SOURCE_KEYS:
                    return None
                for value in source.values():
                    if type(value) is not str:
                        return None
                date, url = source.get("date"), source.get("url")
                if (date and date not in dates and self._new_plain_date(date, dates) is None) \
                        or (url and not url.startswith(_SAFE_URL_PREFIXES)):
                    return None
                if publisher := source.get("publisher"):
                    publishers.append(publisher)
        if event_id is not None:
            self._seen_ids[event_id] = index
        return Event(key=event_key(event_id, index), title=title, start=start,
                     end=end, id=event_id, category=category and intern(category),
                     tags=self._shared_texts(tags) if tags else (),
                     actors=self._shared_texts(actors) if actors else (),
                     publishers=self._shared_texts(dict.fromkeys(publishers)) if publishers else (),
                     source_count=len(sources) if sources else 0, index=index, item=item)

    def _read_event(self, raw: Any, index: int, path: JsonPath,
                    categories: dict[str, Category], item: Any) -> Event | None:
        if not isinstance(raw, dict):
            self._report(f'each event must be an object {{"title": ..., "start": ...}}, '
                         f"not {_type_name(raw)}", path)
            return None
        errors_before = len(self.findings)
        title = self._required_text(raw, "title", path, 'add "title": "What happened"')
        start = self._date(raw, "start", path, self._date_cache, allow_ongoing=False)
        end = self._date(raw, "end", path, self._end_cache, allow_ongoing=True) if "end" in raw else None
        if start is not None and end is not None and end.ongoing and end.latest < start.latest:
            # "present" is now; if the clock says now is before the start, the event simply started.
            end = ongoing_date(now=start.latest, text=end.text)
        if start is not None and end is not None and end.latest <= start.earliest:
            self._report(f'the end "{end.text}" is before the start "{start.text}"; '
                         "swap them or correct the end", (*path, "end"))
        event_id = self._event_id(raw, index, path)
        category = self._optional_text(raw, "category", path)
        if categories and category is not None and category not in categories:
            self._report_unknown_category(category, (*path, "category"), categories)
        self._optional_text(raw, "description", path)  # checked here; the event reads it from its JSON
        tags = self._text_list(raw, "tags", path)
        actors = self._text_list(raw, "actors", path)
        self._check_sources(raw, path)
        links = self._links(raw, path)
        if any(finding.severity is Severity.ERROR for finding in self.findings[errors_before:]):
            return None
        assert title is not None
        assert start is not None
        key = event_key(event_id, index)
        return Event(key=key, title=title, start=start, end=end, id=event_id,
                     category=category and intern(category), tags=self._shared_texts(tags),
                     actors=self._shared_texts(actors), publishers=self._publishers(raw),
                     source_count=len(sources_in(raw)),
                     links=links, index=index, item=item)

    def _event_id(self, raw: dict[str, Any], index: int, path: JsonPath) -> str | None:
        event_id = raw.get("id")
        if event_id is None:
            return None
        if not isinstance(event_id, str) or not event_id.strip():
            shown = "blank text" if isinstance(event_id, str) else _type_name(event_id)
            self._report(f'"id" must be non-blank text, not {shown}', (*path, "id"))
            return None
        if has_hidden(event_id):
            self._report(f'the id {reveal_hidden(event_id)} holds invisible characters, so it can look like '
                         "another id; write it with visible characters only", (*path, "id"), Severity.WARNING)
        first = self._seen_ids.setdefault(event_id, index)
        if first != index:
            self._report(f'duplicate id "{event_id}" (also used by event {first + 1}); '
                         "every id must be unique", (*path, "id"))
        return event_id

    def _required_text(self, raw: dict[str, Any], key: str, path: JsonPath, hint: str) -> str | None:
        if key not in raw:
            self._report(f'the event has no "{key}"; {hint}', path)
            return None
        value = raw[key]
        if not isinstance(value, str):
            self._report(f'"{key}" must be text in quotes, not {_type_name(value)}', (*path, key))
            return None
        if not value.strip():
            self._report(f'"{key}" is blank; {hint}', (*path, key))
            return None
        return value

    def _optional_text(self, raw: dict[str, Any], key: str, path: JsonPath) -> str | None:
        value = raw.get(key)
        if value is None or isinstance(value, str):
            return value
        self._report(f'"{key}" must be text in quotes, not {_type_name(value)}', (*path, key))
        return None

    def _date(self, raw: dict[str, Any], key: str, path: JsonPath,
              cache: dict[str, TimelineDate], *, allow_ongoing: bool) -> TimelineDate | None:
        if key not in raw:
            self._report(f'the event has no "{key}"; add "{key}": "2025-04" or any date form', path)
            return None
        value = raw[key]
        if not isinstance(value, str):
            is_year = isinstance(value, int) and not isinstance(value, bool)
            suggestion = f'"{value}"' if is_year else '"2025-04"'
            self._report(f'"{key}" must be a date in quotes, e.g. {suggestion}, not {_type_name(value)}',
                         (*path, key))
            return None
        cached = cache.get(value)
        if cached is not None:
            return cached
        try:
            date = parse_date(value, allow_ongoing=allow_ongoing)
        except DateError as error:
            self._report(str(error), (*path, key))
            return None
        if not date.ongoing:
            cache[value] = date
        return date

    def _text_list(self, raw: dict[str, Any], key: str, path: JsonPath) -> tuple[str, ...]:
        value = raw.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self._report(f'"{key}" must be a list of text, e.g. ["Meta", "Scale AI"], '
                         f"not {_type_name(value)}", (*path, key))
            return ()
        for position, item in enumerate(value):
            if not isinstance(item, str):
                self._report(f'each of "{key}" must be text in quotes, not {_type_name(item)}',
                             (*path, key, position))
                return ()
        return tuple(value)

    def _check_url(self, url: Any, path: JsonPath) -> str | None:
        if not isinstance(url, str):
            self._report(f'"url" must be text, not {_type_name(url)}', path)
            return None
        if url and not is_safe_link(url):
            scheme = link_scheme(url)
            what = f'a "{scheme}:" link' if scheme else "a link without http:// or https://"
            self._report(f"{what} will not be opened; only http, https and mailto links open",
                         path, Severity.WARNING)
        return url

    def _check_sources(self, raw: dict[str, Any], path: JsonPath) -> None:
        value = raw.get("sources")
        if value is None:
            return
        if not isinstance(value, list):
            self._report('"sources" must be a list of {"title", "publisher", "date", "url"} objects, '
                         f"not {_type_name(value)}", (*path, "sources"))
            return
        for position, item in enumerate(value):
            item_path = (*path, "sources", position)
            if not isinstance(item, dict):
                self._report('each source must be an object {"title": ..., "publisher": ..., '
                             f'"date": ..., "url": ...}}, not {_type_name(item)}', item_path)
                continue
            for key in ("title", "publisher", "date"):
                text = item.get(key, "")
                if not isinstance(text, str):
                    self._report(f'"{key}" must be text, not {_type_name(text)}', (*item_path, key))
            date_text = item.get("date")
            if isinstance(date_text, str) and date_text and date_text not in self._date_cache:
                try:
                    self._date_cache[date_text] = parse_date(date_text)
                except DateError as error:
                    self._report(str(error), (*item_path, "date"))
            self._check_url(item.get("url", ""), (*item_path, "url"))

    def _links(self, raw: dict[str, Any], path: JsonPath) -> tuple[Link, ...]:
        value = raw.get("links")
        if value is None:
            return ()
        if not isinstance(value, list):
            self._report('"links" must be a list of URLs or {"title", "url"} objects, '
                         f"not {_type_name(value)}", (*path, "links"))
            return ()
        links = []
        for position, item in enumerate(value):
            item_path = (*path, "links", position)
            if isinstance(item, str):
                url = self._check_url(item, item_path)
                title = ""
            elif isinstance(item, dict):
                url = self._check_url(item.get("url", ""), (*item_path, "url"))
                title_value = item.get("title", "")
                title = title_value if isinstance(title_value, str) else ""
                if not isinstance(title_value, str):
                    self._report(f'"title" must be text, not {_type_name(title_value)}',
                                 (*item_path, "title"))
            else:
                self._report(f'each link must be a URL in quotes or {{"title", "url"}}, '
                             f"not {_type_name(item)}", item_path)
                continue
            if url:
                links.append(Link(url, title))
        return tuple(links)


