"""TimelineJS2 JSON (Knight Lab's older format, still in its examples), read as the TimelineJS3 it became.

``{"timeline": {"headline", "type", "text", "asset", "date": [{"startDate": "2012,1,26",
"endDate", "headline", "text", "tag", "classname", "asset": {"media", "credit", "caption",
"thumbnail"}}], "era": [...]}}``. Each date becomes a TimelineJS3 slide (dates with as many
parts as were written, the tag as its group, the asset as its media), so one reader makes ours
of both. Written back, it is TimelineJS3: TimelineJS2 is not written.
"""

from __future__ import annotations

import re
from typing import Any

from timeline_app.storage.formats import Converted
from timeline_app.storage.formats.timelinejs import read_timelinejs

_PARTS = ("year", "month", "day", "hour", "minute", "second")
# "2012,1,26", "2012,1,26,14,30", "-500": comma-separated, as TimelineJS2 writes them; or "1/26/2012".
_COMMAS = re.compile(r"\s*-?\d{1,6}(?:\s*,\s*\d{1,2}){0,5}\s*")
_SLASHES = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(-?\d{1,6})\s*")


def looks_like_timelinejs2(data: Any) -> bool:
    timeline = data.get("timeline") if isinstance(data, dict) else None
    return isinstance(timeline, dict) and isinstance(timeline.get("date"), list)


def date_object(text: Any) -> dict[str, str] | None:
    """A TimelineJS3 date object for a TimelineJS2 date text, as precise as it was written."""
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        return None
    if _COMMAS.fullmatch(text):
        values = [value.strip() for value in text.split(",")]
    elif found := _SLASHES.fullmatch(text):
        month, day, year = found.groups()
        values = [year, month, day]
    else:
        return None
    return {part: str(int(value)) for part, value in zip(_PARTS, values, strict=False)}


def _media(asset: Any) -> dict[str, Any] | None:
    if not isinstance(asset, dict):
        return None
    media = {key: asset[source] for key, source in (("url", "media"), ("credit", "credit"), ("caption", "caption"),
                                                     ("thumbnail", "thumbnail")) if asset.get(source)}
    return media or None


def _slide(item: dict[str, Any], position: str, result: Converted) -> dict[str, Any]:
    slide: dict[str, Any] = {}
    for key, name in (("startDate", "start_date"), ("endDate", "end_date")):
        if key in item:
            date = date_object(item[key])
            if date is None:
                result.notes.append(f"{position}: the {key} {item[key]!r} is not a TimelineJS2 date such as "
                                    "\"2012,1,26\"; it was left out")
            else:
                slide[name] = date
    text = {key: item[key] for key in ("headline", "text") if isinstance(item.get(key), str)}
    if text:
        slide["text"] = text
    media = _media(item.get("asset"))
    if media is not None:
        slide["media"] = media
    if isinstance(item.get("tag"), str) and item["tag"].strip():
        slide["group"] = item["tag"]
    for key, value in item.items():
        if key not in ("startDate", "endDate", "headline", "text", "asset", "tag"):
            slide[key] = value  # classname, value and the like: kept as they were
    return slide


def read_timelinejs2(data: Any) -> Converted:
    """Our JSON for a parsed TimelineJS2 document."""
    timeline = data["timeline"]
    notes = Converted()
    title = _slide({key: value for key, value in timeline.items() if key not in ("date", "era")}, "the title",
                   notes)
    slides = [_slide(item, f"date {number + 1}", notes) if isinstance(item, dict) else item
              for number, item in enumerate(timeline["date"])]
    found = timeline.get("era")
    eras = [_slide(item, f"era {number + 1}", notes) for number, item in enumerate(found if isinstance(found, list)
                                                                                    else []) if isinstance(item, dict)]
    converted: dict[str, Any] = {"title": title, "events": slides}
    if eras:
        converted["eras"] = eras
    result = read_timelinejs(converted)
    for number, note in enumerate(result.notes):
        place = result.note_places.get(number)
        result.notes[number] = note.replace("event ", "date ", 1) if isinstance(place, tuple) else note
    result.event_paths = [("timeline", "date", path[1]) for path in result.event_paths]
    result.note_places = {number: ("timeline", "date", place[1]) if isinstance(place, tuple) else place
                          for number, place in result.note_places.items()}
    result.notes.extend(notes.notes)
    return result
