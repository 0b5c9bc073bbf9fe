"""The overview band: the whole timeline at a glance, with a box for what the canvas shows."""

from __future__ import annotations

from enum import Enum, auto

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from timeline_app.model.view.eras import layout_eras
from timeline_app.model.view.index import TimelineIndex
from timeline_app.model.view.layout import lane_density
from timeline_app.model.view.viewport import Viewport, ZoomLimits
from timeline_app.ui.canvas.era_painter import EraPainter, era_color
from timeline_app.ui.canvas.painter import GUTTER_WIDTH
from timeline_app.ui.canvas.theme import Theme, mix_colors

BAND_HEIGHT = 52
EDGE = 5.0  # pixels at each side of the box that resize it
BUCKET = 3


class _Grab(Enum):
    MOVE = auto()
    LEFT = auto()
    RIGHT = auto()


class OverviewBand(QWidget):
    """Density of every lane over the whole data; drag the box to pan, its edges to zoom, click to jump."""

    viewport_requested = Signal(object)  # Viewport

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewBand")
        self.setAccessibleName("Overview of the whole timeline")
        self.setFixedHeight(BAND_HEIGHT)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._index = TimelineIndex([], [])
        self._limits = ZoomLimits(0.0, 1.0)
        self._view = Viewport(0.0, 1.0)
        self._cache: tuple[object, ...] | None = None
        self._strips: list[tuple[QColor, list[int]]] = []
        self._grab: _Grab | None = None
        self._grab_x = 0.0
        self._grab_view = self._view
        self._generation = 0

    def sizeHint(self) -> QSize:
        return QSize(600, BAND_HEIGHT)

    def set_index(self, index: TimelineIndex, limits: ZoomLimits) -> None:
        self._index = index
        self._limits = limits
        self._generation += 1
        self.update()

    def set_viewport(self, view: Viewport) -> None:
        if view != self._view:
            self._view = view
            self.update()

    def span(self) -> Viewport:
        """The whole data with its margin: what the band's width stands for."""
        return self._limits.fit()

    def box(self) -> QRectF:
        """Where the canvas's view sits on the band, at least a few pixels wide."""
        left, right = self._x_of(self._view.start), self._x_of(self._view.end)
        if right - left < 6:
            middle = (left + right) / 2
            left, right = middle - 3, middle + 3
        return QRectF(left, 2, right - left, self.height() - 4)

    def _width(self) -> float:
        return max(float(self.width()) - GUTTER_WIDTH, 1.0)

    def _x_of(self, moment: float) -> float:
        return GUTTER_WIDTH + self.span().x_of(moment, self._width())

    def _time_at(self, x: float) -> float:
        return self.span().time_at(x - GUTTER_WIDTH, self._width())

    def _compute_strips(self) -> None:
        span = self.span()
        key = (self._generation, span, self.width())
        if key == self._cache:
            return
        self._cache = key
        buckets = max(1, int(self._width() // BUCKET))
        self._strips = [(QColor(lane.color), lane_density(lane, span.start, span.end, buckets))
                        for lane in self._index.lanes]

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = Theme.from_palette(self.palette())
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), theme.gutter)
            painter.fillRect(QRectF(GUTTER_WIDTH, 0, self._width(), self.height()), theme.background)
            painter.setPen(theme.muted_text)
            painter.drawText(QRectF(10, 0, GUTTER_WIDTH - 14, self.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "Overview")
            self._compute_strips()
            # The eras behind the strips, as behind the lanes: where the story's periods lie in the whole.
            for era in layout_eras(self._index.eras, self.span(), self._width(), 0.0, lambda _title: 0.0):
                EraPainter.fill_soft(painter, era, GUTTER_WIDTH, 1.0, self.height() - 1.0, era_color(era.era), 0.16)
            self._paint_strips(painter, theme)
            box = self.box()
            shade = QColor(theme.highlight)
            shade.setAlphaF(0.16)
            painter.fillRect(box, shade)
            painter.setPen(QPen(theme.highlight, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box)
            painter.setPen(QPen(theme.grid_major, 1))
            painter.drawLine(QPointF(0, 0.5), QPointF(float(self.width()), 0.5))
        finally:
            painter.end()

    def _paint_strips(self, painter: QPainter, theme: Theme) -> None:
        if not self._strips:
            return
        height = (self.height() - 6) / len(self._strips)
        painter.setPen(Qt.PenStyle.NoPen)
        for row, (color, counts) in enumerate(self._strips):
            peak = max(counts, default=0)
            if not peak:
                continue
            top = 3 + row * height
            painter.setBrush(mix_colors(color, theme.background, 0.85))
            painter.drawRects([QRectF(GUTTER_WIDTH + i * BUCKET, top + height * (1 - (count / peak) ** 0.5),
                                      BUCKET, height * (count / peak) ** 0.5)
                               for i, count in enumerate(counts) if count])

    def _grab_at(self, x: float) -> _Grab | None:
        box = self.box()
        if abs(x - box.left()) <= EDGE:
            return _Grab.LEFT
        if abs(x - box.right()) <= EDGE:
            return _Grab.RIGHT
        if box.left() < x < box.right():
            return _Grab.MOVE
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.position().x() < GUTTER_WIDTH:
            return
        x = event.position().x()
        grab = self._grab_at(x)
        if grab is None:
            # A click outside the box jumps there, keeping the zoom.
            moment, half = self._time_at(x), self._view.span / 2
            self.viewport_requested.emit(Viewport(moment - half, moment + half))
            grab = _Grab.MOVE
        self._grab, self._grab_x, self._grab_view = grab, x, self._view

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        if self._grab is None:
            grab = self._grab_at(x)
            self.setCursor(Qt.CursorShape.SizeHorCursor if grab in (_Grab.LEFT, _Grab.RIGHT)
                           else Qt.CursorShape.OpenHandCursor if grab is _Grab.MOVE else Qt.CursorShape.ArrowCursor)
            return
        seconds = (x - self._grab_x) * self.span().seconds_per_pixel(self._width())
        view = self._grab_view
        if self._grab is _Grab.MOVE:
            requested = Viewport(view.start + seconds, view.end + seconds)
        elif self._grab is _Grab.LEFT:
            requested = Viewport(min(view.start + seconds, view.end - self._limits.min_span), view.end)
        else:
            requested = Viewport(view.start, max(view.end + seconds, view.start + self._limits.min_span))
        self.viewport_requested.emit(requested)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._grab = None
