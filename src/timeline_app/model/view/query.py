"""Asking the timeline questions: search that ignores case and accents, and combinable filters."""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import contains
from typing import cast

from timeline_app.model.dates import DateError, Precision, TimelineDate, parse_date
from timeline_app.model.document import Event, description_in, sources_in


def fold(text: str) -> str:
    """Text as search compares it: "Joëlle" and "JOELLE" both become "joelle"."""
    if text.isascii():  # nothing to take apart: in C, twenty times quicker than the loop below
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character)).casefold()


_FOLD_STEP = 256  # events folded between looks at the clock


class SearchIndex:
    """Folded text of each event, computed once per event when first searched.

    Kept across edits and filter changes: the window tells it which events went (``forget``),
    since folding a million events again takes seconds. Events are the keys, not their ids:
    an id may be taken by a new event once the old one is gone.
    """

    def __init__(self) -> None:
        self._haystacks: dict[Event, str] = {}

    def haystack(self, event: Event) -> str:
        found = self._haystacks.get(event)
        if found is None:
            raw = event.raw  # parsed once here when the event is kept as text (see jsontext.py)
            parts = [event.title, description_in(raw), *event.actors, *event.tags]
            for source in sources_in(raw):
                parts += [source.publisher, source.title]
            found = self._haystacks[event] = fold("\n".join(parts))
        return found

    def knows(self, events: Iterable[Event]) -> bool:
        """Whether every one of these events is folded already."""
        return None not in map(self._haystacks.get, events)

    def texts_of(self, events: list[Event]) -> list[str]:
        """The folded text of each event, in their order (folded now where not yet)."""
        # Looked up in C: a Python loop over a million events takes seconds.
        known = list(map(self._haystacks.get, events))
        if None not in known:
            return cast(list[str], known)
        return [text if text is not None else self.haystack(event) for event, text in zip(events, known, strict=True)]

    def fold_some(self, events: list[Event], position: int, seconds: float) -> int:
        """Fold the events from ``position`` on for about ``seconds``; return where to go on (``len(events)``: done).

        The first search of a million events folds every one, for seconds: done a slice at a
        time, the window stays responsive and can say how far it is.
        """
        known, haystack = self._haystacks, self.haystack
        deadline = time.perf_counter() + seconds
        end = len(events)
        while position < end:
            for event in events[position:position + _FOLD_STEP]:
                if event not in known:
                    haystack(event)
            position = min(position + _FOLD_STEP, end)
            if time.perf_counter() >= deadline:
                break
        return position

    def forget(self, events: Iterable[Event]) -> None:
        """Drop what is known of events that are gone."""
        for event in events:
            self._haystacks.pop(event, None)

    def keep_only(self, events: Iterable[Event]) -> None:
        """Drop what is known of every event but these."""
        if self._haystacks:
            known = self._haystacks
            self._haystacks = {event: text for event in events if (text := known.get(event)) is not None}

    def matches(self, events: Iterable[Event], query: str, texts: list[str] | None = None) -> list[Event]:
        """Events whose text holds every word of ``query``, in the order given.

        ``texts``: :meth:`texts_of` these events, kept from an earlier search of the same list.
        """
        words = fold(query).split()
        if not words:
            return []
        found = list(events)
        if texts is None:
            texts = self.texts_of(found)
        for word in words:
            holds = list(map(contains, texts, repeat(word)))
            found, texts = list(compress(found, holds)), list(compress(texts, holds))
        return found


def where_matched(event: Event, query: str) -> list[str]:
    """The parts of a matching ``event`` that hold a word of ``query``, in the detail pane's order.

    Search matches an event when its text as a whole holds every word; this says where those
    words are, so the reader sees why a match is one ("title, source").
    """
    words = fold(query).split()
    if not words:
        return []
    raw = event.raw
    sources = sources_in(raw)
    parts = [("title", [event.title]), ("description", [description_in(raw)]), ("people", list(event.actors)),
             ("tags", list(event.tags)), ("sources", [text for source in sources
                                                         for text in (source.publisher, source.title)])]
    folded = [(name, fold("\n".join(texts))) for name, texts in parts]
    if not all(any(word in text for _name, text in folded) for word in words):
        return []  # not a match: the words are not all there
    return [name for name, text in folded if any(word in text for word in words)]


PRECISION_GROUPS = {
    "exact": "Exact to the day or finer",
    "month": "Known to the month",
    "coarse": "Known only roughly (part of year or coarser)",
}


def precision_group(date: TimelineDate) -> str:
    if date.precision >= Precision.DAY:
        return "exact"
    if date.precision == Precision.MONTH:
        return "month"
    return "coarse"


@dataclass
class Filters:
    """What to show. Within a field any chosen value matches; across fields all must."""

    categories: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    publishers: set[str] = field(default_factory=set)
    precisions: set[str] = field(default_factory=set)  # groups of PRECISION_GROUPS to show
    hide_approximate: bool = False
    hide_uncertain: bool = False
    start: float | None = None  # show events that overlap [start, end]
    end: float | None = None
    date_label: str = ""  # how the user wrote the range, for the chip

    def is_empty(self) -> bool:
        return not (self.categories or self.tags or self.actors or self.publishers or self.precisions
                    or self.hide_approximate or self.hide_uncertain or self.start is not None
                    or self.end is not None)

    def accepts(self, event: Event) -> bool:
        if self.categories and (event.category or "") not in self.categories:
            return False
        if self.tags and not self.tags.intersection(event.tags):
            return False
        if self.actors and not self.actors.intersection(event.actors):
            return False
        if self.publishers and not self.publishers.intersection(event.publishers):
            return False
        dates = [event.start] + ([event.end] if event.end is not None else [])
        if self.hide_approximate and any(date.approximate for date in dates):
            return False
        if self.hide_uncertain and any(date.uncertain for date in dates):
            return False
        if self.precisions and precision_group(event.start) not in self.precisions:
            return False
        if self.start is not None and event.finish < self.start:
            return False
        return not (self.end is not None and event.begin > self.end)

    def apply(self, events: Iterable[Event]) -> list[Event]:
        if self.is_empty():
            return list(events)
        return [event for event in events if self.accepts(event)]

    def chips(self, category_labels: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
        """(field, value, label) for each active condition, to show and remove one by one.

        ``category_labels``: the file's label of each category ("Labour" for "labor").
        """
        names = category_labels or {}
        chips = [("category", value, f"Category: {names.get(value) or value or '(none)'}")
                 for value in sorted(self.categories)]
        chips += [("tag", value, f"Tag: {value}") for value in sorted(self.tags)]
        chips += [("actor", value, f"Who: {value}") for value in sorted(self.actors)]
        chips += [("publisher", value, f"Source: {value}") for value in sorted(self.publishers)]
        chips += [("precision", value, PRECISION_GROUPS[value]) for value in sorted(self.precisions)]
        if self.hide_approximate:
            chips.append(("approximate", "", "No approximate dates"))
        if self.hide_uncertain:
            chips.append(("uncertain", "", "No uncertain dates"))
        if self.start is not None or self.end is not None:
            chips.append(("dates", "", f"Dates: {self.date_label or 'custom range'}"))
        return chips

    def remove(self, kind: str, value: str) -> None:
        sets = {"category": self.categories, "tag": self.tags, "actor": self.actors,
                "publisher": self.publishers, "precision": self.precisions}
        if kind in sets:
            sets[kind].discard(value)
        elif kind == "approximate":
            self.hide_approximate = False
        elif kind == "uncertain":
            self.hide_uncertain = False
        elif kind == "dates":
            self.start = self.end = None
            self.date_label = ""

    def to_json(self) -> dict[str, object]:
        return {"categories": sorted(self.categories), "tags": sorted(self.tags), "actors": sorted(self.actors),
                "publishers": sorted(self.publishers), "precisions": sorted(self.precisions),
                "hide_approximate": self.hide_approximate, "hide_uncertain": self.hide_uncertain,
                "start": self.start, "end": self.end, "date_label": self.date_label}

    @classmethod
    def from_json(cls, data: object) -> Filters:
        """Filters from remembered settings; anything malformed is simply left out."""
        filters = cls()
        if not isinstance(data, dict):
            return filters
        for key in ("categories", "tags", "actors", "publishers"):
            values = data.get(key)
            if isinstance(values, list):
                getattr(filters, key).update(str(value) for value in values)
        precisions = data.get("precisions")
        if isinstance(precisions, list):
            filters.precisions.update(str(v) for v in precisions if v in PRECISION_GROUPS)
        filters.hide_approximate = data.get("hide_approximate") is True
        filters.hide_uncertain = data.get("hide_uncertain") is True
        for key in ("start", "end"):
            value = data.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                setattr(filters, key, float(value))
        label = data.get("date_label")
        filters.date_label = label if isinstance(label, str) else ""
        return filters


def parse_date_range(text: str) -> tuple[float, float]:
    """"2025-04 – 2025-07", "2024 to 2025" or one date ("2025"): the axis interval they cover.

    Raises DateError, saying what could not be read.
    """
    parts = re.split(r"\s+to\s+|\s*[–—]\s*", text.strip(), maxsplit=1)
    first, second = (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")
    start = parse_date(first)
    end = parse_date(second, allow_ongoing=True) if second.strip() else start
    if end.latest <= start.earliest:
        raise DateError(f'"{text.strip()}": the range ends before it starts; write the earlier date first')
    return start.earliest, end.latest


def field_values(events: Iterable[Event], kind: str) -> list[tuple[str, int]]:
    """Each distinct value of a field with how many events have it, most common first."""
    counts: dict[str, int] = {}
    _count(counts, events, kind, 1)
    return _most_common_first(counts)


def updated_values(values: list[tuple[str, int]], removed: Iterable[Event], added: Iterable[Event],
                   kind: str) -> list[tuple[str, int]]:
    """:func:`field_values` after an edit took out ``removed`` and put in ``added``, without counting all again."""
    counts = dict(values)
    _count(counts, removed, kind, -1)
    _count(counts, added, kind, 1)
    return _most_common_first({value: count for value, count in counts.items() if count > 0})


def _most_common_first(counts: dict[str, int]) -> list[tuple[str, int]]:
    # The value itself breaks ties, so the order never hangs on which event came first.
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))


def _count(counts: dict[str, int], events: Iterable[Event], kind: str, step: int) -> None:
    get = counts.get
    if kind == "category":
        for event in events:
            value = event.category or ""
            counts[value] = get(value, 0) + step
    else:
        for event in events:
            values: Iterable[str]
            if kind == "tag":
                values = set(event.tags)
            elif kind == "actor":
                values = set(event.actors)
            else:
                values = event.publishers
            for value in values:
                counts[value] = get(value, 0) + step
