"""Back and forward through the places the user has been: a view and the event selected there.

A place is recorded once the view or the selection has rested a moment, so a wheel's twenty
notches make one step back, not twenty. The history itself is the model's (navigation.py).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from timeline_app.model.view.navigation import History, Place
from timeline_app.ui.canvas.widget import TimelineCanvas

REST_MS = 700  # how long a view must stay to become a place to come back to


class PlaceHistory(QObject):
    """The places of one window's canvas, walked with Back and Forward."""

    def __init__(self, canvas: TimelineCanvas, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self.history = History()
        self._going = False  # moving to a place is no visit of a new one
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(REST_MS)
        self._rest_timer.timeout.connect(self.record)
        canvas.viewport_changed.connect(lambda _view: self._rest_timer.start())
        canvas.selection_changed.connect(lambda _event: self._rest_timer.start())

    def start_afresh(self) -> None:
        """Another file: the places of the one before lead nowhere."""
        self.history = History()

    def record(self) -> None:
        if self._going:
            return
        selected = self._canvas.selected_event()
        self.history.visit(Place(self._canvas.viewport(), selected.uid if selected else None))

    def back(self) -> None:
        self.record()
        self._go(self.history.back())

    def forward(self) -> None:
        self._go(self.history.forward())

    def _go(self, place: Place | None) -> None:
        if place is None:
            return
        self._going = True
        try:
            self._canvas.set_viewport(place.view)
            self._canvas.select(self._canvas.index().by_uid(place.selected), ensure_visible=False)
        finally:
            self._rest_timer.stop()
            self._going = False
