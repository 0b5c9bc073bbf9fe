"""Viewport arithmetic, axis ticks and event layout: the geometry of a frame, without Qt."""

from __future__ import annotations

import itertools
import json
import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import REPO_ROOT
from timeline_app.model.timeaxis import SECONDS_PER_DAY, SECONDS_PER_MEAN_YEAR, to_axis, years_ago_to_axis
from timeline_app.model.view.appearance import event_label, shorten_at_word
from timeline_app.model.view.axis import layout_axis
from timeline_app.model.view.index import TimelineIndex, build_index
from timeline_app.model.view.layout import layout_scene
from timeline_app.model.view.scene import ITEM_GAP, LABEL_PAD, THIN_BAR_HEIGHT, THROUGH_ROWS, SceneGeometry
from timeline_app.model.view.viewport import MIN_SPAN, Viewport, ZoomLimits
from timeline_app.storage.loader import load_path, load_text


def measure(text: str) -> float:
    """About what a 9-point sans-serif font needs: wide enough to make overlaps real."""
    return 7.2 * len(text) + 2


LIMITS = ZoomLimits(to_axis(2020), to_axis(2026))


@given(st.floats(min_value=1.01, max_value=50), st.floats(min_value=0, max_value=1))
def test_zoom_keeps_the_anchor_where_it_was(factor: float, share: float) -> None:
    view = Viewport(to_axis(2024), to_axis(2026))
    anchor = view.start + share * view.span
    zoomed = view.zoomed(factor, anchor, LIMITS)
    assert (anchor - zoomed.start) / zoomed.span == pytest.approx(share, abs=1e-9)
    assert zoomed.span == pytest.approx(view.span / factor)


def test_zoom_stops_at_a_few_minutes_and_at_the_whole_data() -> None:
    view = LIMITS.fit()
    tiny = view.zoomed(1e12, view.center, LIMITS)
    assert tiny.span == pytest.approx(MIN_SPAN)
    huge = view.zoomed(1e-12, view.center, LIMITS)
    assert huge.span == pytest.approx(LIMITS.max_span)
    assert huge.span >= (LIMITS.data_end - LIMITS.data_start) * 2


def test_deep_time_data_zooms_out_to_billions_of_years() -> None:
    limits = ZoomLimits.for_data((years_ago_to_axis(13.8e9), to_axis(2025)), now=to_axis(2026))
    assert limits.max_span > 13.8e9 * SECONDS_PER_MEAN_YEAR
    fitted = limits.fit()
    assert fitted.start < years_ago_to_axis(13.8e9)
    assert fitted.end > to_axis(2025)


def test_panning_cannot_lose_the_data() -> None:
    view = LIMITS.fit()
    far = view.panned(1e15, LIMITS)
    assert far.start <= LIMITS.data_end


# Twenty zoom levels from 10,000 years down to one hour, each centred on 2025-06-12.
ZOOM_LEVELS = [10_000 * SECONDS_PER_MEAN_YEAR * (3600 / (10_000 * SECONDS_PER_MEAN_YEAR)) ** (i / 19)
               for i in range(20)]


@pytest.mark.parametrize("span", ZOOM_LEVELS, ids=lambda s: f"{s / SECONDS_PER_DAY:.4g}d")
@pytest.mark.parametrize("width", [500.0, 1400.0])
def test_axis_labels_never_overlap_or_clip(span: float, width: float) -> None:
    center = to_axis(2025, 6, 12, 12)
    axis = layout_axis(Viewport(center - span / 2, center + span / 2), width, measure)
    for tier in (True, False):
        labels = sorted((label for label in axis.labels if label.major is tier), key=lambda label: label.x)
        for label in labels:
            assert label.x >= 0, label
            assert label.x + label.width <= width, label
        for left, right in itertools.pairwise(labels):
            assert left.x + left.width <= right.x, (left, right)
    assert any(not label.major for label in axis.labels)
    assert any(label.major for label in axis.labels)


def test_axis_tiers_follow_the_zoom() -> None:
    center = to_axis(2025, 6, 12, 12)
    def texts(span: float) -> list[str]:
        axis = layout_axis(Viewport(center - span / 2, center + span / 2), 1400, measure)
        return [label.text for label in axis.labels]
    assert "Thu 12 June 2025" in texts(6 * 3600)
    assert "June 2025" in texts(20 * SECONDS_PER_DAY)
    assert "2025" in texts(2 * 365 * SECONDS_PER_DAY)
    assert "2020s" in texts(30 * 365 * SECONDS_PER_DAY)
    # A period longer than a decade is never named like one ("1950s" for 1950-1999).
    assert "2000–2049" in texts(60 * 365 * SECONDS_PER_DAY)
    assert "1900–1999" in texts(200 * 365 * SECONDS_PER_DAY)
    ancient = layout_axis(Viewport(to_axis(-3000), to_axis(500)), 1400, measure)
    assert "1000 BC" in [label.text for label in ancient.labels]
    assert not any(label.text in ("0", "0 BC") for label in ancient.labels)
    deep = layout_axis(Viewport(years_ago_to_axis(14e9), years_ago_to_axis(0)), 1400, measure)
    assert any(label.text.endswith("Ga") for label in deep.labels)


@pytest.mark.parametrize(("days", "width"), [(60, 480.0), (120, 480.0), (90, 800.0), (240, 800.0), (180, 1400.0),
                                           (240, 1400.0), *((330, float(width)) for width in range(700, 1500, 40))])
def test_every_month_the_axis_has_room_for_is_named_shortened_before_dropped(days: float, width: float) -> None:
    from timeline_app.model.view.axis import LABEL_GAP, LABEL_PAD

    center = to_axis(2025, 6, 12, 12)
    view = Viewport(center - days * SECONDS_PER_DAY / 2, center + days * SECONDS_PER_DAY / 2)
    axis = layout_axis(view, width, measure)
    assert axis.major.unit.value == "month"
    named = [label for label in axis.labels if label.major]
    for start, end in itertools.pairwise(axis.major_ticks):
        left, right = max(view.x_of(start, width), 0.0), min(view.x_of(end, width), width)
        if right - left >= measure("Sep 2025") + LABEL_PAD + 2 * LABEL_GAP:
            assert any(left <= label.x < right for label in named), (days, width, start)
    # All by their long names or all by their short ones, never a mix that reads as a mistake.
    assert len({label.text.split()[0] in ("January", "February", "March", "April", "June", "July", "August",
                                          "September", "October", "November", "December")
                for label in named if label.text.split()[0] != "May"}) <= 1


def _story_index():  # type: ignore[no-untyped-def]
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    return build_index(document)


@pytest.mark.parametrize("days", [3, 20, 60, 200, 700, 2500])
@pytest.mark.parametrize("width", [480.0, 1200.0])
def test_event_labels_never_overlap(days: float, width: float) -> None:
    index = _story_index()
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
    index = _story_index()
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


def test_labels_say_circa_and_question() -> None:
    document = load_text('[{"title": "A", "start": "c. 1850"}, {"title": "B", "start": "1850?"}]').document
    assert document is not None
    assert [event_label(e) for e in document.events] == ["c. A", "B (?)"]


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


def test_lane_queries_agree_with_brute_force() -> None:
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    index = build_index(document)
    for days in (1, 10, 100, 1000):
        for offset in range(-400, 400, 37):
            start = to_axis(2025, 6) + offset * SECONDS_PER_DAY
            end = start + days * SECONDS_PER_DAY
            for lane in index.lanes:
                expected = [e for e in lane.events if e.finish >= start and e.begin <= end]
                assert lane.visible(start, end) == expected
                assert lane.count_overlapping(start, end) == len(expected)


def test_related_events_share_an_actor_or_the_category_and_are_nearest_in_time() -> None:
    index = _story_index()
    pineau = next(e for e in index.ordered if e.id == "pineau-announces")
    same_actor, same_category = index.related(pineau, 4)
    assert len(same_actor) == 4
    assert all(set(e.actors) & set(pineau.actors) for e in same_actor)
    assert all(e.category == "talent" for e in same_category)
    assert pineau not in same_actor + same_category
    assert not set(map(id, same_actor)) & set(map(id, same_category))
    everyone = sorted((e for e in index.ordered if e is not pineau and set(e.actors) & set(pineau.actors)),
                      key=lambda e: (abs(e.begin - pineau.begin), e.index))
    assert {e.id for e in same_actor} == {e.id for e in everyone[:4]}
    assert [e.begin for e in same_actor] == sorted(e.begin for e in same_actor)


def test_neighbours_follow_time_order() -> None:
    index = _story_index()
    walked = [index.neighbour(None, 1)]
    while (following := index.neighbour(walked[-1], 1)) is not None:
        walked.append(following)
    assert walked == index.ordered
    assert index.neighbour(index.ordered[0], -1) is None


def test_a_long_lane_counts_with_numpy_exactly_as_bisection_does() -> None:
    import json
    import random

    from timeline_app.model.view.lanes import ARRAY_MIN_EVENTS
    from timeline_app.model.view.layout import lane_activity
    from timeline_app.model.view.scene import DENSITY_LEVELS, Density
    from timeline_app.storage.loader import load_text

    rng = random.Random(7)
    events = []
    for n in range(ARRAY_MIN_EVENTS + 5000):
        year, month = rng.randint(1990, 2029), rng.randint(1, 12)
        event = {"title": f"E{n}", "start": f"{year}-{month:02d}-{rng.randint(1, 28):02d}"}
        if n % 5 == 0:
            event["end"] = f"{year + rng.randint(1, 3)}-{month:02d}"
        events.append(event)
    document = load_text(json.dumps({"events": events})).document
    assert document is not None
    [lane] = build_index(document).lanes
    assert lane.arrays is not None
    for start, end in ((lane.begins[0] - 86400 * 30, lane.sorted_finishes[-1]),
                       (lane.begins[1000], lane.begins[1100]), (lane.begins[-1], lane.begins[-1] + 86400)):
        with_arrays = lane_activity(lane, start, end, 366)
        lane.arrays, arrays = None, lane.arrays
        by_bisection = lane_activity(lane, start, end, 366)
        lane.arrays = arrays
        assert with_arrays == by_bisection
        assert sum(by_bisection[0]) > 0
        # The heights numpy gives match those worked out one count at a time.
        assert arrays is not None
        _, _, levels, start_levels = arrays.activity_levels(start, end, 366, DENSITY_LEVELS)
        counts, starts = by_bisection
        density = Density(lane, counts, starts, 1.0, 0.0, 10.0)
        assert (levels, start_levels) == (density.levels(), density.start_levels())
        assert max(levels) == DENSITY_LEVELS


def test_events_in_view_are_counted_once_though_they_sit_in_several_lanes() -> None:
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    by_actor = build_index(document, lanes_by="actor")
    everything = (by_actor.ordered[0].begin - 1, by_actor.ordered[-1].finish + 1)
    assert sum(lane.count_overlapping(*everything) for lane in by_actor.lanes) > len(document.events)
    assert by_actor.count_in_view(*everything) == len(document.events)
    start, end = to_axis(2025, 6, 1), to_axis(2025, 7, 1)
    expected = sum(1 for event in document.events if event.begin <= end and event.finish >= start)
    assert by_actor.count_in_view(start, end) == expected


def test_bars_are_solid_where_known_and_fade_where_only_a_period_is_known() -> None:
    from timeline_app.model.view.appearance import certainty_stops

    events = [{"title": "Precise", "start": "2025-03-01", "end": "2025-09-01"},
              {"title": "Fuzzy ends", "start": "2025-03", "end": "2025-09"},
              {"title": "Sometime in 2025", "start": "2025"},
              {"title": "On a known day", "start": "2025-06-12"}]
    document = load_text(json.dumps(events)).document
    assert document is not None
    precise, fuzzy, period, day = document.events
    assert {alpha for _, alpha in certainty_stops(precise, 300)} == {0.9}
    # A day known for sure, zoomed until it is a wide bar, is as solid: certainty is not size.
    assert {alpha for _, alpha in certainty_stops(day, 600)} == {0.9}
    stops = certainty_stops(fuzzy, 300)
    assert stops[0][1] < stops[1][1] == stops[2][1] > stops[3][1]
    # Known from the end of March to the start of September: the solid part sits where those are.
    length = fuzzy.finish - fuzzy.begin
    assert math.isclose(stops[1][0], (fuzzy.start.latest - fuzzy.begin) / length)
    assert math.isclose(stops[2][0], (fuzzy.end.earliest - fuzzy.begin) / length)
    ramp = certainty_stops(period, 300)
    assert ramp[0][1] < ramp[1][1]
    assert ramp[3][1] < ramp[2][1]


@pytest.mark.parametrize("lanes_by", ["category", "actor"])
def test_long_lanes_are_indexed_by_numpy_exactly_as_by_the_loop(lanes_by: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ARRAY_MIN_EVENTS, numpy sorts and groups: same order, lanes, groups and colours as the loop."""
    from timeline_app.model.view import index as index_module
    from timeline_app.model.view import lanes as lanes_module

    rng = random.Random(5)
    forms = ("2025-{m:02d}-{d:02d}", "2025-{m:02d}", "2025", "mid 2025", "2025-{m:02d}-{d:02d}T10:00Z")
    events = []
    for number in range(7000):
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        event: dict[str, object] = {"title": f"e{number}", "start": rng.choice(forms).format(m=month, d=day),
                                    "category": rng.choice(["b", "a", "c"]), "actors": rng.sample("PQRS", 2)}
        if rng.random() < 0.3:
            event["end"] = str(rng.randint(2026, 2040))
        events.append(event)
    document = load_text(json.dumps({"events": events})).document
    assert document is not None

    views = [(to_axis(2025.2), to_axis(2025.3)), (to_axis(2030), to_axis(2031)), (to_axis(2000), to_axis(2050))]

    def shape(built: index_module.TimelineIndex) -> object:
        return ([id(event) for event in built.ordered], [built.count_in_view(*view) for view in views],
                [(lane.key, lane.label, lane.color, [id(event) for event in lane.events], lane.begins,
                  lane.sorted_finishes,
                  [([id(event) for event in group.events], group.begins, group.finishes, group.longest)
                   for group in lane.groups]) for lane in built.lanes])

    by_numpy = build_index(document, lanes_by=lanes_by)
    assert by_numpy.lanes[0].arrays is not None, "the lanes are long enough for numpy"
    # Both the index and its lanes choose between the loop and numpy by this.
    monkeypatch.setattr(index_module, "ARRAY_MIN_EVENTS", 10**9)
    monkeypatch.setattr(lanes_module, "ARRAY_MIN_EVENTS", 10**9)
    assert shape(by_numpy) == shape(build_index(document, lanes_by=lanes_by))


def test_events_are_found_in_time_order_by_bisection_and_read_again_ones_by_uid() -> None:
    from timeline_app.model.session import carry_uids
    from timeline_app.model.view.lanes import position_in_time_order

    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    index = build_index(document)
    assert [position_in_time_order(index.ordered, event) for event in index.ordered] == list(range(len(index.ordered)))
    assert index.neighbour(index.ordered[3], 1) is index.ordered[4]
    assert index.neighbour(index.ordered[0], -1) is None
    again = load_path(REPO_ROOT / "events.json").document
    assert again is not None
    assert build_index(again).ordered[7].uid != index.ordered[7].uid  # read apart, they are other events
    assert index.same_event(build_index(again).ordered[7]) is None
    carry_uids(document.events, again.events)  # what the session does when the file is read again
    stranger = build_index(again).ordered[7]
    assert position_in_time_order(index.ordered, stranger) is None
    assert index.same_event(stranger) is index.ordered[7]
    assert index.same_event(index.ordered[7]) is index.ordered[7]


# ---------------------------------------------------------------- a readable layout (issue 13)

def _crowd(titles_and_starts: list[tuple[str, str]], **extra: object) -> TimelineIndex:
    events = [{"title": title, "start": start, **extra} for title, start in titles_and_starts]
    document = load_text(json.dumps({"events": events})).document
    assert document is not None
    return build_index(document)


def test_a_lane_with_free_rows_makes_no_count_mark() -> None:
    # Twelve events on twelve consecutive days, long titles: they overlap, so they stack.
    index = _crowd([(f"A rather long headline about day {day} of the story", f"2025-06-{day:02d}")
                    for day in range(1, 13)])
    view = Viewport(to_axis(2025, 5, 20), to_axis(2025, 7, 1))
    scene = layout_scene(index, view, SceneGeometry(width=900, top=0, height=700), measure)
    assert not scene.clusters
    assert len(scene.placements) == 12
    assert all(p.label_rect is not None for p in scene.placements)


def test_a_single_lane_takes_the_whole_height() -> None:
    index = _crowd([(f"Event {n}", f"2025-06-{n % 28 + 1:02d}") for n in range(40)])
    [band] = layout_scene(index, Viewport(to_axis(2025, 6), to_axis(2025, 7)),
                          SceneGeometry(width=900, top=48, height=640), measure).bands
    assert band.height == pytest.approx(640)
    assert band.rows > 3, "rows by need, not two or three"


def test_the_selected_event_is_never_counted_away() -> None:
    crowd = [(f"Filing {n}", f"2025-06-10T{n // 4:02d}:{n % 4 * 15:02d}Z") for n in range(80)]
    index = _crowd(crowd)
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
    import random

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
    index = _story_index()
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


@pytest.mark.parametrize("lanes_by", ["category", "actor", "tag", "none"])
def test_events_keep_their_category_colour_in_every_lane_mode(lanes_by: str) -> None:
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    index = build_index(document, lanes_by=lanes_by)
    scene = layout_scene(index, Viewport(to_axis(2025, 1), to_axis(2026, 1)),
                         SceneGeometry(width=1400, top=48, height=2000), measure)
    assert scene.placements
    for placement in scene.placements:
        assert placement.color == document.categories[placement.event.category or ""].color


def test_an_undeclared_category_gets_a_colour_of_its_own() -> None:
    document = load_text(json.dumps({
        "categories": {"deal": {"label": "Deal", "color": "#0072B2"}},
        "events": [{"title": "A", "start": "2025", "category": "deal"},
                   {"title": "B", "start": "2025", "category": "surprise"}]})).document
    assert document is not None
    colors = build_index(document).category_colors
    assert colors["surprise"] != colors["deal"]


def test_the_first_view_frames_most_events_and_fit_all_everything() -> None:
    index = _story_index()
    limits = ZoomLimits.for_data(index.span(), to_axis(2026, 12))
    first = limits.first_view(index.span(), index.bulk_span())
    inside = sum(1 for e in index.ordered if first.start <= e.begin <= first.end)
    assert inside >= 0.8 * len(index.ordered)
    whole = index.span()
    assert whole is not None
    assert first.span < 0.5 * (whole[1] - whole[0]), "the story's bulk, not 2020-2026"
    # Evenly spread events are fitted whole.
    even = _crowd([(f"Year {year}", str(year)) for year in range(1990, 2030)])
    assert ZoomLimits.for_data(even.span(), 0).first_view(even.span(), even.bulk_span()) == \
        ZoomLimits.for_data(even.span(), 0).framed(*even.span())  # type: ignore[misc]


def test_labels_are_shortened_at_a_word() -> None:
    text = "Labor Department drops its Scale AI probe; third wage suit filed"
    shown = shorten_at_word(text, measure("Labor Department drops its Scale") + 3, measure)
    assert shown == "Labor Department drops its…"
    assert shorten_at_word(text, 10_000, measure) == text
    assert shorten_at_word("Supercalifragilistic", measure("Super…"), measure) == "Super…"


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
