"""Zooming and panning keep their anchor, stop at their limits and never lose the data."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.model.view.helpers import LIMITS, crowd, story_index
from timeline_app.model.timeaxis import SECONDS_PER_MEAN_YEAR, to_axis, years_ago_to_axis
from timeline_app.model.view.viewport import MIN_SPAN, Viewport, ZoomLimits


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


def test_the_first_view_frames_most_events_and_fit_all_everything() -> None:
    index = story_index()
    limits = ZoomLimits.for_data(index.span(), to_axis(2026, 12))
    first = limits.first_view(index.span(), index.bulk_span())
    inside = sum(1 for e in index.ordered if first.start <= e.begin <= first.end)
    assert inside >= 0.8 * len(index.ordered)
    whole = index.span()
    assert whole is not None
    assert first.span < 0.5 * (whole[1] - whole[0]), "the story's bulk, not 2020-2026"
    # Evenly spread events are fitted whole.
    even = crowd([(f"Year {year}", str(year)) for year in range(1990, 2030)])
    assert ZoomLimits.for_data(even.span(), 0).first_view(even.span(), even.bulk_span()) == \
        ZoomLimits.for_data(even.span(), 0).framed(*even.span())  # type: ignore[misc]
