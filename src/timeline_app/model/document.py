"""The timeline document: events, categories and the JSON they came from."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

from timeline_app.model.dates import TimelineDate

JsonPath = tuple[str | int, ...]
UNCATEGORISED = ""  # the category, and lane key, of events that name none

SAFE_LINK_SCHEMES = ("http", "https", "mailto")


def link_scheme(url: str) -> str:
    """The lower-cased scheme of a URL, or "" when it has none."""
    head, colon, _ = url.strip().partition(":")
    if not colon or not head or not head[0].isalpha():
        return ""
    if not all(character.isalnum() or character in "+-." for character in head):
        return ""
    return head.lower()


SAFE_LINK_PREFIXES = ("https://", "http://", "mailto:")


def is_safe_link(url: str) -> bool:
    """Only these schemes may ever be opened: no file:, javascript:, data: or custom ones."""
    return url.startswith(SAFE_LINK_PREFIXES) or link_scheme(url) in SAFE_LINK_SCHEMES


@dataclass(frozen=True, slots=True)
class Source:
    """Where a claim comes from."""

    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """A related link of an event."""

    url: str
    title: str = ""


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")


@dataclass(frozen=True, slots=True)
class Media:
    """An event's picture (or other media): a ``url`` or a ``path`` relative to the events file."""

    url: str = ""
    path: str = ""
    caption: str = ""
    credit: str = ""
    alt: str = ""

    @property
    def is_image(self) -> bool:
        """Whether it is drawn as an image; video, tweets and pages are shown as links."""
        where = (self.path or self.url.split("?", 1)[0].split("#", 1)[0]).lower()
        return where.endswith(IMAGE_SUFFIXES)

    @property
    def host(self) -> str:
        """The host a remote image would be loaded from ("" for a file)."""
        if not self.url or "://" not in self.url:
            return ""
        return self.url.split("://", 1)[1].split("/", 1)[0].split("@")[-1].lower()


def media_in(raw: dict[str, Any]) -> Media | None:
    """The media of an event's JSON object (model/rules.py has validated it), or None."""
    found = raw.get("media")
    if not isinstance(found, dict):
        return None
    fields = [found.get(key, "") for key in ("url", "path", "caption", "credit", "alt")]
    media = Media(*[value if isinstance(value, str) else "" for value in fields])
    return media if media.url or media.path else None


@dataclass(frozen=True, slots=True)
class Category:
    """A category as defined in the file's ``categories`` object."""

    id: str
    label: str
    color: str | None = None
    description: str = ""
    parent: str | None = None  # the id of the category it sits under: lanes by category nest by it


class StoredItem:
    """An item of the events array still in the file's text, as storage keeps a large file's events.

    The model asks it only for its JSON value; where the text lies is storage's business. That it
    is still a stored item says the event is unchanged since it was read.
    """

    __slots__ = ()

    def value(self) -> Any:
        raise NotImplementedError


def item_value(item: Any) -> Any:
    """An events-array item as a JSON value, whether it is still stored text or already parsed."""
    return item.value() if isinstance(item, StoredItem) else item


# Each event read gets the next number: a document's events are told apart by it (``Event.uid``).
_next_uid = count(1).__next__


@dataclass(slots=True, eq=False)
class Event:
    """One valid event. ``raw`` is the JSON object as read, unknown keys included.

    ``item`` is what the events array holds for it: that object itself, or, for a large
    file, a :class:`StoredItem` that parses it when asked (see storage/jsontext.py).

    ``uid`` is how the app knows the event for as long as it is open: given when the event is
    first read, and handed on by the session when the event is edited, the file rebuilt or
    reloaded (see Session), so the selection, the place history and links between events
    follow the event, not a place in the file that an insertion above it shifts.
    """

    title: str
    start: TimelineDate
    end: TimelineDate | None = None
    id: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    # Who published its sources, each once: filters and their counts need them for every event,
    # and reading them from the JSON of a million events kept as text would take seconds.
    publishers: tuple[str, ...] = ()
    source_count: int = 0  # for the event list's column and its sort, likewise
    links: tuple[Link, ...] = ()
    index: int = 0
    item: Any = field(default_factory=dict)
    uid: int = field(default_factory=_next_uid)
    # Where the event starts and ends on the axis, uncertainty included. Kept, not computed on
    # each read: sorting, layout and queries ask for them millions of times on large files.
    begin: float = field(init=False, repr=False)
    finish: float = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.begin = self.start.earliest
        end = self.end if self.end is not None else self.start
        self.finish = max(end.latest, self.start.latest)

    @property
    def key(self) -> str:
        """How the file names the event: its id, or its place in the file when it has none ("#3")."""
        return event_key(self.id, self.index)

    @property
    def raw(self) -> dict[str, Any]:
        """The event's JSON object (parsed afresh each time when the file was large)."""
        item = self.item
        value: dict[str, Any] = item_value(item)
        return value

    @property
    def description(self) -> str:
        """The event's story, read from its JSON when asked: kept once, not beside the JSON as well."""
        return description_in(self.raw)

    @property
    def media(self) -> Media | None:
        """The event's picture or other media, read from its JSON when asked."""
        return media_in(self.raw)

    @property
    def sources(self) -> tuple[Source, ...]:
        """The event's sources, read from its JSON when asked (model/rules.py has validated them)."""
        return sources_in(self.raw)


@dataclass(slots=True, eq=False)
class Era:
    """A span that frames a period ("The deal", "FTC trial"): drawn behind the lanes, not in one.

    ``index`` is its place in the file's ``eras`` array. Its ends may be imprecise like an
    event's: ``begin`` and ``finish`` take in their uncertainty, ``solid_begin`` and
    ``solid_finish`` are where it surely runs, so the painter draws the ends between soft.
    """

    title: str
    start: TimelineDate
    end: TimelineDate
    color: str | None = None
    description: str = ""
    index: int = 0
    begin: float = field(init=False, repr=False)
    finish: float = field(init=False, repr=False)
    solid_begin: float = field(init=False, repr=False)
    solid_finish: float = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.begin = self.start.earliest
        self.finish = max(self.end.latest, self.begin)  # "2025" to "2025-03" ends with March
        self.solid_begin = min(self.start.latest, self.end.earliest)
        self.solid_finish = max(self.end.earliest, self.solid_begin)


def event_key(event_id: str | None, index: int) -> str:
    """How an event is known: by its id, or by its place in the file when it has none."""
    return event_id if event_id is not None else f"#{index + 1}"


def description_in(raw: dict[str, Any]) -> str:
    """The description of an event's JSON object ("" when it has none)."""
    value = raw.get("description")
    return value if isinstance(value, str) else ""


def sources_in(raw: dict[str, Any]) -> tuple[Source, ...]:
    """The sources of an event's JSON object."""
    found = raw.get("sources")
    if not isinstance(found, list):
        return ()
    sources = []
    for item in found:
        if isinstance(item, dict):
            # Without a generator per source: searching a million events reads them all.
            fields = [item.get("title", ""), item.get("publisher", ""), item.get("date", ""), item.get("url", "")]
            sources.append(Source(*[value if isinstance(value, str) else "" for value in fields]))
    return tuple(sources)


@dataclass(slots=True)
class TimelineDocument:
    """A whole events.json: what it says, and the JSON root it was read from."""

    events: list[Event]
    title: str = ""
    description: str = ""
    categories: dict[str, Category] = field(default_factory=dict)
    eras: list[Era] = field(default_factory=list)
    timezone: str | None = None  # the IANA zone of times written without an offset (None: UTC)
    path: Path | None = None
    root: Any = None
    # The text the document was read from, and what its JSON held then, so a save can copy
    # everything unchanged byte for byte (see writer.py).
    source_text: str | None = None
    source_bom: bool = False
    source_format: str = "timeline"  # the format the file was read in (see formats/)
    source_values: dict[str, Any] = field(default_factory=dict)
    source_events: list[Any] = field(default_factory=list)
    # For each event object an edit put in since the text was read: (that object, the original
    # it replaced), by id, so a save writes anew only the values the edits changed.
    edit_origins: dict[int, tuple[Any, Any]] = field(default_factory=dict)

    def origin_of(self, item: Any) -> Any:
        """The item of the text that ``item`` replaced through edits, or None if it is not an edited one."""
        found = self.edit_origins.get(id(item))
        return found[1] if found is not None and found[0] is item else None

    def event_at(self, position: int) -> Event | None:
        """The valid event at ``position`` in the events array, or None when the item there is invalid."""
        events = self.events
        place = bisect_left(events, position, key=lambda event: event.index)
        return events[place] if place < len(events) and events[place].index == position else None

    def json_path_of(self, event: Event) -> JsonPath:
        """Where in the file's JSON the event is written: its place in the events array."""
        return (event.index,) if isinstance(self.root, list) else ("events", event.index)

    def raw_events(self) -> list[Any]:
        """The events array as JSON values, invalid ones included: what a save writes."""
        if isinstance(self.root, list):
            return self.root
        if isinstance(self.root, dict) and isinstance(self.root.get("events"), list):
            events: list[Any] = self.root["events"]
            return events
        return []

    def raw_eras(self) -> list[Any]:
        """The eras array as JSON values, invalid ones included ([] when the file has none)."""
        found = self.root.get("eras") if isinstance(self.root, dict) else None
        return found if isinstance(found, list) else []

    def span(self) -> tuple[float, float] | None:
        """The axis interval that holds every event, or None for an empty document."""
        if not self.events:
            return None
        return (min(event.begin for event in self.events),
                max(event.finish for event in self.events))
