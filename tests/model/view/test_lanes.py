"""A lane answers what is in a view, counted by bisection or numpy alike, as a look through every event would."""

from __future__ import annotations

import json
import random

from tests.conftest import REPO_ROOT
from timeline_app.model.timeaxis import SECONDS_PER_DAY, to_axis
from timeline_app.model.view.index import build_index
from timeline_app.storage.loader import load_path, load_text


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


def test_a_long_lane_counts_with_numpy_exactly_as_bisection_does() -> None:

    from timeline_app.model.view.lanes import ARRAY_MIN_EVENTS
    from timeline_app.model.view.layout import lane_activity
    from timeline_app.model.view.scene import DENSITY_LEVELS, Density

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
