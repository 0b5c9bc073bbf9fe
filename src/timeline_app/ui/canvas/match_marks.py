"""How a search shows on the timeline: each match ringed, the current one filled behind, and
whether a density strip holds a match (found by bisection, once a search, not per frame)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from timeline_app.model.document import Event
from timeline_app.model.view.index import EventSpans, TimelineIndex
from timeline_app.model.view.scene import Density, Placement
from timeline_app.model.view.viewport import Viewport


class MatchMarks:
    def __init__(self) -> None:
        # Where the matches of the search shown lie: (the matches, the index, their spans).
        self._spans: tuple[set[Event] | None, TimelineIndex | None, EventSpans | None] = (None, None, None)

    def in_density(self, matches: set[Event] | None, index: TimelineIndex, view: Viewport, density: Density) -> bool:
        if matches is None:
            return False
        known, known_index, spans = self._spans
        if known is not matches or known_index is not index or spans is None:
            spans = EventSpans(index, matches)
            self._spans = (matches, index, spans)
        return spans.any_overlapping(density.lane.key, view.start, view.end)

    @staticmethod
    def paint_halo(painter: QPainter, placement: Placement, current: bool, highlight: QColor, left: float) -> None:
        """A match is ringed; the one the user stepped to is filled behind as well, so it stands apart."""
        shape = placement.shape
        rect = QRectF(left + shape.x - 4, shape.y - 4, shape.width + 8, shape.height + 8)
        if placement.label_rect is not None and not placement.label_inside:
            label = placement.label_rect
            rect = rect.united(QRectF(left + label.x - 2, label.y - 4, label.width + 6, label.height + 8))
        glow = QColor(highlight)
        glow.setAlphaF(1.0 if current else 0.6)
        if current:
            wash = QColor(highlight)
            wash.setAlphaF(0.16)
            painter.setBrush(wash)
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(glow, 3.0 if current else 1.5, Qt.PenStyle.SolidLine if current else Qt.PenStyle.DashLine))
        painter.drawRoundedRect(rect, 6, 6)
