"""A frame's layout: every event in view drawn or counted, labels disjoint, lanes sharing the height by need."""

from __future__ import annotations

import itertools
import json
import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import REPO_ROOT
from tests.model.view.helpers import crowd, measure, story_index
from timeline_app.model.timeaxis import SECONDS_PER_DAY, to_axis
from timeline_app.model.view.index import build_index
from timeline_app.model.view.layout import layout_scene
from timeline_app.model.view.scene import ITEM_GAP, LABEL_PAD, THIN_BAR_HEIGHT, THROUGH_ROWS, SceneGeometry
from timeline_app.model.view.viewport import Viewport
from timeline_app.storage.loader import load_text


@pytest.mark.parametrize("days", [3, 20, 60, 200, 700, 2500])
@pytest.mark.parametrize("width", [480.0, 1200.0])
def test_event_labels_never_overlap(days: float, width: float) -> None:
    index = story_index()
    center = to_axis(2025, 6, 1)
    span = days * SECONDS_PER_DAY
    scene = layout_scene(index, Viewport(center - span / 2, center + span / 2),
                         SceneGeometry(width=width, top=48, height=600), measure)
    rects = scene.label_rects()
    assert rects
    for first, second in itertools.combinations(rects, 2):
        assert not first.intersects(second), (first, second)
    for rect in rects:
        assert rect.x >= 0
        assert rect.right <= width
        assert rect.y >= 48


def test_every_event_in_view_is_drawn_or_counted() -> None:
    index = story_index()
    view = Viewport(to_axis(2025, 3), to_axis(2025, 9))
    scene = layout_scene(index, view, SceneGeometry(width=700, top=48, height=400), measure)
    shown = {p.event.key for p in scene.placements}
    counted = {e.key for c in scene.clusters for e in c.events}
    assert not shown & counted
    in_view = {e.key for lane in index.lanes for e in lane.visible(view.start, view.end)}
    assert in_view <= shown | counted
    assert not scene.clusters, "lanes take the rows their events need: nothing is counted away"


def test_imprecise_dates_cover_their_period() -> None:
    document = load_text('[{"title": "Sometime late", "start": "late 2025"}]').document
    assert document is not None
    index = build_index(document)
    view = Viewport(to_axis(2025), to_axis(2026))
    scene = layout_scene(index, view, SceneGeometry(width=1200, top=0, height=200), measure)
    [placement] = scene.placements
    assert not placement.is_marker
    assert placement.shape.x == pytest.approx(view.x_of(to_axis(2025, 9), 1200))
    assert placement.shape.right == pytest.approx(1200)


def test_dense_lanes_become_density_strips() -> None:
    events = ",".join(f'{{"title": "e{i}", "start": "2025-01-01T{i // 60 % 24:02d}:{i % 60:02d}Z"}}'
                      for i in range(1440))
    document = load_text(f"[{events}]").document
    assert document is not None
    index = build_index(document)
    view = Viewport(to_axis(2025, 1, 1), to_axis(2025, 1, 2))
    scene = layout_scene(index, view, SceneGeometry(width=900, top=0, height=300), measure)
    [density] = scene.densities
    assert not scene.placements
    assert math.isclose(density.bucket_width * len(density.counts), 900, rel_tol=0.01)
    bucket = view.span / len(density.counts)
    for position, (count, begun) in enumerate(zip(density.counts, density.starts, strict=True)):
        low, high = view.start + position * bucket, view.start + (position + 1) * bucket
        assert count == sum(1 for e in document.events if e.begin <= high and e.finish >= low)
        assert begun == sum(1 for e in document.events if low < e.begin <= high or e.begin == low == view.start)
    assert sum(density.starts) == 1440


def test_a_lane_of_long_ranges_still_shows_where_things_begin() -> None:
    # Four hundred ranges of decades: under way everywhere, beginning in a few years only.
    many = [{"title": f"r{i}", "start": f"{1990 + i % 20}-{i % 12 + 1:02d}", "end": f"{2030 + i % 5}"}
            for i in range(400)]
    document = load_text(json.dumps(many)).document
    assert document is not None
    [density] = layout_scene(build_index(document), Viewport(to_axis(1990), to_axis(2035)),
                             SceneGeometry(width=400, top=0, height=300), measure).densities
    levels, start_levels = density.levels(), density.start_levels()
    assert len(set(levels[len(levels) // 2:len(levels) * 3 // 4])) == 1, "under way: one flat block"
    assert 0 < sum(1 for level in start_levels if level) < len(start_levels) // 2, "beginnings: a few buckets"


def test_a_lane_with_free_rows_makes_no_count_mark() -> None:
    # Twelve events on twelve consecutive days, long titles: they overlap, so they stack.
    index = crowd([(f"A rather long headline about day {day} of the story", f"2025-06-{day:02d}")
                    for day in range(1, 13)])
    view = Viewport(to_axis(2025, 5, 20), to_axis(2025, 7, 1))
    scene = layout_scene(index, view, SceneGeometry(width=900, top=0, height=700), measure)
    assert not scene.clusters
    assert len(scene.placements) == 12
    assert all(p.label_rect is not None for p in scene.placements)


def test_a_single_lane_takes_the_whole_height() -> None:
    index = crowd([(f"Event {n}", f"2025-06-{n % 28 + 1:02d}") for n in range(40)])
    [band] = layout_scene(index, Viewport(to_axis(2025, 6), to_axis(2025, 7)),
                          SceneGeometry(width=900, top=48, height=640), measure).bands
    assert band.height == pytest.approx(640)
    assert band.rows > 3, "rows by need, not two or three"


def test_the_selected_event_is_never_counted_away() -> None:
    filings = [(f"Filing {n}", f"2025-06-10T{n // 4:02d}:{n % 4 * 15:02d}Z") for n in range(80)]
    index = crowd(filings)
    view = Viewport(to_axis(2025, 1), to_axis(2025, 12))
    geometry = SceneGeometry(width=900, top=0, height=600)
    unpinned = layout_scene(index, view, geometry, measure)
    counted = [e for c in unpinned.clusters for e in c.events]
    assert counted, "eighty events in an hour's pixels cannot all have a row"
    chosen = counted[len(counted) // 2]
    scene = layout_scene(index, view, geometry, measure, pinned={chosen})
    [placement] = [p for p in scene.placements if p.event is chosen]
    assert placement.label_rect is not None, "drawn with its label"
    assert all(chosen not in c.events for c in scene.clusters)
    shown = {id(p.event) for p in scene.placements}
    assert shown.isdisjoint(id(e) for c in scene.clusters for e in c.events)


def test_ranges_through_the_view_never_make_density() -> None:
    # Three hundred ranges of years, all under way in June 2025, and five events beginning in it.
    long = [{"title": f"Range {n}", "start": f"{2000 + n % 20}-01", "end": f"{2030 + n % 5}"} for n in range(300)]
    short = [{"title": f"June {n}", "start": f"2025-06-{n * 5 + 1:02d}"} for n in range(5)]
    document = load_text(json.dumps({"events": long + short})).document
    assert document is not None
    index = build_index(document)
    view = Viewport(to_axis(2025, 6), to_axis(2025, 7))
    scene = layout_scene(index, view, SceneGeometry(width=900, top=0, height=600), measure)
    assert not scene.densities
    shown = {p.event.title for p in scene.placements}
    assert {f"June {n}" for n in range(5)} <= shown, "what begins in view is drawn, above the ranges"
    # Three in their lane's rows, with labels pinned at the left edge; every other one a thin bar
    # of its own in the section below the lanes. None is counted away.
    labelled = [p for p in scene.placements if p.event.title.startswith("Range")]
    assert len(labelled) == THROUGH_ROWS
    assert all(p.label_rect is not None and p.label_rect.x == pytest.approx(LABEL_PAD) for p in labelled), \
        "a label is pinned at the left edge"
    assert not scene.clusters
    [stack] = scene.stacks
    assert len(stack.events) == 300 - THROUGH_ROWS
    assert {e.title for e in stack.events} | {p.event.title for p in labelled} == {f"Range {n}" for n in range(300)}
    thin = [stack.placement(position) for position in range(len(stack.events))]
    assert all(p.shape.height == THIN_BAR_HEIGHT and p.shape.width == 900 for p in thin)
    for first, second in itertools.pairwise([*labelled, *thin]):
        assert first.shape.bottom < second.shape.y, "each apart, one below the other"
    lane_band, stack_band = scene.bands
    assert not lane_band.stack
    assert stack_band.stack
    assert stack_band.lane is lane_band.lane
    assert all(lane_band.top <= p.shape.y and p.shape.bottom <= lane_band.top + lane_band.height for p in labelled)
    assert scene.stacks_top is not None
    assert lane_band.top + lane_band.height <= scene.stacks_top < stack_band.top
    assert stack_band.top <= thin[0].shape.y
    assert thin[-1].shape.bottom <= stack_band.top + stack_band.height
    assert scene.content_height == stack_band.top + stack_band.height
    # Each bar is found where it is drawn, and only there; those in sight of a scrolled window are told.
    for position in (0, 1, 150, len(thin) - 1):
        bar = thin[position].shape
        found = scene.hit(450, bar.y + bar.height / 2)
        assert found is not None
        assert found.event is stack.events[position]
    assert scene.hit(450, thin[-1].shape.bottom + 20) is None
    window_top, window_bottom = thin[40].shape.y + 1, thin[90].shape.y + 1
    in_sight = stack.in_sight(window_top, window_bottom)
    assert list(in_sight) == [n for n, p in enumerate(thin)
                              if p.shape.bottom > window_top and p.shape.y < window_bottom]
    # A range the user selects leaves the stack for a labelled row in its lane.
    chosen = stack.events[100]
    pinned = layout_scene(index, view, SceneGeometry(width=900, top=0, height=600), measure, pinned={chosen})
    assert chosen not in pinned.stacks[0].events
    assert any(p.event is chosen and p.label_rect is not None for p in pinned.placements)


def test_each_lane_shows_what_begins_in_view_before_any_lane_shows_thin_bars() -> None:
    long = [{"title": f"Range {n}", "start": "2001", "end": "2030", "actors": [f"Actor {n % 3}"]} for n in range(600)]
    short = [{"title": f"June {n}", "start": f"2025-06-{n + 1:02d}", "actors": [f"Actor {n % 3}"]} for n in range(9)]
    document = load_text(json.dumps({"events": long + short})).document
    assert document is not None
    index = build_index(document, lanes_by="actor")
    scene = layout_scene(index, Viewport(to_axis(2025, 6), to_axis(2025, 7)),
                         SceneGeometry(width=900, top=0, height=600), measure)
    lanes = [band for band in scene.bands if not band.stack]
    assert len(lanes) == 3
    assert all(band.top + band.height <= 600 for band in lanes), "every lane in the window"
    assert {p.event.title for p in scene.placements if p.event.title.startswith("June")} == {
        f"June {n}" for n in range(9)}
    assert [band.lane for band in scene.bands if band.stack] == [band.lane for band in lanes]
    assert sum(len(stack.events) for stack in scene.stacks) == 600 - 3 * THROUGH_ROWS


@pytest.mark.parametrize("numpy_from", [1, 512])
def test_events_in_view_are_told_apart_from_ranges_through_it_as_one_by_one_would(
        numpy_from: int, monkeypatch: pytest.MonkeyPatch) -> None:

    from timeline_app.model.view import lanes as lanes_module

    monkeypatch.setattr(lanes_module, "_NUMPY_FROM", numpy_from)
    rng = random.Random(5)
    events = [{"title": f"E{n}", "start": f"{rng.randint(1990, 2030)}-{rng.randint(1, 12):02d}",
               **({"end": f"{rng.randint(2031, 2060)}"} if n % 3 else {})} for n in range(3000)]
    document = load_text(json.dumps({"events": events})).document
    assert document is not None
    lane = build_index(document).lanes[0]
    for start, end in ((to_axis(2025, 6), to_axis(2025, 7)), (to_axis(1980), to_axis(2070)),
                       (to_axis(2031, 1), to_axis(2031, 1, 2))):
        others, through = lane.visible_apart(start, end)
        everything = lane.visible(start, end)
        assert others == [e for e in everything if not (e.begin < start and e.finish > end)]
        assert sorted(map(id, through)) == sorted(id(e) for e in everything if e.begin < start and e.finish > end)


def test_lanes_below_the_window_keep_their_rows_and_what_is_in_sight_is_laid_out_as_in_full() -> None:
    import sys

    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from generate import generate_events

    document = load_text(json.dumps(generate_events(20_000))).document
    assert document is not None
    index = build_index(document)
    geometry = SceneGeometry(width=1400, top=48, height=500)
    month = Viewport(to_axis(2010, 6, 1), to_axis(2010, 7, 1))
    known: dict[str, tuple[int, int]] = {}
    first = layout_scene(index, month, geometry, measure, in_sight_until=548, known_rows=known)
    assert not first.complete, "lanes never laid out get the rows their beginnings would fill"
    in_sight = {band.lane.key for band in first.bands if band.laid_out and not band.stack}
    assert in_sight
    assert set(known) == in_sight
    layout_scene(index, month, geometry, measure, known_rows=known)  # a full layout: every lane's rows known
    assert set(known) == {lane.key for lane in index.lanes}
    later = Viewport(to_axis(2010, 6, 10), to_axis(2010, 7, 10))
    full = layout_scene(index, later, geometry, measure)
    for scroll in (0.0, 700.0):
        full = layout_scene(index, later, geometry, measure, scroll)
        part = layout_scene(index, later, geometry, measure, scroll, in_sight_until=548, known_rows=dict(known))
        assert not part.complete
        assert [b.lane.key for b in part.bands if not b.stack] == [b.lane.key for b in full.bands if not b.stack]
        laid_out = [band for band in part.bands if band.laid_out]
        assert laid_out
        assert not part.bands[-1].laid_out
        assert all(band.top < 548 for band in laid_out)
        assert all(band.top >= 548 for band in part.bands if not band.laid_out)
        in_sight = [(p.event.key, p.shape, p.label_rect) for p in full.placements if p.shape.y < 548]
        assert [(p.event.key, p.shape, p.label_rect) for p in part.placements if p.shape.y < 548] == in_sight
        assert not part.stacks, "the section of thin bars lies below lanes not laid out"
    # What is left below keeps its height from before, so the scroll range is near; with rows
    # known from this very view, it is exact, the section of thin bars below included.
    assert part.content_height > geometry.height
    exact: dict[str, tuple[int, int]] = {}
    full = layout_scene(index, later, geometry, measure, known_rows=exact)
    part = layout_scene(index, later, geometry, measure, in_sight_until=548, known_rows=exact)
    assert not part.complete
    assert part.content_height == pytest.approx(full.content_height)
    for stack, band in zip(full.stacks, [b for b in full.bands if b.stack], strict=True):
        last = stack.placement(len(stack.events) - 1).shape
        assert band.top < last.y
        assert last.bottom <= band.top + band.height <= last.bottom + geometry.lane_padding + 5, \
            "a lane's thin bars take the height they need, no more"
    assert full.stacks


def test_at_twenty_thousand_events_a_month_places_every_event_beginning_in_it() -> None:
    import sys

    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from generate import generate_events

    document = load_text(json.dumps(generate_events(20_000))).document
    assert document is not None
    index = build_index(document)
    view = Viewport(to_axis(2010, 6, 1), to_axis(2010, 7, 1))
    scene = layout_scene(index, view, SceneGeometry(width=1400, top=48, height=800), measure)
    assert not scene.densities
    placed = {id(p.event) for p in scene.placements}
    assert not scene.clusters
    thin = {id(e) for stack in scene.stacks for e in stack.events}
    for lane in index.lanes:
        for event in lane.visible(view.start, view.end):
            assert id(event) in placed or id(event) in thin, event.title
            if event.begin >= view.start:
                assert id(event) in placed, f"{event.title} begins in view and must be drawn"
    whole = layout_scene(index, Viewport(to_axis(1990), to_axis(2030)),
                         SceneGeometry(width=1400, top=48, height=800), measure)
    assert whole.densities, "forty years of twenty thousand events is density"


@pytest.mark.parametrize("height", [400.0, 800.0])
def test_a_page_holds_every_lane_and_uses_its_height(height: float) -> None:
    import sys

    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from generate import generate_events

    document = load_text(json.dumps(generate_events(20_000))).document
    assert document is not None
    index = build_index(document)
    view = Viewport(to_axis(2010, 6, 1), to_axis(2010, 7, 1))
    geometry = SceneGeometry(width=1400, top=48, height=height)
    scene = layout_scene(index, view, geometry, measure, fit_height=True)
    # A page cannot scroll: every lane is on it, ranges through the view included, and nothing hangs below.
    assert [band.lane.key for band in scene.bands] == [lane.key for lane in index.lanes]
    bottom = geometry.top + height
    assert all(p.shape.y + p.shape.height <= bottom for p in scene.placements)
    assert all(c.rect.y + c.rect.height <= bottom for c in scene.clusters)
    assert all(d.top + d.height <= bottom for d in scene.densities)
    assert not scene.stacks, "thin bars are for hovering"
    assert not [p for p in scene.placements if p.shape.height == THIN_BAR_HEIGHT]
    # A page too low for two rows a lane shows the busiest as density, as high as it has room for.
    assert bool(scene.densities) == (height < 8 * 2 * geometry.row_height + 8 * geometry.lane_padding)
    # And the rows it has are used: less than one row's height of each lane is left blank.
    for band in scene.bands:
        if band.density:
            continue
        used = [p.shape.y + p.shape.height for p in scene.placements if p.lane is band.lane]
        used += [c.rect.y + c.rect.height for c in scene.clusters if c.lane is band.lane]
        assert band.top + band.height - max(used) < 2 * geometry.row_height, band.lane.key
        # Ranges through the page that found no row are counted in a lane of three rows or more's
        # header, not in a row of their own; in a lower lane, in its last row.
        marked = [c for c in scene.clusters if c.lane is band.lane and c.through]
        assert not (marked and band.through_counted)
        if band.rows >= 3:
            assert not marked, band.lane.key
    # Nothing in view is lost: each event is drawn, counted in a mark, or counted in its lane's header.
    if not scene.densities:
        told = {id(p.event) for p in scene.placements} | {id(e) for c in scene.clusters for e in c.events}
        told |= {id(e) for band in scene.bands for e in band.through_counted}
        assert any(band.through_counted for band in scene.bands)
        for lane in index.lanes:
            assert all(id(event) in told for event in lane.visible(view.start, view.end)), lane.key


def test_a_page_lane_that_counts_its_ranges_in_the_header_gives_all_its_rows_to_events() -> None:
    # Three events on one day and five ranges through the page, with room for four rows: the
    # events take three rows, one range the fourth, the other four are counted in the header.
    # A row was once kept back for count marks that had nothing to count, and a range lost it.
    events = [{"title": f"Event {n}", "start": "2025-06-10"} for n in range(3)]
    events += [{"title": f"Range {n}", "start": "2024", "end": "2026"} for n in range(5)]
    document = load_text(json.dumps(events)).document
    assert document is not None
    index = build_index(document, lanes_by="none")
    geometry = SceneGeometry(width=1200, top=48, height=4 * 24.0 + 4.0)
    scene = layout_scene(index, Viewport(to_axis(2025, 6, 1), to_axis(2025, 7, 1)), geometry, measure,
                         fit_height=True)
    [band] = scene.bands
    assert band.rows == 4
    drawn = sorted(p.event.title for p in scene.placements)
    assert drawn == ["Event 0", "Event 1", "Event 2", "Range 0"]
    assert all(p.label_rect is not None for p in scene.placements), "each has a row to itself and room to be named"
    assert len(band.through_counted) == 4
    assert not scene.clusters


def test_a_label_at_the_right_edge_goes_whole_before_its_event_where_it_fits() -> None:
    document = load_text(json.dumps([{"title": "A long title that would be cut at the edge", "start": "2025-06-28"},
                                     {"title": "A range ending at the edge, also long", "start": "2025-06-20",
                                      "end": "2025-06-29"}])).document
    assert document is not None
    index = build_index(document)
    scene = layout_scene(index, Viewport(to_axis(2025, 1, 1), to_axis(2025, 7, 1)),
                         SceneGeometry(width=900, top=0, height=400), measure)
    for placement in scene.placements:
        label = placement.label_rect
        assert label is not None
        assert label.width == pytest.approx(measure(placement.label)), "shown whole"
        assert label.x + label.width <= placement.shape.x, "before the event"


def test_labels_stay_disjoint_with_rows_by_need() -> None:
    index = story_index()
    for days in (30, 120, 365):
        center = to_axis(2025, 6, 1)
        span = days * SECONDS_PER_DAY
        scene = layout_scene(index, Viewport(center - span / 2, center + span / 2),
                             SceneGeometry(width=1000, top=48, height=500), measure)
        shapes = [p.label_rect for p in scene.placements if p.label_rect] + [c.rect for c in scene.clusters]
        for first, second in itertools.combinations(shapes, 2):
            assert first is not None
            assert second is not None
            assert not first.intersects(second), (first, second)


class _PlainRows:
    """The rows' rule, asked of each row in turn: an event in order goes into the first row that
    ends before it; failing that, into the first row with a gap for it among those that hold an
    event placed out of order (in the order they came to); failing that, into a new row."""

    def __init__(self, max_rows: int) -> None:
        self.rows: list[list[tuple[float, float]]] = []
        self.gapped: list[int] = []
        self.max_rows = max_rows

    def _free(self, position: int, left: float, right: float) -> bool:
        return all(taken_right <= left - ITEM_GAP or taken_left >= right + ITEM_GAP
                   for taken_left, taken_right in self.rows[position])

    def _take(self, position: int, left: float, right: float, out_of_order: bool) -> int:
        self.rows[position].append((left, right))
        if out_of_order and position not in self.gapped:
            self.gapped.append(position)
        return position

    def place(self, left: float, right: float, *, out_of_order: bool = False, grow: bool = False) -> int | None:
        if not out_of_order:
            for position, row in enumerate(self.rows):
                if max(taken_right for _, taken_right in row) <= left - ITEM_GAP:
                    return self._take(position, left, right, False)
            candidates = list(self.gapped)
        else:
            candidates = list(range(len(self.rows)))
        for position in candidates:
            if self._free(position, left, right):
                return self._take(position, left, right, out_of_order)
        if len(self.rows) >= self.max_rows and not grow:
            return None
        self.rows.append([])
        return self._take(len(self.rows) - 1, left, right, out_of_order)

    def place_marks(self, stretches: list[tuple[float, float]]) -> list[int | None]:
        found: list[int | None] = []
        for left, right in stretches:
            position = next((n for n in range(len(self.rows)) if self._free(n, left, right)), None)
            found.append(None if position is None else self._take(position, left, right, True))
        return found


_stretch = st.tuples(st.integers(0, 2000), st.integers(1, 300)).map(lambda pair: (float(pair[0]), float(sum(pair))))


@given(pinned=st.lists(_stretch, max_size=4), in_order=st.lists(_stretch, max_size=60),
       jitter=st.lists(st.integers(-40, 40), max_size=60), marks=st.lists(st.integers(0, 2000), max_size=30),
       max_rows=st.integers(1, 8))
def test_rows_fill_first_fit_as_trying_each_row_in_turn_would(
        pinned: list[tuple[float, float]], in_order: list[tuple[float, float]], jitter: list[int], marks: list[int],
        max_rows: int) -> None:
    from timeline_app.model.view.layout import _Rows

    fast, plain = _Rows(max_rows), _PlainRows(max_rows)
    for left, right in pinned:  # placed out of order, a row past the others if need be
        assert fast.place(left, right, out_of_order=True, grow=True) == plain.place(left, right, out_of_order=True,
                                                                                   grow=True)
    # Mostly left to right, as a lane's events come, but not strictly: a label may go before its event.
    ordered = sorted(in_order)
    shaken = [(left + shift, right + shift) for (left, right), shift in zip(ordered, jitter + [0] * len(ordered),
                                                                             strict=False)]
    for left, right in shaken:
        assert fast.place(left, right) == plain.place(left, right)
    stretches = sorted((float(x), float(x) + 10.0) for x in marks)
    assert fast.place_marks(stretches) == plain.place_marks(stretches)


@pytest.mark.parametrize(("beginnings", "before", "density"), [(34, False, True), (34, True, False),
                                                               (29, False, False), (40, True, True)])
def test_a_lane_drawn_one_by_one_stays_so_a_little_past_its_limit(beginnings: int, before: bool,
                                                                   density: bool) -> None:
    # 400 pixels by three rows: room for 3 x 400 / 40 = 30 distinct marks; a lane drawn one by one
    # in the frame before keeps drawing them up to a quarter more, so a pan does not flicker it.
    events = [{"title": f"E{n}", "start": f"2025-06-{n % 28 + 1:02d}T{n % 24:02d}:00Z"} for n in range(beginnings)]
    document = load_text(json.dumps({"events": events})).document
    assert document is not None
    index = build_index(document)
    [lane] = index.lanes
    june = Viewport(to_axis(2025, 6), to_axis(2025, 7))
    scene = layout_scene(index, june, SceneGeometry(width=400, top=0, height=72), measure,
                         one_by_one_before={lane.key} if before else ())
    assert bool(scene.densities) == density
