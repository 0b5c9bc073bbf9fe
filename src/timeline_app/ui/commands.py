"""Undoable edits: each command changes the session's document through the model and says so.

Commands find their event by its ``id`` when it has one, so undo and redo still reach the
right event after the file was reloaded with outside changes; events without an id are
found where they were.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from timeline_app.model.document import item_value
from timeline_app.model.edits import (
    ChangeKind,
    DocumentChange,
    id_of_item,
    insert_event,
    positions_with_id,
    remove_event,
    replace_event,
    restore_categories,
    set_categories,
    swap_era,
)
from timeline_app.model.session import Session


def _short(title: str) -> str:
    return title if len(title) <= 60 else title[:59] + "…"


class _EventCommand(QUndoCommand):
    def __init__(self, session: Session, position: int, text: str) -> None:
        super().__init__(text)
        self._session = session
        self._position = position

    def _locate(self, raw: Any) -> int | None:
        """Where the event is now: the very object if it is still there, else the one with its id."""
        events = self._session.document.raw_events()
        if self._position < len(events) and events[self._position] is raw:
            return self._position
        found = next((position for position, item in enumerate(events) if item is raw), None)
        if found is not None:
            return found
        # After a reload the objects are new: the id, if it names exactly one event, still finds it.
        event_id = id_of_item(raw)
        if event_id is not None:
            matches = positions_with_id(self._session.document, event_id)
            return matches[0] if len(matches) == 1 else None
        return None

    def _insert_position(self) -> int:
        return min(self._position, len(self._session.document.raw_events()))

    def _gone(self) -> None:
        # The event was removed outside the app since: there is nothing left for this step to do.
        self.setObsolete(True)
        self._session.changed(DocumentChange(ChangeKind.RELOAD))


class ReplaceEventCommand(_EventCommand):
    """Edit, move or resize: the event's JSON object is swapped for a new one."""

    def __init__(self, session: Session, position: int, new_raw: dict[str, Any], verb: str) -> None:
        super().__init__(session, position, f"{verb} '{_short(str(new_raw.get('title', '')))}'")
        self._new = new_raw
        self._old: Any = session.document.raw_events()[position]

    def _swap(self, current: Any, replacement: Any) -> None:
        position = self._locate(current)
        if position is None:
            self._gone()
            return
        self._position = position
        replace_event(self._session.document, position, replacement)
        self._session.changed(DocumentChange(ChangeKind.EDIT, position))

    def redo(self) -> None:
        self._swap(self._old, self._new)

    def undo(self) -> None:
        self._swap(self._new, self._old)


class AddEventCommand(_EventCommand):
    def __init__(self, session: Session, position: int, raw: dict[str, Any], verb: str = "Add") -> None:
        super().__init__(session, position, f"{verb} '{_short(str(raw.get('title', '')))}'")
        self._raw = raw

    def redo(self) -> None:
        position = self._insert_position()
        insert_event(self._session.document, position, self._raw)
        self._session.changed(DocumentChange(ChangeKind.ADD, position))

    def undo(self) -> None:
        position = self._locate(self._raw)
        if position is None:
            self._gone()
            return
        remove_event(self._session.document, position)
        self._session.changed(DocumentChange(ChangeKind.REMOVE, position))


class RemoveEventCommand(_EventCommand):
    def __init__(self, session: Session, position: int) -> None:
        raw = session.document.raw_events()[position]
        value = item_value(raw)
        title = value.get("title", "") if isinstance(value, dict) else ""
        super().__init__(session, position, f"Delete '{_short(str(title))}'")
        self._raw: Any = raw

    def redo(self) -> None:
        position = self._locate(self._raw)
        if position is None:
            self._gone()
            return
        self._position = position
        self._raw = remove_event(self._session.document, position)
        self._session.changed(DocumentChange(ChangeKind.REMOVE, position))

    def undo(self) -> None:
        position = self._insert_position()
        insert_event(self._session.document, position, self._raw)
        self._session.changed(DocumentChange(ChangeKind.ADD, position))


class SetCategoriesCommand(QUndoCommand):
    """A new category (label and colour) joins the file's categories."""

    def __init__(self, session: Session, categories: dict[str, Any], label: str) -> None:
        super().__init__(f"Add category '{_short(label)}'")
        self._session = session
        self._new = categories
        self._old: Any = None

    def redo(self) -> None:
        self._old = set_categories(self._session.document, self._new)
        self._session.changed(DocumentChange(ChangeKind.CATEGORIES))

    def undo(self) -> None:
        restore_categories(self._session.document, self._old)
        self._session.changed(DocumentChange(ChangeKind.CATEGORIES))


class EraCommand(QUndoCommand):
    """An era added (``old`` None), edited, or taken out (``new`` None), at its place in the eras array."""

    def __init__(self, session: Session, position: int, old: Any, new: Any, text: str) -> None:
        super().__init__(text)
        self._session = session
        self._position, self._old, self._new = position, old, new

    def redo(self) -> None:
        self._swap(self._old, self._new)

    def undo(self) -> None:
        self._swap(self._new, self._old)

    def _swap(self, current: Any, replacement: Any) -> None:
        place = swap_era(self._session.document, self._position, current, replacement)
        if place is not None:
            # The era the step leaves in place, for the views to select: none after a removal.
            self._session.changed(DocumentChange(ChangeKind.ERAS, place if replacement is not None else None))
        else:
            self.setObsolete(True)  # the era was changed in an editor since: that edit stands
