"""The timeline canvas: one custom-painted widget over a viewport.

It draws only the visible slice the model's layout computes, and turns mouse,
wheel, gesture and key input into viewport and selection changes. Geometry and
decisions live in :mod:`timeline_app.model`; this module adapts them to Qt.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QLinearGradient,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QRadialGradient,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QToolTip, QWidget

from timeline_app.model.axis import AxisLayout, CalendarNames, layout_axis
from timeline_app.model.describe import describe_when
from timeline_app.model.document import Event
from timeline_app.model.edits import moved_raw
from timeline_app.model.index import TimelineIndex
from timeline_app.model.layout import (
    DENSITY_LEVELS,
    Cluster,
    Density,
    LaneBand,
    Placement,
    Scene,
    SceneGeometry,
    certainty_stops,
    layout_scene,
    shorten_at_word,
)
from timeline_app.model.safety import reveal_hidden
from timeline_app.model.viewport import Viewport, ZoomLimits
from timeline_app.ui.safe_text import HOVER_TITLE_CHARACTERS, plain_tooltip
from timeline_app.ui.sprites import SpriteCache, can_stamp
from timeline_app.ui.theme import Theme, mix_colors, readable_text_on, ui_font

AXIS_HEIGHT = 48.0
GUTTER_WIDTH = 136.0
MAX_LABEL_WIDTH = 380.0
WHEEL_ZOOM_BASE = 1.0018  # per eighth of a degree: one notch (120) zooms by about 24%
KEY_ZOOM = 1.5
CLICK_SLOP = 4.0
SPRITE_SLICE_SECONDS = 0.004
EMPTY_TEXT = "No events to show.\nOpen an events.json file (Ctrl+O) or drop one here."
PREFETCH_ZOOM_IN, PREFETCH_ZOOM_OUT = 1.25, 0.8  # one wheel notch either way
FOOTER_HEIGHT = 24.0
DIM_CHECK_MOST = 20_000  # a density strip with more events in view than this is not searched for matches to dim


class QtCalendarNames(CalendarNames):
    """Month and day names in the user's locale."""

    def __init__(self, locale: QLocale) -> None:
        self._locale = locale

    def month_short(self, month: int) -> str:
        return self._locale.standaloneMonthName(month, QLocale.FormatType.ShortFormat)

    def month_long(self, month: int) -> str:
        return self._locale.standaloneMonthName(month, QLocale.FormatType.LongFormat)

    def weekday_short(self, weekday: int) -> str:
        return self._locale.dayName(weekday + 1, QLocale.FormatType.ShortFormat)


class _LaneStyle:
    """A lane's colours for one frame, fills mixed opaque over the lane's background."""

    def __init__(self, color: QColor, background: QColor) -> None:
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


# For each level, a table that turns a bucket's level into 1 where its bar reaches that level.
_DENSITY_ROWS = [bytes(1 if value >= level else 0 for value in range(256)) for level in range(DENSITY_LEVELS + 1)]
_DIAMONDS: dict[float, QPolygonF] = {}  # marker outlines by radius, centred on the origin


def _marker_key(radius: float, style: _LaneStyle, approximate: bool, uncertain: bool) -> Hashable:
    return (radius, style.key, approximate, uncertain)


def _fill_outlined(painter: QPainter, rect: QRectF, radius: float, outline: QColor, fill: QColor,
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


def move_preview(event: Event, seconds: float, part: str) -> str:
    """The dates a drag would give the event, as the user will read them."""
    raw = moved_raw(event, seconds, part) or event.raw
    return f"{raw['start']} – {raw['end']}" if "end" in raw else str(raw["start"])


def _is_precisely_known(event: Event) -> bool:
    """A day (or finer) known for sure, or a range of such: drawn solid however wide the zoom makes it."""
    return not event.start.is_imprecise and (event.end is None or not event.end.is_imprecise)


class _Font(Enum):
    LABEL = 0
    BOLD = 1
    SMALL = 2


class _DragKind(Enum):
    PAN = auto()
    ZOOM_SPAN = auto()
    PRESS_ON_ITEM = auto()
    LANE = auto()


DENSITY_CLICK_ZOOM = 8.0


FRAME_NEIGHBOURS_WITHIN = 60 * 86_400.0  # F takes in neighbours this close, or ten times the event's length


def framing_span(index: TimelineIndex, event: Event) -> tuple[float, float]:
    """What F frames: a range whole; a moment with the events either side, if they are near.

    A day's event framed alone fills the view with thirty hours of nothing.
    """
    start, end = event.begin, event.finish
    if event.end is not None:
        return start, end
    reach = max(FRAME_NEIGHBOURS_WITHIN, 10 * (end - start))
    before, after = index.neighbour(event, -1), index.neighbour(event, 1)
    if before is not None and start - before.begin <= reach:
        start = before.begin
    if after is not None and after.begin - end <= reach:
        end = max(end, after.begin)
    return start, end


def hover_preview(event: Event) -> str:
    """What hovering an event shows: the whole title, its date in words, the description's first line."""
    when = describe_when(event)
    first_line = next((line.strip() for line in event.description.splitlines() if line.strip()), "")
    if len(first_line) > 160:
        first_line = first_line[:159].rsplit(" ", 1)[0] + "…"
    title = reveal_hidden(shorten_at_word(event.title, HOVER_TITLE_CHARACTERS, len))
    return "\n".join(part for part in (title, when, first_line) if part)


EDGE_GRIP = 6.0  # pixels at each end of a range bar that resize instead of move


@dataclass
class _Drag:
    kind: _DragKind
    origin: QPointF
    start_view: Viewport
    current_x: float
    moved: bool = False
    placement: Placement | None = None
    part: str = "move"
    lane: str = ""
    current_y: float = 0.0


class TimelineCanvas(QWidget):
    """Draws lanes of events over a zoomable, pannable time axis."""

    selection_changed = Signal(object)  # Event | None
    viewport_changed = Signal(object)  # Viewport
    edit_requested = Signal(object)  # Event: open the form on it
    create_requested = Signal(float, float, str)  # time, seconds per pixel, lane key
    move_requested = Signal(object, float, str)  # Event, seconds, "move" | "start" | "end"
    first_frame_painted = Signal()
    lane_toggled = Signal(str)  # a lane header was clicked: collapse or expand it
    lanes_reordered = Signal(list)  # lane keys in their new order, after a header was dragged
    back_requested = Signal()
    forward_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineCanvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAccessibleName("Timeline")
        self.setMinimumSize(360, 220)
        self._index = TimelineIndex([], [])
        self._limits = ZoomLimits.for_data(None, time.time())
        self._view = self._limits.fit()
        self._selected: Event | None = None
        self._hovered: Event | None = None
        self._drag: _Drag | None = None
        self._scene: Scene | None = None
        self._scene_key: tuple[object, ...] | None = None
        self._names = QtCalendarNames(QLocale())
        self._theme = Theme.from_palette(self.palette())
        self._label_font = ui_font()
        self._small_font = ui_font(-1.0)
        self._axis_bold = ui_font(0.0, bold=True)
        self._label_metrics = QFontMetricsF(self._label_font)
        self._small_metrics = QFontMetricsF(self._small_font)
        self._bold_metrics = QFontMetricsF(self._axis_bold)
        self._label_widths: dict[str, float] = {}
        self._char_widths: dict[str, float] = {}
        self._lane_backgrounds: dict[str, QColor] = {}
        self._lane_styles: dict[tuple[str, str], _LaneStyle] = {}  # this frame's, by lane and colour
        self._styles: dict[tuple[str, int], _LaneStyle] = {}  # kept across frames, by colour and background
        self._shown_texts: dict[tuple[str, int, int], str] = {}  # labels as drawn: elided to fit
        self._axis_widths: dict[str, float] = {}
        self._sprites = SpriteCache()
        # How to stamp each label as last drawn: (image, dx, dy), valid for one sprite generation.
        self._stamps: dict[tuple[str, int, int, int, int], tuple[QImage, int, float]] = {}
        self._stamps_generation = -1
        self._sprite_timer = QTimer(self)  # makes sprites for new labels between frames
        self._sprite_timer.setSingleShot(True)
        self._sprite_timer.setInterval(0)
        self._sprite_timer.timeout.connect(self._make_sprites)
        self._prefetched_view: Viewport | None = None
        self._prepared_scenes: dict[tuple[object, ...], Scene] = {}  # next zoom steps, laid out while idle
        self._warm_image = QImage(4, 1, QImage.Format.Format_ARGB32_Premultiplied)
        self._prefetch_factors: list[float] = []  # zoom steps whose labels are still to be noted
        self._stamping = False  # this frame stamps cached sprites instead of drawing text and markers
        self._painted_once = False
        self._empty_text = EMPTY_TEXT
        self._transparent = False  # an export without a background is being painted
        self._for_export = False  # a page is being painted: no footer, no "in view" count
        self._index_generation = 0
        self._matches: set[Event] | None = None
        self._current_match: Event | None = None
        self._touched: list[Event] = []  # just made or moved: drawn, never counted away
        self._pinned_generation = 0  # the layout depends on which events are pinned
        self._expanded: frozenset[str] = frozenset()  # lanes showing every range through the view
        self._vertical = QScrollBar(Qt.Orientation.Vertical, self)
        self._vertical.hide()
        self._vertical.valueChanged.connect(self._on_vertical_scroll)

    # ------------------------------------------------------------ public API

    def set_index(self, index: TimelineIndex, limits: ZoomLimits, view: Viewport | None = None) -> None:
        """Show new data; keep ``view`` if given, else frame where most of the events are."""
        self._index = index
        self._limits = limits
        self._index_generation += 1  # never id(index): a new index may reuse a freed one's address
        self._scene_key = None
        self._prefetched_view = None
        self._prepared_scenes.clear()
        self._selected = index.same_event(self._selected)
        self._current_match = index.same_event(self._current_match)
        self._touched = [found for event in self._touched if (found := index.same_event(event)) is not None]
        self._hovered = None
        first = limits.first_view(index.span(), index.bulk_span()) if view is None else limits.clamp(view)
        self.set_viewport(first)
        self.update()
        self.selection_changed.emit(self._selected)

    def index(self) -> TimelineIndex:
        return self._index

    def set_matches(self, events: list[Event] | None) -> None:
        """Highlight these events and dim the rest; None shows everything as usual."""
        # Events hash by identity, in C: no int made per event, and matches may be a million.
        self._matches = None if events is None else set(events)
        if events is None:
            self.set_current_match(None)
        self.update()

    def set_current_match(self, event: Event | None) -> None:
        """The match the user stepped to: drawn apart from the others, and never counted away."""
        if event is not self._current_match:
            self._current_match = event
            self._pinned_generation += 1
            self.update()

    def current_match(self) -> Event | None:
        return self._current_match

    def note_touched(self, event: Event) -> None:
        """An event the user just made or moved: kept in sight with its label while they look at it."""
        self._touched = [event, *(other for other in self._touched if other is not event)][:5]
        self._pinned_generation += 1
        self.update()

    def show_all_through(self, lane_key: str) -> None:
        """Give every range that goes on through the view its own row in this lane."""
        self._expanded = self._expanded | {lane_key}
        self.update()

    def pinned_events(self) -> set[Event]:
        """What the layout must draw whole, whatever else it groups."""
        pinned = set(self._touched)
        for event in (self._selected, self._current_match):
            if event is not None:
                pinned.add(event)
        return pinned

    def viewport(self) -> Viewport:
        return self._view

    def set_viewport(self, view: Viewport) -> None:
        view = self._limits.clamp(view)
        if view == self._view:
            return
        self._view = view
        self.update()
        self.viewport_changed.emit(view)

    def selected_event(self) -> Event | None:
        return self._selected

    def select(self, event: Event | None, ensure_visible: bool = True) -> None:
        if event is self._selected:
            return
        self._selected = event
        self._pinned_generation += 1
        if event is not None:
            self.setAccessibleDescription(f"{event.title}, {event.start.label()}")
            if ensure_visible:
                self.ensure_visible(event)
        else:
            self.setAccessibleDescription("No event selected")
        self.update()
        self.selection_changed.emit(event)

    def select_neighbour(self, step: int) -> None:
        """The next event in time; with nothing selected, the first (or last) one in view."""
        if self._selected is None:
            in_view = self._index.first_in_view(self._view.start, self._view.end, step)
            if in_view is not None:
                self.select(in_view, ensure_visible=False)  # in view already: the view stays
                return
        following = self._index.neighbour(self._selected, step)
        if following is not None:
            self.select(following)

    def ensure_visible(self, event: Event) -> None:
        """Bring an event into view, keeping the zoom unless the event is wider than the view."""
        view = self._view
        event_span = max(event.finish - event.begin, 1.0)
        if event_span > view.span * 0.9:
            self.set_viewport(self._span_view(event.begin, event.finish))
            return
        margin = view.span * 0.1
        if event.begin >= view.start + margin and event.finish <= view.end - margin:
            return
        center = (event.begin + event.finish) / 2
        self.set_viewport(Viewport(center - view.span / 2, center + view.span / 2))

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom in (factor > 1) or out, keeping the time under ``anchor_x`` in place."""
        width = self._timeline_width()
        x = width / 2 if anchor_x is None else anchor_x - GUTTER_WIDTH
        anchor = self._view.time_at(x, width)
        self.set_viewport(self._view.zoomed(factor, anchor, self._limits))

    def pan_by_fraction(self, fraction: float) -> None:
        self.set_viewport(self._view.panned(self._view.span * fraction, self._limits))

    def fit_all(self) -> None:
        """Every event the filters let through, with a margin."""
        span = self._index.span()
        self.set_viewport(self._limits.framed(*span) if span is not None else self._limits.fit())

    def zoom_to_selection(self) -> None:
        """Frame the selected event; a moment or a short event is framed with its neighbours in time."""
        event = self._selected
        if event is None:
            return
        self.set_viewport(self._span_view(*framing_span(self._index, event)))

    def go_to_today(self) -> None:
        """Centre on now at this zoom; if now is too far from the data for that, take both in."""
        now = time.time()
        span = self._view.span
        view = self._limits.clamp(Viewport(now - span / 2, now + span / 2))
        if not view.start <= now <= view.end:
            limits = self._limits
            view = limits.framed(min(now, limits.data_end - span / 2), max(now, limits.data_start + span / 2))
        self.set_viewport(view)

    def zoom_to_span(self, start: float, end: float) -> None:
        self.set_viewport(self._span_view(start, end))

    def scene(self) -> Scene:
        """The layout of the current frame (what is, or is about to be, painted)."""
        width = self._timeline_width()
        height = self._timeline_height()
        key = self._layout_key(self._view, width, height)
        if self._scene is None or key != self._scene_key:
            prepared = self._prepared_scenes.pop(key, None)
            self._prepared_scenes.clear()  # laid out for the view before this one
            if prepared is not None:
                self._scene = prepared
            else:
                geometry = SceneGeometry(width=width, top=AXIS_HEIGHT, height=height)
                # A page cannot scroll: its lanes share its height, and it starts at the top.
                scroll = 0.0 if self._for_export else float(self._vertical.value())
                self._scene = layout_scene(self._index, self._view, geometry, self._measure_label, scroll,
                                           self.pinned_events(), fit_height=self._for_export,
                                           expanded=self._expanded)
            self._scene_key = key
            if not self._for_export:  # the window's scroll position outlives a page painted meanwhile
                self._update_vertical_range(self._scene, height)
        return self._scene

    def _layout_key(self, view: Viewport, width: float, height: float) -> tuple[object, ...]:
        return (self._index_generation, self._pinned_generation, view, width, height, self._vertical.value(),
                self._for_export, self._expanded)

    def x_for_time(self, moment: float) -> float:
        return GUTTER_WIDTH + self._view.x_of(moment, self._timeline_width())

    def time_at_x(self, x: float) -> float:
        return self._view.time_at(x - GUTTER_WIDTH, self._timeline_width())

    def placement_of(self, event: Event) -> Placement | None:
        return next((p for p in self.scene().placements if p.event is event), None)

    # ------------------------------------------------------------ geometry

    def _timeline_width(self) -> float:
        scrollbar = self._vertical.width() if self._vertical.isVisible() else 0
        return max(float(self.width()) - GUTTER_WIDTH - scrollbar, 1.0)

    def _timeline_height(self) -> float:
        """The height the lanes have: below the axis, above the footer."""
        return max(float(self.height()) - AXIS_HEIGHT - self._footer_height(), 1.0)

    def _footer_height(self) -> float:
        # Always there in a window with events, so the lanes never jump as the marks come and go.
        return 0.0 if self._for_export or not self._index.ordered else FOOTER_HEIGHT

    def _span_view(self, start: float, end: float) -> Viewport:
        span = max(end - start, self._limits.min_span)
        margin = span * 0.15
        center = (start + end) / 2
        return Viewport(center - span / 2 - margin, center + span / 2 + margin)

    def _measure_label(self, text: str) -> float:
        return min(self._full_label_width(text), MAX_LABEL_WIDTH)

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

    def _update_vertical_range(self, scene: Scene, height: float) -> None:
        overflow = int(max(scene.content_height - height, 0))
        self._vertical.setVisible(overflow > 0)
        self._vertical.setRange(0, overflow)
        self._vertical.setPageStep(int(height))
        self._vertical.setSingleStep(24)
        self._vertical.setGeometry(self.width() - self._vertical.sizeHint().width(), int(AXIS_HEIGHT),
                                   self._vertical.sizeHint().width(), int(height))

    def _on_vertical_scroll(self, _value: int) -> None:
        self.update()

    # ------------------------------------------------------------ painting

    def sizeHint(self) -> QSize:
        return QSize(900, 560)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._scene_key = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._theme = Theme.from_palette(self.palette())
            self._sprites.clear()
            self._styles.clear()
            self.update()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._forget_text_measures()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QNativeGestureEvent) \
                and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self.zoom(1.0 + event.value(), event.position().x())
            return True
        if event.type() in (QEvent.Type.DevicePixelRatioChange, QEvent.Type.ScreenChangeInternal):
            # Another screen, another resolution: text measures and cached glyphs must be made again.
            self._forget_text_measures()
        return super().event(event)

    def _forget_text_measures(self) -> None:
        self._label_font, self._small_font = ui_font(), ui_font(-1.0)
        self._axis_bold = ui_font(0.0, bold=True)
        self._label_metrics = QFontMetricsF(self._label_font)
        self._small_metrics = QFontMetricsF(self._small_font)
        self._bold_metrics = QFontMetricsF(self._axis_bold)
        self._label_widths.clear()
        self._char_widths.clear()
        self._shown_texts.clear()
        self._axis_widths.clear()
        self._sprites.clear()
        self._scene_key = None
        self._prepared_scenes.clear()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.render_frame(painter, QRectF(self.rect()))
        finally:
            painter.end()
        if not self._painted_once:
            self._painted_once = True
            self.first_frame_painted.emit()

    def set_for_export(self, for_export: bool) -> None:
        """Paint for a page: the same layout without what only a window needs (counts, edge marks)."""
        if for_export != self._for_export:
            self._for_export = for_export
            self._scene_key = None
            self.update()

    def render_frame(self, painter: QPainter, area: QRectF, *, transparent: bool = False) -> None:
        """Paint one whole frame; used for the screen and for exports alike."""
        # Backgrounds, stripes, rules and density steps are whole-pixel rectangles: filled without
        # antialiasing they cost a third as much. Shapes of events are antialiased.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        theme = self._theme
        self._transparent = transparent
        self._stamping = can_stamp(painter)
        if self._stamping:
            device = painter.device()
            self._sprites.use_ratio(device.devicePixelRatioF() if device is not None else 1.0)
            if self._sprites.generation != self._stamps_generation:
                self._stamps.clear()
                self._stamps_generation = self._sprites.generation

        if not transparent:
            painter.fillRect(area, theme.background)
        scene = self.scene()
        # Fills are mixed with their lane's background up front: opaque pixels paint far faster
        # than blended ones, and the rows of a lane never overlap.
        self._lane_backgrounds = {band.lane.key: theme.lane_stripe if position % 2 else theme.background
                                  for position, band in enumerate(scene.bands)}
        self._lane_styles = {}
        self._paint_lanes(painter, scene)
        painter.save()
        painter.setClipRect(QRectF(GUTTER_WIDTH, AXIS_HEIGHT, self._timeline_width(),
                                   self._timeline_height()))
        axis = layout_axis(self._view, self._timeline_width(), self._measure_axis_text, self._names)
        self._paint_grid(painter, axis.minor_ticks, axis.major_ticks)
        self._paint_today(painter)
        matches = self._matches
        top, bottom = AXIS_HEIGHT, AXIS_HEIGHT + self._timeline_height()
        for density in scene.densities:
            if density.top + density.height < top or density.top > bottom:
                continue
            quiet = matches is not None and not self._density_has_match(density)
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
                painter.setPen(QPen(self._theme.highlight, 2.5))
                painter.drawRoundedRect(QRectF(GUTTER_WIDTH + rect.x - 3, rect.y - 3, rect.width + 6,
                                               rect.height + 6), rect.height / 2 + 3, rect.height / 2 + 3)
        current = self._current_match
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
                    self._paint_match_halo(painter, placement, placement.event is current)
        painter.restore()
        self._paint_footer(painter)
        self._paint_axis(painter, axis)
        self._paint_drag_span(painter)
        if not self._index.ordered:
            self._paint_empty(painter)
        self._sprites.finish()
        if self._stamping and self._prefetched_view != self._view:
            self._prefetched_view = self._view
            self._prefetch_factors = [PREFETCH_ZOOM_OUT, PREFETCH_ZOOM_IN]
        if self._sprites.has_pending() or self._prefetch_factors:
            self._sprite_timer.start()

    def _make_sprites(self) -> None:
        """Idle work between frames, in short slices so input arriving meanwhile is not kept waiting.

        First the sprites of labels that were drawn directly; then the labels of the next zoom
        step in and out are laid out and their sprites made, so a zoom finds them ready.
        """
        if self._sprites.has_pending():
            self._sprites.make_pending(SPRITE_SLICE_SECONDS)
        elif self._prefetch_factors:
            self._note_labels_at(self._prefetch_factors.pop())
        if self._sprites.has_pending() or self._prefetch_factors:
            self._sprite_timer.start()

    def _note_labels_at(self, factor: float) -> None:
        view = self._view.zoomed(factor, self._view.center, self._limits)
        width, height = self._timeline_width(), self._timeline_height()
        geometry = SceneGeometry(width=width, top=AXIS_HEIGHT, height=height)
        scene = layout_scene(self._index, view, geometry, self._measure_label, float(self._vertical.value()),
                             self.pinned_events(), expanded=self._expanded)
        # Kept: a zoom by this very step around the centre (the keys, the buttons) uses it as it is.
        self._prepared_scenes[self._layout_key(view, width, height)] = scene
        label_font, label_metrics = self._font(_Font.LABEL)
        new_brushes: list[QBrush] = []
        for placement in scene.placements:
            style = self._lane_style(placement.lane.key, placement.color or placement.lane.color)
            if placement.is_marker:  # a handful of shapes a lane, each costly the first time
                start = placement.event.start
                self._sprites.note_shape(*self._marker_sprite_recipe(placement.shape.width / 2, style,
                                                                     start.approximate, start.uncertain))
            elif not _is_precisely_known(placement.event):
                self._bar_brush(style, placement.event, max(placement.shape.width, 1.0), new_brushes)
            if placement.label_rect is not None:
                shown = self._shown_text(placement.label, placement.label_rect.width, _Font.LABEL)
                self._sprites.cached_text(shown, label_font, label_metrics, self._label_color(placement, style),
                                          _Font.LABEL.value, self._full_label_width(shown))
        if new_brushes:
            # Qt makes a gradient's colour table the first time it fills with it (tens of
            # microseconds each); doing that now keeps it out of the next frame.
            warmer = QPainter(self._warm_image)
            for brush in new_brushes:
                warmer.fillRect(QRectF(0, 0, 4, 1), brush)
            warmer.end()
        for band in scene.bands:  # lanes that come into sight as others shrink
            header = ("▸ " if band.lane.collapsed else "") + band.lane.label
            shown = self._shown_text(header, GUTTER_WIDTH - 38, _Font.LABEL)
            self._sprites.cached_text(shown, label_font, label_metrics, self._theme.text, _Font.LABEL.value,
                                      self._full_label_width(shown))
        bold_font, bold_metrics = self._font(_Font.BOLD)
        for cluster in scene.clusters:
            if cluster.label_rect is not None:
                shown = self._shown_text(cluster.label, cluster.label_rect.width, _Font.BOLD)
                self._sprites.cached_text(shown, bold_font, bold_metrics, self._theme.text, _Font.BOLD.value)

    def _measure_axis_text(self, text: str) -> float:
        # The axis measures the same few hundred strings (numbers, month names) every frame.
        width = self._axis_widths.get(text)
        if width is None:
            width = self._axis_widths[text] = self._bold_metrics.horizontalAdvance(text)
        return width

    def _paint_lanes(self, painter: QPainter, scene: Scene) -> None:
        theme = self._theme
        width = float(self.width())
        if not self._transparent:
            painter.fillRect(QRectF(0, AXIS_HEIGHT, GUTTER_WIDTH, self._timeline_height()), theme.gutter)
        painter.save()
        painter.setClipRect(QRectF(0, AXIS_HEIGHT, width, self._timeline_height()))
        # Rules and stripes are whole-pixel rectangles: filled without antialiasing, they cost a
        # fraction of a stroked line.
        visible_bottom = AXIS_HEIGHT + self._timeline_height()
        for position, band in enumerate(scene.bands):
            top, bottom = round(band.top), round(band.top + band.height)
            if bottom < AXIS_HEIGHT or top > visible_bottom:
                continue  # lanes scrolled out of view: with thousands of lanes, most of them
            if position % 2 and not self._transparent:
                painter.fillRect(QRectF(GUTTER_WIDTH, top, width - GUTTER_WIDTH, bottom - top), theme.lane_stripe)
            painter.fillRect(QRectF(0, bottom, width, 1), theme.grid_minor)
            swatch = QRectF(10, band.top + 9, 10, 10)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(band.lane.color))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.drawRoundedRect(swatch, 2, 2)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            marker = "▸ " if band.lane.collapsed else ""
            self._draw_label(painter, 28, band.top + 4, GUTTER_WIDTH - 38, 20, marker + band.lane.label,
                             _Font.LABEL, theme.text)
            if band.height >= 40:
                count = len(band.lane.events)
                self._draw_label(painter, 28, band.top + 22, GUTTER_WIDTH - 38, 18,
                                 f"{count:,} event{'s' if count != 1 else ''}", _Font.SMALL, theme.muted_text)
        painter.restore()
        painter.fillRect(QRectF(GUTTER_WIDTH, AXIS_HEIGHT, 1, self._timeline_height()), theme.grid_major)

    def _paint_grid(self, painter: QPainter, minor: list[float], major: list[float]) -> None:
        height = self._timeline_height()
        for ticks, color in ((minor, self._theme.grid_minor), (major, self._theme.grid_major)):
            for tick in ticks:
                painter.fillRect(QRectF(round(self.x_for_time(tick)), AXIS_HEIGHT, 1, height), color)

    def _paint_today(self, painter: QPainter) -> None:
        x = self.x_for_time(time.time())
        if GUTTER_WIDTH <= x <= self.width():
            painter.setPen(QPen(self._theme.today, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, AXIS_HEIGHT), QPointF(x, float(self.height())))

    def _paint_axis(self, painter: QPainter, axis: AxisLayout) -> None:
        theme = self._theme
        if not self._transparent:
            painter.fillRect(QRectF(0, 0, float(self.width()), AXIS_HEIGHT), theme.gutter)
        painter.fillRect(QRectF(0, AXIS_HEIGHT - 1, float(self.width()), 1), theme.grid_major)
        painter.save()
        painter.setClipRect(QRectF(GUTTER_WIDTH, 0, self._timeline_width(), AXIS_HEIGHT))
        for tick in axis.minor_ticks:
            painter.fillRect(QRectF(round(self.x_for_time(tick)), AXIS_HEIGHT - 6, 1, 6), theme.grid_major)
        for tick in axis.major_ticks:
            painter.fillRect(QRectF(round(self.x_for_time(tick)), 0, 1, AXIS_HEIGHT), theme.grid_major)
        for label in axis.labels:
            self._draw_label(painter, GUTTER_WIDTH + label.x, 3 if label.major else 24, label.width, 20,
                             label.text, _Font.BOLD, theme.text if label.major else theme.muted_text)
        painter.restore()
        if self._for_export:
            return  # a page is not a window onto more: no count of what is in view
        # Two short lines: a million of a million no longer fits the gutter on one.
        view = self._view
        in_view, total = self._index.count_in_view(view.start, view.end), len(self._index.ordered)
        # "All" when nothing is outside the view: "1,000,000 of 1,000,000" would not fit, and says less.
        count = f"All {total:,}" if in_view == total else f"{in_view:,} of {total:,}"
        self._draw_label(painter, 10, 6, GUTTER_WIDTH - 14, 18, count, _Font.SMALL, theme.muted_text)
        self._draw_label(painter, 10, 24, GUTTER_WIDTH - 14, 18, "in view", _Font.SMALL, theme.muted_text)

    def _paint_match_halo(self, painter: QPainter, placement: Placement, current: bool) -> None:
        """A match is ringed; the one the user stepped to is filled behind as well, so it stands apart."""
        shape = placement.shape
        rect = QRectF(GUTTER_WIDTH + shape.x - 4, shape.y - 4, shape.width + 8, shape.height + 8)
        if placement.label_rect is not None and not placement.label_inside:
            label = placement.label_rect
            rect = rect.united(QRectF(GUTTER_WIDTH + label.x - 2, label.y - 4, label.width + 6, label.height + 8))
        glow = QColor(self._theme.highlight)
        glow.setAlphaF(1.0 if current else 0.6)
        if current:
            wash = QColor(self._theme.highlight)
            wash.setAlphaF(0.16)
            painter.setBrush(wash)
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(glow, 3.0 if current else 1.5, Qt.PenStyle.SolidLine if current else Qt.PenStyle.DashLine))
        painter.drawRoundedRect(rect, 6, 6)

    def _density_has_match(self, density: Density) -> bool:
        matches = self._matches
        if matches is None:
            return False
        lane = density.lane
        if lane.count_overlapping(self._view.start, self._view.end) > DIM_CHECK_MOST:
            return True  # too many to look through each frame: shown as matching, never hidden
        return any(event in matches for event in lane.visible(self._view.start, self._view.end))

    def edge_counts(self) -> tuple[int, int]:
        """How many events lie wholly before the view and wholly after it."""
        view = self._view
        return self._index.count_before(view.start), self._index.count_after(view.end)

    def _edge_marks(self) -> list[tuple[QRectF, str, int]]:
        """The marks at the timeline's edges that say how many events lie beyond them: (rect, text, side)."""
        earlier, later = self.edge_counts()
        marks = []
        metrics = self._small_metrics
        y = AXIS_HEIGHT + self._timeline_height() + (FOOTER_HEIGHT - 18) / 2
        if earlier:
            text = f"◀ {earlier:,} earlier"
            marks.append((QRectF(GUTTER_WIDTH + 6, y, metrics.horizontalAdvance(text) + 16, 18), text, -1))
        if later:
            text = f"{later:,} later ▶"
            width = metrics.horizontalAdvance(text) + 16
            right = GUTTER_WIDTH + self._timeline_width() - 6
            marks.append((QRectF(right - width, y, width, 18), text, 1))
        return marks

    def _paint_footer(self, painter: QPainter) -> None:
        """The strip below the lanes: how many events lie before and after the view, each a button."""
        height = self._footer_height()
        if not height:
            return
        theme = self._theme
        top = AXIS_HEIGHT + self._timeline_height()
        painter.fillRect(QRectF(0, top, float(self.width()), height), theme.gutter)
        painter.fillRect(QRectF(0, top, float(self.width()), 1), theme.grid_major)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for rect, text, _side in self._edge_marks():
            painter.setPen(QPen(theme.grid_major, 1))
            painter.setBrush(theme.background)
            painter.drawRoundedRect(rect, 9, 9)
            self._draw_label(painter, rect.x() + 8, rect.y(), rect.width() - 12, rect.height(), text,
                             _Font.SMALL, theme.text)

    def _edge_mark_at(self, position: QPointF) -> int:
        """-1 or 1 when ``position`` is on the mark of events before or after the view, else 0."""
        return next((side for rect, _text, side in self._edge_marks() if rect.contains(position)), 0)

    def show_beyond(self, side: int) -> None:
        """Go to the nearest events past one edge (-1: before, 1: after), keeping the zoom."""
        view = self._view
        found = self._index.nearest_beyond(view.start if side < 0 else view.end, side)
        if found is None:
            return
        # The nearest event lands a fifth of the way in from the edge it came from, so what lies
        # between it and the old view shows beside it.
        moment = found.finish if side < 0 else found.begin
        start = moment - view.span * 0.8 if side < 0 else moment - view.span * 0.2
        self.set_viewport(Viewport(start, start + view.span))

    def _lane_style(self, lane_key: str, lane_color: str) -> _LaneStyle:
        style = self._lane_styles.get((lane_key, lane_color))
        if style is None:
            background = self._lane_backgrounds.get(lane_key, self._theme.background)
            # Kept across frames: each style caches the brushes and mixed colours made for it.
            shared_key = (lane_color, background.rgba())
            style = self._styles.get(shared_key)
            if style is None:
                style = self._styles[shared_key] = _LaneStyle(QColor(lane_color), background)
            self._lane_styles[(lane_key, lane_color)] = style
        return style

    def _paint_placement(self, painter: QPainter, placement: Placement) -> None:
        event = placement.event
        lane = placement.lane
        color = placement.color or lane.color
        style = self._lane_styles.get((lane.key, color)) or self._lane_style(lane.key, color)
        shape = placement.shape
        selected = event is self._selected
        if placement.is_marker:
            # The commonest shape: placed straight from the layout's numbers, no rectangle made.
            self._paint_marker(painter, GUTTER_WIDTH + shape.x + shape.width / 2, shape.y + shape.height / 2,
                               shape.width / 2, style, event)
        else:
            self._paint_bar(painter, QRectF(GUTTER_WIDTH + shape.x, shape.y, shape.width, shape.height), style,
                            event)
        if selected or event is self._hovered:
            outline = QRectF(GUTTER_WIDTH + shape.x - 3, shape.y - 3, shape.width + 6, shape.height + 6)
            if placement.label_rect is not None and not placement.label_inside:
                label = placement.label_rect
                outline = outline.united(QRectF(GUTTER_WIDTH + label.x - 2, label.y - 3,
                                                label.width + 6, label.height + 6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen_color = self._theme.highlight if selected else self._theme.grid_major
            painter.setPen(QPen(pen_color, 2.0 if selected else 1.0))
            painter.drawRoundedRect(outline, 5, 5)
        if placement.label_rect is not None:
            label = placement.label_rect
            # The selection shows as an outline: a bold label would no longer fit the space laid out.
            self._draw_label(painter, GUTTER_WIDTH + label.x, label.y, label.width, label.height,
                             placement.label, _Font.LABEL, self._label_color(placement, style))

    def _label_color(self, placement: Placement, style: _LaneStyle) -> QColor:
        solid = placement.label_inside and _is_precisely_known(placement.event)
        return style.text_on_fill if solid else self._theme.text

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
            return self._axis_bold, self._bold_metrics
        return self._small_font, self._small_metrics

    def _draw_label(self, painter: QPainter, x: float, top: float, width: float, height: float, text: str,
                    font: _Font, color: QColor) -> None:
        """Text vertically centred in a band, elided to its width; how it is shortened is cached.

        On screen the text is stamped from a cached sprite; elsewhere it is drawn as text at its
        baseline (QStaticText would be faster, but in this Qt it ignores the painter's translation).
        """
        if self._stamping:
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
        if self._stamping:
            # A label's width as laid out (with its slack for kerning) spares shaping it again.
            advance = self._full_label_width(shown) if font is _Font.LABEL else None
            sprite = self._sprites.cached_text(shown, qfont, metrics, color, font.value, advance)
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

    def _paint_marker(self, painter: QPainter, x: float, y: float, radius: float, style: _LaneStyle,
                      event: Event) -> None:
        approximate, uncertain = event.start.approximate, event.start.uncertain
        if self._stamping:
            # Looked up by key first: making the recipe each frame would cost a closure a marker.
            sprite = self._sprites.cached_shape(_marker_key(radius, style, approximate, uncertain))
            if sprite is None:
                sprite = self._sprites.shape(*self._marker_sprite_recipe(radius, style, approximate, uncertain))
            sprite.stamp(painter, x, y)
            return
        self._draw_marker(painter, QPointF(x, y), radius, style, approximate, uncertain)

    def _marker_sprite_recipe(self, radius: float, style: _LaneStyle, approximate: bool,
                              uncertain: bool) -> tuple[Hashable, int, Callable[[QPainter], None]]:
        """What a marker's sprite is made of: its key, how far it reaches from its centre, how to paint it."""
        def paint(sprite_painter: QPainter) -> None:
            self._draw_marker(sprite_painter, QPointF(0, 0), radius, style, approximate, uncertain)

        reach = math.ceil(radius * 2.4 if approximate else radius + 2) + 1
        return _marker_key(radius, style, approximate, uncertain), reach, paint

    @staticmethod
    def _draw_marker(painter: QPainter, center: QPointF, radius: float, style: _LaneStyle, approximate: bool,
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

    def _paint_bar(self, painter: QPainter, rect: QRectF, style: _LaneStyle, event: Event) -> None:
        """A bar whose opacity shows what is known: solid where certain, fading where not."""
        if _is_precisely_known(event):
            _fill_outlined(painter, rect, 4, style.outline_color, style.mixed(0.9), 1.0)
            return
        brush = self._bar_brush(style, event, max(rect.width(), 1.0))
        if event.start.uncertain or (event.end is not None and event.end.uncertain):
            painter.setPen(QPen(style.color, 1.2, Qt.PenStyle.DashLine))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(brush)
        painter.drawRoundedRect(rect, 4, 4)

    def _bar_brush(self, style: _LaneStyle, event: Event, width: float, made: list[QBrush] | None = None) -> QBrush:
        """The fading fill of an imprecise bar; a brush made anew is also added to ``made``."""
        # Stops relative to the bar, rounded to a twentieth: bars of like shape share one brush.
        # Qt keeps the colour tables of only 60 gradients; more distinct ones a frame thrash it.
        stops = tuple((round(position * 20) / 20, alpha) for position, alpha in certainty_stops(event, width))
        brush = style.soft_brushes.get(stops)
        if brush is None:
            if len(style.soft_brushes) > 2000:
                style.soft_brushes.clear()
            brush = style.soft_brushes[stops] = self._gradient_brush(style, stops)
            if made is not None:
                made.append(brush)
        return brush

    @staticmethod
    def _gradient_brush(style: _LaneStyle, stops: tuple[tuple[float, float], ...]) -> QBrush:
        gradient = QLinearGradient(0.0, 0, 1.0, 0)
        gradient.setCoordinateMode(QLinearGradient.CoordinateMode.ObjectBoundingMode)
        for position, alpha in stops:
            gradient.setColorAt(min(max(position, 0.0), 1.0), style.mixed(alpha))
        return QBrush(gradient)

    def _paint_cluster(self, painter: QPainter, cluster: Cluster) -> None:
        style = self._lane_style(cluster.lane.key, cluster.lane.color)
        rect = cluster.rect
        body = QRectF(GUTTER_WIDTH + rect.x, rect.y, rect.width, rect.height)
        _fill_outlined(painter, body, rect.height / 2, style.color, style.mixed(0.22), 1.2)
        if cluster.label_rect is not None:
            label = cluster.label_rect
            self._draw_label(painter, GUTTER_WIDTH + label.x, label.y, label.width, label.height,
                             cluster.label, _Font.BOLD, self._theme.text)

    def _paint_density(self, painter: QPainter, density: Density) -> None:
        style = self._lane_style(density.lane.key, density.lane.color)
        # Under way: light, like the soft fill of a range; beginning: solid, like a marker.
        under_way, beginning = style.mixed(0.3), style.mixed(0.85)
        if self._stamping:
            self._stamp_density(painter, density, under_way, beginning)
            return
        bottom = density.top + density.height
        width = density.bucket_width
        painter.setPen(Qt.PenStyle.NoPen)
        for runs, color in ((density.runs(), under_way), (density.start_runs(), beginning)):
            painter.setBrush(color)
            painter.drawRects([QRectF(GUTTER_WIDTH + first * width, bottom - share * density.height,
                                      (after - first) * width, share * density.height)
                               for first, after, share in runs])

    @staticmethod
    def _stamp_density(painter: QPainter, density: Density, under_way: QColor, beginning: QColor) -> None:
        """The strip as a tiny picture, a pixel per bucket and level, stretched over the lane.

        Built with bytes.translate, a row at a time, it costs a few dozen microseconds however
        dense the lane; a rectangle per run cost close to a millisecond a lane. A pixel is 1
        where events are under way at that height, 2 where beginnings reach it (3: both).
        """
        buckets = len(density.counts)
        stride = (buckets + 3) // 4 * 4  # rows of a QImage start on 32-bit boundaries
        padding = bytes(stride - buckets)
        counts, starts = density.levels() + padding, density.start_levels() + padding
        rows = []
        for level in range(DENSITY_LEVELS, 0, -1):
            covered = int.from_bytes(counts.translate(_DENSITY_ROWS[level]), "little")
            begun = int.from_bytes(starts.translate(_DENSITY_ROWS[level]), "little") << 1
            rows.append((covered | begun).to_bytes(stride, "little"))
        image = QImage(b"".join(rows), buckets, DENSITY_LEVELS, stride, QImage.Format.Format_Indexed8)
        image.setColorTable([0, under_way.rgba(), beginning.rgba(), beginning.rgba()])
        # Stretching an indexed image is six times slower than converting it first.
        image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        painter.drawImage(QRectF(GUTTER_WIDTH, density.top, buckets * density.bucket_width, density.height), image)

    def _paint_drag_span(self, painter: QPainter) -> None:
        drag = self._drag
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if drag is not None and drag.kind is _DragKind.LANE and drag.moved:
            target = self._band_at(drag.current_y)
            if target is not None:
                y = target.top + (target.height if drag.current_y > drag.origin.y() else 0)
                painter.setPen(QPen(self._theme.highlight, 3))
                painter.drawLine(QPointF(0, y), QPointF(float(self.width()), y))
            return
        if drag is not None and drag.placement is not None and drag.moved:
            self._paint_move_ghost(painter, drag, drag.placement)
            return
        if drag is None or drag.kind is not _DragKind.ZOOM_SPAN or not drag.moved:
            return
        left, right = sorted((drag.origin.x(), drag.current_x))
        span = QColor(self._theme.highlight)
        span.setAlphaF(0.18)
        painter.fillRect(QRectF(left, 0, right - left, float(self.height())), span)
        painter.setPen(QPen(self._theme.highlight, 1))
        painter.drawRect(QRectF(left, 0, right - left, float(self.height()) - 1))

    def _paint_move_ghost(self, painter: QPainter, drag: _Drag, placement: Placement) -> None:
        """Where the event would go: its outline shifted, and the dates it would snap to."""
        shape = placement.shape
        dx = drag.current_x - drag.origin.x()
        left, right = GUTTER_WIDTH + shape.x, GUTTER_WIDTH + shape.x + shape.width
        if drag.part in ("move", "start"):
            left += dx
        if drag.part in ("move", "end"):
            right += dx
        ghost = QRectF(min(left, right), shape.y, abs(right - left), shape.height)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(self._theme.highlight, 2, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(ghost.adjusted(-2, -2, 2, 2), 4, 4)
        seconds = dx * self._view.seconds_per_pixel(self._timeline_width())
        hint = move_preview(placement.event, seconds, drag.part)
        painter.setPen(self._theme.text)
        painter.setFont(self._axis_bold)
        painter.drawText(QPointF(ghost.left(), ghost.bottom() + 16), hint)

    def _paint_empty(self, painter: QPainter) -> None:
        painter.setPen(self._theme.muted_text)
        painter.setFont(ui_font(2.0))
        painter.drawText(QRectF(GUTTER_WIDTH, AXIS_HEIGHT, self._timeline_width(), self._timeline_height()),
                         Qt.AlignmentFlag.AlignCenter, self._empty_text)

    def empty_text(self) -> str:
        return self._empty_text

    def set_empty_text(self, text: str | None) -> None:
        """What an empty timeline says; None: how to open a file."""
        self._empty_text = text or EMPTY_TEXT
        self.update()

    # ------------------------------------------------------------ input

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.AltModifier:
            steps = delta.x() or delta.y()
            self._vertical.setValue(self._vertical.value() - steps // 2)
        elif delta.x() and abs(delta.x()) > abs(delta.y()):
            self.pan_by_fraction(-delta.x() / 1200)
        elif modifiers & Qt.KeyboardModifier.ShiftModifier:
            self.pan_by_fraction(-delta.y() / 1200)
        elif delta.y():
            self.zoom(WHEEL_ZOOM_BASE ** delta.y(), event.position().x())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.BackButton:
            self.back_requested.emit()
            return
        if event.button() == Qt.MouseButton.ForwardButton:
            self.forward_requested.emit()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        position = event.position()
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        side = self._edge_mark_at(position)
        if side:
            self.show_beyond(side)
            return
        item = self._item_at(position)
        band = self._band_at(position.y()) if position.x() < GUTTER_WIDTH else None
        if band is not None:
            self._drag = _Drag(_DragKind.LANE, position, self._view, position.x(), lane=band.lane.key)
            self.setCursor(Qt.CursorShape.SizeVerCursor)
        elif position.y() < AXIS_HEIGHT and position.x() >= GUTTER_WIDTH:
            self._drag = _Drag(_DragKind.ZOOM_SPAN, position, self._view, position.x())
        elif isinstance(item, Placement):
            self._drag = _Drag(_DragKind.PRESS_ON_ITEM, position, self._view, position.x(), placement=item,
                               part=self._grip_at(item, position.x()))
        elif item is not None:
            self._drag = _Drag(_DragKind.PRESS_ON_ITEM, position, self._view, position.x())
        else:
            self._drag = _Drag(_DragKind.PAN, position, self._view, position.x())
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def _band_at(self, y: float) -> LaneBand | None:
        if y < AXIS_HEIGHT:
            return None
        return next((band for band in self.scene().bands if band.top <= y < band.top + band.height), None)

    def _finish_lane_drag(self, drag: _Drag, y: float) -> None:
        """A click on a lane's header folds it; a drag moves the lane to where it is dropped."""
        self.update()
        keys = [band.lane.key for band in self.scene().bands]
        if not drag.moved:
            self.lane_toggled.emit(drag.lane)
            return
        target = self._band_at(y)
        if target is None or target.lane.key == drag.lane:
            return
        keys.remove(drag.lane)
        keys.insert(keys.index(target.lane.key) + (1 if y > drag.origin.y() else 0), drag.lane)
        self.lanes_reordered.emit(keys)

    def _grip_at(self, placement: Placement, x: float) -> str:
        """Which part of an event a press grabs: a range's ends resize it, anything else moves it."""
        if placement.is_marker or placement.event.end is None:
            return "move"
        left = GUTTER_WIDTH + placement.shape.x
        right = left + placement.shape.width
        if placement.shape.width > 4 * EDGE_GRIP:
            if abs(x - left) <= EDGE_GRIP:
                return "start"
            if abs(x - right) <= EDGE_GRIP:
                return "end"
        return "move"

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        drag = self._drag
        if drag is not None:
            if abs(position.x() - drag.origin.x()) > CLICK_SLOP or abs(position.y() - drag.origin.y()) > CLICK_SLOP:
                drag.moved = True
            drag.current_x = position.x()
            drag.current_y = position.y()
            if drag.kind is _DragKind.LANE:
                self.update()
                return
            if drag.kind is _DragKind.PAN and drag.moved:
                seconds = (drag.origin.x() - position.x()) * drag.start_view.seconds_per_pixel(
                    self._timeline_width())
                self.set_viewport(drag.start_view.panned(seconds, self._limits))
            elif drag.kind is _DragKind.ZOOM_SPAN or (drag.placement is not None and drag.moved):
                self.update()
            return
        self._update_hover(position, event.globalPosition().toPoint())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        self._drag = None
        self.unsetCursor()
        if drag is None or event.button() != Qt.MouseButton.LeftButton:
            return
        position = event.position()
        if drag.kind is _DragKind.LANE:
            self._finish_lane_drag(drag, position.y())
            return
        if drag.kind is _DragKind.ZOOM_SPAN and drag.moved:
            left, right = sorted((drag.origin.x(), position.x()))
            if right - left > CLICK_SLOP:
                self.set_viewport(Viewport(self.time_at_x(left), self.time_at_x(right)))
            self.update()
            return
        if drag.placement is not None and drag.moved:
            seconds = (position.x() - drag.origin.x()) * self._view.seconds_per_pixel(self._timeline_width())
            self.update()
            self.move_requested.emit(drag.placement.event, seconds, drag.part)
            return
        if drag.moved:
            return
        item = self._item_at(position)
        if isinstance(item, Cluster) and item.through:
            self.show_all_through(item.lane.key)
        elif isinstance(item, Cluster):
            self.zoom_to_span(item.start, item.end)
        elif isinstance(item, Density):
            # Close enough in that the events there are drawn one by one: an eighth of the view.
            self.zoom(DENSITY_CLICK_ZOOM, position.x())
        elif isinstance(item, Placement):
            self.select(item.event, ensure_visible=False)
        elif drag.kind is _DragKind.PAN:
            self.select(None)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        item = self._item_at(position)
        if isinstance(item, Placement):
            self.select(item.event, ensure_visible=False)
            self.edit_requested.emit(item.event)
        elif item is None and position.x() > GUTTER_WIDTH and position.y() > AXIS_HEIGHT:
            lane = next((band.lane.key for band in self.scene().bands
                         if band.top <= position.y() < band.top + band.height), "")
            self.create_requested.emit(self.time_at_x(position.x()),
                                       self._view.seconds_per_pixel(self._timeline_width()), lane)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.update()
        super().leaveEvent(event)

    def _item_at(self, position: QPointF) -> Placement | Cluster | Density | None:
        if position.x() < GUTTER_WIDTH or position.y() < AXIS_HEIGHT:
            return None
        return self.scene().hit(position.x() - GUTTER_WIDTH, position.y())

    def _update_hover(self, position: QPointF, global_position: object) -> None:
        item = self._item_at(position)
        hovered = item.event if isinstance(item, Placement) else None
        if isinstance(item, Placement) and self._grip_at(item, position.x()) != "move":
            self.setCursor(Qt.CursorShape.SizeHorCursor)
        elif isinstance(item, (Placement, Cluster, Density)) or self._edge_mark_at(position):
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        elif position.y() < AXIS_HEIGHT and position.x() >= GUTTER_WIDTH:
            self.setCursor(Qt.CursorShape.IBeamCursor)
        else:
            self.unsetCursor()
        if hovered is not self._hovered:
            self._hovered = hovered
            self.update()
        if isinstance(item, Placement):
            QToolTip.showText(global_position, plain_tooltip(hover_preview(item.event)), self)  # type: ignore[arg-type]
        elif isinstance(item, Cluster) and item.through:
            QToolTip.showText(global_position,  # type: ignore[arg-type]
                              plain_tooltip(f"{len(item.events):,} more ranges began before this view and end after "
                                            "it; click to give each its row"), self)
        elif isinstance(item, Cluster):
            QToolTip.showText(global_position,  # type: ignore[arg-type]
                              plain_tooltip(f"{len(item.events):,} more events here; click to zoom in"), self)
        elif isinstance(item, Density):
            QToolTip.showText(global_position,  # type: ignore[arg-type]
                              plain_tooltip("Too many events to draw one by one here; click to zoom in"), self)
        else:
            QToolTip.hideText()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            if shift:
                self.pan_by_fraction(0.1 * step)
            else:
                self.select_neighbour(step)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.pan_by_fraction(-0.9 if key == Qt.Key.Key_PageUp else 0.9)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._vertical.setValue(self._vertical.value() + (-24 if key == Qt.Key.Key_Up else 24))
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(KEY_ZOOM)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(1 / KEY_ZOOM)
        elif key == Qt.Key.Key_Home:
            self.fit_all()
        elif key == Qt.Key.Key_F:
            self.zoom_to_selection()
        elif key == Qt.Key.Key_T:
            self.go_to_today()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._selected is not None:
                self.edit_requested.emit(self._selected)
        elif key == Qt.Key.Key_Escape:
            self.select(None)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
