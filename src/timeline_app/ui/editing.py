"""Editing in the app: the form, drags, delete and duplicate, each as one undoable command."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QWidget

from timeline_app.model.document import Era, Event
from timeline_app.model.draft import EventDraft, completions, date_text_at
from timeline_app.model.edits import (
    categories_with,
    edited_era,
    event_position,
    moved_raw,
    new_event_id,
    position_for_new_event,
    why_events_cannot_be_added,
)
from timeline_app.model.session import Session
from timeline_app.model.view.index import TimelineIndex
from timeline_app.ui.commands import (
    AddEventCommand,
    EraCommand,
    RemoveEventCommand,
    ReplaceEventCommand,
    SetCategoriesCommand,
)
from timeline_app.ui.era_dialog import FIELDS, EraDialog
from timeline_app.ui.event_dialog import EventDialog


class EditingController(QObject):
    """Turns the user's editing gestures into commands on the undo stack."""

    refused = Signal(str)  # an edit that cannot be made, and why

    def __init__(self, parent: QWidget, undo_stack: QUndoStack) -> None:
        super().__init__(parent)
        self._parent = parent
        self.undo_stack = undo_stack
        self.session: Session | None = None
        self.index: TimelineIndex | None = None

    # The form is modal; tests replace this to fill it in without an event loop of its own.
    def run_dialog(self, dialog: EventDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def run_era_dialog(self, dialog: EraDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def new_era(self, start: float, end: float, seconds_per_pixel: float) -> None:
        """The era form, its dates those of the stretch of time given; added as one undoable step."""
        if self.session is None:
            return
        if not isinstance(self.session.document.root, dict):
            self.refused.emit('Cannot add an era: this file is a bare list of events; write it as '
                              '{"events": [...]} to give it eras.')
            return
        zone = self.session.document_zone()
        fields = {"start": date_text_at(start, seconds_per_pixel, zone),
                  "end": date_text_at(end, seconds_per_pixel, zone)}
        dialog = EraDialog(fields, "New era", self._parent, zone)
        if not self.run_era_dialog(dialog) or self.session is None:
            return
        document = self.session.document
        era = edited_era(document, None, dialog.fields())
        title = era.get("title", "")
        self.undo_stack.push(EraCommand(self.session, len(document.raw_eras()), None, era, f"Add era '{title}'"))

    def edit_era(self, era: Era) -> None:
        if self.session is None:
            return
        document = self.session.document
        old = document.raw_eras()[era.index] if era.index < len(document.raw_eras()) else None
        if not isinstance(old, dict):
            return
        fields = {key: value for key in FIELDS if isinstance(value := old.get(key), str)}
        dialog = EraDialog(fields, f"Edit era “{era.title}”", self._parent, self.session.document_zone())
        if not self.run_era_dialog(dialog) or self.session is None:
            return
        chosen = dialog.fields()
        # The form trims what it shows; a value the user left as it was keeps its text as written.
        chosen = {key: fields[key] if key in fields and value == fields[key].strip() else value
                  for key, value in chosen.items()}
        new = edited_era(document, era.index, chosen)
        if new != old:
            self.undo_stack.push(EraCommand(self.session, era.index, old, new, f"Edit era '{era.title}'"))

    def delete_era(self, era: Era) -> None:
        if self.session is None:
            return
        eras = self.session.document.raw_eras()
        if era.index < len(eras):
            self.undo_stack.push(EraCommand(self.session, era.index, eras[era.index], None,
                                            f"Delete era '{era.title}'"))

    def _dialog(self, draft: EventDraft, title: str) -> EventDialog | None:
        if self.session is None:
            return None
        document = self.session.document
        colors = self.index.category_colors if self.index else {}  # as the canvas draws them, in any lanes
        categories = {key: (category.label, colors.get(key, category.color or "#8C8C8C"))
                      for key, category in document.categories.items()}
        dialog = EventDialog(draft, categories, completions(document, "actors"), completions(document, "tags"),
                             title=title, parent=self._parent, zone=self.session.document_zone())
        return dialog if self.run_dialog(dialog) else None

    def new_event(self, moment: float, seconds_per_pixel: float, lane: str = "") -> None:
        if self.session is None:
            return
        reason = why_events_cannot_be_added(self.session.document)
        if reason is not None:
            self.refused.emit(f"Cannot add an event: {reason}.")
            return
        zone = self.session.document_zone()  # a time is written as the file writes times
        draft = EventDraft(start=date_text_at(moment, seconds_per_pixel, zone), category=lane)
        dialog = self._dialog(draft, "New event")
        if dialog is None or self.session is None:
            return
        result = dialog.draft()
        result.id = new_event_id(self.session.document, result.title)
        raw = result.to_raw()
        position = position_for_new_event(self.session.document, moment)
        self._apply(dialog, AddEventCommand(self.session, position, raw))

    def edit_event(self, event: Event) -> None:
        if self.session is None:
            return
        dialog = self._dialog(EventDraft.from_raw(event.raw), f"Edit “{event.title}”")
        if dialog is None or self.session is None:
            return
        new_raw = dialog.draft().to_raw(event.raw)
        if new_raw == event.raw and dialog.new_category() is None:
            return
        position = event_position(self.session.document, event)
        self._apply(dialog, ReplaceEventCommand(self.session, position, new_raw, "Edit"))

    def _apply(self, dialog: EventDialog, command: QUndoCommand) -> None:
        """Push the event's command, after adding the new category the form asked for, as one step."""
        assert self.session is not None
        category = dialog.new_category()
        categories = None if category is None else categories_with(self.session.document, *category)
        if category is None or categories is None:
            # A file that is a bare list of events has nowhere to define a category's colour; the
            # event still gets the category, drawn in a palette colour.
            self.undo_stack.push(command)
            return
        label = category[1]
        self.undo_stack.beginMacro(command.text())
        self.undo_stack.push(SetCategoriesCommand(self.session, categories, label))
        self.undo_stack.push(command)
        self.undo_stack.endMacro()

    def delete_event(self, event: Event) -> None:
        if self.session is not None:
            self.undo_stack.push(RemoveEventCommand(self.session, event_position(self.session.document, event)))

    def duplicate_event(self, event: Event) -> None:
        if self.session is None:
            return
        copy: dict[str, Any] = dict(event.raw)
        if "id" in copy:
            copy["id"] = new_event_id(self.session.document, f"{event.id or event.title}-copy")
        position = event_position(self.session.document, event) + 1
        self.undo_stack.push(AddEventCommand(self.session, position, copy, "Duplicate"))

    def move_event(self, event: Event, seconds: float, part: str) -> bool:
        """Move or resize by a drag, snapped to each date's precision; False when nothing changes."""
        raw = moved_raw(event, seconds, part) if self.session is not None else None
        if raw is None or self.session is None:
            return False
        position = event_position(self.session.document, event)
        verb = "Move" if part == "move" else "Resize"
        self.undo_stack.push(ReplaceEventCommand(self.session, position, raw, verb))
        return True
