"""Markwhen (``.mw``): a plain-text timeline, one ``date range: event`` per line.

Read: the header (``title``, ``description``, ``timezone``, ``dateFormat``, between ``---`` lines
or before the first event), events with their date ranges (EDTF ``2004-06/2006-08``, ``2005/now``,
``Date - Date`` or ``Date to Date``, American ``m/d/yyyy`` unless ``dateFormat: d/M/y``, ISO times,
casual dates such as ``4 January 1996``), the lines after an event up to the next as its
description (with the ``#tags``, links and locations in them), ``#tags``, links, groups and sections
(``group Name`` … ``endGroup``) as categories, nested ones naming their parent, the pages of a file
as one timeline under their titles, and recurring events (``every other week for 1 year``) as each
of their times. What it cannot read (relative dates such as ``2 weeks`` or ``after !id``, a date
without a year) is reported at its line, never dropped in silence. Markwhen is not written.
"""

from __future__ import annotations

import re
import time
from typing import Any

from timeline_app.model.dates import DateError, parse_date
from timeline_app.storage.formats import Converted

_EDTF = r"(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|now)"
_EDTF_RANGE = re.compile(rf"\s*({_EDTF})\s*/\s*({_EDTF})\s*")
_SLASHED = re.compile(r"(\d{1,2})/(?:(\d{1,2})/)?(\d{4})")
_TAG = re.compile(r"(?<![\w#])#([\w-]+)")
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)\)")
_EVENT_ID = re.compile(r"(?<!\w)!([\w-]+)")
_RELATIVE = re.compile(r"(?:after|before|by)\b|!\w|\d+\s*(?:milli)?(?:seconds?|minutes?|hours?|days?|weekdays?|"
                       r"week days?|work days?|business days?|weeks?|months?|years?)\b", re.I)
_LOCAL_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?")
_DURATION = re.compile(r"\s*(\d{1,4})\s*(day|week|month|year)s?\s*", re.I)
_HEADER_KEY = re.compile(r"([A-Za-z][\w-]*)\s*:\s*(.*)")
_SPLITS = (re.compile(r"\s+(?:-|–|to)\s+"), re.compile(r"(?<=\d)-(?=\d{1,2}/)|(?<=[A-Za-z\d])\s*-\s*(?=[A-Za-z\d])"))


def looks_like_markwhen(text: str) -> bool:
    """Whether a text reads as Markwhen: most of its lines are events whose date ranges read as dates
    (or belong to a header, a group or a description), and it is not a table: a CSV's rows all hold
    the same number of its delimiter."""
    lines = [line.strip() for line in text.splitlines()[:200] if line.strip() and not line.strip().startswith("//")]
    if not lines:
        return False
    for delimiter in (",", ";", "\t"):
        counts = {line.count(delimiter) for line in lines}
        if len(lines) > 1 and len(counts) == 1 and counts != {0}:
            return False  # every line splits alike: a table
    events = structure = 0
    for line in lines:
        split = _split_event(line)
        if split is not None and all(_is_date(side) or side.lower() == "now" for side in _range(split[0], False)
                                     if side is not None):
            events += 1
        elif line == "---" or re.match(r"(?:group|section|endgroup|endsection)\b", line.lower()) \
                or _HEADER_KEY.fullmatch(line):
            structure += 1
    return events > 0 and (events + structure) * 2 >= len(lines)


def _split_event(line: str) -> tuple[str, str] | None:
    """(date range, event text) of an event line, or None when the line is no event."""
    for found in re.finditer(r":\s", line + " "):
        when, rest = line[:found.start()].strip(), line[found.end():].strip()
        if when and re.search(r"\d|\bnow\b", when) and len(when) <= 80 and not when.startswith("#") \
                and not when.lower().startswith(("title", "description", "timezone", "dateformat", "group", "section")):
            return when, rest
    return None


def _side(text: str, day_first: bool) -> str:
    """Our date text for one side of a Markwhen range (slashed dates turned ISO, as the header orders them)."""
    text = text.strip()
    found = _SLASHED.match(text)
    if found is not None:
        first, second, year = found.groups()
        rest = text[found.end():]
        if second is None:  # "04/1776": a month
            return f"{year}-{int(first):02d}{rest}"
        month, day = (second, first) if day_first else (first, second)
        return f"{year}-{int(month):02d}-{int(day):02d}{rest}"
    return text


def _is_date(text: str) -> bool:
    try:
        parse_date(text, allow_ongoing=True)
    except DateError:
        return False
    return True


def _range(when: str, day_first: bool) -> tuple[str, str | None]:
    """The start and end a Markwhen range writes: one date when the whole reads as one (ISO dates have
    dashes of their own), else the first split whose two sides both read as dates."""
    edtf = _EDTF_RANGE.fullmatch(when)
    if edtf is not None:
        return edtf[1], edtf[2]
    whole = _side(when, day_first)
    if "/" not in whole and _is_date(whole):  # a slash left over: "02/2023-04/2023" is two dates
        return whole, None
    for splitter in _SPLITS:
        for found in splitter.finditer(when):  # each dash in turn: "2031-11-19T01:35Z-2099-08-04" splits once right
            start, end = _side(when[:found.start()], day_first), _side(when[found.end():], day_first)
            if start and end and _is_date(start) and (end.lower() == "now" or _is_date(end)):
                return start, end
    return whole, None


def _in_zone(text: str, zone: str | None) -> str:
    """A time written without an offset, with the offset the header's zone has then (so "21:30" in
    New York is 21:30 there, not in UTC); anything else as it is."""
    found = _LOCAL_TIME.fullmatch(text)
    if zone is None or found is None:
        return text
    import datetime as dt
    import zoneinfo

    try:
        year, month, day, hour, minute, second = (int(part or 0) for part in found.groups())
        local = dt.datetime(year, month, day, hour, minute, second, tzinfo=zoneinfo.ZoneInfo(zone))
        offset = local.utcoffset() or dt.timedelta(0)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError, OverflowError):
        return text
    minutes = int(offset.total_seconds() // 60)
    return f"{text}{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _with_duration(when: str, day_first: bool) -> tuple[str, str] | None:
    """A date and how long it lasts ("2023-04/4 months", "01/01/2023 - 2 weeks") as a start and an end
    as precise as the start: Markwhen's duration counts from the start, the end is its last part."""
    for separator in ("/", " - ", " to "):
        first, found, last = when.partition(separator)
        duration = _DURATION.fullmatch(last) if found else None
        if duration is None:
            continue
        start = _side(first, day_first)
        try:
            date = parse_date(start)
        except DateError:
            return None
        import datetime as dt

        amount, unit = int(duration[1]), duration[2].lower()
        begin = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=date.earliest)
        after = begin + _span(unit, amount)
        last_moment = after - dt.timedelta(seconds=1)
        precision = date.precision.noun
        if precision == "year" and unit == "year":
            return start, f"{last_moment.year:04d}"
        if precision == "month" and unit in ("month", "year"):
            return start, f"{last_moment.year:04d}-{last_moment.month:02d}"
        return start, last_moment.strftime("%Y-%m-%d")
    return None


def _header(lines: list[str]) -> tuple[dict[str, str], int]:
    """The header's keys, and the index of the first line after it."""
    header: dict[str, str] = {}
    position = 0
    fenced = bool(lines) and lines[0].strip() == "---"
    if fenced:
        position = 1
    while position < len(lines):
        line = lines[position].strip()
        if fenced and line == "---":
            return header, position + 1
        if not fenced and (_split_event(line) is not None or line.lower().startswith(("group", "section"))):
            return header, position
        found = _HEADER_KEY.fullmatch(line)
        if found is not None and not fenced and found[1].lower() not in ("title", "description", "timezone",
                                                                          "dateformat", "author", "view", "edit"):
            return header, position
        if found is not None:
            header[found[1].lower()] = found[2].strip()
        position += 1
    return header, position


_PAGE_BREAK = "_-_-_break_-_-_"
# "2022-01-03 every other week for 1 year", "2024-03-01 every 2 months x 6", "2024-01-01 every day for 10 times"
_RECURRENCE = re.compile(r"(?P<when>.+?)\s+every\s+(?:(?P<step>\d{1,4})\s+|(?P<other>other)\s+)?"
                         r"(?P<unit>day|week|month|year)s?"
                         r"(?:\s+(?:for\s+(?P<amount>\d{1,5})\s*(?P<span>times|days?|weeks?|months?|years?)"
                         r"|x\s*(?P<times>\d{1,5})(?:\s*times)?))?\s*", re.I)
MAX_OCCURRENCES = 5_000  # of one recurring event; more is no timeline a reader can use
OPEN_ENDED_YEARS = 2  # a recurrence without end is shown this far past its start or today


def read_markwhen(text: str) -> Converted:
    """Our JSON for a Markwhen text: every page of it, each page's title the top category of its events."""
    result = Converted()
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    breaks = [number for number, line in enumerate(lines) if line.strip() == _PAGE_BREAK]
    bounds = list(zip([0, *(b + 1 for b in breaks)], [*breaks, len(lines)], strict=True))
    reading = _Reading(result, paged=len(bounds) > 1)
    for page, (first, last) in enumerate(bounds):
        reading.page(lines, first, last, page)
    events, eras = _apart_eras(reading.events, result)
    root: dict[str, Any] = {"events": events}
    if eras:
        root["eras"] = eras
    for key in ("title", "description", "timezone"):
        if reading.header.get(key):
            root[key] = reading.header[key]
    if reading.categories:
        root["categories"] = reading.categories
    if len(bounds) > 1:
        result.notes.append(f"the {len(bounds)} pages of this Markwhen file are read as one timeline; each page's "
                            "title is the top category of its events")
    result.root = root
    return result


ERA_TAG = "era"  # Markwhen draws an event tagged #era as a highlight behind the timeline: an era of ours


def _apart_eras(events: list[dict[str, Any]], result: Converted) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The events, and the eras among them (those tagged #era), each era without the tag that made it one."""
    kept: list[dict[str, Any]] = []
    lines: list[int] = []
    eras: list[dict[str, Any]] = []
    for event, line in zip(events, result.event_lines, strict=True):
        if ERA_TAG not in event.get("tags", ()):
            kept.append(event)
            lines.append(line)
            continue
        era = {key: value for key, value in event.items() if key not in ("category", "tags", "id")}
        era.setdefault("end", event["start"])
        eras.append(era)
        result.era_places.append(line)
    result.event_lines[:] = lines
    return kept, eras


class _Reading:
    """One reading of a Markwhen text, page by page, into our events and categories."""

    def __init__(self, result: Converted, *, paged: bool) -> None:
        self.result = result
        self.paged = paged
        self.header: dict[str, str] = {}  # the first page's: the file's title, description and zone
        self.events: list[dict[str, Any]] = []
        self.categories: dict[str, Any] = {}
        self.current: dict[str, Any] | None = None  # the event whose description lines follow
        self.described: list[str] = []  # those lines so far; "" is a paragraph break

    def page(self, lines: list[str], first: int, last: int, page: int) -> None:
        header, start = _header(lines[first:last])
        if page == 0:
            self.header = header  # the file's title, description and zone
        day_first = header.get("dateformat", self.header.get("dateformat", "")).lower().startswith("d")
        zone = header.get("timezone") or self.header.get("timezone") or None
        groups: list[str] = []
        if self.paged:
            name = header.get("title") or f"Page {page + 1}"
            described = {"description": header["description"]} if header.get("description") else {}
            self.categories.setdefault(name, {"label": name, **described})
            groups.append(name)
        top = len(groups)
        for number in range(first + start, last):
            raw = lines[number]
            line = raw.split(" //")[0].strip() if not raw.strip().startswith("//") else ""
            lowered = line.lower()
            if not line:
                if self.described and not raw.strip():
                    self.described.append("")  # a blank line, not a comment: a paragraph break
                continue
            if re.match(r"(group|section)\b", lowered) and not lowered.startswith(("groups", "sections")):
                # A group's own #tags colour it in Markwhen; its name is what is left.
                name = _TAG.sub("", line.split(None, 1)[1]).strip() if " " in line else ""
                name = name or f"Group {len(self.categories) + 1}"
                self.categories.setdefault(name, {"label": name, **({"parent": groups[-1]} if groups else {})})
                groups.append(name)
                self._close()
                continue
            if lowered in ("endgroup", "endsection"):
                if len(groups) > top:
                    groups.pop()
                self._close()
                continue
            split = _split_event(line)
            if split is None:
                if self.current is not None:  # the event's description, up to the next event, blank lines and all
                    text = _describe(self.current, line)
                    if text:
                        self.described.append(text)
                else:
                    self.result.note_at(number + 1, f"this line is neither an event nor part of one: {line[:60]!r}")
                continue
            self._close()
            when, rest = split
            recurring = _RECURRENCE.fullmatch(when)
            if recurring is not None:
                self._recurrence(recurring, rest, number + 1, day_first, groups, zone)
                continue
            event = _event(when, rest, number + 1, day_first, groups, self.result)
            for key in ("start", "end"):
                if isinstance(event.get(key), str):
                    event[key] = _in_zone(event[key], zone)
            self.events.append(event)
            self.result.event_lines.append(number + 1)
            self.current = event
        self._close()

    def _close(self) -> None:
        """The description of the event read last, its lines joined: no event's text runs into the next."""
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(self.described)).strip()
        if self.current is not None and text:
            self.current["description"] = text
        self.current, self.described = None, []

    def _recurrence(self, found: re.Match[str], rest: str, line: int, day_first: bool, groups: list[str],
                    zone: str | None) -> None:
        """Every occurrence of a recurring event, as Markwhen draws them, or a placed note why not."""
        import datetime as dt

        first = _event(found["when"], rest, line, day_first, groups, self.result)
        try:
            date = parse_date(first["start"])
        except DateError:
            self.events.append(first)  # its unreadable date is reported where the document is read
            self.result.event_lines.append(line)
            return
        step = 2 if found["other"] else int(found["step"] or 1)
        every = _span(found["unit"], step)
        begin = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=date.earliest)
        count: int | None = None
        until: dt.datetime | None = None
        if found["times"] or (found["span"] or "").lower() == "times":
            count = int(found["times"] or found["amount"])
        elif found["amount"]:
            until = begin + _span(found["span"], int(found["amount"]))
        else:
            until = max(begin, dt.datetime.now()) + _span("year", OPEN_ENDED_YEARS)
            self.result.note_at(line, f"\"{first['title']}\" repeats without end; its occurrences to "
                                f"{until.date().isoformat()} are shown")
        shape = {"year": 4, "month": 7, "day": 10}.get(date.precision.noun)
        made = 0
        moment = begin
        while (count is None or made < count) and (until is None or moment < until):
            if made == MAX_OCCURRENCES:
                self.result.note_at(line, f"\"{first['title']}\" repeats more than {MAX_OCCURRENCES:,} times; "
                                    "the rest are not shown")
                break
            occurrence = {**first, "start": moment.isoformat()[:shape] if shape else
                          _timed(moment, date.utc_offset_minutes, date.precision.noun == "second", zone)}
            occurrence.pop("end", None)
            self.events.append(occurrence)
            self.result.event_lines.append(line)
            made += 1
            moment = begin + every * made  # from the start each time: 31 January monthly stays at month ends


def _span(unit: str, amount: int) -> Any:
    """``amount`` days, weeks, months or years, as dateutil adds them (31 January + 1 month: 29 February)."""
    from dateutil.relativedelta import relativedelta

    return {"day": relativedelta(days=amount), "week": relativedelta(weeks=amount),
            "month": relativedelta(months=amount), "year": relativedelta(years=amount)}[unit.lower().rstrip("s")]


def _timed(moment: Any, offset: int | None, seconds: bool, zone: str | None) -> str:
    """An occurrence's time as the recurring event writes its own: in its UTC offset, else the file's zone."""
    import datetime as dt

    shape = "%Y-%m-%dT%H:%M:%S" if seconds else "%Y-%m-%dT%H:%M"
    if offset is None:
        return _in_zone(moment.strftime(shape), zone)  # a wall-clock time: the same hour through DST
    local = str((moment + dt.timedelta(minutes=offset)).strftime(shape))
    sign = "+" if offset > 0 else "-"
    return local + ("Z" if offset == 0 else f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}")


def _describe(event: dict[str, Any], line: str) -> str:
    """The text a description line adds to ``event``, its #tags, links and locations put on the event."""
    locations = [place for place, kind in _LINK.findall(line) if kind == "location"]
    if locations:
        event.setdefault("locations", []).extend(locations)
    tags = [tag for tag in _TAG.findall(line) if tag not in event.get("tags", [])]
    if tags:
        event["tags"] = [*event.get("tags", []), *dict.fromkeys(tags)]
    links = [{"title": title, "url": url} if title else url for title, url in _LINK.findall(line)
             if url != "location" and re.match(r"(?:https?|mailto):", url)]
    if links:
        event.setdefault("links", []).extend(links)
    if not _TAG.sub("", line).strip():
        return ""  # a line of #tags only tags the event
    return _LINK.sub(lambda found: found[1] if found[2] == "location" else found[0], line)  # a place by its name


def _event(when: str, rest: str, line: int, day_first: bool, groups: list[str], result: Converted) -> dict[str, Any]:
    links = [{"title": title, "url": url} if title else url for title, url in _LINK.findall(rest)]
    tags = _TAG.findall(rest)
    title = _EVENT_ID.sub("", _TAG.sub("", _LINK.sub(lambda m: m[1], rest))).strip() or "Untitled"
    event: dict[str, Any] = {"title": " ".join(title.split())}
    start, end = _range(when, day_first)
    lasting = _with_duration(when, day_first)
    if lasting is not None:
        start, end = lasting  # "2023-04/4 months", "01/01/2023 - 2 weeks": a date and how long it lasts
    elif _RELATIVE.search(when) and not re.fullmatch(r"[\d\s/:.TZ+-]+|.*\d{4}.*", when):
        result.note_at(line, f"the relative date \"{when}\" is not read (timeline-app has no dates relative to "
                       "other events); write the date itself")
        start, end = when, None
    elif start.lower() == "now":
        start = time.strftime("%Y-%m-%d")
        result.note_at(line, f"\"now\" is when a Markwhen file is shown; it was read as today, {start}")
    event["start"] = start
    if end is not None:
        event["end"] = "present" if end.lower() == "now" else end
    if groups:
        event["category"] = groups[-1]
    if tags:
        event["tags"] = tags
    if links:
        event["links"] = links
    return event
