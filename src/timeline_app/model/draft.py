"""Drafts of events for the edit form: what the form shows and gives back, checked before a save.

A draft is read from an event's JSON and written back into a copy of it, so an edited event
keeps its key order and every field the form does not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from timeline_app.model.dates import Precision, calendar_date
from timeline_app.model.document import TimelineDocument
from timeline_app.model.edits import iso_text
from timeline_app.model.rules import DocumentReader
from timeline_app.model.timeaxis import SECONDS_PER_DAY, SECONDS_PER_HOUR, from_axis
from timeline_app.model.zones import Zone


@dataclass
class SourceDraft:
    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    origin: dict[str, Any] | None = None  # the JSON object it was read from, unknown keys and all


@dataclass
class LinkDraft:
    url: str = ""
    title: str = ""
    origin: Any = None


@dataclass
class EventDraft:
    """Every field of an event as the form edits it, as text and lists of text."""

    title: str = ""
    start: str = ""
    end: str = ""
    category: str = ""
    actors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    description: str = ""
    sources: list[SourceDraft] = field(default_factory=list)
    links: list[LinkDraft] = field(default_factory=list)
    id: str = ""

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> EventDraft:
        def text(key: str) -> str:
            value = raw.get(key)
            return value if isinstance(value, str) else ""

        def texts(key: str) -> list[str]:
            value = raw.get(key)
            return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []

        def field_of(item: dict[str, Any], key: str) -> str:
            value = item.get(key)
            return value if isinstance(value, str) else ""

        sources = [SourceDraft(field_of(item, "title"), field_of(item, "publisher"), field_of(item, "date"),
                               field_of(item, "url"), origin=item)
                   for item in raw.get("sources") or [] if isinstance(item, dict)]
        links = []
        for item in raw.get("links") or []:
            if isinstance(item, str):
                links.append(LinkDraft(item, "", item))
            elif isinstance(item, dict):
                url, title = item.get("url", ""), item.get("title", "")
                links.append(LinkDraft(url if isinstance(url, str) else "", title if isinstance(title, str) else "",
                                       item))
        return cls(text("title"), text("start"), text("end"), text("category"), texts("actors"), texts("tags"),
                   text("description"), sources, links, text("id"))

    def to_raw(self, base: dict[str, Any] | None = None) -> dict[str, Any]:
        """A new JSON object for the event: ``base``'s keys in their order, changed fields updated."""
        raw = dict(base or {})
        _put(raw, "id", self.id.strip())
        raw["title"] = self.title
        raw["start"] = self.start.strip()
        _put(raw, "end", self.end.strip())
        _put(raw, "category", self.category.strip())
        _put(raw, "actors", _clean(self.actors))
        _put(raw, "tags", _clean(self.tags))
        _put(raw, "description", self.description)
        _put(raw, "sources", [_source_raw(source) for source in self.sources if _has_source(source)])
        _put(raw, "links", [_link_raw(link) for link in self.links if link.url.strip()])
        if base is not None:
            for key in base:  # unchanged values keep the very objects they were, nested unknowns included
                if key in raw and raw[key] == base[key]:
                    raw[key] = base[key]
        return raw


def _clean(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in (v.strip() for v in values):
        if value and value not in seen:
            seen.append(value)
    return seen


def _put(raw: dict[str, Any], key: str, value: Any) -> None:
    """Set an optional field, or drop it when emptied; an empty field never written is not added."""
    if value or (key in raw and value == raw[key]):
        raw[key] = value
    else:
        raw.pop(key, None)


def _has_source(source: SourceDraft) -> bool:
    return any(part.strip() for part in (source.title, source.publisher, source.date, source.url))


def _source_raw(source: SourceDraft) -> dict[str, Any]:
    raw = dict(source.origin or {})
    for key in ("title", "publisher", "date", "url"):
        _put(raw, key, getattr(source, key).strip())
    return source.origin if source.origin is not None and raw == source.origin else raw


def _link_raw(link: LinkDraft) -> Any:
    if isinstance(link.origin, str) and not link.title.strip() and link.url.strip() == link.origin:
        return link.origin
    if not link.title.strip() and not isinstance(link.origin, dict):
        return link.url.strip()
    raw = dict(link.origin) if isinstance(link.origin, dict) else {}
    raw["url"] = link.url.strip()
    _put(raw, "title", link.title.strip())
    return link.origin if isinstance(link.origin, dict) and raw == link.origin else raw


def date_text_at(moment: float, seconds_per_pixel: float, zone: Zone | None = None) -> str:
    """A date for a new event at ``moment``, as precise as the zoom shows (about 40 pixels).

    A time is written the way the file writes times: on the clocks of its zone, without an
    offset, where it has a "timezone"; else in UTC, with "Z".
    """
    span = seconds_per_pixel * 40
    local = from_axis(zone.local(moment) if zone is not None else moment)
    if span < SECONDS_PER_HOUR:
        precision = Precision.MINUTE
    elif span < SECONDS_PER_DAY:
        precision = Precision.HOUR
    elif span < 28 * SECONDS_PER_DAY:
        precision = Precision.DAY
    elif span < 365 * SECONDS_PER_DAY:
        precision = Precision.MONTH
    else:
        precision = Precision.YEAR
    date = calendar_date(precision, local.year, local.month, local.day, local.hour, local.minute,
                         utc_offset_minutes=0 if precision >= Precision.HOUR and zone is None else None)
    return iso_text(date)


def validate_draft(draft: EventDraft) -> dict[str, str]:
    """Problems with a draft, by field, in words; empty when it can be saved.

    The rules are the loader's (model/rules.py), so the form refuses what a file would, and
    nothing else: a blank title, a date that cannot be read, an end before the start, a link
    that would not open, a blank id.
    """
    kept_sources = [row for row, source in enumerate(draft.sources) if _has_source(source)]
    kept_links = [row for row, link in enumerate(draft.links) if link.url.strip()]
    problems: dict[str, str] = {}
    for finding in DocumentReader().errors_in(draft.to_raw()):
        where = finding.path[2:]
        key = str(where[0]) if where else "event"
        message = finding.message
        if key in ("sources", "links") and len(where) > 1 and isinstance(where[1], int):
            rows = kept_sources if key == "sources" else kept_links
            row = rows[where[1]] if where[1] < len(rows) else where[1]
            message = f"{'Source' if key == 'sources' else 'Link'} {row + 1}: {message}"
            key = f"{key[:-1]}{row}"
        elif key == "title":
            message = "Write what happened"
        problems.setdefault(key, message)
    return problems


def completions(document: TimelineDocument, key: str) -> list[str]:
    """Every distinct actor or tag in the file, most used first, for completion."""
    counts: dict[str, int] = {}
    for event in document.events:
        for value in getattr(event, key):
            counts[value] = counts.get(value, 0) + 1
    return sorted(counts, key=lambda value: (-counts[value], value.lower()))
