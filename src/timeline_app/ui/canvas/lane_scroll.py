"""Scrolling the lanes up and down: the scroll bar at the canvas's right edge, there only while the
lanes are taller than the room below the axis."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollBar, QWidget

from timeline_app.model.view.scene import ROW_HEIGHT, Placement

STEP = 24  # pixels a line of the scroll bar, an arrow key or an Alt+wheel notch's half moves


class LaneScroll:
    def __init__(self, canvas: QWidget, on_scroll: Callable[[int], None]) -> None:
        self._bar = QScrollBar(Qt.Orientation.Vertical, canvas)
        self._bar.hide()
        self._bar.valueChanged.connect(on_scroll)
        self._canvas = canvas

    @property
    def value(self) -> int:
        return self._bar.value()

    @property
    def maximum(self) -> int:
        """How far the lanes scroll: how much taller they are than the room they have."""
        return self._bar.maximum()

    def taken_width(self) -> int:
        """How much of the canvas's width the bar takes: nothing while it is hidden."""
        return self._bar.width() if self._bar.isVisible() else 0

    def scroll_by(self, pixels: int) -> None:
        self._bar.setValue(self._bar.value() + pixels)

    def fit(self, content_height: float, height: float, top: float) -> None:
        """The range for lanes ``content_height`` tall in ``height`` pixels starting at ``top``."""
        overflow = int(max(content_height - height, 0))
        bar = self._bar
        bar.setVisible(overflow > 0)
        bar.setRange(0, overflow)
        bar.setPageStep(int(height))
        bar.setSingleStep(STEP)
        width = bar.sizeHint().width()
        bar.setGeometry(self._canvas.width() - width, int(top), width, int(height))

    def bring_into_sight(self, found: Placement, top: float, bottom: float) -> None:
        """Scroll so that ``found`` is between ``top`` and ``bottom``, two rows below the top if it was not."""
        if top <= found.shape.y and found.shape.bottom <= bottom:
            return
        self._bar.setValue(max(int(self._bar.value() + found.shape.y - top - 2 * ROW_HEIGHT), 0))
