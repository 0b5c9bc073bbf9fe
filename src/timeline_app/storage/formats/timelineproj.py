"""The Timeline Project's files (``.timeline``): its XML since version 1.0, and the line format before it.

XML is parsed with defusedxml: no DTD, no entity expansion, nothing fetched. Events and periods
become ours (a time of midnight at both ends reads as whole days), ``fuzzy`` as uncertain,
``ends_today`` as "present", ``milestone`` as a moment, categories with their colours and parents,
descriptions, hyperlinks; a container ("[1]Name") and its members ("(1)Name") keep the container's
name; eras are kept under "eras"; whatever else an event says (progress, locked, alerts, icons)
rides along under its own name. Only Gregorian timelines are read: numeric ones have no dates.
"""

from __future__ import annotations

import re
from typing import Any

from timeline_app.storage.formats import Converted, FormatError

_WHEN = re.compile(r"\s*(-?\d{1,6})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?\s*")
_CONTAINER = re.compile(r"\[(\d+)\](.*)", re.S)
_MEMBER = re.compile(r"\((\d+)\)(.*)", re.S)
_DECLARATION = re.compile(r"\s*<\?xml[^>]*\?>")
_HANDLED = frozenset({"start", "end", "text", "fuzzy", "fuzzy_start", "fuzzy_end", "ends_today", "category",
                      "description", "hyperlink", "milestone"})


def _colour(text: str | None) -> str | None:
    parts = (text or "").split(",")
    # ASCII digits only: "²" is a digit to str.isdigit, not to int.
    if len(parts) != 3 or not all(re.fullmatch(r"\s*[0-9]{1,3}\s*", part) and int(part) < 256 for part in parts):
        return None
    return "#" + "".join(f"{int(part):02X}" for part in parts)


def _when(text: str | None) -> tuple[str, bool] | None:
    """Our date text for a Timeline Project time, and whether it is a midnight (a day boundary)."""
    found = _WHEN.fullmatch(text or "")
    if found is None:
        return None
    year, month, day, hour, minute, second = found.groups()
    number = int(year)
    day_text = f"{'-' if number < 0 else ''}{abs(number):04d}-{int(month):02d}-{int(day):02d}"
    clock = [int(value or 0) for value in (hour, minute, second)]
    return day_text + f"T{clock[0]:02d}:{clock[1]:02d}" + (f":{clock[2]:02d}" if clock[2] else ""), clock == [0, 0, 0]


def _day(text: str) -> str:
    return text.partition("T")[0]


def _event(fields: dict[str, str], line: int, result: Converted, containers: dict[str, str]) -> dict[str, Any]:
    title = fields.get("text", "").strip()
    container = _CONTAINER.fullmatch(title)
    member = _MEMBER.fullmatch(title) if container is None else None
    if container is not None:
        containers[container[1]] = title = container[2].strip()
    elif member is not None:
        title = member[2].strip()
    event: dict[str, Any] = {"title": title or "Untitled"}
    start, end = _when(fields.get("start")), _when(fields.get("end"))
    if start is None:
        result.note_at(line, f"\"{fields.get('start', '')}\" is not a Timeline Project time (YYYY-MM-DD HH:MM:SS)")
    whole_days = start is not None and start[1] and (end is None or end[1])
    start_text = _day(start[0]) if start is not None and whole_days else start[0] if start is not None else ""
    end_text = _day(end[0]) if end is not None and whole_days else end[0] if end is not None else None
    fuzzy = fields.get("fuzzy") == "True"
    if start_text and (fuzzy or fields.get("fuzzy_start") == "True"):
        start_text += "?"
    event["start"] = start_text
    if fields.get("ends_today") == "True":
        event["end"] = "present"
    elif end_text and end_text.rstrip("?") != start_text.rstrip("?") and fields.get("milestone") != "True":
        event["end"] = end_text + ("?" if fuzzy or fields.get("fuzzy_end") == "True" else "")
    if fields.get("category"):
        event["category"] = fields["category"]
    if fields.get("description"):
        event["description"] = fields["description"]
    link = fields.get("hyperlink", "").strip()
    if link:
        event["links"] = [link]
    if member is not None:
        event["container"] = containers.get(member[1], member[1])
    elif container is not None:
        event["container"] = title
    for key, value in fields.items():
        if key not in _HANDLED and value:
            event[key] = value  # progress, locked, default_color, alert, icon…: kept as they are
    return event


def _element_lines(text: str, tag: str) -> list[int]:
    """The line each <tag> begins on, in order: ElementTree keeps no places."""
    opening = f"<{tag}>"
    return [number for number, line in enumerate(text.split("\n"), start=1) for _ in range(line.count(opening))]


def read_timeline_project(text: str) -> Converted:
    """Our JSON for a Timeline Project file, XML or the older lines."""
    body = text.lstrip("\ufeff")
    return _read_lines(body) if body.lstrip().startswith("#") else _read_xml(body)


def _read_xml(text: str) -> Converted:
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    result = Converted()
    # The text is decoded already: its declaration's encoding, right or wrong, has no say any more.
    declaration = _DECLARATION.match(text)
    body = text[declaration.end():] if declaration else text
    offset = text[:declaration.end()].count("\n") if declaration else 0
    try:
        root = SafeTree.fromstring(body, forbid_dtd=True)
    except DefusedXmlException as error:
        raise FormatError(f"this XML declares a DTD or entities ({type(error).__name__}), which timeline-app "
                          "never expands; a Timeline Project file has none") from error
    except ParseError as error:
        line, column = getattr(error, "position", (1, 1))
        raise FormatError(f"line {line + offset}, column {column}: this is not well-formed XML ({error})") from error
    except (ValueError, LookupError) as error:
        raise FormatError(f"this XML cannot be read: {error}") from error
    if root.tag != "timeline":
        raise FormatError(f"this is XML but not a Timeline Project file (its root is <{root.tag}>, not <timeline>)")
    if (root.findtext("timetype") or "gregoriantime").strip() != "gregoriantime":
        raise FormatError("this Timeline Project file counts numbers, not dates (timetype "
                          f"\"{root.findtext('timetype')}\"); timeline-app reads only dated timelines")
    categories: dict[str, Any] = {}
    for category in root.iterfind("categories/category"):
        name = (category.findtext("name") or "").strip()
        if not name:
            continue
        spec: dict[str, Any] = {"label": name}
        if colour := _colour(category.findtext("color")):
            spec["color"] = colour
        if parent := (category.findtext("parent") or "").strip():
            spec["parent"] = parent
        categories[name] = spec
    lines = iter(_element_lines(text, "event"))
    events: list[dict[str, Any]] = []
    containers: dict[str, str] = {}
    for element in root.iterfind("events/event"):
        line = next(lines, 1)
        fields = {child.tag: (child.text or "").strip() for child in element}
        event = _event(fields, line, result, containers)
        if event.get("category") and event["category"] not in categories:
            categories[event["category"]] = {"label": event["category"]}
        events.append(event)
        result.event_lines.append(line)
    converted: dict[str, Any] = {"events": events}
    if categories:
        converted["categories"] = categories
    eras = []
    for era in root.iterfind("eras/era"):
        start, end = _when(era.findtext("start")), _when(era.findtext("end"))
        days = bool(start and start[1] and (end is None or end[1]))
        texts = [(_day(found[0]) if days else found[0]) if found else "" for found in (start, end)]
        eras.append({key: value for key, value in (
            ("title", (era.findtext("name") or "").strip()), ("start", texts[0]),
            ("end", "present" if era.findtext("ends_today") == "True" else texts[1]),
            ("color", _colour(era.findtext("color")))) if value})
    if eras:
        converted["eras"] = eras
    result.root = converted
    return result


def _read_lines(text: str) -> Converted:
    """The format before 1.0: CATEGORY:name;r,g,b;visible and EVENT:start;end;text;category[;description:…]."""
    result = Converted()
    categories: dict[str, Any] = {}
    events: list[dict[str, Any]] = []
    containers: dict[str, str] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        kind, _, rest = line.rstrip("\r").partition(":")
        if kind == "CATEGORY":
            name, colour, *_ = ([*rest.split(";"), "", ""])[:3]
            if name:
                categories[name] = {"label": name, **({"color": found} if (found := _colour(colour)) else {})}
        elif kind == "EVENT":
            parts = [part.replace("\\;", ";") for part in re.split(r"(?<!\\);", rest)]
            fields = dict(zip(("start", "end", "text", "category"), parts[:4], strict=False))
            for extra in parts[4:]:
                key, _, value = extra.partition(":")
                fields[key] = value.replace("\\n", "\n")
            events.append(_event(fields, number, result, containers))
            result.event_lines.append(number)
        elif line.strip() and not line.startswith(("#", "PREFERRED-PERIOD:")):
            result.note_at(number, f"this line is not a Timeline Project CATEGORY or EVENT and was left out: "
                           f"{line[:60]!r}")
    converted: dict[str, Any] = {"events": events}
    if categories:
        converted["categories"] = categories
    result.root = converted
    return result
