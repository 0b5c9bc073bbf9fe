"""A document being worked on, and what is derived from it: edits go in, change notices come out.

This is the one way data flows after loading: a command changes the document's JSON
through :mod:`edits`, the session re-reads the events from it, updates the view prepared
for the user's view state and the search's folded texts (in place when one event changed,
else afresh: the one update policy), and every listener hears what changed.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from operator import attrgetter

from timeline_app.model.document import Event, TimelineDocument
from timeline_app.model.edits import ChangeKind, ChangeListener, DocumentChange, EventDelta
from timeline_app.model.rules import DocumentReader
from timeline_app.model.view.query import SearchIndex
from timeline_app.model.view.view_state import PreparedView, ViewState
from timeline_app.model.zones import Zone

# How many more items the events array holds after each kind of change to one event.
_GROWTH = {ChangeKind.ADD: 1, ChangeKind.REMOVE: -1, ChangeKind.EDIT: 0}

_id_of = attrgetter("id")


def _no_policy(event_count: int) -> None:
    """What a session does after preparing a view when it is given no memory policy: nothing."""


def _no_update_policy(event_count: int) -> AbstractContextManager[None]:
    return nullcontext()


@dataclass
class Session:
    """The open document, the view and search derived from it, and who listens to its changes.

    ``after_preparing`` and ``while_updating`` are the memory policy the app hands in (see
    storage/memory.py): what a large view prepared afresh, or updated after an edit, asks
    of the garbage collector. The model knows no collector.
    """

    document: TimelineDocument
    view_state: ViewState = field(default_factory=ViewState)
    listeners: list[ChangeListener] = field(default_factory=list)
    after_preparing: Callable[[int], None] = _no_policy
    while_updating: Callable[[int], AbstractContextManager[None]] = _no_update_policy
    # The folded texts of events searched so far: kept through edits, for folding a million takes seconds.
    search: SearchIndex = field(default_factory=SearchIndex)
    _prepared: PreparedView | None = field(default=None, repr=False)
    # Events of the document that end "present", found once and then kept up to date by each update in place.
    _ongoing: tuple[TimelineDocument, list[Event]] | None = field(default=None, repr=False)

    def subscribe(self, listener: Callable[[DocumentChange], None]) -> None:
        self.listeners.append(listener)

    @property
    def prepared(self) -> PreparedView:
        """The document as the view state shows it: prepared when first asked, then kept up to date."""
        prepared = self._prepared
        if prepared is None or not prepared.fits(self.document, self.view_state):
            prepared = self._prepared = PreparedView.of(self.document, copy.deepcopy(self.view_state))
            self.after_preparing(len(self.document.events))
        return prepared

    def offer_prepared(self, prepared: PreparedView | None) -> None:
        """A view prepared ahead (a background load's, on its worker): used if it is of this document and state."""
        if prepared is not None and prepared.fits(self.document, self.view_state):
            self._prepared = prepared

    def show_in(self, state: ViewState) -> None:
        """The user chose what to see (filters, lanes): the view is prepared for it and the listeners hear so."""
        self.view_state = state
        self._tell(DocumentChange(ChangeKind.VIEW))

    def _tell(self, change: DocumentChange) -> None:
        for listener in list(self.listeners):
            listener(change)

    def changed(self, change: DocumentChange) -> None:
        """Bring the events up to date with the edited JSON, then tell everyone.

        A change to one event of a document without errors updates the events in place and
        tells what it took out and put in (``change.delta``), so the views can do likewise;
        anything else re-reads the events. Either way an edited event keeps its uid, and
        ``change.touched`` names the event the edit or add left at its place.
        """
        if change.kind is ChangeKind.ERAS:
            self._eras_changed()
            self._tell(change)
            return
        delta = self._update_in_place(change)
        if delta is None:
            edited = (self.document.event_at(change.position)
                      if change.kind is ChangeKind.EDIT and change.position is not None else None)
            self.refresh()
            self._ongoing = None
            now = self.document.event_at(change.position) if change.position is not None else None
            if edited is not None and now is not None:
                now.uid = edited.uid  # the same event, edited: the rebuild read it as a new one
            touched = now.uid if now is not None and change.kind in (ChangeKind.ADD, ChangeKind.EDIT) else None
            change = replace(change, touched=touched)
        else:
            change = replace(change, delta=delta, touched=delta.added[0].uid
                             if change.kind is not ChangeKind.REMOVE else None)
        self._follow(delta)
        self._tell(change)

    def document_zone(self) -> Zone | None:
        """The zone of the document's times written without an offset (its "timezone"), if it has one."""
        name = self.document.timezone
        return Zone(name) if name else None

    def _eras_changed(self) -> None:
        """Eras frame the events and change none: read them again, and the view keeps its lanes."""
        eras = DocumentReader(zone=self.document_zone()).read_eras(self.document.root)
        self.document.eras = eras
        if self._prepared is not None:
            self._prepared.index.eras = tuple(eras)

    def _follow(self, delta: EventDelta | None) -> None:
        """Bring what is derived from the events up to date: in place after a delta, else afresh."""
        if delta is not None:
            self.search.forget(delta.removed)
        else:
            self.search.keep_only(self.document.events)
        prepared = self._prepared
        if prepared is not None and prepared.follows(delta, self.document, self.view_state):
            # An update copies lists of up to a million references: made out of the collector's way.
            with self.while_updating(len(self.document.events)):
                self._prepared = prepared.updated(delta)
        else:
            self._prepared = None  # prepared afresh when next asked for

    def replace_document(self, document: TimelineDocument) -> None:
        """Work on ``document`` from now on: the same file read again, so its events keep their uids.

        An event is taken for the one read before when it has the same id or, without one, the
        same title and dates (the n-th of several alike for the n-th): a line added above it in
        an editor moves it in the file but does not make it another event.
        """
        carry_uids(self.document.events, document.events)
        self.document = document
        self._ongoing = self._prepared = None
        self.search = SearchIndex()

    def refresh(self) -> int:
        """Rebuild the valid events and categories from the JSON; return how many errors remain."""
        builder = DocumentReader()
        # Events kept as text are reused, not parsed again: an edit of a million-event file
        # rebuilds in well under a second instead of re-reading every event.
        rebuilt = builder.build(self.document.root, reuse=self.document.events)
        document = self.document
        document.events = rebuilt.events
        document.categories = rebuilt.categories
        document.eras = rebuilt.eras
        document.timezone = rebuilt.timezone
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
        old = None if change.kind is ChangeKind.ADD else events[position] if position < len(events) else None
        if change.kind is not ChangeKind.ADD and (old is None or old.index != position):
            return None
        builder = DocumentReader(zone=self.document_zone())
        new = None
        if change.kind is not ChangeKind.REMOVE:
            new = builder.read_item(items[position], position, document.categories)
            if new is None or (new.id is not None and new.id != (old.id if old is not None else None)
                               and new.id in map(_id_of, events)):
                return None
        if growth:
            for event in events[position if growth > 0 else position + 1:]:
                event.index += growth
        if old is not None and new is not None:
            new.uid = old.uid  # edited, it is still the same event
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
            again.uid = event.uid
            events[event.index] = again
            removed.append(event)
            added.append(again)
        self._ongoing = (document, [event for event in added if event.end is not None and event.end.ongoing])
        return EventDelta(tuple(removed), tuple(added))


def _likeness(event: Event) -> tuple[object, ...]:
    end = event.end
    return (event.title, event.start.text, end.text if end is not None else None, event.category)


def carry_uids(before: list[Event], after: list[Event]) -> None:
    """Give the events of ``after`` the uids of the events of ``before`` they are (see Session.replace_document)."""
    by_id = {event.id: event.uid for event in before if event.id is not None}
    alike: dict[tuple[object, ...], list[int]] = {}
    for event in reversed(before):
        if event.id is None:
            alike.setdefault(_likeness(event), []).append(event.uid)
    for event in after:
        if event.id is not None:
            uid = by_id.pop(event.id, None)
        else:
            same = alike.get(_likeness(event)) if alike else None
            uid = same.pop() if same else None
        if uid is not None:
            event.uid = uid
