"""Dragging on the canvas: what a press began (pan, zoom to a span, move an event, move a lane),
which part of an event it grabbed, and what the drag shows while it goes on."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from timeline_app.model.document import Event
from timeline_app.model.edits import moved_raw
from timeline_app.model.view.lane_tree import LaneTree
from timeline_app.model.view.scene import Cluster, Density, LaneBand, Placement
from timeline_app.model.view.viewport import Viewport
from timeline_app.ui.canvas.painter import GUTTER_WIDTH

if TYPE_CHECKING:
    from timeline_app.ui.canvas.widget import TimelineCanvas


def move_preview(event: Event, seconds: float, part: str) -> str:
    """The dates a drag would give the event, as the user will read them."""
    raw = moved_raw(event, seconds, part) or event.raw
    return f"{raw['start']} – {raw['end']}" if "end" in raw else str(raw["start"])


class DragKind(Enum):
    """What a press on the canvas began."""

    PAN = auto()
    ZOOM_SPAN = auto()
    PRESS_ON_ITEM = auto()
    LANE = auto()


EDGE_GRIP = 6.0  # pixels at each end of a range bar that resize instead of move


@dataclass
class Drag:
    """A press on the canvas, followed until its release."""

    kind: DragKind
    origin: QPointF
    start_view: Viewport
    current_x: float
    moved: bool = False
    placement: Placement | None = None
    part: str = "move"
    lane: str = ""
    current_y: float = 0.0


def drag_for_press(position: QPointF, view: Viewport, item: Placement | Cluster | Density | None,
                   header: LaneBand | None, on_axis: bool) -> Drag:
    """What a press at ``position`` begins: on a lane's ``header`` a lane move, on the axis a zoom to
    the span dragged over, on an item a click or an event's move, anywhere else a pan."""
    x = position.x()
    if header is not None:
        return Drag(DragKind.LANE, position, view, x, lane=header.lane.key)
    if on_axis:
        return Drag(DragKind.ZOOM_SPAN, position, view, x)
    if isinstance(item, Placement):
        return Drag(DragKind.PRESS_ON_ITEM, position, view, x, placement=item, part=grip_at(item, x))
    return Drag(DragKind.PRESS_ON_ITEM if item is not None else DragKind.PAN, position, view, x)


def lanes_after_drop(keys: list[str], dragged: str, onto: str, below: bool, tree: LaneTree | None = None) -> list[str]:
    """The lane order after ``dragged`` is dropped on the lane ``onto``: after it when dropped going down.

    Lanes of nested categories move among their siblings, each with its branch (see LaneTree.dropped).
    """
    if tree is not None and tree.nested:
        return tree.dropped(keys, dragged, onto, below)
    order = [key for key in keys if key != dragged]
    order.insert(order.index(onto) + (1 if below else 0), dragged)
    return order


def grip_at(placement: Placement, x: float) -> str:
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


def paint_drag_feedback(painter: QPainter, drag: Drag | None, canvas: TimelineCanvas) -> None:
    """What a drag shows as it goes: where a lane would land, where an event would go, the span to zoom into."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if drag is not None and drag.kind is DragKind.LANE and drag.moved:
        target = canvas.band_at(drag.current_y)
        if target is not None:
            y = target.top + (target.height if drag.current_y > drag.origin.y() else 0)
            painter.setPen(QPen(canvas.painter.theme.highlight, 3))
            painter.drawLine(QPointF(0, y), QPointF(float(canvas.width()), y))
        return
    if drag is not None and drag.placement is not None and drag.moved:
        _paint_move_ghost(painter, drag, drag.placement, canvas)
        return
    if drag is None or drag.kind is not DragKind.ZOOM_SPAN or not drag.moved:
        return
    left, right = sorted((drag.origin.x(), drag.current_x))
    span = QColor(canvas.painter.theme.highlight)
    span.setAlphaF(0.18)
    painter.fillRect(QRectF(left, 0, right - left, float(canvas.height())), span)
    painter.setPen(QPen(canvas.painter.theme.highlight, 1))
    painter.drawRect(QRectF(left, 0, right - left, float(canvas.height()) - 1))

def _paint_move_ghost(painter: QPainter, drag: Drag, placement: Placement, canvas: TimelineCanvas) -> None:
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
    painter.setPen(QPen(canvas.painter.theme.highlight, 2, Qt.PenStyle.DashLine))
    painter.drawRoundedRect(ghost.adjusted(-2, -2, 2, 2), 4, 4)
    seconds = dx * canvas.viewport().seconds_per_pixel(canvas.timeline_width())
    hint = move_preview(placement.event, seconds, drag.part)
    painter.setPen(canvas.painter.theme.text)
    painter.setFont(canvas.painter.axis_bold)
    painter.drawText(QPointF(ghost.left(), ghost.bottom() + 16), hint)
