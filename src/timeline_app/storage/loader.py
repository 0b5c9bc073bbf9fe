"""Reading events.json: valid events into a document, every problem with its position.

A load never raises for bad content. It returns a :class:`LoadResult` holding the
events that are valid and a :class:`Problem` for everything else, each naming the
file, line and column of the offending value and what to write instead. Only a
file that cannot be read at all raises :class:`UnreadableFileError`.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeline_app.model.describe import listed
from timeline_app.model.document import (
    Category,
    JsonPath,
    TimelineDocument,
)
from timeline_app.model.rules import PROGRESS_EVERY, DocumentReader, Finding, Severity
from timeline_app.storage.files import NotRegularFileError, read_regular
from timeline_app.storage.formats import (
    CSV,
    FORMAT_NAMES,
    ICS,
    MARKWHEN,
    OURS,
    TIMELINE_PROJECT,
    TIMELINEJS,
    TIMELINEJS2,
    TIMELINEJS_SHEET,
    VIS_TIMELINE,
    FormatError,
    detect_format,
)
from timeline_app.storage.jsonpos import (
    constant_offset,
    find_nesting_overflow,
    locate,
    offset_to_line_column,
    skip_whitespace,
)
from timeline_app.storage.jsontext import (
    DECODER,
    ConstantError,
    JsonText,
    SourceText,
)
from timeline_app.storage.memory import garbage_collection_paused

MAX_NESTING = 200
_BOM = b"\xef\xbb\xbf"


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
    # Items of another format its reader could not make events of at all (a slide that is no object).
    left_out: int = 0
    # Media files the events name, where they name them: load_path, which knows the folder, checks them.
    local_media: list[tuple[JsonPath, str]] = field(default_factory=list)

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


def _no_progress(_done: float) -> None:
    pass


def _building(report: Progress) -> Progress:
    """What the reader's share of events built means for the load as a whole: its last part."""
    built_share = _READ_SHARE + _PARSE_SHARE
    return lambda share: report(built_share + share * (1.0 - built_share))


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
        result.problems += _missing_media(result.local_media, file_path.parent, decoded, name)
    else:
        result = load_converted(decoded, kind, name, csv_mapping)
    report(1.0)
    if result.document is not None:
        result.document.path = file_path
    return result


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for the system, a folder not to be read: not there for the app
        return False


def _missing_media(named: list[tuple[JsonPath, str]], folder: Path, text: str, name: str) -> list[Problem]:
    """A warning for each media file an event names that is not beside the events file."""
    missing = [(path, file) for path, file in named if not _is_file(folder / file)]
    if not missing:
        return []
    places = locate(text.lstrip("\ufeff"), [path for path, _ in missing])
    return [Problem(Severity.WARNING, f'there is no file "{file}" beside the events file (in {folder}); put the '
                    'image there or correct "path" (the event shows its caption meanwhile)',
                    name, *places[path], path=path, event_index=path[1] if isinstance(path[1], int) else None)
            for path, file in missing]


def load_converted(text: str, kind: str, name: str, csv_mapping: dict[int, str] | None = None) -> LoadResult:
    """Load another format through our own validation; what it cannot carry over becomes warnings."""
    from timeline_app.storage.formats.csvformat import header_row, read_csv
    from timeline_app.storage.formats.ics import read_ics
    from timeline_app.storage.formats.markwhen import read_markwhen
    from timeline_app.storage.formats.timelinejs import read_timelinejs
    from timeline_app.storage.formats.timelinejs2 import read_timelinejs2
    from timeline_app.storage.formats.timelinejs_sheet import read_sheet
    from timeline_app.storage.formats.timelineproj import read_timeline_project
    from timeline_app.storage.formats.vistimeline import read_vis_timeline

    try:
        if kind in (TIMELINEJS, TIMELINEJS2, VIS_TIMELINE):
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
            reader = {TIMELINEJS: read_timelinejs, TIMELINEJS2: read_timelinejs2, VIS_TIMELINE: read_vis_timeline}
            converted = reader[kind](data)
        elif kind == TIMELINEJS_SHEET:
            converted = read_sheet(text)
        elif kind == TIMELINE_PROJECT:
            converted = read_timeline_project(text)
        elif kind == MARKWHEN:
            converted = read_markwhen(text)
        elif kind == ICS:
            converted = read_ics(text)
        else:
            converted = read_csv(text, csv_mapping)
    except FormatError as error:
        headers = header_row(text) if kind == CSV else None
        return LoadResult(None, [Problem(Severity.ERROR, str(error), name, 1, 1)], csv_headers=headers)
    except RecursionError:
        return LoadResult(None, [Problem(Severity.ERROR, f"this {FORMAT_NAMES[kind]} file nests deeper than "
                                         f"{MAX_NESTING} levels; no timeline does", name, 1, 1)])
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as error:
        # A shape its reader did not foresee: said, with what was expected, never a traceback.
        return LoadResult(None, [Problem(Severity.ERROR, f"this file looks like {FORMAT_NAMES[kind]} but cannot be "
                                         f"read as one ({type(error).__name__}: {error})", name, 1, 1)])
    builder = DocumentReader()
    document = builder.build(converted.root)
    document.source_format = kind
    # Where the events and notes came from, found in one walk of the text where it is JSON.
    note_paths = [place for place in converted.note_places.values() if isinstance(place, tuple)]
    note_paths += [place for place in converted.era_places if isinstance(place, tuple)]
    located = locate(text.lstrip("\ufeff"), converted.event_paths + note_paths) \
        if converted.event_paths or note_paths else {}
    places = ([located[path] for path in converted.event_paths] if converted.event_paths
              else [(line, 1) for line in converted.event_lines])
    era_places = [located[found] if isinstance(found, tuple) else (found, 1) for found in converted.era_places]

    def place(finding: Finding) -> tuple[int, int]:
        # Where the event (or era) begins in the file (its row, its VEVENT, its object): the file's own lines.
        index, path = finding.event_index, finding.path
        if index is None and len(path) > 1 and path[0] == "eras" and isinstance(path[1], int):
            return era_places[path[1]] if path[1] < len(era_places) else (1, 1)
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
    return LoadResult(document, problems, left_out=converted.left_out)


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
    builder = _StreamingReader(progress=report)
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
                builder = _StreamingReader(progress=report)
            document = builder.build(root)
    document.source_text = text
    document.source_bom = bom
    if isinstance(root, dict):
        document.source_values = dict(root)
    document.source_events = list(document.raw_events())
    problems = _position_problems(text, name, builder.findings)
    return LoadResult(document, problems, local_media=builder.local_media)


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


def _position_problems(text: str, name: str, findings: list[Finding]) -> list[Problem]:
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


class _StreamingReader(DocumentReader):
    """A reader that also takes the events one at a time as the stepped parser meets them."""

    def __init__(self, progress: Progress = _no_progress) -> None:
        super().__init__(progress=_building(progress))
        # The document the streamed events go into, and the categories of invalid events,
        # checked once the categories have been read (they may come after the events).
        self._streamed = TimelineDocument(events=[])
        self._unchecked_categories: list[tuple[int, str]] = []

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
            if self.zone is not None and isinstance(root.get("events"), list):
                # The events were read before the header named the file's clocks: read again on them.
                self.findings = [finding for finding in self.findings if finding.path[:1] != ("events",)]
                self._seen_ids.clear()
                self._date_cache.clear()
                self._end_cache.clear()
                document.events = []
                self._read_events(root["events"], ("events",), document)
                return document
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
