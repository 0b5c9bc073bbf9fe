"""Bars and markers: how an event's shape shows what is known of its dates.

A precisely known event is solid; one known only to a period fades where it may or may not
have happened; an approximate moment has a blurred halo, an uncertain one a dotted outline.
On screen the common shapes are stamped from cached sprites and wide fading bars are painted
in parts; elsewhere (exports, print) they are drawn as vectors.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QLinearGradient, QPainter, QPen, QPolygonF, QRadialGradient

from timeline_app.model.document import Event
from timeline_app.model.view.appearance import certainty_stops, is_precisely_known
from timeline_app.ui.canvas.sprites import SpriteCache
from timeline_app.ui.canvas.theme import legible, mix_colors, readable_text_on


class LaneStyle:
    """A lane's colours for one frame, fills mixed opaque over the lane's background."""

    def __init__(self, color: QColor, background: QColor) -> None:
        color = legible(color, background)
        self.color = color
        self.background = background
        self.key = (color.rgba(), background.rgba())  # what sprites drawn in this style depend on
        self.outline_color = color.darker(135)
        self.outline = QPen(self.outline_color, 1)
        self.text_on_fill = readable_text_on(color)
        self._mixed: dict[float, QColor] = {}
        self.soft_brushes: dict[tuple[tuple[float, float], ...], QBrush] = {}

    def mixed(self, opacity: float) -> QColor:
        found = self._mixed.get(opacity)
        if found is None:
            found = self._mixed[opacity] = mix_colors(self.color, self.background, opacity)
        return found


_DIAMONDS: dict[float, QPolygonF] = {}  # marker outlines by radius, centred on the origin


WIDE_BAR = 160.0  # pixels: a fading bar this wide is painted in parts (see paint_wide_bar)


CORNER = 4.0  # the radius of a bar's rounded corners


STAMPED_BAR_WIDTH = 64.0  # pixels: a solid bar up to this wide is stamped from a sprite on screen


@dataclass(frozen=True, slots=True)
class _WideBar:
    """A wide fading bar's parts, in pixels from its left end (see ShapePainter.paint_wide_bar)."""

    middle_left: float
    middle_right: float
    middle: QColor
    start_brush: QBrush
    end_brush: QBrush


_NOT_MADE = object()


def _marker_key(radius: float, style: LaneStyle, approximate: bool, uncertain: bool) -> Hashable:
    return (radius, style.key, approximate, uncertain)


def fill_outlined(painter: QPainter, rect: QRectF, radius: float, outline: QColor, fill: QColor,
                   width: float) -> None:
    """A rounded rectangle with an outline of ``width`` centred on its edge, as two fills.

    Stroking the outline with a pen costs three times as much as filling twice.
    """
    half = width / 2
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(outline)
    painter.drawRoundedRect(rect.adjusted(-half, -half, half, half), radius + half, radius + half)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), radius - half, radius - half)


class ShapePainter:
    """Paints bars and markers, keeping the sprites and brushes that make it quick."""

    def __init__(self, sprites: SpriteCache) -> None:
        self.sprites = sprites
        self.stamping = False  # this frame stamps cached sprites instead of drawing shapes
        self.sight = (0.0, 0.0)  # the x range in sight this frame: parts of wide bars outside are not painted
        # Wide fading bars by event, width and style: panning keeps their width, so their parts are made once.
        self._wide_bars: dict[tuple[Event, float, LaneStyle], object] = {}

    def forget(self) -> None:
        """Drop what was made for another palette or screen."""
        self._wide_bars.clear()

    def paint_marker(self, painter: QPainter, x: float, y: float, radius: float, style: LaneStyle,
                      event: Event) -> None:
        approximate, uncertain = event.start.approximate, event.start.uncertain
        if self.stamping:
            # Looked up by key first: making the recipe each frame would cost a closure a marker.
            sprite = self.sprites.cached_shape(_marker_key(radius, style, approximate, uncertain))
            if sprite is None:
                sprite = self.sprites.shape(*self.marker_sprite_recipe(radius, style, approximate, uncertain))
            sprite.stamp(painter, x, y)
            return
        self.draw_marker(painter, QPointF(x, y), radius, style, approximate, uncertain)

    def marker_sprite_recipe(self, radius: float, style: LaneStyle, approximate: bool,
                              uncertain: bool) -> tuple[Hashable, int, Callable[[QPainter], None]]:
        """What a marker's sprite is made of: its key, how far it reaches from its centre, how to paint it."""
        def paint(sprite_painter: QPainter) -> None:
            self.draw_marker(sprite_painter, QPointF(0, 0), radius, style, approximate, uncertain)

        reach = math.ceil(radius * 2.4 if approximate else radius + 2) + 1
        return _marker_key(radius, style, approximate, uncertain), reach, paint

    @staticmethod
    def draw_marker(painter: QPainter, center: QPointF, radius: float, style: LaneStyle, approximate: bool,
                     uncertain: bool) -> None:
        color = style.color
        if approximate:
            # A blurred halo: the eye sees that the moment is only roughly known.
            halo = QRadialGradient(center, radius * 2.4)
            halo.setColorAt(0.0, style.mixed(0.45))
            halo.setColorAt(1.0, style.background)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(halo))
            painter.drawEllipse(center, radius * 2.4, radius * 2.4)
        diamond = _DIAMONDS.get(radius)
        if diamond is None:
            reach = radius + 1
            diamond = _DIAMONDS[radius] = QPolygonF([QPointF(0, -reach), QPointF(reach, 0), QPointF(0, reach),
                                                     QPointF(-reach, 0)])
        diamond = diamond.translated(center)
        if uncertain:
            painter.setBrush(style.background)
            painter.setPen(QPen(color, 1.6, Qt.PenStyle.DotLine))
        else:
            painter.setBrush(color)
            painter.setPen(style.outline)
        painter.drawPolygon(diamond)

    def paint_bar(self, painter: QPainter, rect: QRectF, style: LaneStyle, event: Event) -> None:
        """A bar whose opacity shows what is known: solid where certain, fading where not."""
        if is_precisely_known(event):
            if self.stamping and rect.width() <= STAMPED_BAR_WIDTH:
                self._stamp_solid_bar(painter, rect, style)
            else:
                fill_outlined(painter, rect, 4, style.outline_color, style.mixed(0.9), 1.0)
            return
        uncertain = event.start.uncertain or (event.end is not None and event.end.uncertain)
        if not uncertain and rect.width() >= WIDE_BAR and self.paint_wide_bar(painter, rect, style, event):
            return
        brush = self.bar_brush(style, event, max(rect.width(), 1.0))
        if uncertain:
            painter.setPen(QPen(style.color, 1.2, Qt.PenStyle.DashLine))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(brush)
        painter.drawRoundedRect(rect, 4, 4)

    def _stamp_solid_bar(self, painter: QPainter, rect: QRectF, style: LaneStyle) -> None:
        """A short solid bar from a sprite of its size in whole pixels: two antialiased rounded
        rectangles cost about 9 µs however short the bar, an image about 2."""
        width, height = max(round(rect.width()), 1), max(round(rect.height()), 1)
        key = ("bar", width, height, style.key)
        sprite = self.sprites.cached_shape(key)
        if sprite is None:
            def paint(sprite_painter: QPainter) -> None:
                fill_outlined(sprite_painter, QRectF(-width / 2, -height / 2, width, height), 4, style.outline_color,
                               style.mixed(0.9), 1.0)

            sprite = self.sprites.shape(key, math.ceil(max(width, height) / 2) + 2, paint)
        sprite.stamp(painter, rect.x() + rect.width() / 2, rect.y() + rect.height() / 2)

    def paint_wide_bar(self, painter: QPainter, rect: QRectF, style: LaneStyle, event: Event) -> bool:
        """A wide fading bar as its solid middle and two fading ends; False if it has no long solid run.

        Filling with a gradient costs five times a solid fill a pixel, and a bar of a range seen
        from inside is hundreds of pixels of one opacity. Only the parts in sight are painted.
        """
        key = (event, round(rect.width(), 1), style)
        shape = self._wide_bars.get(key, _NOT_MADE)
        if shape is _NOT_MADE:
            if len(self._wide_bars) > 20_000:
                self._wide_bars.clear()
            shape = self._wide_bars[key] = self._wide_bar_shape(style, event, rect.width())
        if shape is None:
            return False
        assert isinstance(shape, _WideBar)
        left, top, height = rect.x(), rect.y(), rect.height()
        middle_left, middle_right = left + shape.middle_left, left + shape.middle_right
        sight_left, sight_right = self.sight
        painter.setPen(Qt.PenStyle.NoPen)
        if middle_left > sight_left:
            painter.setBrush(shape.start_brush)
            painter.drawRoundedRect(QRectF(left, top, shape.middle_left + CORNER, height), CORNER, CORNER)
        if middle_right < sight_right:
            painter.setBrush(shape.end_brush)
            painter.drawRoundedRect(QRectF(middle_right - CORNER, top, rect.width() - shape.middle_right + CORNER,
                                           height), CORNER, CORNER)
        shown_left, shown_right = max(middle_left, sight_left), min(middle_right, sight_right)
        if shown_right > shown_left:
            painter.fillRect(QRectF(shown_left, top, shown_right - shown_left, height), shape.middle)
        return True

    def _wide_bar_shape(self, style: LaneStyle, event: Event, width: float) -> _WideBar | None:
        """How a bar ``width`` wide splits into a solid middle and two ends, each a rounded bar of its
        own running CORNER past the middle's edge with the middle's opacity, so that the middle
        covers the ends' inner corners and the bar's own ends keep theirs."""
        stops = certainty_stops(event, width)
        runs = [(stops[n + 1][0] - stops[n][0], n) for n in range(len(stops) - 1) if stops[n][1] == stops[n + 1][1]]
        if not runs:
            return None
        _, at = max(runs)
        alpha = stops[at][1]
        middle_left = max(stops[at][0] * width, CORNER)
        middle_right = min(stops[at + 1][0] * width, width - CORNER)
        if middle_right - middle_left < WIDE_BAR / 2:
            return None
        # The stops up to the run, then the run; and the run, then the stops after it.
        start_length = middle_left + CORNER
        start_stops = [((position * width) / start_length, value) for position, value in stops[:at + 1]]
        end_begin = middle_right - CORNER
        end_stops = [((position * width - end_begin) / (width - end_begin), value)
                     for position, value in stops[at + 1:]]
        return _WideBar(middle_left, middle_right, style.mixed(alpha),
                        self._bar_end_brush(style, [*start_stops, (1.0, alpha)], solid_from_start=False),
                        self._bar_end_brush(style, [(0.0, alpha), *end_stops], solid_from_start=True))

    def _bar_end_brush(self, style: LaneStyle, stops: list[tuple[float, float]], solid_from_start: bool) -> QBrush:
        """The brush of one fading end of a wide bar, shared with ends of like shape (stops in twentieths).

        The stop where the solid run begins is rounded towards the run's side of the end, so the
        fade has reached the middle's opacity where the middle takes over: no step at the join.
        """
        solid_at = 1 if solid_from_start else len(stops) - 2  # the stop that meets the solid run
        rounded = []
        for number, (position, value) in enumerate(stops):
            clamped = min(max(position, 0.0), 1.0)
            if number == solid_at:
                twentieths = math.floor(clamped * 20) if not solid_from_start else math.ceil(clamped * 20)
            else:
                twentieths = round(clamped * 20)
            rounded.append((twentieths / 20, value))
        key = tuple(rounded)
        brush = style.soft_brushes.get(key)
        if brush is None:
            if len(style.soft_brushes) > 2000:
                style.soft_brushes.clear()
            brush = style.soft_brushes[key] = self.gradient_brush(style, key)
        return brush

    def bar_brush(self, style: LaneStyle, event: Event, width: float, made: list[QBrush] | None = None) -> QBrush:
        """The fading fill of an imprecise bar; a brush made anew is also added to ``made``."""
        # Stops relative to the bar, rounded to a twentieth: bars of like shape share one brush.
        # Qt keeps the colour tables of only 60 gradients; more distinct ones a frame thrash it.
        stops = tuple((round(position * 20) / 20, alpha) for position, alpha in certainty_stops(event, width))
        brush = style.soft_brushes.get(stops)
        if brush is None:
            if len(style.soft_brushes) > 2000:
                style.soft_brushes.clear()
            brush = style.soft_brushes[stops] = self.gradient_brush(style, stops)
            if made is not None:
                made.append(brush)
        return brush

    @staticmethod
    def gradient_brush(style: LaneStyle, stops: tuple[tuple[float, float], ...]) -> QBrush:
        gradient = QLinearGradient(0.0, 0, 1.0, 0)
        gradient.setCoordinateMode(QLinearGradient.CoordinateMode.ObjectBoundingMode)
        for position, alpha in stops:
            gradient.setColorAt(min(max(position, 0.0), 1.0), style.mixed(alpha))
        return QBrush(gradient)
