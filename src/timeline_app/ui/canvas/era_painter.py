"""Painting eras: a faint wash behind the lanes, and their titled band under the axis.

An era frames the events and must not drown them: behind the lanes it is a wash of a few
per cent, in the band it is a quiet block with its title. Where an end is imprecise the
colour fades in or out over the span the end may lie in, as an imprecise event's bar does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QLinearGradient, QPainter, QPen

from timeline_app.model.document import Era
from timeline_app.model.view.eras import DEFAULT_ERA_COLOR, ERA_ROW_HEIGHT, EraPlacement
from timeline_app.ui.canvas.theme import Theme

BEHIND_OPACITY = 0.07  # the wash behind the lanes: enough to see the period, not enough to hide a bar
BAND_OPACITY = 0.30  # the block in the band, under its title
SIGHT = 20_000.0  # pixels right of the timeline's left edge past which nothing is filled


def era_color(era: Era) -> QColor:
    return QColor(era.color or DEFAULT_ERA_COLOR)


class EraPainter:
    """Paints the eras of a frame; keeps the font their titles are written in."""

    def __init__(self) -> None:
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        self._widths: dict[str, float] = {}
        self._strip = QImage()
        self._strip_key: object = None

    def use_font(self, font: QFont) -> None:
        self._font = font
        self._metrics = QFontMetricsF(font)
        self._widths.clear()

    def measure(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = self._metrics.horizontalAdvance(text)
        return width

    def paint_behind(self, painter: QPainter, placements: Sequence[EraPlacement], left: float, top: float,
                     bottom: float, width: float) -> None:
        """The wash of every era over the lanes, from ``top`` to ``bottom``, ``width`` wide from ``left``.

        All eras are painted into one strip a pixel high, and the strip is stretched over the lanes:
        one blend of the lanes' area whatever the number of eras, where an era each cost one apiece.
        """
        if not placements:
            return
        columns = max(math.ceil(width), 1)
        key = (columns, tuple((p.era.index, p.era.color, round(p.begin, 1), round(p.solid_begin, 1),
                               round(p.solid_finish, 1), round(p.finish, 1)) for p in placements))
        if key != self._strip_key:
            strip = QImage(columns, 1, QImage.Format.Format_ARGB32_Premultiplied)
            strip.fill(0)
            strip_painter = QPainter(strip)
            for placement in placements:
                color = era_color(placement.era)
                self.fill_soft(strip_painter, placement, 0.0, 0.0, 1.0, color, BEHIND_OPACITY)
                edge = QColor(color)
                edge.setAlphaF(0.45)
                for x, precise in ((placement.solid_begin, placement.begin == placement.solid_begin),
                                   (placement.solid_finish, placement.finish == placement.solid_finish)):
                    if precise and 0 <= x < columns:  # a sure boundary is a line; an unsure one is the fade itself
                        strip_painter.fillRect(QRectF(round(x), 0, 1, 1), edge)
            strip_painter.end()
            self._strip, self._strip_key = strip, key
        painter.drawImage(QRectF(left, top, columns, bottom - top), self._strip)

    def paint_band(self, painter: QPainter, placements: Sequence[EraPlacement], theme: Theme, band: QRectF,
                   left: float, selected: Era | None, transparent: bool) -> None:
        """The band under the axis: each era a block with its title; the selected one outlined."""
        if not transparent:
            painter.fillRect(band, theme.gutter)
        painter.fillRect(QRectF(band.x(), band.bottom() - 1, band.width(), 1), theme.grid_major)
        painter.setFont(self._font)
        painter.setPen(theme.muted_text)
        painter.drawText(QRectF(10, band.y(), left - 14, ERA_ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter, "Eras")
        painter.save()
        painter.setClipRect(QRectF(left, band.y(), band.width() - left, band.height()))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for placement in placements:
            color = era_color(placement.era)
            self.fill_soft(painter, placement, left, placement.top + 1, ERA_ROW_HEIGHT - 3, color, BAND_OPACITY)
            if placement.era is selected:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(theme.highlight, 2.0))
                x0, x1 = max(left + placement.begin, left - 4), min(left + placement.finish, band.right() + 4)
                painter.drawRoundedRect(QRectF(x0, placement.top + 1, x1 - x0, ERA_ROW_HEIGHT - 3), 4, 4)
            label = placement.label_rect
            if label is not None:
                shown = self._metrics.elidedText(placement.label, Qt.TextElideMode.ElideRight, label.width + 1)
                painter.setPen(theme.text)
                baseline = label.y + (label.height + self._metrics.ascent() - self._metrics.descent()) / 2
                painter.drawText(QPointF(left + label.x, baseline), shown)
        painter.restore()

    @staticmethod
    def fill_soft(painter: QPainter, placement: EraPlacement, left: float, top: float, height: float,
                   color: QColor, opacity: float) -> None:
        """``color`` at ``opacity`` over the era's sure part, fading out over its unsure ends."""
        solid = QColor(color)
        solid.setAlphaF(opacity)
        clear = QColor(color)
        clear.setAlphaF(0.0)
        begin, solid_begin = left + placement.begin, left + placement.solid_begin
        solid_finish, finish = left + placement.solid_finish, left + placement.finish
        # Zoomed in to hours, an era of years reaches millions of pixels past the view: what is
        # filled is cut to the view, while a fade keeps its true ends.
        low, high = left - 4.0, left + SIGHT
        if solid_finish > solid_begin:
            x0, x1 = max(solid_begin, low), min(solid_finish, high)
            if x1 > x0:
                painter.fillRect(QRectF(x0, top, x1 - x0, height), solid)
        for start, stop, fade_in in ((begin, solid_begin, True), (solid_finish, finish, False)):
            x0, x1 = max(start, low), min(stop, high)
            if stop - start < 0.5 or x1 <= x0:
                continue
            gradient = QLinearGradient(start, 0, stop, 0)
            gradient.setColorAt(0.0, clear if fade_in else solid)
            gradient.setColorAt(1.0, solid if fade_in else clear)
            painter.fillRect(QRectF(x0, top, x1 - x0, height), gradient)
