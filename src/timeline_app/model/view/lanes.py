"""A lane's events, sorted so that the slice a view holds is found by bisection.

Events are grouped by duration, so that a few long ranges do not make every query look far
back; a long lane keeps numpy arrays of its times. The index (index.py) is made of lanes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any

from timeline_app.model.document import Event


@dataclass(slots=True)
class _DurationGroup:
    """Events of one lane whose durations lie within a factor of two, sorted by start."""

    events: list[Event] = field(default_factory=list)
    begins: list[float] = field(default_factory=list)
    finishes: list[float] = field(default_factory=list)
    longest: float = 0.0
    _columns: Any = None

    def columns(self) -> tuple[Any, Any]:
        """``begins`` and ``finishes`` as numpy arrays, made when first asked for."""
        if self._columns is None:
            import numpy

            self._columns = (numpy.asarray(self.begins, dtype=numpy.float64),
                             numpy.asarray(self.finishes, dtype=numpy.float64))
        return self._columns  # type: ignore[no-any-return]


_NUMPY_FROM = 512  # events of a group in a view's reach past which numpy tells them apart


def _duration_class(duration: float) -> int:
    # Groups double in length: a query scans at most one group-length before the view in each.
    return max(int(duration).bit_length(), 0)


# From here on numpy's one call beats bisecting twice per bucket; smaller files never load numpy.
ARRAY_MIN_EVENTS = 2_000


class TimeArrays:
    """A long lane's starts and ends as numpy arrays, to count events per bucket in one call.

    Bisecting a Python list of a hundred thousand times costs over a microsecond a search
    (the list no longer fits the processor's cache), and a density strip needs two searches
    per bucket: 6-9 ms a frame at a million events. numpy searches them all in one call.
    """

    __slots__ = ("begins", "finishes")

    def __init__(self, begins: Any, sorted_finishes: Any) -> None:
        """``begins`` and ``sorted_finishes``: float sequences or arrays, both ascending."""
        import numpy  # here, not at the top: 0.1 s of start-up that small files never need

        self.begins = numpy.asarray(begins, dtype=numpy.float64)  # no copy when given arrays already
        self.finishes = numpy.asarray(sorted_finishes, dtype=numpy.float64)

    def count_overlapping(self, start: float, end: float) -> int:
        """How many events overlap [start, end] (see :meth:`Lane.count_overlapping`)."""
        import numpy

        return int(numpy.searchsorted(self.begins, end, side="right")
                   - numpy.searchsorted(self.finishes, start, side="left"))

    def count_starting(self, start: float, end: float) -> int:
        """How many events begin in [start, end]."""
        import numpy

        return int(numpy.searchsorted(self.begins, end, side="right") - numpy.searchsorted(self.begins, start))

    def activity(self, start: float, end: float, buckets: int) -> tuple[list[int], list[int]]:
        """For each of ``buckets`` equal slices of [start, end]: events overlapping it, events beginning in it."""
        overlapping, beginning = self._counts(start, end, buckets)
        return overlapping.tolist(), beginning.tolist()

    def activity_levels(self, start: float, end: float, buckets: int,
                        steps: int) -> tuple[list[int], list[int], bytes, bytes]:
        """:meth:`activity`, with both counts as heights of 0 to ``steps`` (by square root, see layout)."""
        import numpy

        def levels(counts: Any) -> bytes:
            peak = int(counts.max()) if len(counts) else 0
            if peak <= 0:
                return bytes(len(counts))
            heights = numpy.minimum(numpy.ceil(numpy.sqrt(counts) * (steps / numpy.sqrt(peak))), steps)
            return bytes(heights.astype(numpy.uint8).tobytes())

        overlapping, beginning = self._counts(start, end, buckets)
        return overlapping.tolist(), beginning.tolist(), levels(overlapping), levels(beginning)

    def _counts(self, start: float, end: float, buckets: int) -> tuple[Any, Any]:
        import numpy

        edges = numpy.linspace(start, end, buckets + 1)
        begun = numpy.searchsorted(self.begins, edges, side="right")
        ended = numpy.searchsorted(self.finishes, edges[:-1], side="left")
        beginning = numpy.diff(begun)
        if buckets:  # the first bucket holds its left edge
            beginning[0] += begun[0] - numpy.searchsorted(self.begins, start, side="left")
        return begun[1:] - ended, beginning


@dataclass(slots=True)
class Lane:
    """One horizontal band of the timeline: the events of one category, sorted by start."""

    key: str
    label: str
    color: str
    events: list[Event] = field(default_factory=list)
    begins: list[float] = field(default_factory=list)
    sorted_finishes: list[float] = field(default_factory=list)
    groups: list[_DurationGroup] = field(default_factory=list)
    collapsed: bool = False
    arrays: TimeArrays | None = None  # for lanes too long to bisect fast
    # Lanes by category nest (see lane_tree.py): how deep this one sits, whether categories sit under
    # it, and whether it is folded, holding their events too.
    depth: int = 0
    branch: bool = False
    folded: bool = False

    @property
    def header_only(self) -> bool:
        """Drawn as its header alone: collapsed by the user, or a parent category with no events of
        its own over the lanes of its branch."""
        return self.collapsed or not self.events

    def visible(self, start: float, end: float) -> list[Event]:
        """Events that overlap [start, end], in order of start.

        Events are grouped by duration, so a few long events do not make every query
        scan all the short ones that began before the view.
        """
        found: list[tuple[float, int, Event]] = []
        for group in self.groups:
            first = bisect_left(group.begins, start - group.longest)
            last = bisect_right(group.begins, end)
            events, begins, finishes = group.events, group.begins, group.finishes
            found.extend((begins[i], events[i].index, events[i]) for i in range(first, last) if finishes[i] >= start)
        if len(self.groups) > 1:
            found.sort(key=lambda item: (item[0], item[1]))
        return [item[2] for item in found]

    def visible_apart(self, start: float, end: float) -> tuple[list[Event], list[Event]]:
        """The events overlapping [start, end] in two lists: those that begin or end in it, in
        order of start, and the ranges under way all through it, shortest first.

        At a million events a day's view overlaps some ten thousand long ranges and begins a
        few dozen events: the long ranges are told apart by numpy, a group at a time, and
        never sorted.
        """
        found: list[tuple[float, int, Event]] = []
        through: list[Event] = []
        for group in self.groups:
            first = bisect_left(group.begins, start - group.longest)
            last = bisect_right(group.begins, end)
            if first >= last:
                continue
            events, begins, finishes = group.events, group.begins, group.finishes
            if last - first < _NUMPY_FROM:
                for i in range(first, last):
                    if finishes[i] >= start:
                        if begins[i] < start and finishes[i] > end:
                            through.append(events[i])
                        else:
                            found.append((begins[i], events[i].index, events[i]))
                continue
            import numpy

            group_begins, group_finishes = group.columns()
            window_begins, window_finishes = group_begins[first:last], group_finishes[first:last]
            overlapping = window_finishes >= start
            all_through = overlapping & (window_begins < start) & (window_finishes > end)
            for i in (numpy.flatnonzero(overlapping & ~all_through) + first).tolist():
                found.append((begins[i], events[i].index, events[i]))
            through.extend([events[i] for i in (numpy.flatnonzero(all_through) + first).tolist()])
        if len(self.groups) > 1:
            found.sort(key=lambda item: (item[0], item[1]))
        return [item[2] for item in found], through

    def count_starting(self, start: float, end: float) -> int:
        """How many events begin in [start, end]."""
        if self.arrays is not None:
            return self.arrays.count_starting(start, end)
        return bisect_right(self.begins, end) - bisect_left(self.begins, start)

    def count_overlapping(self, start: float, end: float) -> int:
        """How many events overlap [start, end], by bisection alone."""
        # Every event that ends before ``start`` also begins before ``end``, so the difference is exact.
        return bisect_right(self.begins, end) - bisect_left(self.sorted_finishes, start)


def sorted_lane(lane: Lane) -> Lane:
    """Fill in the lookup lists of a lane whose events are in time order."""
    lane.begins = [event.begin for event in lane.events]
    finishes = [event.finish for event in lane.events]
    lane.sorted_finishes = sorted(finishes)
    groups: dict[int, _DurationGroup] = {}
    for event, begin, finish in zip(lane.events, lane.begins, finishes, strict=True):
        group = groups.setdefault(_duration_class(finish - begin), _DurationGroup())
        group.events.append(event)
        group.begins.append(begin)
        group.finishes.append(finish)
        group.longest = max(group.longest, finish - begin)
    lane.groups = [groups[key] for key in sorted(groups)]
    return lane


def sorted_lane_by_array(lane: Lane, begins: Any, finishes: Any) -> Lane:
    """:func:`sorted_lane` for a long lane, from its columns (numpy arrays, in the lane's time order).

    The same lists and groups as the loop makes, without touching a million events again.
    """
    import numpy

    sorted_finishes = numpy.sort(finishes)
    lane.begins = begins.tolist()
    lane.sorted_finishes = sorted_finishes.tolist()
    lane.arrays = TimeArrays(begins, sorted_finishes)
    durations = finishes - begins
    # frexp's exponent is int(d).bit_length() for every d >= 0: d lies in [2**(e-1), 2**e).
    classes = numpy.maximum(numpy.frexp(durations)[1], 0)
    order = numpy.argsort(classes, kind="stable")  # stable: each group stays in time order
    bounds = numpy.flatnonzero(numpy.diff(classes[order])) + 1
    events = lane.events
    lane.groups = []
    for positions in numpy.split(order, bounds):
        lane.groups.append(_DurationGroup([events[i] for i in positions.tolist()], begins[positions].tolist(),
                                          finishes[positions].tolist(), float(durations[positions].max())))
    return lane


def in_time_order(events: list[Event]) -> tuple[list[Event], Any, Any]:
    """The events sorted by start, then end, then place in the file.

    A long list is sorted by numpy, which beats sorting a million Python tuples threefold,
    and comes with its starts and ends as arrays in that order (None for a short one).
    """
    if len(events) < ARRAY_MIN_EVENTS:
        events.sort(key=event_order)
        return events, None, None
    import numpy

    count = len(events)
    begins = numpy.fromiter((event.begin for event in events), numpy.float64, count)
    finishes = numpy.fromiter((event.finish for event in events), numpy.float64, count)
    order = numpy.lexsort((numpy.fromiter((event.index for event in events), numpy.int64, count), finishes, begins))
    return [events[i] for i in order.tolist()], begins[order], finishes[order]


# Time order, ties by length then by place in the file; attrgetter builds the keys in C.
event_order = attrgetter("begin", "finish", "index")


begin_of = attrgetter("begin")


def position_in_time_order(events: list[Event], event: Event) -> int | None:
    """Where ``event`` itself is in ``events``, which are in time order: by bisection, not a scan.

    Another event may share its place in the order: after an edit took ``event`` out of the
    file, it keeps its old place in the file, which the event after it now has as well.
    """
    key = event_order(event)
    position = bisect_left(events, key, key=event_order)
    while position < len(events) and event_order(events[position]) == key:
        if events[position] is event:
            return position
        position += 1
    return None


def place_for(events: list[Event], event: Event) -> int:
    """Where ``event`` goes among ``events``, which are in time order."""
    return bisect_left(events, event_order(event), key=event_order)


def copied_lane(lane: Lane) -> Lane:
    """A lane to change, sharing nothing that will change with ``lane``."""
    return replace(lane, events=list(lane.events), begins=list(lane.begins),
                   sorted_finishes=list(lane.sorted_finishes), groups=list(lane.groups))


def remove_from_lane(lane: Lane, event: Event) -> None:
    place = position_in_time_order(lane.events, event)
    if place is None:
        return
    del lane.events[place]
    del lane.begins[place]
    finish_place = bisect_left(lane.sorted_finishes, event.finish)
    del lane.sorted_finishes[finish_place]
    if lane.arrays is not None:
        import numpy

        lane.arrays = TimeArrays(numpy.delete(lane.arrays.begins, place),
                                 numpy.delete(lane.arrays.finishes, finish_place))
    duration_class = _duration_class(event.finish - event.begin)
    for number, group in enumerate(lane.groups):
        if _duration_class(group.finishes[0] - group.begins[0]) == duration_class:
            at = position_in_time_order(group.events, event)
            if at is None:
                return
            events, begins, finishes = list(group.events), list(group.begins), list(group.finishes)
            del events[at], begins[at], finishes[at]
            if not events:
                del lane.groups[number]
            else:
                longest = (max(finish - begin for begin, finish in zip(begins, finishes, strict=True))
                           if event.finish - event.begin >= group.longest else group.longest)
                lane.groups[number] = _DurationGroup(events, begins, finishes, longest)
            return


def add_to_lane(lane: Lane, event: Event) -> None:
    place = place_for(lane.events, event)
    lane.events.insert(place, event)
    lane.begins.insert(place, event.begin)
    finish_place = bisect_left(lane.sorted_finishes, event.finish)
    lane.sorted_finishes.insert(finish_place, event.finish)
    if lane.arrays is not None:
        import numpy

        lane.arrays = TimeArrays(numpy.insert(lane.arrays.begins, place, event.begin),
                                 numpy.insert(lane.arrays.finishes, finish_place, event.finish))
    duration = event.finish - event.begin
    duration_class = _duration_class(duration)
    classes = [_duration_class(group.finishes[0] - group.begins[0]) for group in lane.groups]
    number = bisect_left(classes, duration_class)
    if number < len(classes) and classes[number] == duration_class:
        group = lane.groups[number]
        at = place_for(group.events, event)
        events, begins, finishes = list(group.events), list(group.begins), list(group.finishes)
        events.insert(at, event)
        begins.insert(at, event.begin)
        finishes.insert(at, event.finish)
        lane.groups[number] = _DurationGroup(events, begins, finishes, max(group.longest, duration))
    else:
        lane.groups.insert(number, _DurationGroup([event], [event.begin], [event.finish], duration))
