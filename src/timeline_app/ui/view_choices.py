"""What the user chose to see of a file: filters, lanes, the lanes folded and their order.

Each choice is remembered for the file and handed to the session, which prepares the index
for the choices (model/view/view_state.py) and tells the window to show it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from timeline_app.model.dates import DateError
from timeline_app.model.view.query import parse_date_range
from timeline_app.model.view.view_state import ViewState

if TYPE_CHECKING:
    from timeline_app.ui.main_window import MainWindow


class ViewChoices(QObject):
    """The view state of the window's file, changed by the find bar, the lanes and their menu."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.state = ViewState()
        window.find_bar.filters_changed.connect(self._on_filters_changed)
        window.find_bar.lanes_by_changed.connect(self._on_lanes_by_changed)
        window.find_bar.date_range_requested.connect(self.choose_date_range)
        window.canvas.lane_toggled.connect(self.toggle_lane)
        window.canvas.lanes_reordered.connect(self.reorder_lanes)

    def restore(self, path: Path | None) -> None:
        """The choices remembered for ``path`` (the defaults for a new file), shown in the find bar."""
        self.state = self._window.settings.view_state(path) if path is not None else ViewState()
        self._window.find_bar.set_filters(self.state.filters)
        self._window.find_bar.set_lanes_by(self.state.lanes_by)

    def _changed(self) -> None:
        path = self._window.files.path
        if path is not None:
            self._window.settings.remember_view_state(path, self.state)
        session = self._window.session
        if session is not None:
            session.show_in(self.state)  # the session prepares the view for it, and the window shows it

    def _on_filters_changed(self) -> None:
        self.state.filters = self._window.find_bar.filters
        self._changed()

    def choose_date_range(self) -> None:
        text = self._window.ask_date("Show events between", "From – to, e.g. “2025-04 – 2025-07” or “2025”")
        if not text:
            return
        try:
            self.state.filters.start, self.state.filters.end = parse_date_range(text)
        except DateError as error:
            self._window.show_message("Not a date range", str(error))
            return
        self.state.filters.date_label = text.strip()
        self._window.find_bar.set_filters(self.state.filters)
        self._on_filters_changed()

    def _on_lanes_by_changed(self, lanes_by: str) -> None:
        self.state.lanes_by = lanes_by
        self._changed()

    def toggle_lane(self, key: str) -> None:
        collapsed = self.state.collapsed.setdefault(self.state.lanes_by, [])
        if key in collapsed:
            collapsed.remove(key)
        else:
            collapsed.append(key)
        self._changed()

    def reorder_lanes(self, keys: list[str]) -> None:
        """The lanes in the order drawn now; lanes not drawn (under a folded parent) keep their places after."""
        before = self.state.lane_order.get(self.state.lanes_by, [])
        self.state.lane_order[self.state.lanes_by] = [*keys, *(key for key in before if key not in keys)]
        self._changed()

    def _selected_lane(self) -> str | None:
        """The lane of the selected event (its first, when it sits in several)."""
        event = self._window.canvas.selected_event()
        return None if event is None else self._window.canvas.index().lane_of(event)

    def fold_selected_lane(self) -> None:
        key = self._selected_lane()
        if key is not None:
            self.toggle_lane(key)

    def move_selected_lane(self, step: int) -> None:
        key = self._selected_lane()
        if key is None:
            return
        index = self._window.canvas.index()
        keys = [lane.key for lane in index.lanes]
        if index.lane_tree.nested:
            moved = index.lane_tree.stepped(keys, key, step)
            if moved != keys:
                self.reorder_lanes(moved)
            return
        position = keys.index(key)
        target = position + step
        if 0 <= target < len(keys):
            keys[position], keys[target] = keys[target], keys[position]
            self.reorder_lanes(keys)
