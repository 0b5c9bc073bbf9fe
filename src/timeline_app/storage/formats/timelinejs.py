"""TimelineJS3 JSON (Knight Lab): ``events`` with ``start_date`` objects, ``text``, ``group``, ``media``, ``eras``.

Reading keeps every TimelineJS field: those we understand become ours (dates, headline,
text, group, unique_id), and the original objects ride along as unknown fields, so a file
converted to ours and back is what it was, fields we do not know, blank ids, empty dates and
slides without a headline included. Writing says what TimelineJS cannot hold.
"""

from __future__ import annotations

import re
from typing import Any

from timeline_app.model.dates import Precision, TimelineDate
from timeline_app.model.document import TimelineDocument
from timeline_app.model.timeaxis import SECONDS_PER_MINUTE, axis_to_years_ago, from_axis
from timeline_app.storage.formats import Converted, losses_of_the_file
from timeline_app.storage.jsontext import dumps

_PARTS = ("year", "month", "day", "hour", "minute", "second")
# Our own fields: a TimelineJS slide's field of one of these names is kept under a prefixed name.
_OURS = frozenset({"id", "title", "start", "end", "category", "description", "links", "tags", "actors", "sources",
                   "media"})
_MEDIA_FIELDS = ("url", "caption", "credit", "alt")
_KEPT = "timelinejs_"  # the prefix of a TimelineJS field kept whose name is one of ours
_OUR_ROOT = frozenset({"title", "description", "categories", "events", "eras", "timelinejs_title"})
_OUR_ERA = frozenset({"title", "start", "end", "color", "description"})
UNTITLED = "Untitled slide"
_TAG = re.compile(r"<[^>]*>")


# ASCII digits only ("²" is a digit to str.isdigit, not to int) and one sign ("--500" is not a year).
_INTEGER = re.compile(r"-?[0-9]{1,12}")


# A TimelineJS sheet's Time cell as its author wrote it ("1:30 PM"), kept in the date object it was
# read into so the sheet gets it back; TimelineJS3 JSON has no such field and is written without it.
SHEET_TIME = "sheet_time"
_DATE_KEYS = ("start_date", "end_date")


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value.strip())
    return None


def date_text(date: Any) -> str | None:
    """Our date text for a TimelineJS date object; its precision is the fields it has."""
    if not isinstance(date, dict):
        return None
    year = _number(date.get("year"))
    if year is None:
        return None
    fields = [year]
    for part in _PARTS[1:]:
        value = _number(date.get(part))
        if value is None:
            break
        fields.append(value)
    # TimelineJS counts BCE years as negative numbers: -500 is 500 BCE, which is ISO year -0499.
    astronomical = year + 1 if year < 0 else year
    if len(fields) == 1:
        return f"{-year} BC" if year < 0 else str(year)
    sign = "-" if astronomical < 0 else ""
    text = f"{sign}{abs(astronomical):04d}-{fields[1]:02d}"
    if len(fields) >= 3:
        text += f"-{fields[2]:02d}"
    if len(fields) >= 4:
        text += f"T{fields[3]:02d}"
    if len(fields) >= 5:
        text += f":{fields[4]:02d}"
    if len(fields) >= 6:
        text += f":{fields[5]:02d}"
    return text


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _plain(html: str) -> str:
    return " ".join(_TAG.sub(" ", html).split())


def invented_title(slide: dict[str, Any]) -> str:
    """What ours calls a slide without a headline (ours needs a title): its text's first words, else
    its media's caption, else "Untitled slide". Made from the slide alone, so that writing back
    knows the title was never TimelineJS's and leaves the headline out again."""
    text, media = _object(slide.get("text")), _object(slide.get("media"))
    for candidate in (text.get("text"), media.get("caption")):
        if isinstance(candidate, str) and (words := _plain(candidate)):
            return words if len(words) <= 60 else words[:59].rstrip() + "…"
    return UNTITLED


def _headline(slide: dict[str, Any]) -> str | None:
    text = slide.get("text")
    headline = text.get("headline") if isinstance(text, dict) else None
    return headline if isinstance(headline, str) and headline.strip() else None


def read_timelinejs(data: Any) -> Converted:
    """Our JSON for a parsed TimelineJS3 document."""
    result = Converted()
    if not isinstance(data, dict):
        result.root = {"events": []}
        result.notes.append("a TimelineJS file is an object with an \"events\" list; nothing could be read")
        return result
    root: dict[str, Any] = {}
    if "title" in data:
        title = data["title"]
        text = _object(title.get("text")) if isinstance(title, dict) else {}
        headline = text.get("headline")
        if isinstance(headline, str):
            root["title"] = headline
        body = text.get("text")
        if isinstance(body, str):
            root["description"] = body
        root["timelinejs_title"] = title  # whatever it is (an object, a list…), written back as it was
    for key, value in data.items():
        if key not in ("title", "events", "eras"):
            root[key] = value  # scale and anything else, kept as they are
    if "eras" in data:
        found = data["eras"]
        if isinstance(found, list):
            root["eras"] = [_era(item, position, result) for position, item in enumerate(found)]
            result.era_places.extend(("eras", position) for position in range(len(found)))
        else:
            root[_KEPT + "eras"] = found  # not a list: nothing to draw, written back as it was
            result.note_at(("eras",), '"eras" is not a list of slides; it is kept as it is, and no era is drawn')
    categories: dict[str, Any] = {}
    events = []
    ids: dict[str, int] = {}
    slides = data.get("events")
    for position, item in enumerate(slides if isinstance(slides, list) else []):
        if not isinstance(item, dict):
            result.note_at(("events", position), f"event {position + 1} is not an object and was left out")
            result.left_out += 1
            continue
        event: dict[str, Any] = {}
        unique_id = item.get("unique_id")
        if isinstance(unique_id, str) and unique_id.strip():
            if unique_id in ids:
                result.note_at(("events", position), f"event {position + 1} has the unique_id \"{unique_id}\" of "
                               f"event {ids[unique_id] + 1}; it is kept, but not as its id")
            else:
                ids[unique_id] = position
                event["id"] = unique_id
        # A blank unique_id is no id (TimelineJS makes one up): it rides along as it is.
        event["title"] = _headline(item) or invented_title(item)
        start = date_text(item.get("start_date"))
        if start is None:
            result.note_at(("events", position), f"event {position + 1} (\"{event['title']}\") has no start_date year")
            start = ""
        event["start"] = start
        end = date_text(item.get("end_date"))
        if end is not None:
            event["end"] = end
        group = item.get("group")
        if isinstance(group, str) and group.strip():
            event["category"] = group
            categories.setdefault(group, {"label": group})
        body = _object(item.get("text")).get("text")
        if isinstance(body, str) and body:
            event["description"] = body
        ours = _media(item.get("media"))
        if ours is not None:
            event["media"] = ours
        for key, value in item.items():
            # The TimelineJS originals, every one, so writing back changes nothing.
            event[_KEPT + key if key in _OURS else key] = value
        events.append(event)
        result.event_paths.append(("events", position))
    if categories:
        root["categories"] = categories
    root["events"] = events
    result.root = root
    return result


def _media(media: Any) -> dict[str, str] | None:
    """Our media for a slide's: its URL (a picture, a video, a tweet), caption and credit as text.

    An embed code or a relative URL is no address we would open: it rides along in the slide only.
    """
    if not isinstance(media, dict) or not isinstance(media.get("url"), str):
        return None
    url = media["url"].strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    ours = {"url": url}
    for key in _MEDIA_FIELDS[1:]:
        value = media.get(key)
        if isinstance(value, str) and (text := _plain(value) if key != "alt" else value.strip()):
            ours[key] = text
    return ours


def _slide_media(raw: dict[str, Any]) -> Any:
    """A slide's media for ours: TimelineJS's own object where ours still says what it did, else ours in it."""
    original = raw.get(_KEPT + "media")
    ours = raw.get("media")
    if not isinstance(ours, dict):
        # Media ours never took (an embed code) stays as it was; media taken and then removed here goes.
        return original if original is not None and _media(original) is None else None
    if ours == _media(original):
        return original
    merged = dict(original) if isinstance(original, dict) else {}
    for key in _MEDIA_FIELDS:
        if isinstance(ours.get(key), str) and ours[key]:
            merged[key] = ours[key]
        else:
            merged.pop(key, None)
    if "path" in ours:
        merged.setdefault("url", ours["path"])  # a file beside ours: TimelineJS resolves it beside its page
    return merged


def _era(slide: Any, position: int, result: Converted) -> Any:
    """Our era for a TimelineJS era slide, its TimelineJS fields riding along as an event's do."""
    if not isinstance(slide, dict):
        result.note_at(("eras", position), f"era {position + 1} is not an object; it is kept as it is")
        return slide
    era: dict[str, Any] = {"title": _headline(slide) or invented_title(slide)}
    start, end = date_text(slide.get("start_date")), date_text(slide.get("end_date"))
    if start is None:
        result.note_at(("eras", position), f"era {position + 1} (\"{era['title']}\") has no start_date year")
    era["start"] = start or ""
    if end is None and start is not None:
        result.note_at(("eras", position), f"era {position + 1} (\"{era['title']}\") has no end_date year; "
                       "it is read as ending where it starts")
    era["end"] = end or start or ""
    body = _object(slide.get("text")).get("text")
    if isinstance(body, str) and body:
        era["description"] = body
    for key, value in slide.items():
        era[_KEPT + key if key in _OUR_ERA else key] = value
    return era


def _era_slides(document: TimelineDocument, notes: list[str]) -> list[Any]:
    """The TimelineJS era slides of the document's eras: what TimelineJS wrote reused, what changed anew."""
    eras = {era.index: era for era in document.eras}
    slides = []
    for position, raw in enumerate(document.raw_eras()):
        if not isinstance(raw, dict):
            slides.append(raw)
            continue
        item = {(key[len(_KEPT):] if key.startswith(_KEPT) and key[len(_KEPT):] in _OUR_ERA else key): value
                for key, value in raw.items() if key not in _OUR_ERA}
        era = eras.get(position)
        if era is None:  # not a valid era: written as the file holds it, less our fields
            slides.append(item)
            continue
        if date_text(raw.get("start_date")) != era.start.text:
            item["start_date"] = _date_object(era.start, notes, era.title)
        if era.end.ongoing:
            notes.append(f"TimelineJS has no open end; the era \"{era.title}\" is written as ending where it starts")
            item["end_date"] = _date_object(era.start, notes, era.title)
        elif date_text(raw.get("end_date")) != era.end.text:
            item["end_date"] = _date_object(era.end, notes, era.title)
        original_text = raw.get("text") if isinstance(raw.get("text"), dict) else None
        text = dict(original_text or {})
        if not ("start_date" in raw and _headline(raw) is None and era.title == invented_title(raw)):
            text["headline"] = era.title
        if era.description or "text" in text:
            text["text"] = era.description
        if text != original_text and (text or original_text is not None):
            item["text"] = text
        if era.color:
            notes.append(f"TimelineJS eras have no colour; that of \"{era.title}\" was left out")
        slides.append(item)
    return slides


def _date_object(date: TimelineDate, notes: list[str], title: str) -> dict[str, str]:
    """A TimelineJS date for ours, as close as TimelineJS allows, with a note when it is not exact."""
    if date.precision <= Precision.THOUSAND_YEARS:
        years = round(axis_to_years_ago(date.midpoint))
        notes.append(f"TimelineJS cannot hold \"{date.text or date.label()}\" ({title}) as such; written as "
                     "a year with display_date")
        return {"year": str(1950 - years - (1 if 1950 - years <= 0 else 0)), "display_date": date.label()}
    local = from_axis(date.earliest + (date.utc_offset_minutes or 0) * SECONDS_PER_MINUTE)
    year = local.year if local.year > 0 else local.year - 1  # back to TimelineJS's BCE count
    result = {"year": str(year)}
    exact = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2, Precision.HOUR: 3, Precision.MINUTE: 4,
             Precision.SECOND: 5}
    depth = exact.get(date.precision)
    values = (local.month, local.day, local.hour, local.minute, int(local.second))
    if depth is None:
        notes.append(f"TimelineJS cannot hold the precision of \"{date.text or date.label()}\" ({title}); written "
                     "as its first year with display_date")
        result["display_date"] = date.label()
        return result
    for part, value in zip(_PARTS[1:depth + 1], values, strict=False):
        result[part] = str(value)
    if date.approximate or date.uncertain:
        notes.append(f"TimelineJS has no circa or uncertain dates; \"{date.label()}\" ({title}) kept as display_date")
        result["display_date"] = date.label()
    return result


def timelinejs_slides(document: TimelineDocument, notes: list[str]) -> dict[str, Any]:
    """The TimelineJS3 JSON of a document, as a value: the TimelineJS originals the events still carry
    reused, what changed written anew, and ``notes`` told what TimelineJS cannot hold."""
    root = document.root if isinstance(document.root, dict) else {}
    out: dict[str, Any] = {}
    if "timelinejs_title" in root:
        out["title"] = root["timelinejs_title"]
    elif document.title or document.description:
        out["title"] = {"text": {"headline": document.title, "text": document.description}}
    events_out = []
    dropped_actors = dropped_sources = 0
    for event in document.events:
        raw = event.raw
        came_from_timelinejs = "start_date" in raw
        # Every field TimelineJS wrote, and any we do not know, back under its own name.
        item: dict[str, Any] = {(key[len(_KEPT):] if key.startswith(_KEPT) and key[len(_KEPT):] in _OURS else key):
                                value for key, value in raw.items() if key not in _OURS}
        if date_text(raw.get("start_date")) != event.start.text:
            item["start_date"] = _date_object(event.start, notes, event.title)
        if event.end is not None and not event.end.ongoing:
            if date_text(raw.get("end_date")) != event.end.text:
                item["end_date"] = _date_object(event.end, notes, event.title)
        elif event.end is not None:
            notes.append(f"TimelineJS has no open end; \"{event.title}\" written without an end")
            item.pop("end_date", None)
        elif date_text(raw.get("end_date")) is not None:
            item.pop("end_date")  # the end was taken away here; one without a year is no end, and stays
        original_text = raw.get("text") if isinstance(raw.get("text"), dict) else None
        text = dict(original_text or {})
        if not (came_from_timelinejs and _headline(raw) is None and event.title == invented_title(raw)):
            text["headline"] = event.title  # a slide without a headline keeps none while ours shows a made-up one
        if event.description or "text" in text:
            text["text"] = event.description
        if text != original_text and (text or original_text is not None):
            item["text"] = text
        if event.category:
            label = document.categories[event.category].label if event.category in document.categories \
                else event.category
            item["group"] = label
        elif isinstance(raw.get("group"), str) and not raw["group"].strip():
            item["group"] = raw["group"]  # a blank group, as it was
        else:
            item.pop("group", None)
        if event.id:
            item["unique_id"] = event.id
        media = _slide_media(raw)
        if media is not None:
            item["media"] = media
        else:
            item.pop("media", None)
        dropped_actors += bool(event.actors or event.tags)
        dropped_sources += bool(event.sources) and not came_from_timelinejs
        events_out.append(item)
    out["events"] = events_out
    if "eras" in root:
        out["eras"] = _era_slides(document, notes)
    elif _KEPT + "eras" in root:
        out["eras"] = root[_KEPT + "eras"]
    for key, value in root.items():
        if key not in _OUR_ROOT and key != "$schema" and key != _KEPT + "eras":
            out[key] = value  # scale and whatever else the TimelineJS file held
    if dropped_actors:
        notes.append(f"TimelineJS has no actors or tags; those of {dropped_actors} events were dropped")
    if dropped_sources:
        notes.append(f"TimelineJS has no sources; those of {dropped_sources} events were dropped")
    linked = sum(1 for event in document.events if event.links and "media" not in event.raw)
    if linked:
        notes.append(f"TimelineJS has no links; those of {linked} events were dropped (media are kept)")
    kept = frozenset({"title", "description", "unknown", "eras"})
    notes.extend(losses_of_the_file(document, "TimelineJS", keeps=kept, keeps_category_labels=True, keeps_sources=True))
    return out


def _without_sheet_times(slide: Any) -> Any:
    """A slide without the Time cells a sheet was read with: they are the sheet's, not TimelineJS3's."""
    if not isinstance(slide, dict) or not any(SHEET_TIME in _object(slide.get(key)) for key in _DATE_KEYS):
        return slide
    return {key: ({k: v for k, v in value.items() if k != SHEET_TIME} if key in _DATE_KEYS and
                  isinstance(value, dict) else value) for key, value in slide.items()}


def write_timelinejs(document: TimelineDocument) -> Converted:
    """TimelineJS3 JSON for a document (see timelinejs_slides)."""
    result = Converted()
    out = timelinejs_slides(document, result.notes)
    out["events"] = [_without_sheet_times(slide) for slide in out["events"]]
    if isinstance(out.get("eras"), list):
        out["eras"] = [_without_sheet_times(slide) for slide in out["eras"]]
    if "title" in out:
        out["title"] = _without_sheet_times(out["title"])
    result.text = dumps(out, indent=2, ensure_ascii=False) + "\n"  # lone surrogates as escapes, as read
    return result
