"""A document being worked on: edits go in, change notices come out.

This is the one way data flows after loading: a command changes the document's JSON
through :mod:`edits`, the session re-reads the events from it, and every listener (the
window, the canvas, the detail pane) hears what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from operator import attrgetter

from timeline_app.model.document import Event, TimelineDocument, event_key
from timeline_app.model.edits import ChangeListener, DocumentChange, EventDelta
from timeline_app.model.rules import DocumentReader

# How many more items the events array holds after each kind of change to one event.
_GROWTH = {"add": 1, "remove": -1, "edit": 0}

_id_of = attrgetter("id")


@dataclass
class Session:
    """The open document and who listens to its changes."""

    document: TimelineDocument
    listeners: list[ChangeListener] = field(default_factory=list)
    # Events of the document that end "present", found once and then kept up to date by each update in place.
    _ongoing: tuple[TimelineDocument, list[Event]] | None = field(default=None, repr=False)

    def subscribe(self, listener: Callable[[DocumentChange], None]) -> None:
        self.listeners.append(listener)

    def changed(self, change: DocumentChange) -> None:
        """Bring the events up to date with the edited JSON, then tell everyone.

        A change to one event of a document without errors updates the events in place and
        tells what it took out and put in (``change.delta``), so the views can do likewise;
        anything else re-reads the events.
        """
        delta = self._update_in_place(change)
        if delta is None:
            self.refresh()
            self._ongoing = None
        else:
            change = replace(change, delta=delta)
        for listener in list(self.listeners):
            listener(change)

    def refresh(self) -> int:
        """Rebuild the valid events and categories from the JSON; return how many errors remain."""
        builder = DocumentReader()
        # Events kept as text are reused, not parsed again: an edit of a million-event file
        # rebuilds in well under a second instead of re-reading every event.
        rebuilt = builder.build(self.document.root, reuse=self.document.events)
        document = self.document
        document.events = rebuilt.events
        document.categories = rebuilt.categories
        document.title = rebuilt.title
        document.description = rebuilt.description
        return sum(1 for finding in builder.findings if finding.severity.value == "error")

    def _update_in_place(self, change: DocumentChange) -> EventDelta | None:
        """The events after a change to the item at ``change.position``, updated without re-reading the rest.

        Only when every item was a valid event before: then the events list mirrors the array,
        and no event's validity can hang on another's (a repeated id makes one of them invalid).
        None when only the whole rebuild will do: an invalid or clashing event, a document that
        already had errors, a change of something else. The rebuild reads every event from the
        JSON again, so what was updated before such a finding does not matter.
        """
        position, growth = change.position, _GROWTH.get(change.kind)
        document = self.document
        events, items = document.events, document.raw_events()
        if position is None or growth is None or len(events) + growth != len(items):
            return None
        old = None if change.kind == "add" else events[position] if position < len(events) else None
        if change.kind != "add" and (old is None or old.index != position):
            return None
        builder = DocumentReader()
        new = None
        if change.kind != "remove":
            new = builder.read_item(items[position], position, document.categories)
            if new is None or (new.id is not None and new.id != (old.id if old is not None else None)
                               and new.id in map(_id_of, events)):
                return None
        if growth:
            for event in events[position if growth > 0 else position + 1:]:
                event.index += growth
                if event.id is None:
                    event.key = event_key(None, event.index)
        if new is None:
            del events[position]
        elif old is None:
            events.insert(position, new)
        else:
            events[position] = new
        removed: list[Event] = [] if old is None else [old]
        added: list[Event] = [] if new is None else [new]
        if self._ongoing is None or self._ongoing[0] is not document:
            self._ongoing = (document, [event for event in events if event.end is not None and event.end.ongoing])
        # "present" means now: as the whole rebuild does, events that end then are read again.
        for event in self._ongoing[1]:
            # The event the change replaced is gone, and the one it made was just read: its now is now.
            if event is old or event is new:
                continue
            again = builder.read_item(event.item, event.index, document.categories)
            if again is None or event.index >= len(events) or events[event.index] is not event:
                self._ongoing = None  # cannot happen; the whole rebuild decides
                return None
            events[event.index] = again
            removed.append(event)
            added.append(again)
        self._ongoing = (document, [event for event in added if event.end is not None and event.end.ongoing])
        return EventDelta(tuple(removed), tuple(added))
