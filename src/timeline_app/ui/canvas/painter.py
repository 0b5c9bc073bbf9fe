"""Painting the timeline: one painter for the window and for every export.

A :class:`Frame` says what to paint (a scene laid out by :mod:`timeline_app.model.view.layout`,
the view, the index, the selection and search); :class:`TimelinePainter` turns it into
pixels or vectors on any QPainter: the canvas widget's, a PNG's, an SVG's, a PDF's or a
printer's. It holds what painting needs across frames: the theme, fonts and their measures,
sprites of labels and markers, gradient brushes. On screen labels and markers are stamped
from cached images; elsewhere they are drawn as text and shapes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPalette,
    QPen,
)

from timeline_app.model.document import Era, Event
from timeline_app.model.view.appearance import is_precisely_known, shorten_at_word
from timeline_app.model.view.axis import AxisLayout, layout_axis
from timeline_app.model.view.colours import event_color
from timeline_app.model.view.eras import EraPlacement, era_at, era_band_height, layout_eras
from timeline_app.model.view.index import TimelineIndex
from timeline_app.model.view.scene import (
    THIN_BAR_HEIGHT,
    Cluster,
    Density,
    Measure,
    Placement,
    Scene,
    ThroughStack,
)
from timeline_app.model.view.viewport import Viewport
from timeline_app.model.zones import Zone
from timeline_app.ui.canvas.calendar_names import QtCalendarNames
from timeline_app.ui.canvas.density_strip import paint_density
from timeline_app.ui.canvas.era_painter import EraPainter
from timeline_app.ui.canvas.lane_header import lane_header
from timeline_app.ui.canvas.match_marks import MatchMarks
from timeline_app.ui.canvas.shapes import LaneStyle, ShapePainter, fill_outlined
from timeline_app.ui.canvas.sprites import SpriteCache, can_stamp
from timeline_app.ui.canvas.theme import Theme, legible, ui_font

AXIS_HEIGHT = 48.0
GUTTER_WIDTH = 136.0
MAX_LABEL_WIDTH = 380.0
FOOTER_HEIGHT = 24.0
EMPTY_TEXT = "No events to show.\nOpen an events.json file (Ctrl+O) or drop one here."


class _Font(Enum):
    LABEL = 0
    BOLD = 1
    SMALL = 2


@dataclass(slots=True)
class Frame:
    """What one frame shows, and in how much room: all a painter needs, from a window or not."""

    scene: Scene
    index: TimelineIndex
    view: Viewport
    width: float  # the whole area: the lane headers, the timeline and, in a window, its scroll bar
    height: float
    timeline_width: float  # the part right of the lane headers that time is laid out over
    timeline_height: float  # the lanes' height, below the axis and above the footer
    footer_height: float = 0.0  # a window's strip of "◀ N earlier" marks; none on a page
    selected: Event | None = None
    hovered: Event | None = None
    matches: set[Event] | None = None
    current_match: Event | None = None
    for_export: bool = False  # a page: no count of what is in view
    transparent: bool = False  # a PNG without a background
    empty_text: str = EMPTY_TEXT
    selected_era: Era | None = None
    zone: Zone | None = None  # the clocks the axis counts hours and days on (None: UTC)

    @property
    def lanes_top(self) -> float:
        return lanes_top(self.index)


def lanes_top(index: TimelineIndex) -> float:
    """Where the lanes begin: below the axis and, when the file has eras, below their band."""
    return AXIS_HEIGHT + era_band_height(index.eras)


class TimelinePainter:
    """Paints frames; keeps the fonts, measures, sprites and brushes that make it quick."""

    def __init__(self, palette: QPalette) -> None:
        self.theme = Theme.from_palette(palette)
        self.names = QtCalendarNames(QLocale())
        self.sprites = SpriteCache()
        self.shapes = ShapePainter(self.sprites)
        # How to stamp each label as last drawn: (image, dx, dy), valid for one sprite generation.
        self._stamps: dict[tuple[str, int, int, int, int], tuple[QImage, int, float]] = {}
        self._stamps_generation = -1
        self.stamping = False  # this frame stamps cached sprites instead of drawing text and markers
        self._lane_backgrounds: dict[tuple[str, bool], QColor] = {}  # by lane, and whether its thin-bar section
        self._lane_styles: dict[tuple[str, str, bool], LaneStyle] = {}  # this frame's, by lane, colour and section
        self._styles: dict[tuple[str, int], LaneStyle] = {}  # kept across frames, by colour and background
        self._warm_image = QImage(4, 1, QImage.Format.Format_ARGB32_Premultiplied)
        self._frame: Frame | None = None
        self._top = AXIS_HEIGHT
        self.eras = EraPainter()
        # Where the matches of the search shown lie: (the matches, the index, their spans).
        self.matches = MatchMarks()
        self._selected: Event | None = None
        self._hovered: Event | None = None
        self.forget_text_measures()

    def set_palette(self, palette: QPalette) -> None:
        """Colours from a new palette: everything drawn in the old ones is made again."""
        self.theme = Theme.from_palette(palette)
        self.sprites.clear()
        self._styles.clear()
        self.shapes.forget()

    def forget_text_measures(self) -> None:
        """Fonts and measures made again: another screen, resolution or application font."""
        self._label_font, self._small_font = ui_font(), ui_font(-1.0)
        self.axis_bold = ui_font(0.0, bold=True)
        self._label_metrics = QFontMetricsF(self._label_font)
        self.small_metrics = QFontMetricsF(self._small_font)
        self._bold_metrics = QFontMetricsF(self.axis_bold)
        self.eras.use_font(ui_font(-1.0, bold=True))
        self._label_widths: dict[str, float] = {}
        self._char_widths: dict[str, float] = {}
        self._shown_texts: dict[tuple[str, int, int], str] = {}  # labels as drawn: elided to fit
        self._axis_widths: dict[str, float] = {}
        self.sprites.clear()
        # A new measure with each change of fonts: the layout keeps each event's label width made by
        # one measure (TimelineIndex.labels) and starts afresh when handed another.
        self.measure_label: Measure = lambda text: min(self._full_label_width(text), MAX_LABEL_WIDTH)

    def _full_label_width(self, text: str) -> float:
        width = self._label_widths.get(text)
        if width is None:
            # Summing cached advances of single characters is several times faster than asking
            # Qt to shape each new label; the slack covers kerning, which this ignores.
            advances = self._char_widths
            total = 0.0
            for character in text:
                advance = advances.get(character)
                if advance is None:
                    advance = advances[character] = self._label_metrics.horizontalAdvance(character)
                total += advance
            width = self._label_widths[text] = total * 1.02 + 1.0
            if len(self._label_widths) > 200_000:
                self._label_widths.clear()
        return width

    def _x_for_time(self, moment: float) -> float:
        assert self._frame is not None
        return GUTTER_WIDTH + self._frame.view.x_of(moment, self._frame.timeline_width)

    @property
    def _f(self) -> Frame:
        assert self._frame is not None, "painting methods run inside paint()"
        return self._frame

    def paint(self, painter: QPainter, area: QRectF, frame: Frame) -> None:
        """Paint one whole frame of ``frame`` into ``area``: the same for the window and every export."""
        self._frame = frame
        self._top = frame.lanes_top
        # Looked up for each event drawn: kept at hand rather than through the frame.
        self._selected, self._hovered = frame.selected, frame.hovered
        transparent = frame.transparent
        # Backgrounds, stripes, rules and density steps are whole-pixel rectangles: filled without
        # antialiasing they cost a third as much. Shapes of events are antialiased.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        theme = self.theme
        self.stamping = self.shapes.stamping = can_stamp(painter)
        self.shapes.sight = (GUTTER_WIDTH - 8.0, GUTTER_WIDTH + frame.timeline_width + 8.0)
        if self.stamping:
            device = painter.device()
            self.sprites.use_ratio(device.devicePixelRatioF() if device is not None else 1.0)
            if self.sprites.generation != self._stamps_generation:
                self._stamps.clear()
                self._stamps_generation = self.sprites.generation

        if not transparent:
            painter.fillRect(area, theme.background)
        scene = frame.scene
        # Fills are mixed with their lane's background up front: opaque pixels paint far faster
        # than blended ones, and the rows of a lane never overlap.
        self._lane_backgrounds = {(band.lane.key, band.stack): theme.lane_stripe if position % 2 else theme.background
                                  for position, band in enumerate(scene.bands)}
        self._lane_styles = {}
        self._paint_lanes(painter, scene)
        painter.save()
        painter.setClipRect(QRectF(GUTTER_WIDTH, self._top, self._f.timeline_width,
                                   self._f.timeline_height))
        eras = layout_eras(frame.index.eras, frame.view, frame.timeline_width, AXIS_HEIGHT, self._measure_era_title)
        self.eras.paint_behind(painter, eras, GUTTER_WIDTH, self._top, self._top + frame.timeline_height,
                               frame.timeline_width)
        axis = layout_axis(self._f.view, self._f.timeline_width, self._measure_axis_text, self.names, frame.zone)
        self._paint_grid(painter, axis.minor_ticks, axis.major_ticks)
        self._paint_today(painter)
        matches = self._f.matches
        top, bottom = self._top, self._top + self._f.timeline_height
        for density in scene.densities:
            if density.top + density.height < top or density.top > bottom:
                continue
            quiet = matches is not None and not self.matches.in_density(matches, frame.index, frame.view, density)
            if quiet:
                painter.setOpacity(0.3)  # a search is on and nothing here matches
            self._paint_density(painter, density)
            painter.setOpacity(1.0)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for cluster in scene.clusters:
            if cluster.rect.bottom < top or cluster.rect.y > bottom:
                continue
            holds_match = matches is not None and any(event in matches for event in cluster.events)
            if matches is not None and not holds_match:
                painter.setOpacity(0.3)
            self._paint_cluster(painter, cluster)
            painter.setOpacity(1.0)
            if holds_match:
                # A match hidden in a count mark still shows: the mark lights up.
                rect = cluster.rect
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(self.theme.highlight, 2.5))
                painter.drawRoundedRect(QRectF(GUTTER_WIDTH + rect.x - 3, rect.y - 3, rect.width + 6,
                                               rect.height + 6), rect.height / 2 + 3, rect.height / 2 + 3)
        for stack in scene.stacks:
            self._paint_stack(painter, stack, stack.in_sight(top, bottom))
        current = self._f.current_match
        for placement in scene.placements:
            shape = placement.shape
            if shape.bottom < top or shape.y > bottom:
                continue  # rows scrolled out of sight: a busy lane may have dozens
            if matches is not None and placement.event not in matches:
                painter.setOpacity(0.22)  # not a match: still there for context, but quiet
                self._paint_placement(painter, placement)
                painter.setOpacity(1.0)
            else:
                self._paint_placement(painter, placement)
                if matches is not None:
                    self.matches.paint_halo(painter, placement, placement.event is current, self.theme.highlight,
                                            GUTTER_WIDTH)
        painter.restore()
        self._paint_footer(painter)
        self._paint_axis(painter, axis)
        if frame.index.eras:
            band = QRectF(0, AXIS_HEIGHT, frame.width, self._top - AXIS_HEIGHT)
            self.eras.paint_band(painter, eras, self.theme, band, GUTTER_WIDTH, frame.selected_era, transparent)
        if not self._f.index.ordered:
            self._paint_empty(painter)
        self.sprites.finish()

    def prepare(self, scene: Scene) -> None:
        """Make ahead what painting ``scene`` would make first: label sprites, marker shapes, gradients.

        Done between frames for the next zoom step either way, so the zoom finds them ready.
        """
        label_font, label_metrics = self._font(_Font.LABEL)
        new_brushes: list[QBrush] = []
        for placement in scene.placements:
            style = self._lane_style(placement.lane.key, placement.color or placement.lane.color)
            if placement.is_marker:  # a handful of shapes a lane, each costly the first time
                start = placement.event.start
                self.sprites.note_shape(*self.shapes.marker_sprite_recipe(placement.shape.width / 2, style,
                                                                          start.approximate, start.uncertain))
            elif not is_precisely_known(placement.event):
                self.shapes.bar_brush(style, placement.event, max(placement.shape.width, 1.0), new_brushes)
            if placement.label_rect is not None:
                shown = self._shown_text(placement.label, placement.label_rect.width, _Font.LABEL)
                self.sprites.cached_text(shown, label_font, label_metrics, self._label_color(placement, style),
                                          _Font.LABEL.value, self._full_label_width(shown))
        if new_brushes:
            # Qt makes a gradient's colour table the first time it fills with it (tens of
            # microseconds each); doing that now keeps it out of the next frame.
            warmer = QPainter(self._warm_image)
            for brush in new_brushes:
                warmer.fillRect(QRectF(0, 0, 4, 1), brush)
            warmer.end()
        for band in scene.bands:  # lanes that come into sight as others shrink
            header, indent = lane_header(band.lane)
            shown = self._shown_text(header, GUTTER_WIDTH - 38 - indent, _Font.LABEL)
            self.sprites.cached_text(shown, label_font, label_metrics, self.theme.text, _Font.LABEL.value,
                                      self._full_label_width(shown))
        bold_font, bold_metrics = self._font(_Font.BOLD)
        for cluster in scene.clusters:
            if cluster.label_rect is not None:
                shown = self._shown_text(cluster.label, cluster.label_rect.width, _Font.BOLD)
                self.sprites.cached_text(shown, bold_font, bold_metrics, self.theme.text, _Font.BOLD.value)

    def era_placements(self, frame: Frame) -> list[EraPlacement]:
        """Where ``frame``'s eras lie in their band, for what the mouse points at."""
        return layout_eras(frame.index.eras, frame.view, frame.timeline_width, AXIS_HEIGHT, self._measure_era_title)

    def era_at(self, frame: Frame, x: float, y: float) -> Era | None:
        """The era under the point (x, y) of the frame, on the band under the axis; None elsewhere."""
        if not (AXIS_HEIGHT <= y < frame.lanes_top) or x < GUTTER_WIDTH:
            return None
        return era_at(self.era_placements(frame), x - GUTTER_WIDTH, y)

    def _measure_era_title(self, text: str) -> float:
        return self.eras.measure(text)

    def _measure_axis_text(self, text: str) -> float:
        # The axis measures the same few hundred strings (numbers, month names) every frame.
        width = self._axis_widths.get(text)
        if width is None:
            width = self._axis_widths[text] = self._bold_metrics.horizontalAdvance(text)
        return width

    def _paint_lanes(self, painter: QPainter, scene: Scene) -> None:
        theme = self.theme
        width = self._f.width
        if not self._f.transparent:
            painter.fillRect(QRectF(0, self._top, GUTTER_WIDTH, self._f.timeline_height), theme.gutter)
        painter.save()
        painter.setClipRect(QRectF(0, self._top, width, self._f.timeline_height))
        # Rules and stripes are whole-pixel rectangles: filled without antialiasing, they cost a
        # fraction of a stroked line.
        visible_bottom = self._top + self._f.timeline_height
        for position, band in enumerate(scene.bands):
            top, bottom = round(band.top), round(band.top + band.height)
            if bottom < self._top or top > visible_bottom:
                continue  # lanes scrolled out of view: with thousands of lanes, most of them
            if position % 2 and not self._f.transparent:
                painter.fillRect(QRectF(GUTTER_WIDTH, top, width - GUTTER_WIDTH, bottom - top), theme.lane_stripe)
            painter.fillRect(QRectF(0, bottom, width, 1), theme.grid_minor)
            header, indent = lane_header(band.lane)
            swatch = QRectF(10 + indent, band.top + 9, 10, 10)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(legible(QColor(band.lane.color), theme.gutter))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.drawRoundedRect(swatch, 2, 2)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            self._draw_label(painter, 28 + indent, band.top + 4, GUTTER_WIDTH - 38 - indent, 20, header,
                             _Font.LABEL, theme.text)
            if band.height >= 40:
                count = len(band.lane.events)
                text = f"{count:,} event{'s' if count != 1 else ''}"
                if band.stack:
                    count = next(len(stack.events) for stack in scene.stacks if stack.lane is band.lane)
                    text = f"{count:,} under way"
                self._draw_label(painter, 28 + indent, band.top + 22, GUTTER_WIDTH - 38 - indent, 18, text,
                                 _Font.SMALL, theme.muted_text)
            if band.through_counted:  # a page's ranges through it that found no row
                self._draw_label(painter, 28, band.top + 38, GUTTER_WIDTH - 38, 18,
                                 f"+{len(band.through_counted):,} under way", _Font.SMALL, theme.muted_text)
        if scene.stacks_top is not None and self._top - 24 <= scene.stacks_top <= visible_bottom:
            count = sum(len(stack.events) for stack in scene.stacks)
            painter.fillRect(QRectF(0, round(scene.stacks_top), width, 1), theme.grid_major)
            caption = (f"{count:,} more {'range is' if count == 1 else 'ranges are'} under way all through this "
                       "view, a thin bar each: hover one to read it, click one to bring it up in its lane")
            self._draw_label(painter, GUTTER_WIDTH + 8, scene.stacks_top + 2, width - GUTTER_WIDTH - 16, 20, caption,
                             _Font.SMALL, theme.muted_text)
        painter.restore()
        painter.fillRect(QRectF(GUTTER_WIDTH, self._top, 1, self._f.timeline_height), theme.grid_major)

    def _paint_grid(self, painter: QPainter, minor: list[float], major: list[float]) -> None:
        height = self._f.timeline_height
        for ticks, color in ((minor, self.theme.grid_minor), (major, self.theme.grid_major)):
            for tick in ticks:
                painter.fillRect(QRectF(round(self._x_for_time(tick)), self._top, 1, height), color)

    def _paint_today(self, painter: QPainter) -> None:
        x = self._x_for_time(time.time())
        if GUTTER_WIDTH <= x <= self._f.width:
            painter.setPen(QPen(self.theme.today, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, self._top), QPointF(x, self._f.height))

    def _paint_axis(self, painter: QPainter, axis: AxisLayout) -> None:
        theme = self.theme
        if not self._f.transparent:
            painter.fillRect(QRectF(0, 0, self._f.width, AXIS_HEIGHT), theme.gutter)
        painter.fillRect(QRectF(0, AXIS_HEIGHT - 1, self._f.width, 1), theme.grid_major)
        painter.save()
        painter.setClipRect(QRectF(GUTTER_WIDTH, 0, self._f.timeline_width, AXIS_HEIGHT))
        for tick in axis.minor_ticks:
            painter.fillRect(QRectF(round(self._x_for_time(tick)), AXIS_HEIGHT - 6, 1, 6), theme.grid_major)
        for tick in axis.major_ticks:
            painter.fillRect(QRectF(round(self._x_for_time(tick)), 0, 1, AXIS_HEIGHT), theme.grid_major)
        for label in axis.labels:
            self._draw_label(painter, GUTTER_WIDTH + label.x, 3 if label.major else 24, label.width, 20,
                             label.text, _Font.BOLD, theme.text if label.major else theme.muted_text)
        painter.restore()
        if self._f.for_export:
            return  # a page is not a window onto more: no count of what is in view
        # Two short lines: a million of a million no longer fits the gutter on one.
        view = self._f.view
        in_view, total = self._f.index.count_in_view(view.start, view.end), len(self._f.index.ordered)
        # "All" when nothing is outside the view: "1,000,000 of 1,000,000" would not fit, and says less.
        count = f"All {total:,}" if in_view == total else f"{in_view:,} of {total:,}"
        self._draw_label(painter, 10, 6, GUTTER_WIDTH - 14, 18, count, _Font.SMALL, theme.muted_text)
        self._draw_label(painter, 10, 24, GUTTER_WIDTH - 14, 18, "in view", _Font.SMALL, theme.muted_text)

    def _paint_stack(self, painter: QPainter, stack: ThroughStack, in_sight: range) -> None:
        """The bars of ``stack`` in sight: each across the view, solid where its dates are exact."""
        if not in_sight:
            return
        width = self._f.timeline_width
        matches, hovered = self._f.matches, self._hovered
        lane = stack.lane
        for position in in_sight:
            event = stack.events[position]
            color = event_color(stack.colors, event, lane.color)
            style = self._lane_style(lane.key, color, in_stack=True)
            fill = style.mixed(0.9 if is_precisely_known(event) else 0.45)
            rect = QRectF(GUTTER_WIDTH, stack.bar_top(position), width, THIN_BAR_HEIGHT)
            if matches is not None and event not in matches:
                fill = style.mixed(0.15)  # not a match: still there, but quiet
            painter.fillRect(rect, fill)
            if event is hovered:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(self.theme.grid_major, 1.0))
                painter.drawRect(rect.adjusted(0, -2, 0, 2))

    def edge_marks(self, frame: Frame) -> list[tuple[QRectF, str, int]]:
        """Where the marks of events before and after the view are: (rect, text, side -1 or 1)."""
        self._frame = frame
        self._top = frame.lanes_top
        return self._edge_marks()

    def _edge_marks(self) -> list[tuple[QRectF, str, int]]:
        """The marks at the timeline's edges that say how many events lie beyond them: (rect, text, side)."""
        frame = self._f
        earlier, later = frame.index.count_before(frame.view.start), frame.index.count_after(frame.view.end)
        marks = []
        metrics = self.small_metrics
        y = self._top + self._f.timeline_height + (FOOTER_HEIGHT - 18) / 2
        if earlier:
            text = f"◀ {earlier:,} earlier"
            marks.append((QRectF(GUTTER_WIDTH + 6, y, metrics.horizontalAdvance(text) + 16, 18), text, -1))
        if later:
            text = f"{later:,} later ▶"
            width = metrics.horizontalAdvance(text) + 16
            right = GUTTER_WIDTH + self._f.timeline_width - 6
            marks.append((QRectF(right - width, y, width, 18), text, 1))
        return marks

    def _paint_footer(self, painter: QPainter) -> None:
        """The strip below the lanes: how many events lie before and after the view, each a button."""
        height = self._f.footer_height
        if not height:
            return
        theme = self.theme
        top = self._top + self._f.timeline_height
        painter.fillRect(QRectF(0, top, self._f.width, height), theme.gutter)
        painter.fillRect(QRectF(0, top, self._f.width, 1), theme.grid_major)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for rect, text, _side in self._edge_marks():
            painter.setPen(QPen(theme.grid_major, 1))
            painter.setBrush(theme.background)
            painter.drawRoundedRect(rect, 9, 9)
            self._draw_label(painter, rect.x() + 8, rect.y(), rect.width() - 12, rect.height(), text,
                             _Font.SMALL, theme.text)

    def _lane_style(self, lane_key: str, lane_color: str, *, in_stack: bool = False) -> LaneStyle:
        """The style of a lane's fills in one colour, over its own band or over its section of thin bars."""
        style = self._lane_styles.get((lane_key, lane_color, in_stack))
        if style is None:
            background = self._lane_backgrounds.get((lane_key, in_stack), self.theme.background)
            # Kept across frames: each style caches the brushes and mixed colours made for it.
            shared_key = (lane_color, background.rgba())
            style = self._styles.get(shared_key)
            if style is None:
                style = self._styles[shared_key] = LaneStyle(QColor(lane_color), background)
            self._lane_styles[(lane_key, lane_color, in_stack)] = style
        return style

    def _paint_placement(self, painter: QPainter, placement: Placement) -> None:
        event = placement.event
        lane = placement.lane
        color = placement.color or lane.color
        style = self._lane_style(lane.key, color)
        shape = placement.shape
        selected = event is self._selected
        if placement.is_marker:
            # The commonest shape: placed straight from the layout's numbers, no rectangle made.
            self.shapes.paint_marker(painter, GUTTER_WIDTH + shape.x + shape.width / 2, shape.y + shape.height / 2,
                                     shape.width / 2, style, event)
        else:
            self.shapes.paint_bar(painter, QRectF(GUTTER_WIDTH + shape.x, shape.y, shape.width, shape.height), style,
                                  event)
        if selected or event is self._hovered:
            outline = QRectF(GUTTER_WIDTH + shape.x - 3, shape.y - 3, shape.width + 6, shape.height + 6)
            if placement.label_rect is not None and not placement.label_inside:
                label = placement.label_rect
                outline = outline.united(QRectF(GUTTER_WIDTH + label.x - 2, label.y - 3,
                                                label.width + 6, label.height + 6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen_color = self.theme.highlight if selected else self.theme.grid_major
            painter.setPen(QPen(pen_color, 2.0 if selected else 1.0))
            painter.drawRoundedRect(outline, 5, 5)
        if placement.label_rect is not None:
            label = placement.label_rect
            # The selection shows as an outline: a bold label would no longer fit the space laid out.
            self._draw_label(painter, GUTTER_WIDTH + label.x, label.y, label.width, label.height,
                             placement.label, _Font.LABEL, self._label_color(placement, style))

    def _label_color(self, placement: Placement, style: LaneStyle) -> QColor:
        solid = placement.label_inside and is_precisely_known(placement.event)
        return style.text_on_fill if solid else self.theme.text

    def _shown_text(self, text: str, width: float, font: _Font) -> str:
        """``text`` as it fits in ``width``: whole, or elided; cached, since eliding means shaping."""
        key = (text, round(width), font.value)
        shown = self._shown_texts.get(key)
        if shown is None:
            metrics = self._font(font)[1]
            measured = self._full_label_width(text) if font is _Font.LABEL else metrics.horizontalAdvance(text)
            if measured <= width + 0.5:
                shown = text
            else:
                measure = self._full_label_width if font is _Font.LABEL else metrics.horizontalAdvance
                shown = shorten_at_word(text, width + 1, measure)
            if len(self._shown_texts) > 50_000:
                self._shown_texts.clear()
            self._shown_texts[key] = shown
        return shown

    def _font(self, font: _Font) -> tuple[QFont, QFontMetricsF]:
        if font is _Font.LABEL:
            return self._label_font, self._label_metrics
        if font is _Font.BOLD:
            return self.axis_bold, self._bold_metrics
        return self._small_font, self.small_metrics

    def _draw_label(self, painter: QPainter, x: float, top: float, width: float, height: float, text: str,
                    font: _Font, color: QColor) -> None:
        """Text vertically centred in a band, elided to its width; how it is shortened is cached.

        On screen the text is stamped from a cached sprite; elsewhere it is drawn as text at its
        baseline (QStaticText would be faster, but in this Qt it ignores the painter's translation).
        """
        if self.stamping:
            # Most labels of a frame were in the last one too: one lookup finds how to stamp them.
            key = (text, round(width), round(height), font.value, color.rgba())
            stamp = self._stamps.get(key)
            if stamp is not None:
                image, dx, dy = stamp
                painter.drawImage(round(x) + dx, round(top + dy), image)
                return
        qfont, metrics = self._font(font)
        shown = self._shown_text(text, width, font)
        offset = (height + metrics.ascent() - metrics.descent()) / 2
        baseline = top + offset
        if self.stamping:
            # A label's width as laid out (with its slack for kerning) spares shaping it again.
            advance = self._full_label_width(shown) if font is _Font.LABEL else None
            sprite = self.sprites.cached_text(shown, qfont, metrics, color, font.value, advance)
            if sprite is not None:
                if len(self._stamps) > 20_000:
                    self._stamps.clear()
                # Rounded as Sprite.stamp rounds: the baseline's pixel, less the anchor's place in the image.
                self._stamps[key] = (sprite.image, -sprite.anchor_x, offset - sprite.anchor_y)
                sprite.stamp(painter, x, baseline)
                return
            x, baseline = round(x), round(baseline)  # where its sprite will land in later frames
        painter.setFont(qfont)
        painter.setPen(color)
        painter.drawText(QPointF(x, baseline), shown)


    def _paint_cluster(self, painter: QPainter, cluster: Cluster) -> None:
        style = self._lane_style(cluster.lane.key, cluster.lane.color)
        rect = cluster.rect
        body = QRectF(GUTTER_WIDTH + rect.x, rect.y, rect.width, rect.height)
        fill_outlined(painter, body, rect.height / 2, style.color, style.mixed(0.22), 1.2)
        if cluster.label_rect is not None:
            label = cluster.label_rect
            self._draw_label(painter, GUTTER_WIDTH + label.x, label.y, label.width, label.height,
                             cluster.label, _Font.BOLD, self.theme.text)

    def _paint_density(self, painter: QPainter, density: Density) -> None:
        style = self._lane_style(density.lane.key, density.lane.color)
        # Under way: light, like the soft fill of a range; beginning: solid, like a marker.
        paint_density(painter, density, GUTTER_WIDTH, style.mixed(0.3), style.mixed(0.85), stamping=self.stamping)

    def _paint_empty(self, painter: QPainter) -> None:
        painter.setPen(self.theme.muted_text)
        painter.setFont(ui_font(2.0))
        painter.drawText(QRectF(GUTTER_WIDTH, self._top, self._f.timeline_width, self._f.timeline_height),
                         Qt.AlignmentFlag.AlignCenter, self._f.empty_text)
