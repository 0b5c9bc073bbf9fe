"""Where each visible event goes on screen: lanes, rows, bars, markers, labels and clusters.

Pure arithmetic over the viewport and a text-measuring function, so it is tested
without Qt. Events in a lane are packed greedily into rows so that no two labels
overlap; when a lane runs out of rows, the events that do not fit collapse into a
cluster mark ("+12") in the lane's last row. A lane with more events in view than
can ever be legible is summarised by a density strip instead.
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby

from timeline_app.model.document import Event
from timeline_app.model.index import Lane, TimelineIndex
from timeline_app.model.safety import reveal_hidden
from timeline_app.model.viewport import Viewport

Measure = Callable[[str], float]

MARKER_THRESHOLD = 8.0  # intervals narrower than this many pixels are drawn as a marker
MARKER_RADIUS = 5.0
LABEL_PAD = 6.0
ITEM_GAP = 10.0
DENSITY_PIXELS_PER_EVENT = 40.0  # a lane with more events in view than width / this is drawn as density
DENSITY_BUCKET = 4.0  # pixels per density bucket


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


DENSITY_LEVELS = 12  # heights are drawn in this many steps, so neighbouring buckets merge


def _levels(counts: list[int]) -> bytes:
    """Each count as a height of 0 to DENSITY_LEVELS steps, one byte per bucket.

    Heights follow the square root of the count, so sparse stretches stay visible beside
    dense ones; any count above zero is at least one step high.
    """
    peak = max(counts, default=0)
    if peak == 0:
        return bytes(len(counts))
    scale = DENSITY_LEVELS / math.sqrt(peak)
    ceil, sqrt = math.ceil, math.sqrt
    # Rounding can carry the peak a hair over its step: never above the top.
    return bytes([min(ceil(sqrt(count) * scale), DENSITY_LEVELS) if count else 0 for count in counts])


def _runs(levels: bytes) -> list[tuple[int, int, float]]:
    runs: list[tuple[int, int, float]] = []
    position = 0
    for level, group in groupby(levels):
        length = len(list(group))
        if level:
            runs.append((position, position + length, level / DENSITY_LEVELS))
        position += length
    return runs


@dataclass(slots=True)
class Density:
    """A lane too dense to draw event by event, bucket by bucket.

    Two layers: how many events are under way in each bucket (``counts``, long ranges
    count wherever they reach), drawn light; and how many begin there (``starts``), drawn
    solid. Without the second, a lane full of multi-year ranges reads as one flat block.
    """

    lane: Lane
    counts: list[int]
    starts: list[int]
    bucket_width: float
    top: float
    height: float
    # Both kinds of levels, when numpy has computed them already (long lanes).
    known_levels: tuple[bytes, bytes] | None = None

    def levels(self) -> bytes:
        """The height of each bucket's events under way, 0 to DENSITY_LEVELS."""
        return self.known_levels[0] if self.known_levels is not None else _levels(self.counts)

    def start_levels(self) -> bytes:
        """The height of each bucket's beginnings, 0 to DENSITY_LEVELS."""
        return self.known_levels[1] if self.known_levels is not None else _levels(self.starts)

    def runs(self) -> list[tuple[int, int, float]]:
        """(first bucket, bucket after the last, height share) for each run of equal height under way."""
        return _runs(self.levels())

    def start_runs(self) -> list[tuple[int, int, float]]:
        """The same for beginnings."""
        return _runs(self.start_levels())


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
    lane_padding: float = 4.0
    min_rows: int = 2
    max_rows: int = 8


def event_label(event: Event) -> str:
    """What the timeline writes beside an event: its title, with "c." or "?" when the date is so."""
    start = event.start
    prefix = "c. " if start.approximate else ""
    suffix = " (?)" if start.uncertain else ""
    return f"{prefix}{reveal_hidden(event.title)}{suffix}"


def certainty_stops(event: Event, width: float) -> list[tuple[float, float]]:
    """Opacity stops along a bar ``width`` pixels wide: (share of its length, opacity).

    Solid where the event certainly happened, fading where its start or end is only
    known to a period, so the eye sees how precisely each part is known.
    """
    start, end = event.start, event.end
    if end is None:
        # One date known only to a period: it happened somewhere in here. Soft ends say so;
        # an approximate date fades out further, like a blurred edge.
        fade = min(max(0.2 if start.approximate else 0.08, 3.0 / width), 0.45)
        return [(0.0, 0.08), (fade, 0.5), (1.0 - fade, 0.5), (1.0, 0.08)]
    solid = 0.9 if not (start.approximate or end.approximate) else 0.75
    # The bar runs from the event's begin to its finish: a moment's place along it is its share of that.
    begin, length = event.begin, max(event.finish - event.begin, 1e-9)
    return [(0.0, 0.2 if start.is_imprecise else solid),
            (max((start.latest - begin) / length, 0.001), solid),
            (min((end.earliest - begin) / length, 0.999), solid),
            (1.0, 0.2 if end.is_imprecise or end.ongoing else solid)]


COLLAPSED_ROWS = 1


def rows_per_lane(lanes: int, height: float, geometry: SceneGeometry) -> int:
    """Rows each open lane gets: the height shared evenly, within the minimum and maximum."""
    per_lane = height / max(lanes, 1) - geometry.lane_padding
    rows = int(per_lane // geometry.row_height)
    return max(geometry.min_rows, min(geometry.max_rows, rows))


def layout_scene(index: TimelineIndex, view: Viewport, geometry: SceneGeometry,
                 measure: Measure, scroll: float = 0.0) -> Scene:
    """Lay out every lane for one frame; ``scroll`` shifts lanes up when they do not all fit."""
    scene = Scene()
    open_lanes = [lane for lane in index.lanes if not lane.collapsed]
    collapsed_height = COLLAPSED_ROWS * geometry.row_height + geometry.lane_padding
    room = geometry.height - collapsed_height * (len(index.lanes) - len(open_lanes))
    rows = rows_per_lane(len(open_lanes), room, geometry)
    # Open lanes share any height left over, so the timeline fills its window.
    lane_height = max(rows * geometry.row_height + geometry.lane_padding, room / max(len(open_lanes), 1))
    top = geometry.top - scroll
    for lane in index.lanes:
        height = collapsed_height if lane.collapsed else lane_height
        band = LaneBand(lane, top, height, COLLAPSED_ROWS if lane.collapsed else rows)
        scene.bands.append(band)
        if top + height >= geometry.top and top <= geometry.top + geometry.height:
            _layout_lane(scene, band, view, geometry, measure)
        top += height
    scene.content_height = top + scroll - geometry.top
    return scene


MIN_LABEL_WIDTH = 48.0  # a label squeezed below this by the right edge is left out (hover shows it)


def _layout_lane(scene: Scene, band: LaneBand, view: Viewport, geometry: SceneGeometry,
                 measure: Measure) -> None:
    lane = band.lane
    if lane.collapsed or lane.count_overlapping(view.start, view.end) > geometry.width / DENSITY_PIXELS_PER_EVENT:
        scene.densities.append(_density(lane, view, geometry.width, band))
        return
    visible = lane.visible(view.start, view.end)
    shaped = [_shape(event, view, geometry.width, measure) for event in visible]
    placements, overflow = _pack(shaped, band.rows, band, geometry)
    if overflow:
        # Some events found no row: the last row gives its place to count marks for them all.
        last_row = band.rows - 1
        evicted = {id(p.event) for p in placements if p.row == last_row}
        evicted.update(id(item.event) for item in overflow)
        overflow = [item for item in shaped if id(item.event) in evicted]
        placements = [p for p in placements if p.row != last_row]
        scene.clusters.extend(_clusters(band, overflow, geometry, measure))
    scene.placements.extend(placements)


@dataclass(slots=True, eq=False)
class _Shaped:
    event: Event
    left: float
    right: float
    is_marker: bool
    label: str
    label_left: float
    label_width: float
    inside: bool

    @property
    def extent_right(self) -> float:
        return max(self.right, self.label_left + self.label_width)


def _shape(event: Event, view: Viewport, width: float, measure: Measure) -> _Shaped:
    x0 = view.x_of(event.begin, width)
    x1 = view.x_of(event.finish, width)
    label = event_label(event)
    text_width = measure(label)
    is_marker = x1 - x0 < MARKER_THRESHOLD
    if is_marker:
        center = (x0 + x1) / 2
        left, right = center - MARKER_RADIUS, center + MARKER_RADIUS
    else:
        left, right = x0, x1
    visible_left, visible_right = max(left, 0.0), min(right, width)
    inside = not is_marker and text_width + 2 * LABEL_PAD <= visible_right - visible_left
    label_left = visible_left + LABEL_PAD if inside else right + LABEL_PAD
    if label_left + text_width > width:
        # Never clipped by the right edge: shortened (and elided when painted), or left out.
        text_width = max(width - label_left - 2.0, 0.0)
        if text_width < MIN_LABEL_WIDTH:
            text_width = 0.0
    return _Shaped(event, left, right, is_marker, label, label_left, text_width, inside)


def _pack(shaped: list[_Shaped], rows: int, band: LaneBand,
          geometry: SceneGeometry) -> tuple[list[Placement], list[_Shaped]]:
    """Greedy first-fit into ``rows`` rows; what fits nowhere is returned as overflow."""
    row_ends = [-math.inf] * rows
    placements: list[Placement] = []
    overflow: list[_Shaped] = []
    row_height = geometry.row_height
    item_height = row_height - 6
    for item in shaped:
        limit = item.left - ITEM_GAP
        for row in range(rows):
            if row_ends[row] <= limit:
                break
        else:
            overflow.append(item)
            continue
        row_ends[row] = item.extent_right
        y = band.top + 3 + row * row_height
        shape = Rect(item.left, y, item.right - item.left, item_height)
        label_rect = None
        if item.label_width > 0 and item.label_left + item.label_width > 0:
            label_rect = Rect(item.label_left, y, item.label_width, item_height)
        placements.append(Placement(item.event, band.lane, row, shape, item.is_marker, item.label,
                                    label_rect, item.inside))
    return placements, overflow


def _clusters(band: LaneBand, overflow: list[_Shaped], geometry: SceneGeometry,
              measure: Measure) -> list[Cluster]:
    """Count marks in the lane's last row for the events that found no row above."""
    y = band.top + 3 + (band.rows - 1) * geometry.row_height
    height = geometry.row_height - 6
    groups: list[tuple[float, float, list[Event]]] = []  # (left, right, events)
    for item in overflow:
        left = min(max(item.left, 0.0), geometry.width)
        if groups and left <= groups[-1][1] + ITEM_GAP:
            group_left, group_right, events = groups[-1]
            events.append(item.event)
        else:
            group_left, group_right, events = left, left, [item.event]
            groups.append((group_left, group_right, events))
        pill_width = measure(f"+{len(events)}") + 2 * LABEL_PAD
        groups[-1] = (group_left, max(group_right, min(item.right, geometry.width),
                                      group_left + pill_width), events)
    clusters: list[Cluster] = []
    for left, right, events in groups:
        label = f"+{len(events)}"
        pill_width = measure(label) + 2 * LABEL_PAD
        # Keep the whole mark on screen, even for events just past the right edge.
        left = min(left, geometry.width - pill_width)
        right = min(max(right, left + pill_width), geometry.width)
        if clusters and left < clusters[-1].rect.right + ITEM_GAP:
            previous = clusters.pop()
            events = previous.events + events
            left = previous.rect.x
            label = f"+{len(events)}"
            pill_width = measure(label) + 2 * LABEL_PAD
            right = max(right, left + pill_width)
        label_rect = Rect(left + LABEL_PAD, y, measure(label), height)
        clusters.append(Cluster(band.lane, events, Rect(left, y, right - left, height), label, label_rect))
    return clusters


def lane_density(lane: Lane, start: float, end: float, buckets: int) -> list[int]:
    """How many of the lane's events overlap each of ``buckets`` equal slices of [start, end]."""
    return lane_activity(lane, start, end, buckets)[0]


def lane_activity(lane: Lane, start: float, end: float, buckets: int) -> tuple[list[int], list[int]]:
    """For each of ``buckets`` equal slices of [start, end]: events overlapping it, and events beginning in it."""
    if lane.arrays is not None:
        return lane.arrays.activity(start, end, buckets)
    bucket_seconds = (end - start) / buckets
    begins, finishes = lane.begins, lane.sorted_finishes
    edges = [start + i * bucket_seconds for i in range(buckets + 1)]
    begun = [bisect_right(begins, edge) for edge in edges]
    ended = [bisect_left(finishes, edge) for edge in edges[:-1]]
    overlapping = [b - e for b, e in zip(begun[1:], ended, strict=True)]
    beginning = [after - before for before, after in itertools.pairwise(begun)]
    if beginning:
        beginning[0] += begun[0] - bisect_left(begins, start)  # the first bucket holds its left edge
    return overlapping, beginning


def _density(lane: Lane, view: Viewport, width: float, band: LaneBand) -> Density:
    """How many events overlap each bucket: long ranges count wherever they reach."""
    buckets = max(1, int(width // DENSITY_BUCKET))
    if lane.arrays is not None:
        counts, starts, levels, start_levels = lane.arrays.activity_levels(view.start, view.end, buckets,
                                                                           DENSITY_LEVELS)
        return Density(lane, counts, starts, width / buckets, band.top + 3, band.height - 6,
                       (levels, start_levels))
    counts, starts = lane_activity(lane, view.start, view.end, buckets)
    return Density(lane, counts, starts, width / buckets, band.top + 3, band.height - 6)
