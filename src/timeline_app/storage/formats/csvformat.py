"""CSV for spreadsheet users: one row per event, multi-valued fields joined with "; ".

Sources, which have parts of their own, are one per line inside their cell, written as
"Publisher | Title | Date | URL".

Reading finds the header (or asks for a mapping of headers it does not know), copes with
quotes, line breaks inside cells, a UTF-8 BOM and the ";" delimiter European spreadsheets
use. Dates stay text in our grammar, so "late 2025" survives; the writer says that a
spreadsheet will not read such text as a date.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from timeline_app.model.dates import Precision
from timeline_app.model.describe import listed
from timeline_app.model.document import TimelineDocument
from timeline_app.storage.formats import Converted, FormatError, examples, losses_of_the_file

COLUMNS = ("id", "title", "start", "end", "category", "actors", "tags", "description", "sources", "links")
SYNONYMS = {
    "id": {"id", "unique_id", "uid", "key"},
    "title": {"title", "headline", "name", "event", "summary"},
    "start": {"start", "start date", "start_date", "date", "when", "begin", "from"},
    "end": {"end", "end date", "end_date", "until", "to", "finish"},
    "category": {"category", "group", "type", "kind", "lane"},
    "actors": {"actors", "actor", "people", "who", "organisations", "organizations"},
    "tags": {"tags", "tag", "labels", "keywords"},
    "description": {"description", "text", "details", "notes", "body", "summary text"},
    "sources": {"sources", "source"},
    "links": {"links", "link", "url", "urls"},
}
MULTI = ("actors", "tags", "links")
SEPARATOR = "; "


def _normalise(header: str) -> str:
    return re.sub(r"\s+", " ", header.strip().lower().replace("-", " "))


def guess_mapping(headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """Which of our fields each column holds, and the headers not recognised."""
    mapping: dict[int, str] = {}
    unknown = []
    for position, header in enumerate(headers):
        name = _normalise(header)
        field = next((key for key, names in SYNONYMS.items() if name in names or name.replace(" ", "_") in names),
                     None)
        if field is not None and field not in mapping.values():
            mapping[position] = field
        else:
            unknown.append(header)
    return mapping, unknown


def _delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        first = text.split("\n", 1)[0]
        return ";" if first.count(";") > first.count(",") else ","


# A spreadsheet cell may hold a long description: far more than the csv module's 128 KB default.
_LONGEST_FIELD = 2**31 - 1


def header_row(text: str) -> list[str]:
    """The first row of a CSV, for asking which column holds what (empty if it cannot be read)."""
    text = text.lstrip("\ufeff")
    csv.field_size_limit(_LONGEST_FIELD)
    try:
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)), [])
    except csv.Error:
        return []


def read_csv(text: str, mapping: dict[int, str] | None = None) -> Converted:
    """Our JSON for CSV text; ``mapping`` (column → field) overrides the header guess."""
    text = text.lstrip("\ufeff")
    delimiter = _delimiter(text)
    csv.field_size_limit(_LONGEST_FIELD)
    rows: list[list[str]] = []
    starts: list[int] = []  # the line each row begins on: a quoted cell may span lines
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous_end = 0
    try:
        for row in reader:
            starts.append(previous_end + 1)
            previous_end = reader.line_num
            rows.append(row)
    except csv.Error as error:
        raise FormatError(f"line {reader.line_num}: not readable as CSV: {error}") from None
    result = Converted()
    if not rows:
        result.root = {"events": []}
        return result
    guessed, unknown = guess_mapping(rows[0])
    used = mapping if mapping is not None else guessed
    result.unmapped = unknown
    if "title" not in used.values() or "start" not in used.values():
        raise FormatError("the CSV header names no title and start column; name them \"title\" and \"start\" "
                          f"(found: {listed(rows[0]) or 'an empty header'})")
    events: list[dict[str, Any]] = []
    categories: dict[str, Any] = {}
    for row, line in zip(rows[1:], starts[1:], strict=True):
        if not any(cell.strip() for cell in row):
            continue
        result.event_lines.append(line)
        event: dict[str, Any] = {}
        for column, field in used.items():
            cell = row[column].strip() if column < len(row) else ""
            if not cell:
                continue
            if field in MULTI:
                event[field] = [part.strip() for part in cell.split(";") if part.strip()]
            elif field == "sources":
                event["sources"] = [_source_from_text(part) for part in cell.splitlines() if part.strip()]
            else:
                event[field] = cell
        for column, header in enumerate(rows[0]):
            if column not in used and column < len(row) and row[column].strip():
                event[header] = row[column]  # unmapped columns are kept as fields of the event
        if "category" in event:
            categories.setdefault(event["category"], {"label": event["category"]})
        event.setdefault("title", "")
        event.setdefault("start", "")
        events.append(event)
    root: dict[str, Any] = {"events": events}
    if categories:
        root["categories"] = categories
    result.root = root
    return result


def _source_from_text(text: str) -> dict[str, str]:
    """One source line, "Publisher | Title | Date | URL", as our source object."""
    parts = re.split(r"\s*\|\s*", text.strip())
    if len(parts) < 4:
        return {"title": text.strip()}
    # A title may itself hold "|": the publisher is first, the date and URL last.
    source = {"publisher": parts[0], "title": " | ".join(parts[1:-2]), "date": parts[-2], "url": parts[-1]}
    return {key: source[key] for key in ("title", "publisher", "date", "url") if source[key]}


def _source_text(source: Any) -> str:
    return " | ".join((source.publisher.replace("|", "/"), source.title, source.date, source.url))


def write_csv(document: TimelineDocument, delimiter: str = ",") -> Converted:
    """CSV text for a document, and notes on what a spreadsheet will see differently."""
    result = Converted()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    imprecise: list[str] = []
    unknown_fields = 0
    for event in document.events:
        for date in (event.start, event.end):
            if date is not None and not date.ongoing and (date.precision < Precision.DAY or date.approximate
                                                          or date.uncertain):
                imprecise.append(date.text or date.label())
        known = {"id", "title", "start", "end", "category", "actors", "tags", "description", "sources", "links"}
        unknown_fields += any(key not in known for key in event.raw)
        writer.writerow([
            event.id or "", event.title, event.start.text, event.end.text if event.end else "",
            event.category or "", SEPARATOR.join(event.actors), SEPARATOR.join(event.tags), event.description,
            "\n".join(_source_text(source) for source in event.sources),  # one source per line of the cell
            SEPARATOR.join(link.url for link in event.links),
        ])
    if imprecise:
        result.notes.append(f"CSV cannot hold the precision of {len(imprecise)} dates "
                            f"(e.g. {examples(imprecise)}) as dates; written as text, which timeline-app reads "
                            "back but a spreadsheet will not sort as dates")
    if unknown_fields:
        result.notes.append(f"CSV has no place for fields timeline-app does not know; those of {unknown_fields} "
                            "events were dropped")
    if any(link.title for event in document.events for link in event.links):
        result.notes.append("CSV keeps only the URLs of links; their titles were dropped")
    result.notes.extend(losses_of_the_file(document, "CSV"))
    result.text = buffer.getvalue()
    return result
