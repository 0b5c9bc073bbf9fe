"""The timeline canvas: the widget that shows a viewport of the timeline and takes input.

It lays out only the visible slice (with :mod:`timeline_app.model.view.layout`), has a
:class:`~timeline_app.ui.canvas.painter.TimelinePainter` paint it, and turns mouse,
wheel, gesture and key input into viewport and selection changes. Exports paint through
the same painter without a widget.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QToolTip, QWidget

from timeline_app.model.describe import hover_preview
from timeline_app.model.document import Event
from timeline_app.model.view.index import TimelineIndex, framing_span
from timeline_app.model.view.layout import layout_scene
from timeline_app.model.view.scene import ROW_HEIGHT, Cluster, Density, LaneBand, Placement, Scene, SceneGeometry
from timeline_app.model.view.viewport import Viewport, ZoomLimits
from timeline_app.ui.canvas.drag import Drag, DragKind, grip_at, paint_drag_feedback
from timeline_app.ui.canvas.painter import (
    AXIS_HEIGHT,
    EMPTY_TEXT,
    FOOTER_HEIGHT,
    GUTTER_WIDTH,
    Frame,
    TimelinePainter,
)
from timeline_app.ui.safe_text import plain_tooltip

WHEEL_ZOOM_BASE = 1.0018  # per eighth of a degree: one notch (120) zooms by about 24%
KEY_ZOOM = 1.5
CLICK_SLOP = 4.0
SPRITE_SLICE_SECONDS = 0.004
PREFETCH_ZOOM_IN, PREFETCH_ZOOM_OUT = 1.25, 0.8  # one wheel notch either way
DENSITY_CLICK_ZOOM = 8.0


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
        self._drag: Drag | None = None
        self._scene: Scene | None = None
        self._scene_key: tuple[object, ...] | None = None
        self.painter = TimelinePainter(self.palette())  # paints this window's frames
        self._sprite_timer = QTimer(self)  # makes sprites for new labels between frames
        self._sprite_timer.setSingleShot(True)
        self._sprite_timer.setInterval(0)
        self._sprite_timer.timeout.connect(self._make_sprites)
        self._prefetched_view: Viewport | None = None
        self._prepared_scenes: dict[tuple[object, ...], Scene] = {}  # next zoom steps, laid out while idle
        # Each lane's rows when last laid out: lanes below the window keep them until idle time
        # lays them out for the view (layout_scene's in_sight_until).
        self._known_rows: dict[str, tuple[int, int]] = {}
        self._one_by_one: frozenset[str] = frozenset()  # lanes the last frame drew event by event
        self._one_by_one_span = 0.0  # ... in a view of this span
        self._prefetch_factors: list[float] = []  # zoom steps whose labels are still to be noted
        self._painted_once = False
        self._empty_text = EMPTY_TEXT
        self._index_generation = 0
        self._matches: set[Event] | None = None
        self._current_match: Event | None = None
        self._touched: list[Event] = []  # just made or moved: drawn, never counted away
        self._pinned_generation = 0  # the layout depends on which events are pinned
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

    def limits(self) -> ZoomLimits:
        return self._limits

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
        width = self.timeline_width()
        x = width / 2 if anchor_x is None else anchor_x - GUTTER_WIDTH
        anchor = self._view.time_at(x, width)
        self.set_viewport(self._view.zoomed(factor, anchor, self._limits))

    def pan_by_fraction(self, fraction: float) -> None:
        self.set_viewport(self._view.panned(self._view.span * fraction, self._limits))

    def fit_all(self) -> None:
        """Every event the filters let through, with a margin."""
        self.set_viewport(self._limits.framing(self._index.span()))

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
        width = self.timeline_width()
        height = self._timeline_height()
        key = self._layout_key(self._view, width, height)
        if self._scene is None or key != self._scene_key:
            prepared = self._prepared_scenes.pop(key, None)
            self._prepared_scenes.clear()  # laid out for the view before this one
            self._scene = prepared if prepared is not None else self._lay_out(self._view, width, height)
            self._one_by_one = frozenset(band.lane.key for band in self._scene.bands
                                         if not (band.density or band.stack or band.lane.collapsed))
            self._one_by_one_span = self._view.span
            self._scene_key = key
            self._update_vertical_range(self._scene, height)
            if not self._scene.complete:
                self._sprite_timer.start()  # the lanes below the window are laid out while idle
        return self._scene

    def _lay_out(self, view: Viewport, width: float, height: float, *, whole: bool = False) -> Scene:
        """The layout of ``view``; unless ``whole``, lanes below the window keep the rows they last had."""
        geometry = SceneGeometry(width=width, top=AXIS_HEIGHT, height=height)
        return layout_scene(self._index, view, geometry, self.painter.measure_label, float(self._vertical.value()),
                            self.pinned_events(), in_sight_until=None if whole else AXIS_HEIGHT + height,
                            known_rows=self._known_rows, one_by_one_before=self._one_by_one_at(view))

    def _one_by_one_at(self, view: Viewport) -> frozenset[str]:
        """The lanes that stay drawn one by one a little past their limit in ``view``: those of the last
        frame, when the view only moved. A zoom decides afresh: out, it would keep many events per
        lane a step longer, and in, the lanes were density strips anyway."""
        same_span = abs(view.span - self._one_by_one_span) <= 1e-9 * view.span
        return self._one_by_one if same_span else frozenset()

    def _scroll_to(self, event: Event) -> None:
        """Scroll the lanes so that ``event``, as now laid out, is in sight, two rows below the top if it was not."""
        found = next((p for p in self.whole_scene().placements if p.event is event), None)
        if found is None:
            return
        top, bottom = AXIS_HEIGHT, AXIS_HEIGHT + self._timeline_height()
        if top <= found.shape.y and found.shape.bottom <= bottom:
            return
        scroll = self._vertical.value() + found.shape.y - top - 2 * ROW_HEIGHT
        self._vertical.setValue(max(int(scroll), 0))

    def whole_scene(self) -> Scene:
        """The layout of the current view with every lane laid out, those below the window too."""
        if not self.scene().complete:
            self._complete_scene()  # kept: idle time need not lay it out again
        assert self._scene is not None
        return self._scene

    def _complete_scene(self) -> None:
        """Lay out the lanes below the window for the current view, so the scroll range is right."""
        assert self._scene is not None
        width, height = self.timeline_width(), self._timeline_height()
        whole = self._lay_out(self._view, width, height, whole=True)
        before = self._scene.content_height
        self._scene = whole  # what is in sight is the same: only the lanes below it are new
        self._update_vertical_range(whole, height)
        if whole.content_height != before:
            self.update()  # the scroll bar may have come or gone, and with it the timeline's width

    def _layout_key(self, view: Viewport, width: float, height: float) -> tuple[object, ...]:
        return (self._index_generation, self._pinned_generation, view, width, height, self._vertical.value())

    def x_for_time(self, moment: float) -> float:
        return GUTTER_WIDTH + self._view.x_of(moment, self.timeline_width())

    def time_at_x(self, x: float) -> float:
        return self._view.time_at(x - GUTTER_WIDTH, self.timeline_width())

    def placement_of(self, event: Event) -> Placement | None:
        return next((p for p in self.scene().placements if p.event is event), None)

    # ------------------------------------------------------------ geometry

    def timeline_width(self) -> float:
        scrollbar = self._vertical.width() if self._vertical.isVisible() else 0
        return max(float(self.width()) - GUTTER_WIDTH - scrollbar, 1.0)

    def _timeline_height(self) -> float:
        """The height the lanes have: below the axis, above the footer."""
        return max(float(self.height()) - AXIS_HEIGHT - self._footer_height(), 1.0)

    def _footer_height(self) -> float:
        # Always there in a window with events, so the lanes never jump as the marks come and go.
        return 0.0 if not self._index.ordered else FOOTER_HEIGHT

    def _span_view(self, start: float, end: float) -> Viewport:
        span = max(end - start, self._limits.min_span)
        margin = span * 0.15
        center = (start + end) / 2
        return Viewport(center - span / 2 - margin, center + span / 2 + margin)

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
            self.painter.set_palette(self.palette())
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
        self.painter.forget_text_measures()
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

    def render_frame(self, painter: QPainter, area: QRectF, *, transparent: bool = False) -> None:
        """Paint one whole frame of the window, and what only a window shows (a drag under way)."""
        self.painter.paint(painter, area, self.frame(transparent=transparent))
        paint_drag_feedback(painter, self._drag, self)
        if self.painter.stamping and self._prefetched_view != self._view:
            self._prefetched_view = self._view
            self._prefetch_factors = [PREFETCH_ZOOM_OUT, PREFETCH_ZOOM_IN]
        if self.painter.sprites.has_pending() or self._prefetch_factors:
            self._sprite_timer.start()

    def frame(self, *, transparent: bool = False) -> Frame:
        """What the window shows now, for the painter."""
        return Frame(self.scene(), self._index, self._view, float(self.width()), float(self.height()),
                     self.timeline_width(), self._timeline_height(), self._footer_height(), self._selected,
                     self._hovered, self._matches, self._current_match, False, transparent,
                     self._empty_text)

    def _prepare_zoom(self, factor: float) -> None:
        """Lay out the next zoom step by ``factor`` around the centre, and make what painting it needs."""
        view = self._view.zoomed(factor, self._view.center, self._limits)
        width, height = self.timeline_width(), self._timeline_height()
        scene = self._lay_out(view, width, height)
        # Kept: a zoom by this very step around the centre (the keys, the buttons) uses it as it is.
        self._prepared_scenes[self._layout_key(view, width, height)] = scene
        self.painter.prepare(scene)

    def _make_sprites(self) -> None:
        """Idle work between frames, in short slices so input arriving meanwhile is not kept waiting.

        First the sprites of labels that were drawn directly; then the lanes below the window
        are laid out for this view; then the labels of the next zoom step in and out are laid out
        and their sprites made, so a zoom finds them ready.
        """
        sprites = self.painter.sprites
        if sprites.has_pending():
            sprites.make_pending(SPRITE_SLICE_SECONDS)
        elif self._scene_is_incomplete():
            self._complete_scene()
        elif self._prefetch_factors:
            self._prepare_zoom(self._prefetch_factors.pop())
        if sprites.has_pending() or self._prefetch_factors or self._scene_is_incomplete():
            self._sprite_timer.start()

    def _scene_is_incomplete(self) -> bool:
        """The current view's layout left lanes below the window for later. A layout of a view
        the canvas has since left is not: its next frame lays out anew, and asks again then."""
        return (self._scene is not None and not self._scene.complete
                and self._scene_key == self._layout_key(self._view, self.timeline_width(), self._timeline_height()))

    def _edge_mark_at(self, position: QPointF) -> int:
        """-1 or 1 when ``position`` is on the mark of events before or after the view, else 0."""
        return next((side for rect, _text, side in self.painter.edge_marks(self.frame())
                     if rect.contains(position)), 0)

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
        band = self.band_at(position.y()) if position.x() < GUTTER_WIDTH else None
        if band is not None:
            self._drag = Drag(DragKind.LANE, position, self._view, position.x(), lane=band.lane.key)
            self.setCursor(Qt.CursorShape.SizeVerCursor)
        elif position.y() < AXIS_HEIGHT and position.x() >= GUTTER_WIDTH:
            self._drag = Drag(DragKind.ZOOM_SPAN, position, self._view, position.x())
        elif isinstance(item, Placement):
            self._drag = Drag(DragKind.PRESS_ON_ITEM, position, self._view, position.x(), placement=item,
                               part=grip_at(item, position.x()))
        elif item is not None:
            self._drag = Drag(DragKind.PRESS_ON_ITEM, position, self._view, position.x())
        else:
            self._drag = Drag(DragKind.PAN, position, self._view, position.x())
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def band_at(self, y: float) -> LaneBand | None:
        if y < AXIS_HEIGHT:
            return None
        # A lane's own band: not its part of the section of thin bars below all the lanes.
        return next((band for band in self.scene().bands
                     if not band.stack and band.top <= y < band.top + band.height), None)

    def _finish_lane_drag(self, drag: Drag, y: float) -> None:
        """A click on a lane's header folds it; a drag moves the lane to where it is dropped."""
        self.update()
        keys = [band.lane.key for band in self.scene().bands if not band.stack]
        if not drag.moved:
            self.lane_toggled.emit(drag.lane)
            return
        target = self.band_at(y)
        if target is None or target.lane.key == drag.lane:
            return
        keys.remove(drag.lane)
        keys.insert(keys.index(target.lane.key) + (1 if y > drag.origin.y() else 0), drag.lane)
        self.lanes_reordered.emit(keys)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        drag = self._drag
        if drag is not None:
            if abs(position.x() - drag.origin.x()) > CLICK_SLOP or abs(position.y() - drag.origin.y()) > CLICK_SLOP:
                drag.moved = True
            drag.current_x = position.x()
            drag.current_y = position.y()
            if drag.kind is DragKind.LANE:
                self.update()
                return
            if drag.kind is DragKind.PAN and drag.moved:
                seconds = (drag.origin.x() - position.x()) * drag.start_view.seconds_per_pixel(
                    self.timeline_width())
                self.set_viewport(drag.start_view.panned(seconds, self._limits))
            elif drag.kind is DragKind.ZOOM_SPAN or (drag.placement is not None and drag.moved):
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
        if drag.kind is DragKind.LANE:
            self._finish_lane_drag(drag, position.y())
            return
        if drag.kind is DragKind.ZOOM_SPAN and drag.moved:
            left, right = sorted((drag.origin.x(), position.x()))
            if right - left > CLICK_SLOP:
                self.set_viewport(Viewport(self.time_at_x(left), self.time_at_x(right)))
            self.update()
            return
        if drag.placement is not None and drag.moved:
            seconds = (position.x() - drag.origin.x()) * self._view.seconds_per_pixel(self.timeline_width())
            self.update()
            self.move_requested.emit(drag.placement.event, seconds, drag.part)
            return
        if drag.moved:
            return
        item = self._item_at(position)
        if isinstance(item, Cluster):
            self.zoom_to_span(item.start, item.end)
        elif isinstance(item, Density):
            # Close enough in that the events there are drawn one by one: an eighth of the view.
            self.zoom(DENSITY_CLICK_ZOOM, position.x())
        elif isinstance(item, Placement):
            self.select(item.event, ensure_visible=False)
            if item.thin:
                self._scroll_to(item.event)  # selected, it leaves the thin bars for a labelled row in its lane
        elif drag.kind is DragKind.PAN:
            self.select(None)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        item = self._item_at(position)
        if isinstance(item, Placement):
            self.select(item.event, ensure_visible=False)
            self.edit_requested.emit(item.event)
        elif item is None and position.x() > GUTTER_WIDTH and position.y() > AXIS_HEIGHT:
            band = self.band_at(position.y())
            lane = band.lane.key if band is not None else ""
            self.create_requested.emit(self.time_at_x(position.x()),
                                       self._view.seconds_per_pixel(self.timeline_width()), lane)

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
        if isinstance(item, Placement) and grip_at(item, position.x()) != "move":
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
        elif isinstance(item, Cluster):
            QToolTip.showText(global_position,  # type: ignore[arg-type]
                              plain_tooltip(f"{len(item.events):,} more events here; click to zoom in"), self)
        elif isinstance(item, Density):
            QToolTip.showText(global_position,  # type: ignore[arg-type]
                              plain_tooltip("Too many events to draw one by one here; click to zoom in"), self)
        else:
            QToolTip.hideText()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Only the keys no action has: zoom, fit, today and edit are the window's actions (ui/actions.py).
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
        elif key == Qt.Key.Key_Escape:
            self.select(None)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
