"""A document being worked on: edits go in, change notices come out.

This is the one way data flows after loading: a command changes the document's JSON
through :mod:`edits`, the session re-reads the events from it, and every listener (the
window, the canvas, the detail pane) hears what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from timeline_app.model.document import TimelineDocument
from timeline_app.model.edits import ChangeListener, DocumentChange
from timeline_app.model.loader import _DocumentBuilder


@dataclass
class Session:
    """The open document and who listens to its changes."""

    document: TimelineDocument
    listeners: list[ChangeListener] = field(default_factory=list)

    def subscribe(self, listener: Callable[[DocumentChange], None]) -> None:
        self.listeners.append(listener)

    def changed(self, change: DocumentChange) -> None:
        """Re-read the events from the edited JSON, then tell everyone."""
        self.refresh()
        for listener in list(self.listeners):
            listener(change)

    def refresh(self) -> int:
        """Rebuild the valid events and categories from the JSON; return how many errors remain."""
        builder = _DocumentBuilder()
        # Events kept as text are reused, not parsed again: an edit of a million-event file
        # rebuilds in well under a second instead of re-reading every event.
        rebuilt = builder.build(self.document.root, reuse=self.document.events)
        document = self.document
        document.events = rebuilt.events
        document.categories = rebuilt.categories
        document.title = rebuilt.title
        document.description = rebuilt.description
        return sum(1 for finding in builder.findings if finding.severity.value == "error")
