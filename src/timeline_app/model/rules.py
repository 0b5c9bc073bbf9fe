"""The rules of a valid timeline: what a document holds, checked once for every way in.

Reading a file (storage), re-reading one event after an edit (the session) and checking a
form all come here, so an event is valid by one set of rules. Findings name the JSON path
of what is wrong; storage, which has the text, turns the path into a line and column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from sys import intern
from typing import Any

from timeline_app.model.dates import DateError, TimelineDate, ongoing_date, parse_date
from timeline_app.model.describe import listed
from timeline_app.model.document import (
    SAFE_LINK_PREFIXES,
    Category,
    Event,
    JsonPath,
    Link,
    StoredItem,
    TimelineDocument,
    is_safe_link,
    item_value,
    link_scheme,
    sources_in,
)
from timeline_app.model.findings import Finding, Severity, type_name
from timeline_app.model.header_rules import HeaderReader
from timeline_app.model.safety import has_hidden, reveal_hidden
from timeline_app.model.zones import Zone

__all__ = ["PROGRESS_EVERY", "DocumentReader", "Finding", "Severity", "type_name"]

_SOURCE_KEYS = frozenset(("title", "publisher", "date", "url"))
_ABSENT = object()
PROGRESS_EVERY = 2000  # events between progress reports: often enough for a smooth bar, rarely enough to cost nothing


def _no_progress(_done: float) -> None:
    pass


class DocumentReader(HeaderReader):
    """Turns parsed JSON into a document, collecting findings with their JSON paths.

    The rules of a valid event live here, once: a fast path for the plainly valid common case,
    and a careful path that explains each problem. Storage hands it JSON values; it never sees text.
    """

    def __init__(self, fast_path: bool = True, progress: Callable[[float], None] = _no_progress,
                 zone: Zone | None = None) -> None:
        super().__init__(zone)
        self.fast_path = fast_path
        self._progress = progress
        # Media files the events name, by where they are named: storage, which knows the folder, checks them.
        self.local_media: list[tuple[JsonPath, str]] = []
        self._seen_ids: dict[str, int] = {}
        self._texts: dict[tuple[str, ...], tuple[str, ...]] = {}
        # The events built before from the same JSON, by the address of their item: one still kept
        # as text is reused whole, and one read again keeps its uid.
        self._earlier: dict[int, Event] = {}

    def _new_plain_date(self, text: str, cache: dict[str, TimelineDate]) -> TimelineDate | None:
        """A date not read before, read and kept for the next event; None sends the event the careful way.

        Dates that fail, and "present", which means a different moment each time, are left
        to the careful path, which explains the one and places the other.
        """
        try:
            date = parse_date(text, zone=self.zone)
        except DateError:
            return None
        cache[text] = date
        return date

    def _publishers(self, raw: dict[str, Any]) -> tuple[str, ...]:
        sources = raw.get("sources")
        if not isinstance(sources, list):
            return ()
        return self._shared_texts(dict.fromkeys(
            publisher for item in sources
            if isinstance(item, dict) and isinstance(publisher := item.get("publisher"), str) and publisher))

    def _shared_texts(self, values: Iterable[str]) -> tuple[str, ...]:
        """Tags or actors as a tuple shared by every event that names the same ones.

        A million events name a few hundred actors: one string per name, not one per mention.
        """
        key = tuple(values)
        shared = self._texts.get(key)
        if shared is None:
            shared = self._texts[key] = tuple(map(intern, key))
        return shared

    def build(self, root: Any, reuse: Iterable[Event] = ()) -> TimelineDocument:
        """The document ``root`` holds. ``reuse``: events built before from the same JSON (see _earlier)."""
        self._earlier = {id(event.item): event for event in reuse}
        document = TimelineDocument(events=[], root=root)
        if isinstance(root, list):
            events_json: Any = root
            events_path: JsonPath = ()
        elif isinstance(root, dict):
            self._read_header(root, document)
            events_path = ("events",)
            if "events" not in root:
                self._report('no "events" list; add "events": [ ... ] with one object per event', ())
                return document
            events_json = root["events"]
        else:
            self._report(f'the file holds {type_name(root)}; write an object '
                         '{"events": [...]} or a list of events', ())
            return document
        if not isinstance(events_json, list):
            self._report(f'"events" must be a list [...] of events, not {type_name(events_json)}',
                         events_path)
            return document
        self._read_events(events_json, events_path, document)
        return document

    def read_item(self, item: Any, index: int, categories: dict[str, Category]) -> Event | None:
        """One item of the events array as an event, or None when it has errors (see findings).

        Ids are not compared with other events': the caller knows which it has.
        """
        raw = item_value(item)
        event = self._read_plain_event(raw, index, categories, item)
        if event is None:
            self._event_index = index
            event = self._read_event(raw, index, ("events", index), categories, item)
            self._event_index = None
        return event

    def errors_in(self, raw: Any, categories: dict[str, Category] | None = None) -> list[Finding]:
        """Every error of one event object, as loading it would find them; its id is not compared with others'.

        What the form accepts is then exactly what a file accepts. Paths start ("events", 0, ...).
        """
        before = len(self.findings)
        self._event_index = 0
        self._read_event(raw, 0, ("events", 0), categories or {}, raw)
        self._event_index = None
        return [finding for finding in self.findings[before:] if finding.severity is Severity.ERROR]

    def _report_unknown_category(self, category: str, path: JsonPath, categories: dict[str, Category]) -> None:
        choices = listed(f'"{key}"' for key in categories)
        self._report(f'unknown category "{category}"; use one of {choices} '
                     'or define it under "categories"', path, Severity.WARNING)

    def _read_events(self, events_json: list[Any], events_path: JsonPath,
                     document: TimelineDocument) -> None:
        append = document.events.append
        categories = document.categories
        report = self._progress
        scale = 1.0 / max(len(events_json), 1)
        earlier, seen_ids = self._earlier, self._seen_ids
        for index, item in enumerate(events_json):
            if index % PROGRESS_EVERY == 0:
                report(index * scale)
            before = earlier.get(id(item)) if earlier else None
            if before is not None and before.item is not item:
                before = None  # another object now lives at the address
            if before is not None and isinstance(item, StoredItem) and before.id not in seen_ids \
                    and not (before.end is not None and before.end.ongoing):
                # An event still in its text is unchanged since it was built: only its place in the
                # array, and whether an earlier event now takes its id, can have changed.
                if before.id is not None:
                    seen_ids[before.id] = index
                before.index = index
                append(before)
                continue
            raw = item_value(item)
            event = self._read_plain_event(raw, index, categories, item) if self.fast_path else None
            if event is None:
                self._event_index = index
                event = self._read_event(raw, index, (*events_path, index), categories, item)
            if event is not None:
                if before is not None:
                    event.uid = before.uid  # read again from the very same JSON: the same event
                append(event)
        self._event_index = None

    def _read_plain_event(self, raw: Any, index: int, categories: dict[str, Category], item: Any) -> Event | None:
        """The common case checked in one go, or None to send the event the careful way.

        Nothing is recorded unless the whole event is plainly valid, so the careful path,
        which explains every problem, sees the event as if this had not run.
        """
        if type(raw) is not dict:
            return None
        get = raw.get
        # "end": null is an error the careful path explains, not an event without an end.
        title, start_text, end_text = get("title"), get("start"), get("end", _ABSENT)
        if type(title) is not str or type(start_text) is not str or not title or title.isspace():
            return None
        start = self._date_cache.get(start_text) or self._new_plain_date(start_text, self._date_cache)
        if start is None:
            return None
        end = None
        if end_text is not _ABSENT:
            end = (self._end_cache.get(end_text) or self._new_plain_date(end_text, self._end_cache)
                   if type(end_text) is str else None)
            if end is None or end.latest <= start.earliest:
                return None
        event_id, category, description = get("id"), get("category"), get("description", "")
        if event_id is not None and (type(event_id) is not str or event_id in self._seen_ids or event_id.isspace()
                                     or not event_id or has_hidden(event_id)):
            return None
        if category is not None and (type(category) is not str or (categories and category not in categories)):
            return None
        if type(description) is not str or "links" in raw or "media" in raw:
            return None
        tags, actors = get("tags"), get("actors")
        for values in (tags, actors):
            if values is not None:
                if type(values) is not list:
                    return None
                for value in values:  # a loop, not any(): no generator made a million times
                    if type(value) is not str:
                        return None
        sources = get("sources")
        publishers: list[str] = []
        if sources is not None:
            if type(sources) is not list:
                return None
            dates = self._date_cache
            for source in sources:
                # Stricter than the careful path (any other key sends the source there): one pass, no lookups.
                if type(source) is not dict or not source.keys() <= _SOURCE_KEYS:
                    return None
                for value in source.values():
                    if type(value) is not str:
                        return None
                date, url = source.get("date"), source.get("url")
                if (date and date not in dates and self._new_plain_date(date, dates) is None) \
                        or (url and not url.startswith(SAFE_LINK_PREFIXES)):
                    return None
                if publisher := source.get("publisher"):
                    publishers.append(publisher)
        if event_id is not None:
            self._seen_ids[event_id] = index
        return Event(title=title, start=start,
                     end=end, id=event_id, category=category and intern(category),
                     tags=self._shared_texts(tags) if tags else (),
                     actors=self._shared_texts(actors) if actors else (),
                     publishers=self._shared_texts(dict.fromkeys(publishers)) if publishers else (),
                     source_count=len(sources) if sources else 0, index=index, item=item)

    def _read_event(self, raw: Any, index: int, path: JsonPath,
                    categories: dict[str, Category], item: Any) -> Event | None:
        if not isinstance(raw, dict):
            self._report(f'each event must be an object {{"title": ..., "start": ...}}, '
                         f"not {type_name(raw)}", path)
            return None
        errors_before = len(self.findings)
        title = self._required_text(raw, "title", path, 'add "title": "What happened"')
        start = self._date(raw, "start", path, self._date_cache, allow_ongoing=False)
        end = self._date(raw, "end", path, self._end_cache, allow_ongoing=True) if "end" in raw else None
        if start is not None and end is not None and end.ongoing and end.latest < start.latest:
            # "present" is now; if the clock says now is before the start, the event simply started.
            end = ongoing_date(now=start.latest, text=end.text)
        if start is not None and end is not None and end.latest <= start.earliest:
            self._report(f'the end "{end.text}" is before the start "{start.text}"; '
                         "swap them or correct the end", (*path, "end"))
        event_id = self._event_id(raw, index, path)
        category = self._optional_text(raw, "category", path)
        if categories and category is not None and category not in categories:
            self._report_unknown_category(category, (*path, "category"), categories)
        self._optional_text(raw, "description", path)  # checked here; the event reads it from its JSON
        tags = self._text_list(raw, "tags", path)
        actors = self._text_list(raw, "actors", path)
        self._check_sources(raw, path)
        self._check_media(raw, path)
        links = self._links(raw, path)
        if any(finding.severity is Severity.ERROR for finding in self.findings[errors_before:]):
            return None
        assert title is not None
        assert start is not None
        return Event(title=title, start=start, end=end, id=event_id,
                     category=category and intern(category), tags=self._shared_texts(tags),
                     actors=self._shared_texts(actors), publishers=self._publishers(raw),
                     source_count=len(sources_in(raw)),
                     links=links, index=index, item=item)

    def _event_id(self, raw: dict[str, Any], index: int, path: JsonPath) -> str | None:
        event_id = raw.get("id")
        if event_id is None:
            return None
        if not isinstance(event_id, str) or not event_id.strip():
            shown = "blank text" if isinstance(event_id, str) else type_name(event_id)
            self._report(f'"id" must be non-blank text, not {shown}', (*path, "id"))
            return None
        if has_hidden(event_id):
            self._report(f'the id {reveal_hidden(event_id)} holds invisible characters, so it can look like '
                         "another id; write it with visible characters only", (*path, "id"), Severity.WARNING)
        first = self._seen_ids.setdefault(event_id, index)
        if first != index:
            self._report(f'duplicate id "{event_id}" (also used by event {first + 1}); '
                         "every id must be unique", (*path, "id"))
        return event_id

    def _text_list(self, raw: dict[str, Any], key: str, path: JsonPath) -> tuple[str, ...]:
        value = raw.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self._report(f'"{key}" must be a list of text, e.g. ["Meta", "Scale AI"], '
                         f"not {type_name(value)}", (*path, key))
            return ()
        for position, item in enumerate(value):
            if not isinstance(item, str):
                self._report(f'each of "{key}" must be text in quotes, not {type_name(item)}',
                             (*path, key, position))
                return ()
        return tuple(value)

    def _check_url(self, url: Any, path: JsonPath) -> str | None:
        if not isinstance(url, str):
            self._report(f'"url" must be text, not {type_name(url)}', path)
            return None
        if url and not is_safe_link(url):
            scheme = link_scheme(url)
            what = f'a "{scheme}:" link' if scheme else "a link without http:// or https://"
            self._report(f"{what} will not be opened; only http, https and mailto links open",
                         path, Severity.WARNING)
        return url

    def _check_sources(self, raw: dict[str, Any], path: JsonPath) -> None:
        value = raw.get("sources")
        if value is None:
            return
        if not isinstance(value, list):
            self._report('"sources" must be a list of {"title", "publisher", "date", "url"} objects, '
                         f"not {type_name(value)}", (*path, "sources"))
            return
        for position, item in enumerate(value):
            item_path = (*path, "sources", position)
            if not isinstance(item, dict):
                self._report('each source must be an object {"title": ..., "publisher": ..., '
                             f'"date": ..., "url": ...}}, not {type_name(item)}', item_path)
                continue
            for key in ("title", "publisher", "date"):
                text = item.get(key, "")
                if not isinstance(text, str):
                    self._report(f'"{key}" must be text, not {type_name(text)}', (*item_path, key))
            date_text = item.get("date")
            if isinstance(date_text, str) and date_text and date_text not in self._date_cache:
                try:
                    self._date_cache[date_text] = parse_date(date_text, zone=self.zone)
                except DateError as error:
                    self._report(str(error), (*item_path, "date"))
            self._check_url(item.get("url", ""), (*item_path, "url"))

    def _check_media(self, raw: dict[str, Any], path: JsonPath) -> None:
        value = raw.get("media")
        if value is None:
            return
        media_path: JsonPath = (*path, "media")
        if not isinstance(value, dict):
            self._report('"media" must be an object {"url" or "path", "caption", "credit", "alt"}, '
                         f"not {type_name(value)}", media_path)
            return
        for key in ("url", "path", "caption", "credit", "alt"):
            text = value.get(key, "")
            if not isinstance(text, str):
                self._report(f'"{key}" must be text, not {type_name(text)}', (*media_path, key))
                return
        url, file = value.get("url", ""), value.get("path", "")
        if bool(url) == bool(file):
            self._report('media needs one of "url" (an image on the web) or "path" (a file beside the events '
                         'file, e.g. "images/deal.jpg"), not ' + ("both" if url else "neither"), media_path)
            return
        if url:
            scheme = link_scheme(url)
            if scheme not in ("http", "https"):
                shown = f"{scheme}:" if scheme else "one without a scheme"
                self._report(f'a media "url" must be http or https, not {shown}; it is not shown',
                             (*media_path, "url"), Severity.WARNING)
        elif file.startswith("/") or ":" in file.split("/", 1)[0] or "\\" in file:
            self._report(f'"path" {json.dumps(file)} must be relative to the events file with "/" between '
                         'folders, e.g. "images/deal.jpg"', (*media_path, "path"), Severity.WARNING)
        else:
            self.local_media.append(((*media_path, "path"), file))

    def _links(self, raw: dict[str, Any], path: JsonPath) -> tuple[Link, ...]:
        value = raw.get("links")
        if value is None:
            return ()
        if not isinstance(value, list):
            self._report('"links" must be a list of URLs or {"title", "url"} objects, '
                         f"not {type_name(value)}", (*path, "links"))
            return ()
        links = []
        for position, item in enumerate(value):
            item_path = (*path, "links", position)
            if isinstance(item, str):
                url = self._check_url(item, item_path)
                title = ""
            elif isinstance(item, dict):
                url = self._check_url(item.get("url", ""), (*item_path, "url"))
                title_value = item.get("title", "")
                title = title_value if isinstance(title_value, str) else ""
                if not isinstance(title_value, str):
                    self._report(f'"title" must be text, not {type_name(title_value)}',
                                 (*item_path, "title"))
            else:
                self._report(f'each link must be a URL in quotes or {{"title", "url"}}, '
                             f"not {type_name(item)}", item_path)
                continue
            if url:
                links.append(Link(url, title))
        return tuple(links)
