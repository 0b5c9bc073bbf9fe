"""How the user looks at one file (filters and lanes), and the index prepared for it.

Kept per file in the settings as JSON. Preparing the index is the costly step after a
load (sorting every lane), so a background load prepares it on its worker thread with the
state the file will be shown in, and the window only installs it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from timeline_app.model.document import Event, TimelineDocument
from timeline_app.model.edits import EventDelta
from timeline_app.model.view.index import LANE_FIELDS, TimelineIndex, build_index, updated_index
from timeline_app.model.view.query import Filters, field_values, updated_values

FILTER_FIELDS = ("category", "tag", "actor", "publisher")


@dataclass
class ViewState:
    filters: Filters = field(default_factory=Filters)
    lanes_by: str = "category"
    lane_order: dict[str, list[str]] = field(default_factory=dict)  # by lanes_by: lane keys in order
    collapsed: dict[str, list[str]] = field(default_factory=dict)  # by lanes_by: folded lane keys

    def to_json(self) -> str:
        return json.dumps({"filters": self.filters.to_json(), "lanes_by": self.lanes_by,
                           "lane_order": self.lane_order, "collapsed": self.collapsed})

    @classmethod
    def from_json(cls, raw: Any) -> ViewState:
        """The state stored as ``raw``; anything damaged or missing falls back to the defaults."""
        state = cls()
        try:
            stored = json.loads(raw) if isinstance(raw, str) else {}
        except ValueError:
            return state  # a damaged settings file costs the remembered view, nothing more
        if not isinstance(stored, dict):
            return state
        state.filters = Filters.from_json(stored.get("filters"))
        lanes_by = stored.get("lanes_by")
        state.lanes_by = lanes_by if lanes_by in LANE_FIELDS else "category"
        for key, target in (("lane_order", state.lane_order), ("collapsed", state.collapsed)):
            value = stored.get(key)
            if isinstance(value, dict):
                target.update({str(k): [str(x) for x in v] for k, v in value.items() if isinstance(v, list)})
        return state

    def build_index(self, document: TimelineDocument) -> TimelineIndex:
        """The document's events as these filters and lanes show them."""
        shown = self.filters.apply(document.events)
        return build_index(document, shown, lanes_by=self.lanes_by, order=self.lane_order.get(self.lanes_by, ()),
                           collapsed=self.collapsed.get(self.lanes_by, ()))


@dataclass
class PreparedView:
    """What showing a document needs, computed ahead (off the GUI thread) for one state."""

    document: TimelineDocument
    state: ViewState
    index: TimelineIndex
    values: dict[str, list[tuple[str, int]]]
    span: tuple[float, float] | None  # of the whole document, filters aside

    @classmethod
    def of(cls, document: TimelineDocument, state: ViewState) -> PreparedView:
        values = {kind: field_values(document.events, kind) for kind in FILTER_FIELDS}
        return cls(document, state, state.build_index(document), values, document.span())

    def fits(self, document: TimelineDocument, state: ViewState) -> bool:
        return document is self.document and state == self.state

    def follows(self, delta: EventDelta | None, document: TimelineDocument, state: ViewState) -> TypeGuard[EventDelta]:
        """Whether the views after a change can be this one updated in place (see ``updated``): the one
        place that decides. Only one changed event (a ``delta`` from the session) in the document and
        state this was prepared for; anything else is prepared afresh."""
        return delta is not None and self.fits(document, state)

    def updated(self, delta: EventDelta) -> PreparedView:
        """This view after an edit of its document, updated where it can be, else prepared again."""
        document, state = self.document, self.state
        index = updated_index(self.index, delta.removed, state.filters.apply(delta.added), document.categories,
                              state.lane_order.get(state.lanes_by, ()))
        if index is None:
            return PreparedView.of(document, state)
        values = {kind: updated_values(counts, delta.removed, delta.added, kind)
                  for kind, counts in self.values.items()}
        return PreparedView(document, state, index, values, _updated_span(self.span, document, delta.removed,
                                                                          delta.added))


def _updated_span(span: tuple[float, float] | None, document: TimelineDocument, removed: tuple[Event, ...],
                  added: tuple[Event, ...]) -> tuple[float, float] | None:
    """The document's span after an edit: found again only if an event that reached its edge went."""
    if span is None or any(event.begin <= span[0] or event.finish >= span[1] for event in removed):
        return document.span()
    return (min([span[0], *(event.begin for event in added)]), max([span[1], *(event.finish for event in added)]))
