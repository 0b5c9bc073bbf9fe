"""Where each visible event goes on screen: lanes, rows, bars, markers, labels and clusters.

Pure arithmetic over the viewport and a text-measuring function, so it is tested
without Qt. Each lane takes the rows its events need: they are packed first-fit so
that no two labels overlap, an event that finds no room for its label is drawn bare
where its mark still fits, and only what finds no row at all (past ``max_rows``) is
counted in a mark ("+12") as wide as the events it stands for. The events the user is
working with (selected, the current match, just made or moved) are placed first, so
they are never counted away. A lane turns into a density strip only when more events
begin in view than its rows could hold as distinct marks; ranges that merely pass
through the view are drawn as bars, their labels pinned at the left edge: a few in their
lane's rows, and all the others each as a thin bar of its own, lane by lane, in a section
below the lanes (see :class:`ThroughStack`), so that what begins in view stays on top.
"""

from __future__ import annotations

import heapq
import itertools
import math
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field

from timeline_app.model.document import Event
from timeline_app.model.view.appearance import event_label
from timeline_app.model.view.colours import event_color
from timeline_app.model.view.index import TimelineIndex
from timeline_app.model.view.lanes import Lane
from timeline_app.model.view.scene import (
    DENSITY_BUCKET,
    DENSITY_LEVELS,
    DENSITY_ROWS,
    ITEM_GAP,
    LABEL_PAD,
    MARK_PITCH,
    MARKER_RADIUS,
    MARKER_THRESHOLD,
    PAGE_HEADER_ROWS,
    THIN_BAR_HEIGHT,
    THIN_PER_ROW,
    THROUGH_ROWS,
    Cluster,
    Density,
    LaneBand,
    Measure,
    Placement,
    Rect,
    Scene,
    SceneGeometry,
    ThroughStack,
)
from timeline_app.model.view.viewport import Viewport

COLLAPSED_ROWS = 1
DENSITY_HYSTERESIS = 1.25  # how far past its limit a lane drawn one by one stays so (see layout_scene)
MIN_SHARE_ROWS = 3  # however many lanes share the height, each is counted as having this many rows for density


def layout_scene(index: TimelineIndex, view: Viewport, geometry: SceneGeometry, measure: Measure,
                 scroll: float = 0.0, pinned: Collection[Event] = (), fit_height: bool = False,
                 in_sight_until: float | None = None, known_rows: dict[str, tuple[int, int]] | None = None,
                 one_by_one_before: Collection[str] = ()) -> Scene:
    """Lay out every lane for one frame; ``scroll`` shifts lanes up when they do not all fit.

    Each lane is packed first, for the rows it needs; the height is then shared by need,
    and what is left over spread over the open lanes so the timeline fills its window.
    ``pinned`` events are always drawn with their label (the selection, the current search
    match, an event just made or moved), popping out of any group. With ``fit_height`` (a page,
    which cannot scroll) lanes that together need more than the height share it, the busiest
    giving rows up first, and what their rows cannot hold is counted. Ranges that go on through
    the whole view take at most THROUGH_ROWS rows of a lane; the rest are thin bars in the
    section below the lanes (on a page, one mark counts them).

    A window sees only so far down: lanes that begin below ``in_sight_until`` keep the rows they
    have in ``known_rows`` (lane key: its rows and how many thin bars it had, as laid out before),
    or as many as their beginnings would fill, without being laid out, and the scene says it is
    not ``complete``. Every lane laid out
    leaves its rows in ``known_rows``. A busy lane can be taller than the window: laying out the
    seven below it, frame after frame, cost six times what the one in sight did.

    A lane drawn one by one in the frame before (``one_by_one_before``, by key) stays so up to
    DENSITY_HYSTERESIS times as many beginnings: a pan along a lane near the limit would
    otherwise turn it to density and back, the events vanishing and coming back.
    """
    scene = Scene()
    open_lanes = [lane for lane in index.lanes if not lane.header_only]
    row_height, padding = geometry.row_height, geometry.lane_padding
    # What one lane could show if the height were shared evenly: past that many distinct
    # marks beginning in view, the lane is a density strip, however it is scrolled.
    share_rows = max(MIN_SHARE_ROWS, int(geometry.height / max(len(open_lanes), 1) // row_height))
    capacity = share_rows * geometry.width / MARK_PITCH
    colors = index.category_colors
    if index.labels_measured_by is not measure:
        index.labels.clear()
        index.labels_measured_by = measure
    pinned_set = pinned if isinstance(pinned, (set, frozenset)) else set(pinned)
    packed: list[tuple[Lane, _PackedLane | None, int]] = []
    not_laid_out: set[str] = set()
    thin_not_laid_out: list[int] = []  # how many thin bars each lane not laid out had
    reach = geometry.top - scroll  # where the next lane begins, before any spare height
    for lane in index.lanes:
        if lane.header_only:
            packed.append((lane, None, COLLAPSED_ROWS))
        elif (beginning := lane.count_starting(view.start, view.end)) > capacity * (
                DENSITY_HYSTERESIS if lane.key in one_by_one_before else 1.0):
            packed.append((lane, None, DENSITY_ROWS))
        elif in_sight_until is not None and known_rows is not None and reach >= in_sight_until:
            # Never laid out yet (a density strip until now): as many rows as its beginnings
            # would fill at MARK_PITCH, for a scroll range that idle time then makes exact.
            guess = (min(geometry.max_rows, max(1, math.ceil(beginning * MARK_PITCH / geometry.width))), 0)
            rows, thin = known_rows.get(lane.key, guess)
            packed.append((lane, None, rows))
            not_laid_out.add(lane.key)
            thin_not_laid_out.append(thin)
        else:
            lane_packing = _pack_lane(lane, view, geometry, measure, pinned_set, index.labels, fit=fit_height)
            packed.append((lane, lane_packing, lane_packing.rows))
            if known_rows is not None:
                known_rows[lane.key] = (lane_packing.rows, len(lane_packing.thin))
        reach += packed[-1][2] * row_height + padding
    needed = sum(rows * row_height + padding for _, _, rows in packed)
    if fit_height and needed > geometry.height:
        packed = _shared_out(packed, view, geometry, measure, pinned_set, index.labels)
        needed = sum(rows * row_height + padding for _, _, rows in packed)
    stacked = [(lane, packing.thin) for lane, packing, _ in packed if packing is not None and packing.thin]
    pitch = (row_height - 6) / THIN_PER_ROW + (6 - THIN_BAR_HEIGHT) / THIN_PER_ROW

    def stack_height(bars: int) -> float:
        return 3 + bars * pitch + padding

    if not_laid_out:
        # Below lanes out of sight, so is the section of thin bars: its height is all that counts.
        heights = [stack_height(len(events)) for _, events in stacked] + [stack_height(n) for n in thin_not_laid_out
                                                                          if n]
        stacked = []
        if heights:
            needed += row_height + sum(heights)  # the section's caption, and its lanes' bars
    elif stacked:
        needed += row_height + sum(stack_height(len(events)) for _, events in stacked)
    spare = max(geometry.height - needed, 0.0) / max(len(open_lanes), 1)
    top = geometry.top - scroll
    for lane, packing, rows in packed:
        height = rows * row_height + padding + (0.0 if lane.header_only else spare)
        if lane.key in not_laid_out:
            scene.bands.append(LaneBand(lane, top, height, rows, laid_out=False))
            top += height
            continue
        band = LaneBand(lane, top, height, rows, density=not lane.header_only and packing is None)
        scene.bands.append(band)
        if packing is None:
            if lane.events:  # a collapsed lane's summary is its density; a branch's header has none
                scene.densities.append(_density(lane, view, geometry.width, band))
        else:
            _place_lane(scene, band, packing, geometry, colors, measure)
        top += height
    if stacked:
        scene.stacks_top = top
        top += row_height  # the section's caption
        for lane, events in stacked:
            height = stack_height(len(events))
            scene.bands.append(LaneBand(lane, top, height, -(-len(events) // THIN_PER_ROW), stack=True))
            scene.stacks.append(ThroughStack(lane, events, top + 3, pitch, geometry.width, colors))
            top += height
    scene.content_height = max(top + scroll - geometry.top, needed)
    return scene


def _shared_out(packed: list[tuple[Lane, _PackedLane | None, int]], view: Viewport, geometry: SceneGeometry,
                measure: Measure, pinned: Collection[Event],
                labels: dict[Event, tuple[str, float]]) -> list[tuple[Lane, _PackedLane | None, int]]:
    """Lanes packed again so that together they fit the height: each gets what it needs up to one cap."""
    row_height, padding = geometry.row_height, geometry.lane_padding
    room = int((geometry.height - padding * len(packed)) // row_height)
    needs = [rows for _, _, rows in packed]
    cap = max(needs)
    while cap > 1 and sum(min(need, cap) for need in needs) > room:
        cap -= 1
    # The rows the cap leaves over go, one at a time in turn, to lanes that need more, the
    # least busy first: where some lane must be density, it is one busy enough for that to say much.
    allowed = [min(need, cap) for need in needs]
    spare = room - sum(allowed)
    busy = [lane.count_overlapping(view.start, view.end) for lane, _, _ in packed]
    turn = sorted(range(len(packed)), key=lambda position: (needs[position], busy[position]))
    while spare > 0 and any(have < need for have, need in zip(allowed, needs, strict=True)):
        for position in turn:
            if spare > 0 and allowed[position] < needs[position]:
                allowed[position] += 1
                spare -= 1
    shared: list[tuple[Lane, _PackedLane | None, int]] = []
    for (lane, packing, rows), most in zip(packed, allowed, strict=True):
        if rows <= most:
            shared.append((lane, packing, rows))
            continue
        # As many rows for events as fit: first all the lane may have (what finds no row is then
        # counted in the lane's header, where it has rows enough for one), then fewer, one below
        # them holding the count marks of what did not fit, and one more the mark of ranges
        # through the page, where there are such.
        repacked = None
        for event_rows in range(most, 0, -1) if packing is not None else ():
            tighter = SceneGeometry(geometry.width, geometry.top, geometry.height, row_height, padding, event_rows)
            candidate = _pack_lane(lane, view, tighter, measure, pinned, labels, fit=True)
            if candidate.rows <= most:
                repacked = candidate
                break
        # Where not even that fits, the lane is a density strip as high as the page has room for.
        shared.append((lane, repacked, repacked.rows) if repacked is not None else (lane, None, most))
    return shared


MIN_LABEL_WIDTH = 48.0  # a label squeezed below this by the right edge is left out (hover shows it)
MAX_KEPT_LABELS = 200_000  # labels made once per event are kept up to this many (see TimelineIndex.labels)


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
    def extent_left(self) -> float:
        return min(self.left, self.label_left)

    @property
    def extent_right(self) -> float:
        return max(self.right, self.label_left + self.label_width)


@dataclass(slots=True)
class _PackedLane:
    """A lane's events in rows: (shaped event, row, with its label), and what found no row."""

    placed: list[tuple[_Shaped, int, bool]]
    overflow: list[_Shaped]
    rows: int
    through: list[Event] = field(default_factory=list)  # ranges through a page not given a row: counted
    thin: list[Event] = field(default_factory=list)  # ranges through the view past the labelled ones
    through_in_header: bool = False  # ``through`` is told in the lane's header (see LaneBand.through_counted)


class _Row:
    """The stretches of one row taken so far, sorted and disjoint, found by bisection."""

    __slots__ = ("lefts", "rights")

    def __init__(self) -> None:
        self.lefts: list[float] = []
        self.rights: list[float] = []

    def take(self, left: float, right: float) -> bool:
        """Take [left, right] with ITEM_GAP on each side if free; whether it was."""
        rights = self.rights
        place = bisect_right(rights, left - ITEM_GAP)
        if place < len(rights) and self.lefts[place] < right + ITEM_GAP:
            return False
        self.lefts.insert(place, left)
        rights.insert(place, right)
        return True


class _Rows:
    """A lane's rows as they fill, first fit.

    Events mostly arrive left to right, so a row is free for one when its rightmost stretch
    ends before it. Rows are kept in two heaps: by where they end (``busy``) and, once the
    events have gone past that, by number (``free``), so the first free row is found without
    asking each. Only rows holding an event placed out of that order (a pinned one) can have
    a gap further left, and only those are searched.
    """

    __slots__ = ("busy", "ends", "free", "gapped", "max_rows", "rows")

    def __init__(self, max_rows: int) -> None:
        self.rows: list[_Row] = []
        self.ends: list[float] = []
        self.gapped: list[int] = []
        self.max_rows = max_rows
        # (end, row); an entry whose end is no longer the row's is stale and passed over.
        self.busy: list[tuple[float, int]] = []
        self.free: list[int] = []  # rows that ended before an event placed in order so far

    def _ended_at(self, position: int, end: float) -> None:
        if end != self.ends[position]:
            self.ends[position] = end
            heapq.heappush(self.busy, (end, position))

    def place(self, left: float, right: float, *, out_of_order: bool = False, grow: bool = False) -> int | None:
        """The row [left, right] went into, or None when no row has room (``grow``: a new one past the last)."""
        ends, rows = self.ends, self.rows
        if not out_of_order:
            limit = left - ITEM_GAP
            busy, free = self.busy, self.free
            while busy and busy[0][0] <= limit:
                end, position = heapq.heappop(busy)
                if ends[position] == end:
                    heapq.heappush(free, position)
            while free:
                position = heapq.heappop(free)
                if ends[position] <= limit:
                    # Past everything in the row: its stretch goes last, no search needed.
                    row = rows[position]
                    row.lefts.append(left)
                    row.rights.append(right)
                    self._ended_at(position, right)
                    return position
                # It took an event since, or this event begins further left than the last one
                # did: busy again until the events go past its end.
                heapq.heappush(busy, (ends[position], position))
            candidates: list[int] | range = self.gapped
        else:
            candidates = range(len(rows))
        for position in candidates:
            if rows[position].take(left, right):
                self._ended_at(position, max(ends[position], right))
                if out_of_order and position not in self.gapped:
                    self.gapped.append(position)
                return position
        if len(rows) >= self.max_rows and not grow:
            return None
        row = _Row()
        row.take(left, right)
        rows.append(row)
        ends.append(right)
        heapq.heappush(self.busy, (right, len(rows) - 1))
        if out_of_order:
            self.gapped.append(len(rows) - 1)
        return len(rows) - 1

    def place_marks(self, stretches: list[tuple[float, float]]) -> list[int | None]:
        """Each stretch, sorted by left, into the first row with room, or None; no row is added.

        What ``place(..., out_of_order=True)`` does for each, without asking every row: the
        gaps between the rows' stretches are swept from left to right with the stretches, so
        each is tried against the few gaps open where it lies. A gap (start, end) takes a stretch
        when start <= left - ITEM_GAP and end >= right + ITEM_GAP, as take() would.
        """
        rows, ends = self.rows, self.ends
        waiting: list[tuple[float, float, int]] = []  # gaps not yet reached: (start, end, row)
        for position, row in enumerate(rows):
            previous = -math.inf
            for left, right in zip(row.lefts, row.rights, strict=True):
                waiting.append((previous, left, position))
                previous = right
            waiting.append((previous, math.inf, position))
        heapq.heapify(waiting)
        open_gaps: list[tuple[float, float, int]] = []
        found: list[int | None] = []
        for left, right in stretches:
            limit, reach = left - ITEM_GAP, right + ITEM_GAP
            while waiting and waiting[0][0] <= limit:
                open_gaps.append(heapq.heappop(waiting))
            # A gap ending at or before this left holds nothing from here on: stretches go rightwards.
            open_gaps = [gap for gap in open_gaps if gap[1] > left]
            fitting = [gap for gap in open_gaps if gap[1] >= reach]
            if not fitting:
                found.append(None)
                continue
            chosen = min(fitting, key=lambda gap: gap[2])
            position = chosen[2]
            row = rows[position]
            at = bisect_right(row.rights, limit)
            row.lefts.insert(at, left)
            row.rights.insert(at, right)
            self._ended_at(position, max(ends[position], right))
            if position not in self.gapped:
                self.gapped.append(position)
            open_gaps.remove(chosen)
            heapq.heappush(waiting, (right, chosen[1], position))  # what is left of the gap, right of it
            found.append(position)
        return found


def _pack_lane(lane: Lane, view: Viewport, geometry: SceneGeometry, measure: Measure,
               pinned: Collection[Event], labels: dict[Event, tuple[str, float]], fit: bool = False) -> _PackedLane:
    """First-fit into at most ``geometry.max_rows`` rows, in an order that says what matters most.

    Pinned events first, always with their label, in a row past the others if need be. Then
    from left to right: ranges begun before the view that end in it, and events beginning
    in view. Ranges through the whole view come last, below what begins in it; each needs
    a row of its own: THROUGH_ROWS of them get rows with labels, and the rest are left
    unshaped for the thin bars below the lanes, so ten thousand long ranges cost little. With
    ``fit`` (a page) they too keep within ``max_rows``: what finds no row there is counted.
    """
    width, max_rows = geometry.width, geometry.max_rows
    through_rows = THROUGH_ROWS
    first: list[Event] = []
    in_order: list[Event] = []
    overflow: list[_Shaped] = []
    others, all_through = lane.visible_apart(view.start, view.end)
    for event in others:
        if event in pinned:
            first.append(event)
        else:
            in_order.append(event)
    if pinned:
        first += [event for event in all_through if event in pinned]
        all_through = [event for event in all_through if event not in pinned]
    passing = all_through[:through_rows]
    thin = [] if fit else all_through[through_rows:]
    through = all_through[through_rows:] if fit else []
    rows = _Rows(max_rows)
    placed: list[tuple[_Shaped, int, bool]] = []
    bare: list[_Shaped] = []
    for event in first:
        item = _shape(event, view, width, measure, labels)
        row = rows.place(item.extent_left, item.extent_right, out_of_order=True, grow=True)
        placed.append((item, row if row is not None else 0, item.label_width > 0))
    ends = rows.ends
    for event in in_order:
        item = _shape(event, view, width, measure, labels)
        extent_left = item.extent_left
        # Where every row is taken up to here and none has a gap, there is no call to make.
        if len(ends) >= max_rows and not rows.gapped and min(ends) > extent_left - ITEM_GAP:
            bare.append(item)
            continue
        row = rows.place(extent_left, item.extent_right)
        if row is None:
            bare.append(item)
        else:
            placed.append((item, row, item.label_width > 0))
    for event in passing:  # their allowance of rows is their own, past the lane's if need be
        item = _shape(event, view, width, measure, labels)
        row = rows.place(item.extent_left, item.extent_right, grow=not fit)
        if row is None and fit:
            through.append(event)
        else:
            placed.append((item, row if row is not None else 0, item.label_width > 0))
    bare.sort(key=lambda shaped: shaped.left)  # no room for the label: the mark alone, where it still fits
    for item, row in zip(bare, rows.place_marks([(item.left, item.right) for item in bare]), strict=True):
        if row is None:
            overflow.append(item)
        else:
            placed.append((item, row, False))
    used = len(rows.rows)
    if overflow:
        # Count marks take a row of their own below the events, never one an event could have had.
        # An event alone there is drawn as itself: a "+1" would stand in for what fits.
        grouped = _grouped(overflow, width)
        overflow = [item for group in grouped if len(group) > 1 for item in group]
        placed.extend((group[0], used, False) for group in grouped if len(group) == 1)
        used += 1
    in_header = bool(through) and used >= PAGE_HEADER_ROWS
    if through and not in_header:
        used += 1  # their mark has a row of its own, the lane's last
    return _PackedLane(placed, overflow, max(used, 1), through, thin, in_header)


def _grouped(items: list[_Shaped], width: float) -> list[list[_Shaped]]:
    """Items in runs whose shapes (within the view) lie closer than ITEM_GAP."""
    groups: list[list[_Shaped]] = []
    reach = -math.inf
    for item in sorted(items, key=lambda shaped: shaped.left):
        left = min(max(item.left, 0.0), width)
        if groups and left <= reach + ITEM_GAP:
            groups[-1].append(item)
        else:
            groups.append([item])
            reach = -math.inf
        reach = max(reach, min(item.right, width))
    return groups


def _place_lane(scene: Scene, band: LaneBand, packing: _PackedLane, geometry: SceneGeometry,
                colors: dict[str, str], measure: Measure) -> None:
    row_height = geometry.row_height
    item_height = row_height - 6
    lane = band.lane
    for item, row, labelled in packing.placed:
        y = band.top + 3 + row * row_height
        shape = Rect(item.left, y, item.right - item.left, item_height)
        label_rect = None
        if labelled and item.label_left + item.label_width > 0:
            label_rect = Rect(item.label_left, y, item.label_width, item_height)
        color = event_color(colors, item.event, lane.color)
        scene.placements.append(Placement(item.event, lane, row, shape, item.is_marker, item.label,
                                          label_rect, item.inside and label_rect is not None, color))
    last_row = packing.rows - 1
    if packing.through_in_header:
        band.through_counted = packing.through
    elif packing.through:
        scene.clusters.append(_through_mark(band, packing.through, last_row, geometry, measure))
        last_row -= 1
    if packing.overflow:
        scene.clusters.extend(_clusters(band, packing.overflow, last_row, geometry, measure))


def _shape(event: Event, view: Viewport, width: float, measure: Measure,
           labels: dict[Event, tuple[str, float]]) -> _Shaped:
    scale = width / view.span
    x0 = (event.begin - view.start) * scale
    x1 = (event.finish - view.start) * scale
    known = labels.get(event)
    if known is None:
        if len(labels) > MAX_KEPT_LABELS:
            labels.clear()
        text = event_label(event)
        known = labels[event] = (text, measure(text))
    label, text_width = known
    is_marker = x1 - x0 < MARKER_THRESHOLD
    if is_marker:
        center = (x0 + x1) / 2
        left, right = center - MARKER_RADIUS, center + MARKER_RADIUS
    else:
        left, right = x0, x1
    visible_left, visible_right = max(left, 0.0), min(right, width)
    room_inside = visible_right - visible_left - 2 * LABEL_PAD
    inside = not is_marker and text_width <= room_inside
    # A range begun before the view keeps its label in sight: pinned at the left edge.
    label_left = visible_left + LABEL_PAD if inside else max(right, 0.0) + LABEL_PAD
    if label_left + text_width > width:
        # Never clipped by the right edge. Where the event meets the edge, its label goes whole
        # before it, else inside a bar, else it is shortened (at a word, when painted).
        if left - LABEL_PAD - text_width >= 0:
            label_left = left - LABEL_PAD - text_width  # whole before the event rather than cut after it
        elif not is_marker and room_inside >= MIN_LABEL_WIDTH and room_inside > width - label_left - 2.0:
            inside, label_left, text_width = True, visible_left + LABEL_PAD, room_inside
        else:
            text_width = max(width - label_left - 2.0, 0.0)
            if text_width < MIN_LABEL_WIDTH:
                text_width = 0.0
    return _Shaped(event, left, right, is_marker, label, label_left, text_width, inside)


def _clusters(band: LaneBand, overflow: list[_Shaped], row: int, geometry: SceneGeometry,
              measure: Measure) -> list[Cluster]:
    """Count marks in ``row`` for the events that found no row, each spanning the events it holds.

    A mark is as wide as its events reach, or as its number needs where they are closer
    together than that, centred on them: never stretched across the events' neighbours.
    """
    y = band.top + 3 + row * geometry.row_height
    height = geometry.row_height - 6
    width = geometry.width
    clusters = []
    for group in _grouped(overflow, width):
        left = min(max(min(item.left for item in group), 0.0), width)
        right = max(min(max(item.right for item in group), width), left)
        label = f"+{len(group)}"
        text_width = measure(label)
        least = text_width + 2 * LABEL_PAD
        if right - left < least:
            middle = min(max((left + right) / 2, least / 2), width - least / 2)
            left, right = middle - least / 2, middle + least / 2
        label_rect = Rect(left + (right - left - text_width) / 2, y, text_width, height)
        clusters.append(Cluster(band.lane, [item.event for item in group], Rect(left, y, right - left, height),
                                label, label_rect))
    return clusters


def _through_mark(band: LaneBand, events: list[Event], row: int, geometry: SceneGeometry,
                  measure: Measure) -> Cluster:
    """One mark across the view for the ranges that go on through it beyond the rows they were given."""
    y = band.top + 3 + row * geometry.row_height
    count = len(events)
    label = f"+{count:,} more {'range' if count == 1 else 'ranges'} under way all through this view"
    if measure(label) + 2 * LABEL_PAD > geometry.width:
        label = f"+{count:,} under way"
    rect = Rect(0.0, y, geometry.width, geometry.row_height - 6)
    return Cluster(band.lane, events, rect, label, Rect(LABEL_PAD, y, min(measure(label), geometry.width), rect.height),
                   through=True)


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
