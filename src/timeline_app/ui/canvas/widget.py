"""The timeline canvas: the widget that shows a viewport of the timeline and takes input.

It lays out only the visible slice (with :mod:`timeline_app.model.view.layout`), has a
:class:`~timeline_app.ui.canvas.painter.TimelinePainter` paint it, and turns mouse,
wheel, gesture and key input into viewport and selection changes. Exports paint through
the same painter without a widget.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from timeline_app.model.describe import era_hover_text, hover_text
from timeline_app.model.document import Era, Event
from timeline_app.model.view.index import TimelineIndex, framing_span
from timeline_app.model.view.layout_memory import LayoutMemory
from timeline_app.model.view.moves import view_at_today, view_beyond, view_framing, view_showing
from timeline_app.model.view.scene import Cluster, Density, LaneBand, Placement, Scene, SceneGeometry
from timeline_app.model.view.viewport import Viewport, ZoomLimits
from timeline_app.model.zones import Zone
from timeline_app.ui.canvas.drag import Drag, DragKind, drag_for_press, grip_at, lanes_after_drop, paint_drag_feedback
from timeline_app.ui.canvas.idle_work import IdleWork
from timeline_app.ui.canvas.lane_scroll import STEP, LaneScroll
from timeline_app.ui.canvas.painter import (
    AXIS_HEIGHT,
    EMPTY_TEXT,
    FOOTER_HEIGHT,
    GUTTER_WIDTH,
    Frame,
    TimelinePainter,
    lanes_top,
)
from timeline_app.ui.safe_text import plain_tooltip

WHEEL_ZOOM_BASE = 1.0018  # per eighth of a degree: one notch (120) zooms by about 24%
KEY_ZOOM = 1.5
CLICK_SLOP = 4.0
DENSITY_CLICK_ZOOM = 8.0


class TimelineCanvas(QWidget):
    """Draws lanes of events over a zoomable, pannable time axis."""

    selection_changed = Signal(object)  # Event | None
    era_selected = Signal(object)  # Era: one was clicked in the band under the axis
    era_edit_requested = Signal(object)  # Era: one was double-clicked
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
        self._selected_era: Era | None = None
        self._zone: Zone | None = None  # the clocks times are shown on (see ZoneChoice)
        self._hovered: Event | None = None
        self._drag: Drag | None = None
        self._layouts = LayoutMemory()
        self.painter = TimelinePainter(self.palette())  # paints this window's frames
        self._idle = IdleWork(self, lambda: self.painter.sprites, self._scene_is_incomplete,
                              lambda: self._complete_scene(self.scene()), self._prepare_zoom)
        self._painted_once = False
        self._empty_text = EMPTY_TEXT
        self._index_generation = 0
        self._matches: set[Event] | None = None
        self._current_match: Event | None = None
        self._touched: list[Event] = []  # just made or moved: drawn, never counted away
        self._pinned_generation = 0  # the layout depends on which events are pinned
        self._scroll = LaneScroll(self, lambda _value: self.update())

    # ------------------------------------------------------------ public API

    def set_index(self, index: TimelineIndex, limits: ZoomLimits, view: Viewport | None = None) -> None:
        """Show new data; keep ``view`` if given, else frame where most of the events are."""
        self._index = index
        self._limits = limits
        self._index_generation += 1  # never id(index): a new index may reuse a freed one's address
        self._layouts.forget()
        self._idle.forget()
        self._selected = index.same_event(self._selected)
        self._selected_era = self._index.era_in_place(self._selected_era)
        self._current_match = index.same_event(self._current_match)
        self._touched = [found for event in self._touched if (found := index.same_event(event)) is not None]
        self._hovered = None
        first = limits.first_view(index.span(), index.bulk_span()) if view is None else limits.clamp(view)
        self.set_viewport(first)
        self.update()
        self.selection_changed.emit(self._selected)

    def index(self) -> TimelineIndex:
        return self._index

    def _lanes_top(self) -> float:
        return lanes_top(self._index)

    def set_display_zone(self, zone: Zone | None) -> None:
        self._zone = zone
        self.update()

    def display_zone(self) -> Zone | None:
        return self._zone

    def selected_era(self) -> Era | None:
        return self._selected_era

    def select_era(self, era: Era | None) -> None:
        """Select an era (its band outlined, the pane shows it); the event selected before is let go."""
        if self._selected is not None:
            self.select(None)
        self._selected_era = era
        self.update()
        self.era_selected.emit(era)

    def eras_changed(self) -> None:
        """The eras were edited: the band may have grown a row, and the one selected may be gone."""
        self._selected_era = self._index.era_in_place(self._selected_era)
        self._layouts.forget()
        self.update()

    def _era_at(self, position: QPointF) -> Era | None:
        return self.painter.era_at(self.frame(), position.x(), position.y())

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
            self._selected_era = None
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
        """Bring an event into view, keeping the zoom unless the event is wider than the view, and
        scroll the lanes to it when its lane is above or below the window."""
        view = view_showing(self._view, event, self._limits)
        if view is not None:
            self.set_viewport(view)
        self._scroll_to(event)

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
        if self._selected is not None:
            self.zoom_to_span(*framing_span(self._index, self._selected))

    def go_to_today(self) -> None:
        """Centre on now at this zoom; if now is too far from the data for that, take both in."""
        self.set_viewport(view_at_today(self._view, self._limits, time.time()))

    def zoom_to_span(self, start: float, end: float) -> None:
        self.set_viewport(view_framing(self._limits, start, end))

    def scene(self) -> Scene:
        """The layout of the current frame (what is, or is about to be, painted)."""
        width = self.timeline_width()
        height = self._timeline_height()
        scene, new = self._layouts.current(self._layout_key(self._view, width, height), self._view,
                                           lambda: self._lay_out(self._view, width, height))
        if new:
            self._scroll.fit(scene.content_height, height, self._lanes_top())
            if not scene.complete:
                self._idle.soon()  # the lanes below the window are laid out while idle
        return scene

    def _lay_out(self, view: Viewport, width: float, height: float, *, whole: bool = False) -> Scene:
        """The layout of ``view``; unless ``whole``, lanes below the window keep the rows they last had."""
        geometry = SceneGeometry(width=width, top=self._lanes_top(), height=height)
        return self._layouts.lay_out(self._index, view, geometry, self.painter.measure_label,
                                     float(self._scroll.value), self.pinned_events(),
                                     in_sight_until=None if whole else self._lanes_top() + height)

    def _scroll_to(self, event: Event) -> None:
        """Scroll the lanes so that ``event``, as now laid out, is in sight, two rows below the top if it was not."""
        found = next((p for p in self.whole_scene().placements if p.event is event), None)
        if found is not None:
            self._scroll.bring_into_sight(found, self._lanes_top(), self._lanes_top() + self._timeline_height())

    def whole_scene(self) -> Scene:
        """The layout of the current view with every lane laid out, those below the window too."""
        scene = self.scene()
        if not scene.complete:
            scene = self._complete_scene(scene)  # kept: idle time need not lay it out again
        return scene

    def _complete_scene(self, scene: Scene) -> Scene:
        """Lay out the lanes below the window for the current view, so the scroll range is right."""
        width, height = self.timeline_width(), self._timeline_height()
        whole = self._lay_out(self._view, width, height, whole=True)
        self._layouts.complete(whole)
        self._scroll.fit(whole.content_height, height, self._lanes_top())
        if whole.content_height != scene.content_height:
            self.update()  # the scroll bar may have come or gone, and with it the timeline's width
        return whole

    def _layout_key(self, view: Viewport, width: float, height: float) -> tuple[object, ...]:
        return (self._index_generation, self._pinned_generation, view, width, height, self._scroll.value,
                self._lanes_top())

    def x_for_time(self, moment: float) -> float:
        return GUTTER_WIDTH + self._view.x_of(moment, self.timeline_width())

    def time_at_x(self, x: float) -> float:
        return self._view.time_at(x - GUTTER_WIDTH, self.timeline_width())

    def placement_of(self, event: Event) -> Placement | None:
        return next((p for p in self.scene().placements if p.event is event), None)

    # ------------------------------------------------------------ geometry

    def timeline_width(self) -> float:
        return max(float(self.width()) - GUTTER_WIDTH - self._scroll.taken_width(), 1.0)

    def _timeline_height(self) -> float:
        """The height the lanes have: below the axis, above the footer."""
        return max(float(self.height()) - self._lanes_top() - self._footer_height(), 1.0)

    def _footer_height(self) -> float:
        # Always there in a window with events, so the lanes never jump as the marks come and go.
        return 0.0 if not self._index.ordered else FOOTER_HEIGHT

    # ------------------------------------------------------------ painting

    def sizeHint(self) -> QSize:
        return QSize(900, 560)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._layouts.forget()
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
        self._layouts.forget()
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
        self._idle.after_frame(self._view, self.painter.stamping)

    def frame(self, *, transparent: bool = False) -> Frame:
        """What the window shows now, for the painter."""
        return Frame(self.scene(), self._index, self._view, float(self.width()), float(self.height()),
                     self.timeline_width(), self._timeline_height(), self._footer_height(), self._selected,
                     self._hovered, self._matches, self._current_match, False, transparent,
                     self._empty_text, self._selected_era, self._zone)

    def _prepare_zoom(self, factor: float) -> None:
        """Lay out the next zoom step by ``factor`` around the centre, and make what painting it needs."""
        view = self._view.zoomed(factor, self._view.center, self._limits)
        width, height = self.timeline_width(), self._timeline_height()
        scene = self._lay_out(view, width, height)
        # Kept: a zoom by this very step around the centre (the keys, the buttons) uses it as it is.
        self._layouts.keep_ahead(self._layout_key(view, width, height), scene)
        self.painter.prepare(scene)

    def _scene_is_incomplete(self) -> bool:
        """The current view's layout left lanes below the window for later (see LayoutMemory)."""
        return self._layouts.is_incomplete(self._layout_key(self._view, self.timeline_width(),
                                                            self._timeline_height()))

    def _edge_mark_at(self, position: QPointF) -> int:
        """-1 or 1 when ``position`` is on the mark of events before or after the view, else 0."""
        return next((side for rect, _text, side in self.painter.edge_marks(self.frame())
                     if rect.contains(position)), 0)

    def show_beyond(self, side: int) -> None:
        """Go to the nearest events past one edge (-1: before, 1: after), keeping the zoom."""
        view = view_beyond(self._index, self._view, side)
        if view is not None:
            self.set_viewport(view)

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
            self._scroll.scroll_by(-steps // 2)
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
        header = self.band_at(position.y()) if position.x() < GUTTER_WIDTH else None
        on_axis = position.y() < AXIS_HEIGHT and position.x() >= GUTTER_WIDTH
        self._drag = drag_for_press(position, self._view, self._item_at(position), header, on_axis)
        if self._drag.kind is DragKind.LANE:
            self.setCursor(Qt.CursorShape.SizeVerCursor)
        elif self._drag.kind is DragKind.PAN:
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def band_at(self, y: float) -> LaneBand | None:
        if y < self._lanes_top():
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
        self.lanes_reordered.emit(lanes_after_drop(keys, drag.lane, target.lane.key, below=y > drag.origin.y(),
                                                   tree=self._index.lane_tree))

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
        era = self._era_at(position)
        if era is not None:
            self.select_era(era)
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
            if self._selected_era is not None:
                self.select_era(None)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        item = self._item_at(position)
        era = self._era_at(position)
        if era is not None:
            self.era_edit_requested.emit(era)
        elif isinstance(item, Placement):
            self.select(item.event, ensure_visible=False)
            self.edit_requested.emit(item.event)
        elif item is None and position.x() > GUTTER_WIDTH and position.y() > self._lanes_top():
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
        if position.x() < GUTTER_WIDTH or position.y() < self._lanes_top():
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
        era = self._era_at(position)
        tip = era_hover_text(era, self._zone) if era is not None else hover_text(item, self._zone)
        if era is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        if tip is not None:
            QToolTip.showText(global_position, plain_tooltip(tip), self)  # type: ignore[arg-type]
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
            self._scroll.scroll_by(-STEP if key == Qt.Key.Key_Up else STEP)
        elif key == Qt.Key.Key_Escape:
            self.select(None)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
