"""vis-timeline items as JSON: ``[{"id", "content", "start", "end", "group", "type", "title"}]``, or
``{"items": [...], "groups": [...]}`` with the groups' own labels and nesting.

``content`` and ``title`` are HTML in vis-timeline; here they are text (tags dropped, entities
decoded), never markup. ``start`` and ``end`` may be ISO text or milliseconds since 1970. A
group becomes a category (its ``content`` the label, ``nestedGroups`` its children's parent), a
``background`` item an era. Every other field rides along. vis-timeline is read, not written.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from timeline_app.storage.formats import Converted

_TAG = re.compile(r"<[^>]*>")
_SPACED_TIME = re.compile(r"(\d{4}-\d{2}-\d{2}) (\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(.*)")
_HANDLED = frozenset({"id", "content", "start", "end", "group", "title"})


def _items_of(data: Any) -> list[Any] | None:
    items = data.get("items") if isinstance(data, dict) else data
    return items if isinstance(items, list) else None


def looks_like_vis_timeline(data: Any) -> bool:
    """Items with "content" and "start", bare or in {"items": [...]}: "content" is no field of ours, and
    is what vis-timeline shows (a "title" there is only the tooltip)."""
    items = _items_of(data)
    first = items[0] if items else None
    return isinstance(first, dict) and "content" in first and "start" in first


def _text(value: Any) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", str(value))).split()) if value is not None else ""


def _when(value: Any) -> str | None:
    """Our date text for a vis-timeline date: ISO text as it is (a space before the time made a T), or ms."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            moment = dt.datetime.fromtimestamp(value / 1000, dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return moment.strftime("%Y-%m-%dT%H:%M") + (moment.strftime(":%S") if moment.second else "") + "Z"
    if isinstance(value, str):
        spaced = _SPACED_TIME.fullmatch(value.strip())
        return f"{spaced[1]}T{spaced[2]}{spaced[3]}" if spaced else value.strip()
    return None


def read_vis_timeline(data: Any) -> Converted:
    """Our JSON for vis-timeline items (and groups)."""
    result = Converted()
    found = data.get("groups") if isinstance(data, dict) else None
    groups: list[Any] = found if isinstance(found, list) else []
    categories: dict[str, Any] = {}
    parents: dict[str, str] = {}
    for group in groups:
        if isinstance(group, dict) and "id" in group:
            key = str(group["id"])
            categories[key] = {"label": _text(group.get("content")) or key}
            children = group.get("nestedGroups")
            for child in children if isinstance(children, list) else []:
                parents[str(child)] = key
    for key, parent in parents.items():
        if key in categories:
            categories[key]["parent"] = parent
    events, eras = [], []
    path = ("items",) if isinstance(data, dict) else ()
    for position, item in enumerate(_items_of(data) or []):
        if not isinstance(item, dict):
            result.note_at((*path, position), f"item {position + 1} is not an object and was left out")
            result.left_out += 1
            continue
        start, end = _when(item.get("start")), _when(item.get("end"))
        title = _text(item.get("content")) or f"Item {position + 1}"
        if item.get("type") == "background":
            if not end and start:
                result.note_at((*path, position), f"background item {position + 1} (\"{title}\") has no end; "
                               "its era ends where it starts")
            eras.append({key: value for key, value in (("title", title), ("start", start or ""),
                                                         ("end", end or start)) if value})
            result.era_places.append((*path, position))
            continue
        event: dict[str, Any] = {"title": title, "start": start or ""}
        if start is None:
            result.note_at((*path, position), f"item {position + 1} (\"{title}\") has no start that can be read")
        if end:
            event["end"] = end
        if item.get("id") is not None and str(item["id"]).strip():
            event["id"] = str(item["id"])
        if item.get("group") is not None:
            event["category"] = key = str(item["group"])
            categories.setdefault(key, {"label": key})
        if item.get("title"):
            event["description"] = _text(item["title"])
        for key, value in item.items():
            if key not in _HANDLED:
                event[key] = value  # type, className, style, editable…: kept as they are
        events.append(event)
        result.event_paths.append((*path, position))
    root: dict[str, Any] = {"events": events}
    if categories:
        root["categories"] = categories
    if eras:
        root["eras"] = eras
    result.root = root
    return result
