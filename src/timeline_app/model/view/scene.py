"""What a laid-out frame holds: lanes, the places of events in them, count marks and density.

Plain data made by layout.py and read by the painter, the canvas's hit tests and the
export; sizes are pixels. The rules of where things go are layout.py's.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby

from timeline_app.model.document import Event
from timeline_app.model.view.colours import event_color
from timeline_app.model.view.lanes import Lane

Measure = Callable[[str], float]

ROW_HEIGHT = 24.0  # pixels a row of a lane takes, unless a geometry says otherwise
MARKER_THRESHOLD = 8.0  # intervals narrower than this many pixels are drawn as a marker
MARKER_RADIUS = 5.0
LABEL_PAD = 6.0
ITEM_GAP = 10.0
# The room one event beginning in view needs to be told from its neighbours and picked out by
# the mouse: a marker and the start of a label. A lane with more beginnings than its share of
# the rows can hold at this pitch is a density strip, and no layout could make them readable.
MARK_PITCH = 40.0
DENSITY_BUCKET = 4.0  # pixels per density bucket
DENSITY_ROWS = 2  # a density strip is this many rows high
THROUGH_ROWS = 3  # rows with labels a lane gives ranges that go on through the whole view
# Past THROUGH_ROWS, ranges through the view are still each drawn, as a thin bar of its own (no
# label: hover or click one), THIN_PER_ROW to a row, below all the lanes. A page cannot scroll
# there: on a page a mark counts them.
THIN_PER_ROW = 4
PAGE_HEADER_ROWS = 3  # a lane of a page this many rows high counts its ranges through the page in its header
THIN_BAR_HEIGHT = 4.0


@dataclass(slots=True)  # not frozen: a frozen one takes three times as long to make, and a frame makes thousands
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
    color: str = ""  # the event's category colour, whatever the lanes are made of
    thin: bool = False  # a thin bar of a ThroughStack, below the lanes

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
    through: bool = False  # ranges that go on through the whole page, past the rows they were given

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
class ThroughStack:
    """A lane's ranges under way all through the view past its labelled ones: a thin bar each.

    Thousands of them are held as one list, not a placement each, so a frame costs what the
    bars in sight cost: bar ``n`` is at ``top + n * pitch``, across the whole view.
    """

    lane: Lane
    events: list[Event]
    top: float
    pitch: float
    width: float
    colors: dict[str, str]

    def bar_top(self, position: int) -> float:
        return self.top + position * self.pitch

    def in_sight(self, top: float, bottom: float) -> range:
        """The positions of the bars that lie at least partly between ``top`` and ``bottom``."""
        first = max(int((top - self.top - THIN_BAR_HEIGHT) // self.pitch) + 1, 0)
        last = min(int((bottom - self.top) // self.pitch) + 1, len(self.events))
        return range(first, max(first, last))

    def placement(self, position: int) -> Placement:
        """Bar ``position`` as a placement, for what hovering, clicking and painting it need."""
        event = self.events[position]
        return Placement(event, self.lane, -1, Rect(0.0, self.bar_top(position), self.width, THIN_BAR_HEIGHT), False,
                         "", None, False, event_color(self.colors, event, self.lane.color), thin=True)

    def hit(self, x: float, y: float) -> Placement | None:
        if not 0 <= x < self.width:
            return None
        # The bars are a pitch apart and THIN_BAR_HEIGHT high: the gap between them goes to the nearer.
        position = round((y - self.top - THIN_BAR_HEIGHT / 2) / self.pitch)
        if 0 <= position < len(self.events) and abs(y - self.bar_top(position) - THIN_BAR_HEIGHT / 2) <= self.pitch / 2:
            return self.placement(position)
        return None


@dataclass(slots=True)
class LaneBand:
    lane: Lane
    top: float
    height: float
    rows: int
    density: bool = False
    stack: bool = False  # the lane's part of the section of ranges through the view, below all lanes
    laid_out: bool = True  # False: below what is in sight, only its height known (see Scene.complete)
    # On a page: ranges through it that found no row, told in the lane's header rather than in a
    # row of their own (a lane of PAGE_HEADER_ROWS rows or more has room for the line there).
    through_counted: list[Event] = field(default_factory=list)


@dataclass(slots=True)
class Scene:
    """Everything the painter draws for one frame."""

    bands: list[LaneBand] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    densities: list[Density] = field(default_factory=list)
    stacks: list[ThroughStack] = field(default_factory=list)
    # Where the section of ranges through the view begins (its caption's row), when there is one.
    stacks_top: float | None = None
    content_height: float = 0.0

    @property
    def complete(self) -> bool:
        """False when lanes below what is in sight were given the rows they had last time instead of
        being laid out (layout_scene's ``in_sight_until``): what is in sight is as a full layout's."""
        return all(band.laid_out for band in self.bands)

    def hit(self, x: float, y: float) -> Placement | Cluster | Density | None:
        for placement in reversed(self.placements):
            if placement.hit(x, y):
                return placement
        for stack in self.stacks:
            found = stack.hit(x, y)
            if found is not None:
                return found
        for cluster in self.clusters:
            if cluster.rect.contains(x, y) or (cluster.label_rect and cluster.label_rect.contains(x, y)):
                return cluster
        for density in self.densities:
            if density.top <= y < density.top + density.height and 0 <= x < density.bucket_width * len(density.counts):
                return density
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
    row_height: float = ROW_HEIGHT
    lane_padding: float = 4.0
    max_rows: int = 40  # rows one lane may take; past them, count marks
