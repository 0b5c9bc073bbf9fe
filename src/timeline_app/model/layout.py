"""Where each visible event goes on screen: lanes, rows, bars, markers, labels and clusters.

Pure arithmetic over the viewport and a text-measuring function, so it is tested
without Qt. Events in a lane are packed greedily into rows so that no two labels
overlap; when a lane runs out of rows, the events that do not fit collapse into a
cluster mark ("+12") in the lane's last row. A lane with more events in view than
can ever be legible is summarised by a density strip instead.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from timeline_app.model.document import Event
from timeline_app.model.index import Lane, TimelineIndex
from timeline_app.model.viewport import Viewport

Measure = Callable[[str], float]

MARKER_THRESHOLD = 8.0  # intervals narrower than this many pixels are drawn as a marker
MARKER_RADIUS = 5.0
LABEL_PAD = 6.0
ITEM_GAP = 10.0
DENSITY_THRESHOLD = 400  # events in view in one lane beyond which it is drawn as density
DENSITY_BUCKET = 3.0  # pixels per density bucket


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def intersects(self, other: Rect) -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.right and self.y <= y < self.bottom


@dataclass(slots=True)
class Placement:
    """One event on screen: its shape (a bar or a marker) and its label."""

    event: Event
    lane: Lane
    row: int
    shape: Rect
    is_marker: bool
    label: str
    label_rect: Rect | None
    label_inside: bool

    def hit(self, x: float, y: float) -> bool:
        slack = Rect(self.shape.x - 3, self.shape.y - 3, self.shape.width + 6, self.shape.height + 6)
        return slack.contains(x, y) or (self.label_rect is not None and self.label_rect.contains(x, y))


@dataclass(slots=True)
class Cluster:
    """Events that did not fit, drawn as one mark with their count."""

    lane: Lane
    events: list[Event]
    rect: Rect
    label: str = ""
    label_rect: Rect | None = None

    @property
    def start(self) -> float:
        return min(event.begin for event in self.events)

    @property
    def end(self) -> float:
        return max(event.finish for event in self.events)


@dataclass(slots=True)
class Density:
    """A lane too dense to draw event by event: how many events start in each bucket."""

    lane: Lane
    counts: list[int]
    bucket_width: float
    top: float
    height: float


@dataclass(slots=True)
class LaneBand:
    lane: Lane
    top: float
    height: float
    rows: int


@dataclass(slots=True)
class Scene:
    """Everything the painter draws for one frame."""

    bands: list[LaneBand] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    densities: list[Density] = field(default_factory=list)
    content_height: float = 0.0

    def hit(self, x: float, y: float) -> Placement | Cluster | None:
        for placement in reversed(self.placements):
            if placement.hit(x, y):
                return placement
        for cluster in self.clusters:
            if cluster.rect.contains(x, y) or (cluster.label_rect and cluster.label_rect.contains(x, y)):
                return cluster
        return None

    def label_rects(self) -> list[Rect]:
        rects = [p.label_rect for p in self.placements if p.label_rect is not None]
        rects += [c.label_rect for c in self.clusters if c.label_rect is not None]
        return rects


@dataclass(frozen=True, slots=True)
class SceneGeometry:
    """Sizes in pixels of the area the lanes are laid out in."""

    width: float
    top: float
    height: float
    row_height: float = 24.0
    lane_padding: float = 6.0
    min_rows: int = 2
    max_rows: int = 8


def event_label(event: Event) -> str:
    """What the timeline writes beside an event: its title, with "c." or "?" when the date is so."""
    start = event.start
    prefix = "c. " if start.approximate else ""
    suffix = " (?)" if start.uncertain else ""
    return f"{prefix}{event.title}{suffix}"


def rows_per_lane(index: TimelineIndex, geometry: SceneGeometry) -> int:
    """Rows each lane gets: the height shared evenly, within the minimum and maximum."""
    lanes = max(len(index.lanes), 1)
    per_lane = geometry.height / lanes - geometry.lane_padding
    rows = int(per_lane // geometry.row_height)
    return max(geometry.min_rows, min(geometry.max_rows, rows))


def layout_scene(index: TimelineIndex, view: Viewport, geometry: SceneGeometry,
                 measure: Measure, scroll: float = 0.0) -> Scene:
    """Lay out every lane for one frame; ``scroll`` shifts lanes up when they do not all fit."""
    scene = Scene()
    rows = rows_per_lane(index, geometry)
    lane_height = rows * geometry.row_height + geometry.lane_padding
    top = geometry.top - scroll
    for lane in index.lanes:
        band = LaneBand(lane, top, lane_height, rows)
        scene.bands.append(band)
        if top + lane_height >= geometry.top and top <= geometry.top + geometry.height:
            _layout_lane(scene, band, view, geometry, measure)
        top += lane_height
    scene.content_height = lane_height * len(index.lanes)
    return scene


def _layout_lane(scene: Scene, band: LaneBand, view: Viewport, geometry: SceneGeometry,
                 measure: Measure) -> None:
    lane = band.lane
    width = geometry.width
    margin = view.span * 0.5  # labels of events just off the left edge may reach into view
    if lane.count_starting(view.start - margin, view.end) > DENSITY_THRESHOLD:
        scene.densities.append(_density(lane, view, width, band))
        return
    visible = lane.visible(view.start - margin, view.end)
    row_ends = [-math.inf] * band.rows
    overflow: list[tuple[Event, float, float]] = []
    row_height = geometry.row_height
    item_height = row_height - 6
    for event in visible:
        x0 = view.x_of(event.begin, width)
        x1 = view.x_of(event.finish, width)
        label = event_label(event)
        text_width = measure(label)
        is_marker = x1 - x0 < MARKER_THRESHOLD
        if is_marker:
            center = (x0 + x1) / 2
            shape_left, shape_right = center - MARKER_RADIUS, center + MARKER_RADIUS
        else:
            shape_left, shape_right = x0, x1
        inside = not is_marker and text_width + 2 * LABEL_PAD <= shape_right - max(shape_left, 0.0)
        label_left = max(shape_left, 0.0) + LABEL_PAD if inside else shape_right + LABEL_PAD
        extent_right = max(shape_right, label_left + text_width)
        row = next((r for r in range(band.rows - 1) if row_ends[r] + ITEM_GAP <= shape_left), None)
        if row is None and not overflow and row_ends[-1] + ITEM_GAP <= shape_left:
            row = band.rows - 1
        if row is None:
            overflow.append((event, shape_left, shape_right))
            continue
        row_ends[row] = extent_right
        y = band.top + 3 + row * row_height
        shape = Rect(shape_left, y, shape_right - shape_left, item_height)
        label_rect = None
        if label_left + text_width > 0 and label_left < width:
            label_rect = Rect(label_left, y, text_width, item_height)
        scene.placements.append(Placement(event, lane, row, shape, is_marker, label, label_rect, inside))
    if overflow:
        _clusters(scene, band, overflow, row_ends, geometry, measure)


def _clusters(scene: Scene, band: LaneBand, overflow: list[tuple[Event, float, float]],
              row_ends: list[float], geometry: SceneGeometry, measure: Measure) -> None:
    """Group events that found no row into count marks in the lane's last row."""
    row = band.rows - 1
    y = band.top + 3 + row * geometry.row_height
    height = geometry.row_height - 6
    groups: list[tuple[float, float, list[Event]]] = []  # (left, right, events)
    occupied = row_ends[row]
    for event, shape_left, shape_right in overflow:
        if groups and shape_left <= groups[-1][1] + ITEM_GAP:
            left, right, events = groups[-1]
            events.append(event)
        else:
            left = max(shape_left, (groups[-1][1] if groups else occupied) + ITEM_GAP)
            right, events = shape_right, [event]
            groups.append((left, right, events))
        pill_width = measure(f"+{len(events)}") + 2 * LABEL_PAD
        groups[-1] = (left, max(right, shape_right, left + pill_width), events)
    for left, right, events in groups:
        if left > geometry.width:
            continue  # past the right edge: nothing of it would be seen
        label = f"+{len(events)}"
        text_width = measure(label)
        label_rect = Rect(left + LABEL_PAD, y, text_width, height)
        scene.clusters.append(Cluster(band.lane, events, Rect(left, y, right - left, height),
                                      label, label_rect))


def _density(lane: Lane, view: Viewport, width: float, band: LaneBand) -> Density:
    buckets = max(1, int(width // DENSITY_BUCKET))
    bucket_seconds = view.span / buckets
    begins = lane.begins
    edges = [bisect_left(begins, view.start + i * bucket_seconds) for i in range(buckets + 1)]
    counts = [edges[i + 1] - edges[i] for i in range(buckets)]
    return Density(lane, counts, width / buckets, band.top + 3, band.height - 6)
