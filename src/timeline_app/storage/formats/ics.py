"""iCalendar (RFC 5545): events as VEVENTs, so a timeline opens in any calendar, and back."""

from __future__ import annotations

import re
from typing import Any

from timeline_app.model.dates import Precision, TimelineDate
from timeline_app.model.document import TimelineDocument
from timeline_app.model.timeaxis import SECONDS_PER_DAY, SECONDS_PER_MINUTE, days_from_civil, from_axis
from timeline_app.storage.formats import Converted, FormatError, examples

_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n") \
        .replace("\n", "\\n")


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545 3.1)."""
    # Counted with lone surrogates as the three octets of the U+FFFD they become when saved.
    data = line.encode("utf-8", "surrogatepass")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for character in line:
        encoded = character.encode("utf-8", "surrogatepass")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8", "surrogatepass"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8", "surrogatepass"))
    return "\r\n ".join(parts)


def _day(moment: float) -> str:
    civil = from_axis(moment)
    return f"{civil.year:04d}{civil.month:02d}{civil.day:02d}"


def _instant(moment: float) -> str:
    civil = from_axis(moment)
    return f"{_day(moment)}T{civil.hour:02d}{civil.minute:02d}{int(civil.second):02d}Z"


def _in_range(date: TimelineDate) -> bool:
    return from_axis(date.earliest).year >= 1 and from_axis(max(date.latest - 1, date.earliest)).year <= 9999


def write_ics(document: TimelineDocument) -> Converted:
    """An iCalendar with one VEVENT per event: all-day spans for dates, times for times."""
    result = Converted()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//timeline-app//EN", "CALSCALE:GREGORIAN"]
    if document.title:
        lines.append(f"X-WR-CALNAME:{_escape(document.title)}")
    spans, skipped = [], []
    for position, event in enumerate(document.events):
        end = event.end if event.end is not None and not event.end.ongoing else None
        if not _in_range(event.start) or (end is not None and not _in_range(end)):
            skipped.append(event.title)
            continue
        lines.append("BEGIN:VEVENT")
        lines.append(f"UID:{event.id or f'event-{position + 1}'}@timeline-app")
        lines.append(f"SUMMARY:{_escape(event.title)}")
        timed = event.start.precision >= Precision.HOUR and (end is None or end.precision >= Precision.HOUR)
        finish = (end or event.start).latest
        if timed:
            lines.append(f"DTSTART:{_instant(event.start.earliest)}")
            lines.append(f"DTEND:{_instant(finish if end is not None else event.start.earliest)}")
        else:
            # All-day, as wide as what is known: "April 2025" becomes every day of April.
            lines.append(f"DTSTART;VALUE=DATE:{_day(event.start.earliest)}")
            lines.append(f"DTEND;VALUE=DATE:{_day(max(finish, event.start.earliest + SECONDS_PER_DAY))}")
            for date in (event.start, end):
                if date is not None and (date.precision < Precision.DAY or date.approximate or date.uncertain):
                    spans.append(date.text or date.label())
        description = event.description
        if event.sources:
            description += ("\n\n" if description else "") + "Sources:\n" + "\n".join(
                f"- {s.publisher + ': ' if s.publisher else ''}{s.title} {s.url}".rstrip() for s in event.sources)
        if description:
            lines.append(f"DESCRIPTION:{_escape(description)}")
        if event.category:
            lines.append(f"CATEGORIES:{_escape(event.category)}")
        url = next((link.url for link in event.links), next((s.url for s in event.sources if s.url), ""))
        if url:
            lines.append(f"URL:{url}")
        lines.append(f"X-TIMELINE-START:{_escape(event.start.text)}")
        if event.end is not None:
            lines.append(f"X-TIMELINE-END:{_escape(event.end.text)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    if spans:
        result.notes.append(f"iCalendar cannot say a date is known only roughly; {len(spans)} dates "
                            f"(e.g. {examples(spans)}) were written as all-day spans over what is known")
    if skipped:
        result.notes.append(f"iCalendar holds only years 1 to 9999; {len(skipped)} events (e.g. \"{skipped[0]}\") "
                            "were left out")
    if any(event.actors or event.tags for event in document.events):
        result.notes.append("iCalendar has no actors or tags; they were dropped")
    result.text = "\r\n".join(_fold(line) for line in lines) + "\r\n"
    return result


def _unfold(text: str) -> list[tuple[int, str]]:
    """Content lines with their continuations joined (RFC 5545 3.1), each with the line it began on."""
    lines: list[tuple[int, str]] = []
    parts: list[str] = []  # the line being unfolded: joined once, at its end (adding on was quadratic)
    first = 0
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if raw.startswith((" ", "\t")) and parts:
            parts.append(raw[1:])
            continue
        if parts:
            lines.append((first, "".join(parts)))
            parts = []
        if raw:
            parts, first = [raw], number
    if parts:
        lines.append((first, "".join(parts)))
    return lines


def _parse_when(value: str, params: str, line: int) -> tuple[str, float, bool]:
    """(our date text, axis time, all-day?) of an iCalendar DATE or DATE-TIME."""
    match = _DATE.match(value.strip())
    if match is None:
        raise FormatError(f"line {line}: \"{value}\" is not an iCalendar date; write YYYYMMDD or YYYYMMDDTHHMMSSZ")
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    moment = days_from_civil(year, month, day) * SECONDS_PER_DAY
    if match[4] is None or ("VALUE=DATE" in params.upper() and "DATE-TIME" not in params.upper()):
        return f"{year:04d}-{month:02d}-{day:02d}", float(moment), True
    hour, minute, second = int(match[4]), int(match[5]), int(match[6] or 0)
    moment += hour * 3600 + minute * SECONDS_PER_MINUTE + second
    zone = "Z" if match[7] else ""
    text = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}" + (f":{second:02d}" if match[6] else "")
    return text + zone, float(moment), False


def read_ics(text: str) -> Converted:
    """Our JSON for the VEVENTs of an iCalendar."""
    result = Converted()
    events: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    title = ""
    for line, content in _unfold(text.lstrip("\ufeff")):
        name_params, _, value = content.partition(":")
        name, _, params = name_params.partition(";")
        name = name.upper()
        if name == "BEGIN" and value.upper() == "VEVENT":
            current = {"_line": line}
        elif name == "END" and value.upper() == "VEVENT" and current is not None:
            events.append(_finish_event(current, result))
            result.event_lines.append(current["_line"])
            current = None
        elif name == "X-WR-CALNAME" and current is None:
            title = _unescape(value)
        elif current is not None:
            current.setdefault(name, (value, params, line))
    root: dict[str, Any] = {"events": events}
    if title:
        root["title"] = title
    categories = {e["category"]: {"label": e["category"]} for e in events if "category" in e}
    if categories:
        root["categories"] = categories
    result.root = root
    return result


def _finish_event(fields: dict[str, Any], result: Converted) -> dict[str, Any]:
    event: dict[str, Any] = {}
    if "UID" in fields:
        event["id"] = fields["UID"][0].removesuffix("@timeline-app")
    event["title"] = _unescape(fields["SUMMARY"][0]) if "SUMMARY" in fields else "Untitled"
    if "X-TIMELINE-START" in fields:
        # Written by timeline-app: the date as the author wrote it, precision and all.
        event["start"] = _unescape(fields["X-TIMELINE-START"][0])
        if "X-TIMELINE-END" in fields:
            event["end"] = _unescape(fields["X-TIMELINE-END"][0])
    elif "DTSTART" in fields:
        start_text, start_moment, all_day = _parse_when(*fields["DTSTART"])
        event["start"] = start_text
        if "DTEND" in fields:
            end_text, end_moment, _ = _parse_when(*fields["DTEND"])
            if all_day:
                # DTEND of an all-day event is the day after the last; one day is a point in time.
                last = end_moment - SECONDS_PER_DAY
                if last > start_moment:
                    civil = from_axis(last)
                    event["end"] = f"{civil.year:04d}-{civil.month:02d}-{civil.day:02d}"
            elif end_moment > start_moment:
                event["end"] = end_text
    else:
        result.note_at(fields["_line"], "a VEVENT without DTSTART was left out of the dates; "
                            "its start is empty")
        event["start"] = ""
    if "DESCRIPTION" in fields:
        event["description"] = _unescape(fields["DESCRIPTION"][0])
    if "CATEGORIES" in fields:
        event["category"] = _unescape(fields["CATEGORIES"][0]).split(",")[0].strip()
    if "URL" in fields:
        event["links"] = [fields["URL"][0].strip()]
    if "LOCATION" in fields:
        event["location"] = _unescape(fields["LOCATION"][0])
    return event
