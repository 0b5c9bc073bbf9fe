"""The TimelineJS Google-Sheet template, as its CSV export: how most TimelineJS timelines are written.

Columns Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date,
Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group,
Background; a row of Type "title" is the title slide, rows of Type "era" are eras. A row
is read as the TimelineJS3 slide it stands for (the sheet is TimelineJS3 JSON in columns),
so both go through one reader and one writer, and a sheet read and written back holds the
same cells, in the template's column order, ready to paste into Knight Lab's sheet.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from timeline_app.model.document import TimelineDocument
from timeline_app.storage.formats import Converted, FormatError
from timeline_app.storage.formats.timelinejs import SHEET_TIME, read_timelinejs, timelinejs_slides

COLUMNS = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
           "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group",
           "Background")
_DATE_PARTS = (("year", "Year", "End Year"), ("month", "Month", "End Month"), ("day", "Day", "End Day"))
_MEDIA = (("url", "Media"), ("credit", "Media Credit"), ("caption", "Media Caption"), ("thumbnail", "Media Thumbnail"))
_TIME = re.compile(r"\s*(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([AaPp][Mm])?\s*")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3})?")


def _key(header: str) -> str:
    return " ".join(header.strip().lower().split())


def is_timelinejs_sheet(headers: list[str]) -> bool:
    """Whether a CSV header row is the template's: it names a year and a headline, as only it does."""
    names = {_key(header) for header in headers}
    return {"year", "headline"} <= names and len(names & {_key(column) for column in COLUMNS}) >= 4


def _time_parts(cell: str) -> dict[str, str] | None:
    """A Time cell ("13:30", "1:30 PM", "9:05:10") as TimelineJS's hour, minute and second."""
    found = _TIME.fullmatch(cell)
    if found is None:
        return None
    hour, minute, second, half = found.groups()
    number = int(hour)
    if half is not None:
        if not 1 <= number <= 12:
            return None
        number = number % 12 + (12 if half.lower() == "pm" else 0)
    if number > 23 or int(minute or 0) > 59 or int(second or 0) > 59:
        return None
    parts = {"hour": str(number)}
    if minute is not None:
        parts["minute"] = str(int(minute))
        if second is not None:
            parts["second"] = str(int(second))
    return parts


def _date(row: dict[str, str], end: bool, line: int, result: Converted) -> dict[str, str] | None:
    date = {part: row.get(_key(end_name if end else name), "").strip() for part, name, end_name in _DATE_PARTS}
    date = {part: value for part, value in date.items() if value}
    time_cell = row.get(_key("End Time" if end else "Time"), "").strip()
    if time_cell:
        parts = _time_parts(time_cell)
        if parts is None:
            result.note_at(line, f"the {'End ' if end else ''}Time \"{time_cell}\" is not a time such as 13:30 or "
                           "1:30 PM; it was left out")
        else:
            date.update(parts)
            if time_cell != _time_cell(parts):
                date[SHEET_TIME] = time_cell  # "1:30 PM" goes back as the author wrote it, not as 13:30
    return date or None


def _slide(row: dict[str, str], line: int, result: Converted) -> dict[str, Any]:
    slide: dict[str, Any] = {}
    start, end = _date(row, False, line, result), _date(row, True, line, result)
    if start is not None:
        slide["start_date"] = start
    if end is not None:
        slide["end_date"] = end
    text = {key: row[_key(column)] for key, column in (("headline", "Headline"), ("text", "Text"))
            if row.get(_key(column))}
    if text:
        slide["text"] = text
    media = {key: row[_key(column)] for key, column in _MEDIA if row.get(_key(column))}
    if media:
        slide["media"] = media
    for key, column in (("display_date", "Display Date"), ("group", "Group")):
        if row.get(_key(column)):
            slide[key] = row[_key(column)]
    background = row.get(_key("Background"), "").strip()
    if background:
        slide["background"] = {"color": background} if _COLOUR.fullmatch(background) else {"url": background}
    return slide


def read_sheet(text: str) -> Converted:
    """Our JSON for the CSV of a TimelineJS sheet: each row the TimelineJS3 slide it stands for."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    rows = iter(reader)
    try:
        headers = next(rows)
    except (StopIteration, csv.Error) as error:
        raise FormatError(f"this TimelineJS sheet cannot be read as CSV: {error}") from error
    if not is_timelinejs_sheet(headers):
        raise FormatError("the CSV header is not a TimelineJS sheet's (Year, Month, Day, … Headline, Text, …)")
    keys = [_key(header) for header in headers]
    known = {_key(column) for column in COLUMNS}
    extra = [header for header, key in zip(headers, keys, strict=True) if key not in known and header.strip()]
    timeline: dict[str, Any] = {"events": []}
    event_lines: list[int] = []
    gathered = Converted()  # notes about cells, placed at their lines
    try:
        for cells in rows:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            row = dict(zip(keys, cells, strict=False))
            slide = _slide(row, line, gathered)
            kind = row.get("type", "").strip().lower()
            if kind == "title":
                timeline["title"] = slide
            elif kind == "era":
                timeline.setdefault("eras", []).append(slide)
            else:
                if kind:
                    slide["type"] = row["type"]
                timeline["events"].append(slide)
                event_lines.append(line)
    except csv.Error as error:
        raise FormatError(f"line {reader.line_num}: {error}") from error
    result = read_timelinejs(timeline)
    # The reader placed its notes at slides; a sheet's places are its lines.
    placed = [(_line_of(result.note_places.get(number), event_lines), note) for number, note in enumerate(result.notes)]
    placed += [(_line_of(gathered.note_places.get(number), event_lines), note)
               for number, note in enumerate(gathered.notes)]
    result.notes, result.note_places = [], {}
    for line, note in placed:
        result.note_at(line, note)
    result.event_paths, result.event_lines = [], event_lines
    if extra:
        result.note_at(1, "columns the TimelineJS template does not have were left out: " + ", ".join(extra))
    return result


def _line_of(place: int | tuple[str | int, ...] | None, event_lines: list[int]) -> int:
    """The sheet line of a note's place: a line already, or the slide ("events", n) read from a row."""
    if isinstance(place, int):
        return place
    if place is not None and len(place) == 2 and isinstance(place[1], int) and place[1] < len(event_lines):
        return event_lines[place[1]]
    return 1


def _time_cell(date: dict[str, Any]) -> str:
    hour, minute, second = (str(date.get(part, "")).strip() for part in ("hour", "minute", "second"))
    if not hour:
        return ""
    digits = re.compile(r"[0-9]{1,2}")  # ASCII only: "²" is a digit to str.isdigit, not to int
    plain = digits.fullmatch(hour) and (not minute or digits.fullmatch(minute))
    text = f"{int(hour)}:{int(minute or 0):02d}" if plain else hour
    return text + (f":{int(second):02d}" if digits.fullmatch(second) else "")


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _cells(slide: dict[str, Any], kind: str) -> list[str]:
    row = dict.fromkeys(COLUMNS, "")
    for end, key in ((False, "start_date"), (True, "end_date")):
        date = slide.get(key)
        if isinstance(date, dict):
            for part, name, end_name in _DATE_PARTS:
                row[end_name if end else name] = str(date.get(part, "") or "")
            written = date.get(SHEET_TIME)
            same = isinstance(written, str) and _time_parts(written) == _time_parts(_time_cell(date) or "-")
            row["End Time" if end else "Time"] = written if same and isinstance(written, str) else _time_cell(date)
    text, media = _object(slide.get("text")), _object(slide.get("media"))
    row["Headline"], row["Text"] = str(text.get("headline") or ""), str(text.get("text") or "")
    for key, column in _MEDIA:
        row[column] = str(media.get(key) or "")
    row["Display Date"] = str(slide.get("display_date") or "")
    row["Group"] = str(slide.get("group") or "")
    background = _object(slide.get("background"))
    row["Background"] = str(background.get("url") or background.get("color") or "")
    row["Type"] = kind or str(slide.get("type") or "")
    return [row[column] for column in COLUMNS]


_SHEET_KEYS = frozenset({"start_date", "end_date", "text", "media", "display_date", "group", "background", "type",
                         "unique_id"})


def write_sheet(document: TimelineDocument) -> Converted:
    """The CSV of a TimelineJS sheet for a document, in the template's columns and their order."""
    result = Converted()
    timeline = timelinejs_slides(document, result.notes)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    title = timeline.get("title")
    if isinstance(title, dict):
        writer.writerow(_cells(title, "title"))
    ids = dropped = 0
    for slide in timeline["events"]:
        writer.writerow(_cells(slide, ""))
        ids += bool(slide.get("unique_id"))
        dropped += bool(set(slide) - _SHEET_KEYS)
    eras = timeline.get("eras")
    for era in eras if isinstance(eras, list) else []:
        if isinstance(era, dict):
            writer.writerow(_cells(era, "era"))
    if ids:
        result.notes.append(f"a TimelineJS sheet has no column for ids; those of {ids} events were left out")
    if dropped:
        result.notes.append(f"a TimelineJS sheet has no columns for some fields of {dropped} events (such as "
                            "location or autolink); they were left out")
    others = [key for key in timeline if key not in ("title", "events", "eras")]
    if others:
        result.notes.append("a TimelineJS sheet has no place for " + ", ".join(f'"{key}"' for key in others)
                            + "; left out")
    result.text = out.getvalue()
    return result
