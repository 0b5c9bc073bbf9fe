"""Events grouped into lanes and sorted, so the visible slice is found by bisection."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any

from timeline_app.model.document import UNCATEGORISED, Era, Event, TimelineDocument
from timeline_app.model.view.colours import NEUTRAL_LANE_COLOR, category_colors
from timeline_app.model.view.lane_tree import LaneTree, nested_lanes
from timeline_app.model.view.lanes import (
    ARRAY_MIN_EVENTS,
    Lane,
    TimeArrays,
    add_to_lane,
    begin_of,
    copied_lane,
    event_order,
    in_time_order,
    place_for,
    position_in_time_order,
    remove_from_lane,
    sorted_lane,
    sorted_lane_by_array,
)

BULK_SHARE = 0.8  # the share of events a file's first view is framed on


@dataclass(slots=True)
class _SortedGroup:
    """Events sharing an actor or a category, in time order, for nearest-in-time lookups."""

    events: list[Event] = field(default_factory=list)
    begins: list[float] = field(default_factory=list)


@dataclass(slots=True)
class TimelineIndex:
    """Lanes of a document and every event in time order."""

    lanes: list[Lane]
    ordered: list[Event]
    lanes_by: str = "category"
    # Each category's colour, in every lane mode: an event keeps its colour whatever its lane.
    category_colors: dict[str, str] = field(default_factory=dict)
    # What the timeline writes beside each event and how wide it is, made once for the frames that
    # draw it (layout.py), and the measure those widths came from: another one (an export's) starts afresh.
    labels: dict[Event, tuple[str, float]] = field(default_factory=dict)
    labels_measured_by: object = None
    eras: tuple[Era, ...] = ()  # the document's, whatever the filters: they frame the time, not events
    # Lanes by nested categories: each category's lane, where a folded parent holds its branch ({}: flat).
    lane_route: dict[str, str] = field(default_factory=dict)
    lane_tree: LaneTree = field(default_factory=LaneTree)
    _by_field: dict[str, dict[str, _SortedGroup | None]] = field(default_factory=dict)
    _all: Lane | TimeArrays | None = None
    # An updated index: each event the edit took out, with what took its place (same uid), if anything.
    _replaced: list[tuple[Event, Event | None]] = field(default_factory=list)
    # Each event by its uid, made on the first lookup: an index is made anew for every change.
    _by_uid: dict[int, Event] | None = None
    _lane_places: dict[str, tuple[int, Lane]] | None = None  # each lane by its key, with its place

    def era_in_place(self, era: Era | None) -> Era | None:
        """The era of this index that stands where ``era`` stood in the file, if any (after an edit)."""
        return next((found for found in self.eras if era is not None and found.index == era.index), None)

    def count_in_view(self, start: float, end: float) -> int:
        """How many events overlap [start, end], each once, though it sit in several lanes."""
        # With lanes by category this could be summed from the lanes, but by actor or tag an
        # event sits in several of them. A large index comes with numpy arrays (build_index);
        # a small one makes its lists here, on first use.
        return self._all_events().count_overlapping(start, end)

    def count_before(self, moment: float) -> int:
        """How many events are over before ``moment``."""
        found = self._all_events()
        if isinstance(found, TimeArrays):
            import numpy

            return int(numpy.searchsorted(found.finishes, moment, side="left"))
        return bisect_left(found.sorted_finishes, moment)

    def count_after(self, moment: float) -> int:
        """How many events begin after ``moment``."""
        found = self._all_events()
        if isinstance(found, TimeArrays):
            import numpy

            return len(self.ordered) - int(numpy.searchsorted(found.begins, moment, side="right"))
        return len(self.ordered) - bisect_right(found.begins, moment)

    def nearest_beyond(self, moment: float, side: int) -> Event | None:
        """The event over before ``moment`` that ended last (side -1), or the first to begin after it (side 1)."""
        ordered = self.ordered
        if side > 0:
            place = bisect_right(ordered, moment, key=begin_of)
            return ordered[place] if place < len(ordered) else None
        place = bisect_left(ordered, moment, key=begin_of)
        best: Event | None = None
        # Walking back from the last event begun before ``moment``: the first that is over is
        # the latest to begin; one begun earlier may still end later, so look a little further.
        for event in reversed(ordered[max(place - 512, 0):place]):
            if event.finish < moment and (best is None or event.finish > best.finish):
                best = event
        return best

    def _all_events(self) -> Lane | TimeArrays:
        if self._all is None:
            self._all = Lane("", "", "", begins=[event.begin for event in self.ordered],
                             sorted_finishes=sorted(event.finish for event in self.ordered))
        return self._all

    def neighbour(self, event: Event | None, step: int) -> Event | None:
        """The next (step=1) or previous (step=-1) event in time order."""
        if not self.ordered:
            return None
        if event is None:
            return self.ordered[0] if step > 0 else self.ordered[-1]
        position = position_in_time_order(self.ordered, event)
        if position is None:
            return None
        following = position + step
        return self.ordered[following] if 0 <= following < len(self.ordered) else None

    def span(self) -> tuple[float, float] | None:
        """From the first event's beginning to the last one's end: the events these lanes hold."""
        if not self.ordered:
            return None
        found = self._all_events()
        last = found.finishes[-1] if isinstance(found, TimeArrays) else found.sorted_finishes[-1]
        return self.ordered[0].begin, float(last)

    def bulk_span(self, share: float = BULK_SHARE) -> tuple[float, float] | None:
        """The shortest stretch of time in which ``share`` of the events begin.

        A story told mostly in one year, with a few events years before, reads well framed on
        that year; fitting everything would squeeze it into a corner of the window.
        """
        ordered = self.ordered
        if not ordered:
            return None
        found = self._all_events()
        begins = found.begins
        count = len(ordered)
        held = max(1, math.ceil(count * share))
        if held >= count:
            return self.span()
        if isinstance(found, TimeArrays):
            import numpy

            widths = found.begins[held - 1:] - found.begins[:count - held + 1]
            first = int(numpy.argmin(widths))
        else:
            first = min(range(count - held + 1), key=lambda place: begins[place + held - 1] - begins[place])
        last = first + held - 1
        # The events held may go on past the last beginning: their ends count, as far as the next event begins.
        end = max(event.finish for event in ordered[first:last + 1])
        if last + 1 < count:
            end = min(end, ordered[last + 1].begin)
        return float(begins[first]), max(float(end), float(begins[last]))

    def first_in_view(self, start: float, end: float, step: int) -> Event | None:
        """The first event beginning in [start, end] (step 1), or the last (step -1); else the nearest overlapping."""
        ordered = self.ordered
        low, high = bisect_left(ordered, start, key=begin_of), bisect_right(ordered, end, key=begin_of)
        if low < high:
            return ordered[low] if step > 0 else ordered[high - 1]
        # Only ranges begun before the view reach into it: the latest of those that do.
        return next((event for event in reversed(ordered[max(low - 512, 0):low]) if event.finish >= start), None)

    def same_event(self, event: Event | None) -> Event | None:
        """``event`` as this index holds it: the very object when it is here, else the one with its uid.

        After an edit the session reuses every unchanged event, so the object is found by
        bisection; only an event that was itself edited, or read again, is looked up by uid.
        """
        if event is None:
            return None
        if position_in_time_order(self.ordered, event) is not None:
            return event
        for old, new in self._replaced:
            if old is event:  # no dictionary of a million events made for the event just deleted or edited
                return new if new is not None and position_in_time_order(self.ordered, new) is not None else None
        return self.by_uid(event.uid)

    def by_uid(self, uid: int | None) -> Event | None:
        """The event this index holds with ``uid``, from a dictionary made on the first lookup rather
        than a scan of every event. An index is never changed once made (a change makes a new one),
        so the dictionary stays true."""
        if uid is None:
            return None
        if self._by_uid is None:
            self._by_uid = {event.uid: event for event in self.ordered}
        return self._by_uid.get(uid)

    def lane_of(self, event: Event) -> str | None:
        """The key of the first lane that holds ``event``: a bisection in each lane its values name."""
        if self._lane_places is None:
            self._lane_places = {lane.key: (place, lane) for place, lane in enumerate(self.lanes)}
        places = self._lane_places
        route = self.lane_route
        held = [places[found] for key in _values_of(event, self.lanes_by) or (UNCATEGORISED,)
                if (found := route.get(key, key)) in places]
        return next((lane.key for _, lane in sorted(held, key=itemgetter(0))
                     if position_in_time_order(lane.events, event) is not None), None)

    def related(self, event: Event, limit: int) -> tuple[list[Event], list[Event]]:
        """Up to ``limit`` events nearest in time that share an actor, then a category, in time order."""
        candidates: dict[int, Event] = {}
        for actor in event.actors:
            for item in self._nearest_sharing("actor", actor, event, limit):
                candidates[id(item)] = item
        same_actor = _closest(candidates.values(), event, limit)
        taken = {id(item) for item in same_actor}
        pool = [item for item in self._nearest_sharing("category", event.category or UNCATEGORISED, event, limit * 2)
                if id(item) not in taken]
        return same_actor, _closest(pool, event, limit)

    def _nearest_sharing(self, kind: str, value: str, event: Event, limit: int) -> list[Event]:
        """:func:`_nearest` among the events with this actor or category.

        Found by walking out from the event's place in time, which takes a few steps for a
        common value; grouping a million events by it first would stall the click for half
        a second. A value found too rarely nearby is grouped after all, once.
        """
        if value not in self._by_field.get(kind, {}) and kind != self.lanes_by:
            found = _walk_nearest(self.ordered, _having(kind, value), event, limit)
            if found is not None:
                return found
        group = self._group(kind, value)
        return [] if group is None else _nearest(group.events, group.begins, event, limit)

    def _group(self, kind: str, value: str) -> _SortedGroup | None:
        """The events with this actor or category, in time order; made when first asked for.

        One value at a time: grouping a million events by every actor at once would stall the
        first click after each change for seconds. Lanes by the same field are the groups already.
        """
        groups = self._by_field.setdefault(kind, {})
        if value not in groups:
            # A folded parent's lane holds its branch, not only its own category: not that category's group.
            lane = next((lane for lane in self.lanes if lane.key == value and not lane.folded), None) \
                if kind == self.lanes_by else None
            if lane is not None:
                groups[value] = _SortedGroup(lane.events, lane.begins)
            else:
                has = _having(kind, value)
                events = [item for item in self.ordered if has(item)]
                groups[value] = _SortedGroup(events, [item.begin for item in events]) if events else None
        return groups[value]


def _having(kind: str, value: str) -> Callable[[Event], bool]:
    """Whether an event has ``value`` among its actors, tags or category."""
    if kind == "actor":
        return lambda event: value in event.actors
    return lambda event: value in _values_of(event, kind)


# How far to walk from an event, each way, for the events that share a value with it.
WALK_LIMIT = 20_000


def _walk_nearest(ordered: list[Event], has: Callable[[Event], bool], event: Event, limit: int) -> list[Event] | None:
    """What :func:`_nearest` gives in the group of events that ``has``, from ``ordered`` (time order) itself.

    The group's window is the ``limit + 1`` members before the event's start and as many
    from it on: the same members meet a walk out from that place. None when the walk
    would go further than :data:`WALK_LIMIT` steps on a side.
    """
    start = bisect_left(ordered, event.begin, key=begin_of)
    sides: list[list[Event]] = []
    for places in (range(start - 1, -1, -1), range(start, len(ordered))):
        found: list[Event] = []
        for place in places[:WALK_LIMIT]:
            item = ordered[place]
            if has(item):
                found.append(item)
                if len(found) > limit:
                    break
        else:
            if len(places) > WALK_LIMIT:
                return None
        sides.append(found)
    window = sides[0][::-1] + sides[1]
    return [item for item in window if item is not event]


def _values_of(event: Event, kind: str) -> tuple[str, ...]:
    if kind == "actor":
        return event.actors
    if kind == "tag":
        return event.tags
    if kind == "category":
        return (event.category or UNCATEGORISED,)
    return ("",)


def _nearest(events: list[Event], begins: list[float], event: Event, limit: int) -> list[Event]:
    """About ``limit`` events either side of ``event``'s start, excluding it."""
    position = bisect_left(begins, event.begin)
    window = events[max(position - limit - 1, 0):position + limit + 1]
    return [item for item in window if item is not event]


def _closest(events: Iterable[Event], event: Event, limit: int) -> list[Event]:
    nearest = sorted(events, key=lambda item: (abs(item.begin - event.begin), item.index))[:limit]
    nearest.sort(key=event_order)
    return nearest


_index_of = attrgetter("index")


LANE_FIELDS = {"category": "Category", "actor": "Actor", "tag": "Tag", "none": "None"}
_EMPTY_LANE_LABELS = {"category": "Other", "actor": "No one named", "tag": "Untagged", "none": "All events"}


def build_index(document: TimelineDocument, events: Iterable[Event] | None = None, *, lanes_by: str = "category",
                order: Iterable[str] = (), collapsed: Iterable[str] = ()) -> TimelineIndex:
    """Lanes of ``events`` (all the document's by default) by a field, each sorted for bisection.

    By category the lanes follow the file's categories and colours. By actor or tag an event
    with several values sits in each of their lanes, as the same event. ``order`` puts lanes
    the user arranged first, in that order; ``collapsed`` lanes show only a summary.
    """
    lanes: dict[str, Lane] = {}
    ordered = list(document.events if events is None else events)
    colors = category_colors(document, ordered)
    if lanes_by == "category":
        for key, category in document.categories.items():
            lanes[key] = Lane(key, category.label or key, colors[key])
    # Lanes in the order their values first appear in the file.
    if lanes_by == "category":  # the common case, without a call per event
        first_seen: Iterable[str] = dict.fromkeys(event.category or UNCATEGORISED for event in ordered)
    else:
        first_seen = dict.fromkeys(key for event in ordered
                                   for key in _values_of(event, lanes_by) or (UNCATEGORISED,))
    for key in first_seen:
        if key not in lanes:
            label = key or _EMPTY_LANE_LABELS.get(lanes_by, "Other")
            # Lanes of people or tags are neutral: the colours inside them are the categories'.
            lanes[key] = Lane(key, label, colors[key] if lanes_by == "category" else NEUTRAL_LANE_COLOR)
    tree = LaneTree.of(document.categories, lanes, collapsed) if lanes_by == "category" else LaneTree()
    route = {key: tree.lane_for(key) for key in lanes} if tree.nested else None
    # One sort of everything; dealt out in that order, every lane is sorted too.
    ordered, begins, finishes = in_time_order(ordered)
    if begins is None:
        if lanes_by == "category" and route is not None:
            for event in ordered:
                lanes[route[event.category or UNCATEGORISED]].events.append(event)
        elif lanes_by == "category":
            for event in ordered:
                lanes[event.category or UNCATEGORISED].events.append(event)
        else:
            for event in ordered:
                for key in _values_of(event, lanes_by) or (UNCATEGORISED,):
                    lanes[key].events.append(event)
        used = [sorted_lane(lane) for lane in lanes.values() if lane.events]
    else:
        used = _deal_long(ordered, begins, finishes, lanes, lanes_by, route)
    if lanes_by in ("actor", "tag"):
        used.sort(key=_by_count)
    rank = {key: position for position, key in enumerate(order)}
    hidden = set(collapsed)
    if route is not None:
        used = nested_lanes(used, lanes, tree, rank)
    else:
        used.sort(key=lambda lane: rank.get(lane.key, len(rank)))
    for lane in used:
        lane.collapsed = lane.key in hidden and not lane.folded
    index = TimelineIndex(used, ordered, lanes_by, colors, eras=tuple(document.eras), lane_route=route or {},
                          lane_tree=tree)
    if begins is not None:  # here, where a background load builds it, not in a frame
        import numpy

        index._all = TimeArrays(begins, numpy.sort(finishes))
    return index


def _deal_long(ordered: list[Event], begins: Any, finishes: Any, lanes: dict[str, Lane],
               lanes_by: str, route: dict[str, str] | None = None) -> list[Lane]:
    """Deal a long, sorted list of events into lanes, each lane's columns cut from the whole's."""
    import numpy

    positions: dict[str, list[int]] = {key: [] for key in lanes}
    if lanes_by == "category":
        for position, event in enumerate(ordered):
            key = event.category or UNCATEGORISED
            if route is not None:
                key = route[key]
            lanes[key].events.append(event)
            positions[key].append(position)
    else:
        for position, event in enumerate(ordered):
            for key in _values_of(event, lanes_by) or (UNCATEGORISED,):
                lanes[key].events.append(event)
                positions[key].append(position)
    used = []
    for key, lane in lanes.items():
        if not lane.events:
            continue
        if len(lane.events) < ARRAY_MIN_EVENTS:
            used.append(sorted_lane(lane))
        else:
            taken = numpy.asarray(positions[key], dtype=numpy.int64)
            used.append(sorted_lane_by_array(lane, begins[taken], finishes[taken]))
    return used


# Past this many events taken out or put in at once, building the index again is as quick.
_MOST_UPDATED = 64


def updated_index(index: TimelineIndex, removed: Iterable[Event], added: Iterable[Event],
                  categories: Iterable[str], order: Iterable[str] = ()) -> TimelineIndex | None:
    """``index`` with ``removed`` taken out and ``added`` (those the filters show) put in.

    At a million events building the index again takes seconds; one edit changes a few
    lanes by a few events. The index given is left as it is: the lanes an edit touches are
    copied, the rest shared. None where only building it again gives the same index: a
    small index, a lane that appears or empties, a lane whose place hangs on which of its
    events comes first in the file, or a long lane that would change to or from arrays.
    ``categories``: the document's, in their order; ``order``: the lanes the user arranged.
    """
    taken_out, put_in = list(removed), list(added)
    if (len(index.ordered) < ARRAY_MIN_EVENTS or len(taken_out) + len(put_in) > _MOST_UPDATED
            or not isinstance(index._all, TimeArrays)):
        return None
    import numpy  # here: a small file is rebuilt, and never loads numpy
    lanes_by, declared = index.lanes_by, set(categories)
    if any((event.category or UNCATEGORISED) not in index.category_colors for event in put_in):
        return None  # a category new to the file takes the next free colour: only a rebuild hands it out
    ordered = list(index.ordered)
    all_begins, all_finishes = index._all.begins, index._all.finishes
    present = []
    for event in taken_out:
        place = position_in_time_order(ordered, event)
        if place is not None:
            del ordered[place]
            all_begins = numpy.delete(all_begins, place)
            all_finishes = numpy.delete(all_finishes, numpy.searchsorted(all_finishes, event.finish))
            present.append(event)
    for event in put_in:
        place = place_for(ordered, event)
        ordered.insert(place, event)
        all_begins = numpy.insert(all_begins, place, event.begin)
        all_finishes = numpy.insert(all_finishes, numpy.searchsorted(all_finishes, event.finish), event.finish)
    if len(ordered) < ARRAY_MIN_EVENTS:
        return None
    lanes = {lane.key: lane for lane in index.lanes}
    copies: dict[str, Lane] = {}
    # An event read again in its place with the same category and lanes (one that goes on until
    # now) is no lane's or category's new first event.
    before = {(event.uid, event.index): event for event in present}
    in_place = {(event.uid, event.index) for event in put_in
                if (old := before.get((event.uid, event.index))) is not None and old.category == event.category
                and _values_of(old, lanes_by) == _values_of(event, lanes_by)}
    if lanes_by != "category" and _moves_a_first_appearance(
            index.ordered, [event for event in present + put_in if (event.uid, event.index) not in in_place],
            declared):
        return None  # undeclared categories take colours in the order they first appear in the file
    route = index.lane_route
    for event, adding in [(event, False) for event in present] + [(event, True) for event in put_in]:
        for key in _values_of(event, lanes_by) or (UNCATEGORISED,):
            key = route.get(key, key)
            lane = copies.get(key)
            if lane is None:
                if key not in lanes:
                    return None
                lane = copies[key] = copied_lane(lanes[key])
            if (lanes_by in ("actor", "tag") or (lanes_by == "category" and key not in declared)) \
                    and (event.uid, event.index) not in in_place and _first_in_file(lane, event):
                return None  # such lanes take their colour, and a category its place, from their first event
            if adding:
                add_to_lane(lane, event)
            else:
                remove_from_lane(lane, event)
    for key, lane in copies.items():
        if not lane.events or (lanes[key].arrays is not None) != (len(lane.events) >= ARRAY_MIN_EVENTS):
            return None
    used = [copies.get(lane.key, lane) for lane in index.lanes]
    if lanes_by in ("actor", "tag"):
        used.sort(key=_by_count)
        rank = {key: position for position, key in enumerate(order)}
        used.sort(key=lambda lane: rank.get(lane.key, len(rank)))
    successors = {event.uid: event for event in put_in}
    # Labels stay with their events: those the edit put in are new objects, labelled when drawn.
    updated = TimelineIndex(used, ordered, lanes_by, index.category_colors, index.labels, index.labels_measured_by,
                            index.eras, index.lane_route, index.lane_tree, _all=TimeArrays(all_begins, all_finishes),
                            _replaced=[(event, successors.get(event.uid)) for event in taken_out])
    changed = present + put_in
    for kind, groups in index._by_field.items():
        kept = updated._by_field[kind] = {}
        for value, group in groups.items():
            touched = any(value in _values_of(event, kind) for event in changed)
            if not touched:
                kept[value] = group
            elif group is not None and not (kind == lanes_by and value in copies):
                kept[value] = _updated_group(group, [e for e in present if value in _values_of(e, kind)],
                                             [e for e in put_in if value in _values_of(e, kind)])
            # else made again when next asked for: a lane's group is the new lane's lists
    return updated


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


class EventSpans:
    """Where some events (a search's matches) lie, lane by lane: whether a stretch of a lane
    holds one is then two bisections, however many events the lane has."""

    def __init__(self, index: TimelineIndex, events: Iterable[Event]) -> None:
        by_lane: dict[str, tuple[list[float], list[float]]] = {}
        for event in events:
            for key in _values_of(event, index.lanes_by) or (UNCATEGORISED,):
                begins, finishes = by_lane.setdefault(key, ([], []))
                begins.append(event.begin)
                finishes.append(event.finish)
        self._lanes = {key: (sorted(begins), sorted(finishes)) for key, (begins, finishes) in by_lane.items()}

    def any_overlapping(self, lane_key: str, start: float, end: float) -> bool:
        """Whether one of the events in this lane overlaps [start, end]."""
        found = self._lanes.get(lane_key)
        if found is None:
            return False
        begins, finishes = found
        # As in Lane.count_overlapping: those that end before ``start`` also begin before ``end``.
        return bisect_right(begins, end) - bisect_left(finishes, start) > 0


def _by_count(lane: Lane) -> tuple[bool, int, str, str]:
    # Lanes by actor or tag: the named before "no one", the busiest first, then by name.
    return (not lane.key, -len(lane.events), lane.label.casefold(), lane.key)


def _moves_a_first_appearance(events: list[Event], changed: list[Event], declared: set[str]) -> bool:
    """Whether a changed event of an undeclared category is (or would be) its category's first in the file."""
    undeclared = {event.category or UNCATEGORISED for event in changed} - declared
    if not undeclared:
        return False
    first: dict[str, int] = {}
    for event in events:
        category = event.category or UNCATEGORISED
        if category in undeclared and event.index < first.get(category, event.index + 1):
            first[category] = event.index
    return any(event.index <= first.get(category, event.index) for event in changed
               if (category := event.category or UNCATEGORISED) in undeclared)


def _first_in_file(lane: Lane, event: Event) -> bool:
    """Whether ``event`` comes first in the file among ``lane``'s events (or would, put in), ties included."""
    return event.index <= min(map(_index_of, lane.events), default=event.index)


def _updated_group(group: _SortedGroup, removed: list[Event], added: list[Event]) -> _SortedGroup | None:
    events, begins = list(group.events), list(group.begins)
    for event in removed:
        place = position_in_time_order(events, event)
        if place is not None:
            del events[place], begins[place]
    for event in added:
        place = place_for(events, event)
        events.insert(place, event)
        begins.insert(place, event.begin)
    return _SortedGroup(events, begins) if events else None
