"""Undoable edits: each command changes the session's document through the model and says so."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from timeline_app.model.edits import (
    DocumentChange,
    insert_event,
    remove_event,
    replace_event,
    restore_categories,
    set_categories,
)
from timeline_app.model.session import Session


def _short(title: str) -> str:
    return title if len(title) <= 60 else title[:59] + "…"


def _key_of(raw: Any, position: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return str(raw["id"])
    return f"#{position + 1}"


class ReplaceEventCommand(QUndoCommand):
    """Edit, move or resize: the event's JSON object is swapped for a new one."""

    def __init__(self, session: Session, position: int, new_raw: dict[str, Any], verb: str) -> None:
        super().__init__(f"{verb} '{_short(str(new_raw.get('title', '')))}'")
        self._session = session
        self._position = position
        self._new = new_raw
        self._old: Any = None

    def redo(self) -> None:
        self._old = replace_event(self._session.document, self._position, self._new)
        self._session.changed(DocumentChange("edit", (_key_of(self._new, self._position),)))

    def undo(self) -> None:
        replace_event(self._session.document, self._position, self._old)
        self._session.changed(DocumentChange("edit", (_key_of(self._old, self._position),)))


class AddEventCommand(QUndoCommand):
    def __init__(self, session: Session, position: int, raw: dict[str, Any], verb: str = "Add") -> None:
        super().__init__(f"{verb} '{_short(str(raw.get('title', '')))}'")
        self._session = session
        self._position = position
        self._raw = raw

    def redo(self) -> None:
        insert_event(self._session.document, self._position, self._raw)
        self._session.changed(DocumentChange("add", (_key_of(self._raw, self._position),)))

    def undo(self) -> None:
        remove_event(self._session.document, self._position)
        self._session.changed(DocumentChange("remove", (_key_of(self._raw, self._position),)))


class RemoveEventCommand(QUndoCommand):
    def __init__(self, session: Session, position: int) -> None:
        raw = session.document.raw_events()[position]
        title = raw.get("title", "") if isinstance(raw, dict) else ""
        super().__init__(f"Delete '{_short(str(title))}'")
        self._session = session
        self._position = position
        self._raw: Any = raw

    def redo(self) -> None:
        self._raw = remove_event(self._session.document, self._position)
        self._session.changed(DocumentChange("remove", (_key_of(self._raw, self._position),)))

    def undo(self) -> None:
        insert_event(self._session.document, self._position, self._raw)
        self._session.changed(DocumentChange("add", (_key_of(self._raw, self._position),)))


class SetCategoriesCommand(QUndoCommand):
    """A new category (label and colour) joins the file's categories."""

    def __init__(self, session: Session, categories: dict[str, Any], label: str) -> None:
        super().__init__(f"Add category '{_short(label)}'")
        self._session = session
        self._new = categories
        self._old: Any = None

    def redo(self) -> None:
        self._old = set_categories(self._session.document, self._new)
        self._session.changed(DocumentChange("categories"))

    def undo(self) -> None:
        restore_categories(self._session.document, self._old)
        self._session.changed(DocumentChange("categories"))
