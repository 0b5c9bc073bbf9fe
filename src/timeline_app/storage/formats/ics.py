"""iCalendar (RFC 5545): events as VEVENTs, so a timeline opens in any calendar, and back.

Reading goes through the icalendar library, and series through recurring-ical-events, so a
calendar reads as calendar apps read it: zoned times are the instants they name (and keep their
zone for the way back), a series becomes all its occurrences (an open-ended one those of a
stated window, with a warning), a moved occurrence replaces its date, EXDATE removes one, and
DURATION gives the end. What is not an event (to-dos, journal entries, free/busy) is counted
in a note. Each event keeps its series and its component's text, so a series nobody edited
goes back to a calendar as its rule with its overrides, not as copies.

Bounds: at most MAX_OCCURRENCES events are made from series in one file, and an open-ended
series is expanded over OPEN_ENDED_YEARS years past the last of everything else (or now).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import zoneinfo
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from timeline_app.model.dates import DateError, Precision, TimelineDate, parse_date
from timeline_app.model.document import Event, TimelineDocument
from timeline_app.model.timeaxis import SECONDS_PER_DAY, SECONDS_PER_MINUTE, from_axis
from timeline_app.model.zones import is_zone_name
from timeline_app.storage.formats import Converted, FormatError, examples, losses_of_the_file

MAX_OCCURRENCES = 20_000  # about two seconds of expanding a hostile series
# What an event of ours carries that a VEVENT holds (sources and links approximately, as text and URL).
_WRITTEN = frozenset({"id", "title", "start", "end", "category", "description", "links", "sources", "actors", "tags",
                      "location", "timezone", "ics_floating", "ics_series"})
OPEN_ENDED_YEARS = 2
SERIES = "ics_series"  # root: each unedited series' VEVENT texts and occurrences, by UID
_NOT_EVENTS = {"VTODO": ("to-do", "to-dos"), "VJOURNAL": ("journal entry", "journal entries"),
               "VFREEBUSY": ("free/busy block", "free/busy blocks")}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n") \
        .replace("\n", "\\n")


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


def _local_start(date: TimelineDate) -> float:
    """Where a date begins on the clocks it was written on, as axis seconds."""
    return date.earliest + (date.utc_offset_minutes or 0) * SECONDS_PER_MINUTE


def _in_range(date: TimelineDate) -> bool:
    return from_axis(date.earliest).year >= 1 and from_axis(max(date.latest - 1, date.earliest)).year <= 9999


def _zoned(moment: float, zone: str) -> str | None:
    """The wall-clock time of ``moment`` in ``zone``, as DTSTART;TZID writes it; None for a zone not known."""
    try:
        local = dt.datetime.fromtimestamp(moment, zoneinfo.ZoneInfo(zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OverflowError, OSError):
        return None
    return f"{local.year:04d}{local.month:02d}{local.day:02d}T{local.hour:02d}{local.minute:02d}{local.second:02d}"


def _unedited_series(document: TimelineDocument) -> dict[str, list[str]]:
    """The VEVENT texts of each series read from a calendar whose occurrences are all as they were read."""
    root = document.root if isinstance(document.root, dict) else {}
    kept = root.get(SERIES)
    if not isinstance(kept, dict):
        return {}
    now: dict[str, list[str]] = {}
    for event in document.events:
        uid = event.raw.get(SERIES)
        if isinstance(uid, str):
            now.setdefault(uid, []).append(_fingerprint(event.raw))
    return {uid: entry["components"] for uid, entry in kept.items()
            if isinstance(entry, dict) and entry.get("occurrences") == now.get(uid) and now.get(uid)
            and isinstance(entry.get("components"), list)}


def _fingerprint(event: dict[str, Any]) -> str:
    """All an occurrence says, as text: any edit of it (a description, a category, a date) changes this."""
    return json.dumps(event, sort_keys=True, ensure_ascii=False, default=str)


_TZID = re.compile(r";TZID=(\"[^\"]*\"|[^;:]*)")


def _content_lines(text: str) -> list[str]:
    """The content lines of a component's text, folded lines joined (they are folded again on writing)."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def _timezones(zones: set[str], moments: list[float], document: TimelineDocument) -> list[str]:
    """VTIMEZONE texts for the zones the calendar names: the file's own where it was read from one."""
    import icalendar

    root = document.root if isinstance(document.root, dict) else {}
    found = root.get("ics_timezones")
    own: dict[str, Any] = found if isinstance(found, dict) else {}
    try:
        first = dt.date.fromtimestamp(min(moments)) if moments else dt.date(1970, 1, 1)
        last = dt.date.fromtimestamp(max(moments)) if moments else dt.date(1970, 1, 1)
        first, last = first - dt.timedelta(days=366), last + dt.timedelta(days=366)
    except (OverflowError, ValueError, OSError):
        first, last = dt.date(1970, 1, 1), dt.date(2100, 1, 1)  # at the ends of the calendar: tzdata's own span
    texts = []
    for zone in sorted(zones):
        if isinstance(own.get(zone), str):
            texts.append(own[zone].strip())
            continue
        try:
            texts.append(icalendar.Timezone.from_tzid(zone, first_date=first, last_date=last).to_ical()
                         .decode("utf-8").strip())
        except (ValueError, KeyError, OverflowError, zoneinfo.ZoneInfoNotFoundError):
            continue  # not a zone name tzdata knows: a calendar app reads the times as floating
    return texts


class _CalendarWriter:
    """One writing of a document as an iCalendar: the VEVENTs, then the zones they name."""

    def __init__(self, document: TimelineDocument) -> None:
        self.document = document
        self.body: list[str] = []
        self.zones: set[str] = set()
        self.moments: list[float] = []
        self.spans: list[str] = []  # dates known only roughly, written as all-day spans
        self.skipped: list[str] = []
        self.unknown_fields = 0
        self.edited_series: set[str] = set()

    def write(self) -> list[str]:
        series = _unedited_series(self.document)
        written: set[str] = set()
        for position, event in enumerate(self.document.events):
            uid = event.raw.get(SERIES)
            if isinstance(uid, str) and uid in series:
                if uid not in written:  # as it was read: its rule, overrides and all
                    written.add(uid)
                    for component in series[uid]:
                        self.zones.update(found.strip('"') for found in _TZID.findall(component))
                        self.body.extend(_content_lines(component))
                self.moments.append(event.start.earliest)
                continue
            if isinstance(uid, str):
                self.edited_series.add(uid)
            self._event(event, position)
        return [line for zone in _timezones(self.zones, self.moments, self.document) for line in _content_lines(zone)] \
            + self.body

    def _event(self, event: Event, position: int) -> None:
        end = event.end if event.end is not None and not event.end.ongoing else None
        if not _in_range(event.start) or (end is not None and not _in_range(end)):
            self.skipped.append(event.title)
            return
        body = self.body
        body.append("BEGIN:VEVENT")
        body.append(f"UID:{self._uid(event, position)}")
        body.append(f"SUMMARY:{_escape(event.title)}")
        self._dates(event, end)
        description = event.description
        if event.sources:
            description += ("\n\n" if description else "") + "Sources:\n" + "\n".join(
                f"- {s.publisher + ': ' if s.publisher else ''}{s.title} {s.url}".rstrip() for s in event.sources)
        if description:
            body.append(f"DESCRIPTION:{_escape(description)}")
        categories = ([event.category] if event.category else []) + list(event.tags)
        if categories:  # the lane's category first, as reading takes it; tags after it
            body.append("CATEGORIES:" + ",".join(_escape(name) for name in categories))
        url = next((link.url for link in event.links), next((s.url for s in event.sources if s.url), ""))
        if url:
            body.append(f"URL:{url}")
        location = event.raw.get("location")
        if isinstance(location, str) and location:
            body.append(f"LOCATION:{_escape(location)}")
        self.unknown_fields += any(key not in _WRITTEN for key in event.raw)
        body.append(f"X-TIMELINE-START:{_escape(event.start.text)}")
        if event.end is not None:
            body.append(f"X-TIMELINE-END:{_escape(event.end.text)}")
        body.append("END:VEVENT")

    def _uid(self, event: Event, position: int) -> str:
        """A calendar's own UID back as it was; ours with "@timeline-app"; an event without an id one
        no id of the file can take (ids never hold "#")."""
        if event.id is None:
            return f"event#{position + 1}@timeline-app"
        return event.id if "@" in event.id else f"{event.id}@timeline-app"

    def _dates(self, event: Event, end: TimelineDate | None) -> None:
        body = self.body
        timed = event.start.precision >= Precision.HOUR and (end is None or end.precision >= Precision.HOUR)
        self.moments.append(event.start.earliest)
        zone = event.raw.get("timezone")
        # A timed end is the instant written ("12:00" ends at 12:00:00), not the end of its minute.
        until = end.earliest if end is not None else event.start.earliest
        zoned = (_zoned(event.start.earliest, zone), _zoned(until, zone)) if isinstance(zone, str) else (None, None)
        if timed and zoned[0] is not None and zoned[1] is not None:
            self.zones.add(str(zone))
            body.append(f"DTSTART;TZID={zone}:{zoned[0]}")
            body.append(f"DTEND;TZID={zone}:{zoned[1]}")
        elif timed:
            floating = event.raw.get("ics_floating") is True and (event.start.utc_offset_minutes is None
                                                                   or event.start.zoned)
            if floating:  # a wall-clock time, as the clocks of the file's zone (if any) show it
                shift = (event.start.utc_offset_minutes or 0) * SECONDS_PER_MINUTE
                body.append(f"DTSTART:{_instant(event.start.earliest + shift)[:-1]}")
                body.append(f"DTEND:{_instant(until + shift)[:-1]}")
            else:
                body.append(f"DTSTART:{_instant(event.start.earliest)}")
                body.append(f"DTEND:{_instant(until)}")
        else:
            # All-day, as wide as what is known: "April 2025" becomes every day of April. Days are
            # those of the clocks the date was read on: a day of a file in Paris begins at 22:00 UTC.
            first = _local_start(event.start)
            last = end or event.start
            finish = last.latest + (last.utc_offset_minutes or 0) * SECONDS_PER_MINUTE
            # DTEND is the day after the last one: that of the end's last moment, whole days or not.
            after = (((finish - 1) // SECONDS_PER_DAY) + 1) * SECONDS_PER_DAY
            body.append(f"DTSTART;VALUE=DATE:{_day(first)}")
            body.append(f"DTEND;VALUE=DATE:{_day(max(after, first + SECONDS_PER_DAY))}")
            for date in (event.start, end):
                if date is not None and (date.precision < Precision.DAY or date.approximate or date.uncertain):
                    self.spans.append(date.text or date.label())

    def notes(self) -> list[str]:
        """What iCalendar could not hold, a note each."""
        events, notes = self.document.events, []
        if self.edited_series:
            notes.append(f"{len(self.edited_series)} series from a calendar were edited here; their occurrences "
                         "were written as separate events, not as their rule")
        if self.spans:
            notes.append(f"iCalendar cannot say a date is known only roughly; {len(self.spans)} dates "
                         f"(e.g. {examples(self.spans)}) were written as all-day spans over what is known")
        if self.skipped:
            notes.append(f"iCalendar holds only years 1 to 9999; {len(self.skipped)} events "
                         f"(e.g. \"{self.skipped[0]}\") were left out")
        if any(event.actors for event in events):
            notes.append("iCalendar has no actors; they were dropped")
        if any(event.tags and not event.category for event in events):
            notes.append("iCalendar keeps tags in CATEGORIES after the category; an event without a category "
                         "reads its first tag back as its category")
        if any(event.sources for event in events):
            notes.append("iCalendar has no sources; they were written into each event's DESCRIPTION as text")
        if any(len(event.links) > 1 or any(link.title for link in event.links) for event in events):
            notes.append("iCalendar holds one URL per event; other links and link titles were dropped")
        if self.unknown_fields:
            notes.append(f"iCalendar has no place for fields timeline-app does not know; those of "
                         f"{self.unknown_fields} events were dropped")
        return notes + losses_of_the_file(self.document, "iCalendar", keeps=frozenset({"title", "description"}))


def write_ics(document: TimelineDocument) -> Converted:
    """An iCalendar with one VEVENT per event: all-day spans for dates, times for times (in the event's
    zone where it has one), and a series read from a calendar and not edited as its rule."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//timeline-app//EN", "CALSCALE:GREGORIAN"]
    if document.title:
        lines.append(f"X-WR-CALNAME:{_escape(document.title)}")
    if document.description:
        lines.append(f"X-WR-CALDESC:{_escape(document.description)}")
    writer = _CalendarWriter(document)
    lines.extend(writer.write())
    lines.append("END:VCALENDAR")
    return Converted(text="\r\n".join(_fold(line) for line in lines) + "\r\n", notes=writer.notes(),
                     left_out=len(writer.skipped))


@dataclass(frozen=True)
class _Place:
    """Where a component stands in the file: its BEGIN line and the first line of each of its own
    properties (a VALARM's inside it are the alarm's), so a problem names the line that holds it."""

    begin: int
    properties: dict[str, int] = field(default_factory=dict)

    def at(self, *names: str) -> int:
        return next((self.properties[name] for name in names if name in self.properties), self.begin)


def _component_places(text: str, kind: str) -> list[_Place]:
    """The places of the components of ``kind``, in the order they come: icalendar keeps no places."""
    places: list[_Place] = []
    depth = 0  # how deep inside a component of ``kind`` a line is; 0 outside one
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if line[:1] in (" ", "\t"):
            continue  # a folded line goes on the property above it
        name = line.split(":", 1)[0].split(";", 1)[0].strip().upper()
        if name == "BEGIN":
            if depth == 0 and line[6:].strip().upper() == kind:
                places.append(_Place(number))
                depth = 1
            elif depth:
                depth += 1
        elif name == "END" and depth:
            depth -= 1
        elif depth == 1 and name:
            places[-1].properties.setdefault(name, number)
    return places


def _date_text(value: Any, *, end: bool = False) -> tuple[str, float, str | None]:
    """(our date text, axis seconds, IANA zone or None) of an icalendar date or date-time.

    A date-time with a zone is the instant it names, written with that instant's UTC offset; a
    floating one (no zone) keeps its wall-clock digits and no offset. An all-day end is the day
    after the last (RFC 5545): ``end`` gives that last day.
    """
    if isinstance(value, dt.datetime):
        zone = None
        if value.tzinfo is not None:
            offset = value.utcoffset() or dt.timedelta(0)
            key = getattr(value.tzinfo, "key", None) or getattr(value.tzinfo, "zone", None)
            zone = key if isinstance(key, str) and key not in ("UTC", "Etc/UTC") else None
            minutes = int(offset.total_seconds() // 60)
            suffix = "Z" if minutes == 0 and zone is None else \
                f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        else:
            suffix = ""
        seconds = f":{value.second:02d}" if value.second else ""
        text = f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:{value.minute:02d}{seconds}"
        naive = value.replace(tzinfo=None) - (value.utcoffset() or dt.timedelta(0))
        moment = (naive - dt.datetime(1970, 1, 1)).total_seconds()
        return text + suffix, moment, zone
    day = value - dt.timedelta(days=1) if end else value
    moment = (dt.datetime(day.year, day.month, day.day) - dt.datetime(1970, 1, 1)).total_seconds()
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}", moment, None


def _agrees(text: str, start: Any) -> bool:
    """Whether the date text timeline-app wrote still covers DTSTART: a calendar app that moved the
    event changed DTSTART alone, and DTSTART wins."""
    if start is None:
        return True
    try:
        date = parse_date(text)
    except DateError:
        return False
    moment = _date_text(start)[1]
    return date.earliest - SECONDS_PER_DAY <= moment <= date.latest + SECONDS_PER_DAY


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    return str(value) if value is not None else ""


def _event_of(component: Any, result: Converted, line: int, start: Any, end: Any) -> dict[str, Any]:
    """Our event for a VEVENT (or one occurrence of a series), ``start`` and ``end`` its times."""
    event: dict[str, Any] = {"title": _text(component, "SUMMARY") or "Untitled"}
    if "X-TIMELINE-START" in component and _agrees(_text(component, "X-TIMELINE-START"), start):
        # Written by timeline-app: the date as the author wrote it, precision and all, and its zone.
        event["start"] = _text(component, "X-TIMELINE-START")
        if "X-TIMELINE-END" in component:
            event["end"] = _text(component, "X-TIMELINE-END")
        if isinstance(start, dt.datetime):
            zone = _date_text(start)[2]
            if zone is not None:
                event["timezone"] = zone
            elif start.tzinfo is None:
                event["ics_floating"] = True
    elif start is None:
        result.note_at(line, f"the event \"{event['title']}\" has no DTSTART; its start is empty")
        event["start"] = ""
    else:
        start_text, start_moment, zone = _date_text(start)
        event["start"] = start_text
        if end is not None:
            all_day = not isinstance(start, dt.datetime)
            end_text, end_moment, _ = _date_text(end, end=all_day and not isinstance(end, dt.datetime))
            if end_moment > start_moment:
                event["end"] = end_text
        if zone is not None:
            event["timezone"] = zone
        elif isinstance(start, dt.datetime) and start.tzinfo is None:
            event["ics_floating"] = True  # a wall-clock time in no zone: written back as one
    description = _text(component, "DESCRIPTION")
    if description:
        event["description"] = description
    categories = component.get("CATEGORIES")
    if categories is not None:
        values = categories if isinstance(categories, list) else [categories]
        names = [str(name).strip() for value in values for name in getattr(value, "cats", [value]) if str(name).strip()]
        if names:
            event["category"] = names[0]
        if len(names) > 1:
            event["tags"] = names[1:]  # a lane takes one category; the others stay as tags
    url = _text(component, "URL").strip()
    if url:
        event["links"] = [url]
    location = _text(component, "LOCATION")
    if location:
        event["location"] = location
    return event


_BROKEN = (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError)  # a property it cannot read


def _when(component: Any, name: str) -> Any:
    """The date or date-time of a property (the first, if it is given twice), or None."""
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    return value.dt if value is not None else None


def _times(component: Any) -> tuple[Any, Any]:
    """A VEVENT's start and end: DTEND, else DTSTART + DURATION, else none. Raises one of _BROKEN."""
    start = _when(component, "DTSTART")
    if not isinstance(start, (dt.date, type(None))):
        raise ValueError(f"DTSTART is {start!r}, not a date or date-time")
    if "DTEND" in component:
        return start, _when(component, "DTEND")
    duration = _when(component, "DURATION")
    if isinstance(duration, dt.timedelta) and start is not None:
        return start, start + duration
    return start, None


def _read_times(component: Any, result: Converted, line: int) -> tuple[Any, Any]:
    try:
        start, end = _times(component)
        if end is not None and not isinstance(end, dt.date):
            raise ValueError(f"DTEND is {end!r}, not a date or date-time")
        if end is not None and isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
            end = None  # a date and a date-time cannot be compared: the start alone stands
        return start, end
    except _BROKEN as error:
        result.note_at(line, f"the dates of this VEVENT cannot be read ({error}); write DTSTART as "
                       "YYYYMMDD or YYYYMMDDTHHMMSSZ")
        return None, None


def read_ics(text: str) -> Converted:
    """Our JSON for the events of an iCalendar (see the module's docstring)."""
    import icalendar

    body = text.lstrip("\ufeff")
    try:
        calendars = icalendar.Calendar.from_ical(body, multiple=True)
    except _BROKEN as error:
        raise FormatError(f"this is not an iCalendar file that can be read: {error}") from error
    if not calendars:
        raise FormatError("this iCalendar file holds no VCALENDAR")
    return _CalendarReader(calendars, _component_places(body, "VEVENT")).read()


class _CalendarReader:
    """One reading of the calendars of a file into our JSON."""

    def __init__(self, calendars: list[Any], vevent_places: list[_Place]) -> None:
        self.calendars = calendars
        self.places = iter(vevent_places)
        self.result = Converted()
        self.events: list[dict[str, Any]] = []
        self.ids: set[str] = set()
        self.series: dict[str, list[Any]] = {}
        self.series_places: dict[str, _Place] = {}
        self.latest = time.time()  # an open-ended series is shown up to a while past this
        self.made = 0  # events made from series so far

    def _calendar_zone(self) -> str | None:
        """The zone the calendar keeps: its X-WR-TIMEZONE, else the one most of its events name."""
        for calendar in self.calendars:
            named = _text(calendar, "X-WR-TIMEZONE").strip()
            if named and is_zone_name(named):
                return named
        counts: dict[str, int] = {}
        for event in self.events:
            zone = event.get("timezone")
            if isinstance(zone, str) and is_zone_name(zone):
                counts[zone] = counts.get(zone, 0) + 1
        return max(counts, key=lambda zone: counts[zone]) if counts else None

    def read(self) -> Converted:
        title = description = ""
        skipped: dict[str, int] = {}
        for calendar in self.calendars:
            title = title or _text(calendar, "X-WR-CALNAME")
            description = description or _text(calendar, "X-WR-CALDESC")
            for component in calendar.walk():
                if component.name in _NOT_EVENTS:
                    skipped[component.name] = skipped.get(component.name, 0) + 1
                elif component.name == "VEVENT":
                    self._sort(component, next(self.places, _Place(1)))
        kept = {uid: entry for uid, components in self.series.items()
                if (entry := self._read_series(uid, components)) is not None}
        for kind, count in skipped.items():
            one, many = _NOT_EVENTS[kind]
            self.result.notes.append(f"{count:,} {one if count == 1 else many} not read: a timeline shows "
                                     "events (VEVENT)")
        root: dict[str, Any] = {"events": self.events}
        if title:
            root["title"] = title
        if description:
            root["description"] = description
        categories = {e["category"]: {"label": e["category"]} for e in self.events if "category" in e}
        if categories:
            root["categories"] = categories
        zone = self._calendar_zone()
        if zone is not None:
            root["timezone"] = zone  # the calendar's own clocks: times are shown, and new ones written, on them
        if kept:
            root[SERIES] = kept
            if timezones := self._timezone_texts():
                root["ics_timezones"] = timezones  # the file's own, for the series written back as they were
        self.result.root = root
        return self.result

    def _sort(self, component: Any, place: _Place) -> None:
        """A VEVENT read now when it stands alone, or kept for its series (read once all its parts are in)."""
        uid = _text(component, "UID")
        if "RRULE" in component or "RDATE" in component or "RECURRENCE-ID" in component:
            uid = uid or f"series-at-line-{place.begin}"  # without a UID no two components are one series
            self.series.setdefault(uid, []).append(component)
            if "RECURRENCE-ID" not in component or uid not in self.series_places:
                self.series_places[uid] = place  # the master's, where the rule is written
            return
        start, end = _read_times(component, self.result, place.at("DTSTART", "DTEND", "DURATION"))
        event = self._event(component, place.begin, start, end)
        event_id = uid.removesuffix("@timeline-app")
        if event_id in self.ids:
            self.result.note_at(place.at("UID"),
                                f"the UID \"{uid}\" is used by an earlier event too; kept, but not as an id")
        self._add(event, event_id, place.begin)
        if isinstance(end, dt.date):
            self.latest = max(self.latest, _date_text(end)[1])

    def _event(self, component: Any, line: int, start: Any, end: Any) -> dict[str, Any]:
        try:
            return _event_of(component, self.result, line, start, end)
        except _BROKEN as error:
            self.result.note_at(line, f"this VEVENT cannot be read ({error}); it is kept without its dates")
            return {"title": "Unreadable event", "start": ""}

    def _add(self, event: dict[str, Any], event_id: str, line: int) -> None:
        if event_id and event_id not in self.ids:
            event["id"] = event_id
            self.ids.add(event_id)
        self.events.append(event)
        self.result.event_lines.append(line)

    def _read_series(self, uid: str, components: list[Any]) -> dict[str, Any] | None:
        """Every occurrence of one series as an event; what writing it back as its rule needs."""
        room, place = MAX_OCCURRENCES - self.made, self.series_places[uid]
        line, rule_line = place.begin, place.at("RRULE", "RDATE")
        try:
            occurrences, window = _occurrences(self.calendars, components, self.latest, room + 1)
        except _BROKEN as error:
            self.result.note_at(rule_line,
                                f"the series \"{uid}\" cannot be expanded ({error}); its first time is shown")
            occurrences, window = components[:1], None
        master = next((c for c in components if "RECURRENCE-ID" not in c), components[0])
        name = _text(master, "SUMMARY") or uid
        if window is not None:
            self.result.note_at(rule_line, f"the series \"{name}\" repeats without end; its occurrences from "
                                f"{window[0]} to {window[1]} are shown")
        if len(occurrences) > room:
            occurrences = occurrences[:room]
            self.result.note_at(rule_line, f"more than {MAX_OCCURRENCES:,} occurrences of series in this file; those "
                                f"of \"{name}\" and of any series after it were cut there")
        shown: list[str] = []
        for occurrence in occurrences:
            start, end = _read_times(occurrence, self.result, place.at("DTSTART", "DTEND", "DURATION"))
            event = self._event(occurrence, line, start, end)
            recurrence = occurrence.get("RECURRENCE-ID")
            stamp = recurrence.dt if recurrence is not None else start
            suffix = stamp.strftime("%Y%m%dT%H%M%S") if isinstance(stamp, dt.datetime) else \
                stamp.strftime("%Y%m%d") if isinstance(stamp, dt.date) else str(len(shown))
            event[SERIES] = uid
            self._add(event, f"{uid.removesuffix('@timeline-app')}/{suffix}", line)
            shown.append(_fingerprint(event))
        self.made += len(occurrences)
        try:
            return {"components": [c.to_ical().decode("utf-8", "replace") for c in components], "occurrences": shown}
        except _BROKEN:
            return None  # written back as separate events, then

    def _timezone_texts(self) -> dict[str, str]:
        texts: dict[str, str] = {}
        for calendar in self.calendars:
            for zone in calendar.walk("VTIMEZONE"):
                try:
                    if tzid := _text(zone, "TZID"):
                        texts[tzid] = zone.to_ical().decode("utf-8", "replace")
                except _BROKEN:
                    continue  # a zone it cannot write back: tzdata's is written instead
        return texts


def _occurrences(calendars: list[Any], components: list[Any], latest: float,
                 room: int) -> tuple[list[Any], tuple[str, str] | None]:
    """Every occurrence of one series (a master and its overrides), and the window an open-ended one
    was expanded over (None when it ends by itself)."""
    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar()
    for source in calendars:
        for timezone in source.walk("VTIMEZONE"):
            calendar.add_component(timezone)
    for component in components:
        calendar.add_component(component)
    query = recurring_ical_events.of(calendar, keep_recurrence_attributes=True)
    master = next((c for c in components if "RECURRENCE-ID" not in c), None)
    rules = master.get("RRULE") if master is not None else None
    rules = rules if isinstance(rules, list) else [rules] if rules is not None else []
    open_ended = any("COUNT" not in rule and "UNTIL" not in rule for rule in rules)
    if not open_ended:
        return list(islice(query.all(), max(room, 0))), None
    first = _when(master, "DTSTART")
    begin = first if isinstance(first, dt.datetime) else dt.datetime.combine(first, dt.time())
    # Whole days, in UTC: the window said in the warning is the window read, to its last day.
    last_day = (dt.datetime.fromtimestamp(latest, dt.UTC) + dt.timedelta(days=365 * OPEN_ENDED_YEARS)).date()
    after_window = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time())
    start = begin.replace(tzinfo=None)
    found = []
    # after() yields one occurrence at a time: a series every second stops at ``room``, never builds millions.
    for occurrence in islice(query.after(start), max(room, 0)):
        when = _when(occurrence, "DTSTART")
        moment = when if isinstance(when, dt.datetime) else dt.datetime.combine(when, dt.time())
        if moment.replace(tzinfo=None) - (moment.utcoffset() or dt.timedelta(0)) >= after_window:
            break
        found.append(occurrence)
    return found, (start.date().isoformat(), last_day.isoformat())
