"""Axis ticks and labels at every zoom: never overlapping, clipped or skipped where they fit."""

from __future__ import annotations

import itertools

import pytest

from tests.model.view.helpers import measure
from timeline_app.model.timeaxis import SECONDS_PER_DAY, SECONDS_PER_MEAN_YEAR, to_axis, years_ago_to_axis
from timeline_app.model.view.axis import layout_axis
from timeline_app.model.view.viewport import Viewport

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
