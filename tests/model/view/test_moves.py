"""Where the view goes when asked: an event into sight, a span framed, today, past an edge."""

from __future__ import annotations

import json

import pytest

from timeline_app.model.timeaxis import to_axis
from timeline_app.model.view.index import build_index
from timeline_app.model.view.moves import view_at_today, view_beyond, view_framing, view_showing
from timeline_app.model.view.viewport import Viewport, ZoomLimits
from timeline_app.storage.loader import load_text

DAY = 86400.0


def _index():  # type: ignore[no-untyped-def]
    events = [{"title": "Early", "start": "2020-03-01"},
              {"title": "Middle", "start": "2022-06-01", "end": "2022-07-01"},
              {"title": "Late", "start": "2024-09-01"}]
    document = load_text(json.dumps({"events": events})).document
    assert document is not None
    return build_index(document)


def test_a_framed_span_has_a_margin_and_never_goes_closer_than_the_closest_zoom() -> None:
    limits = ZoomLimits.for_data((to_axis(2020), to_axis(2025)), now=to_axis(2026))
    view = view_framing(limits, to_axis(2022), to_axis(2023))
    year = to_axis(2023) - to_axis(2022)
    assert view.start == pytest.approx(to_axis(2022) - 0.15 * year)
    assert view.end == pytest.approx(to_axis(2023) + 0.15 * year)
    moment = view_framing(limits, to_axis(2022), to_axis(2022))
    assert moment.span == pytest.approx(limits.min_span * 1.3)
    assert moment.center == pytest.approx(to_axis(2022))


def test_an_event_in_sight_stays_put_and_one_out_of_sight_is_centred_at_this_zoom() -> None:
    index = _index()
    early, middle, _late = index.ordered
    limits = ZoomLimits.for_data(index.span(), now=to_axis(2026))
    around_middle = Viewport(to_axis(2022), to_axis(2023))
    assert view_showing(around_middle, middle, limits) is None
    moved = view_showing(around_middle, early, limits)
    assert moved is not None
    assert moved.span == pytest.approx(around_middle.span)
    assert moved.center == pytest.approx((early.begin + early.finish) / 2)
    narrow = Viewport(to_axis(2022, 6, 10), to_axis(2022, 6, 20))  # narrower than the month-long event
    framed = view_showing(narrow, middle, limits)
    assert framed is not None
    assert framed.start < middle.begin < middle.finish < framed.end


def test_today_is_centred_or_taken_in_with_the_data() -> None:
    limits = ZoomLimits.for_data((to_axis(2020), to_axis(2025)), now=to_axis(2025, 6))
    year_view = Viewport(to_axis(2021), to_axis(2022))
    now = to_axis(2023, 3)
    centred = view_at_today(year_view, limits, now)
    assert centred.center == pytest.approx(now)
    assert centred.span == pytest.approx(year_view.span)
    far = to_axis(2030)  # at a year's zoom, a view around it would show none of the data
    both = view_at_today(year_view, limits, far)
    assert both.start < limits.data_end < far < both.end


def test_past_an_edge_the_nearest_event_lands_a_fifth_of_the_way_in() -> None:
    index = _index()
    early, middle, late = index.ordered
    view = Viewport(to_axis(2021), to_axis(2021, 7))
    after = view_beyond(index, view, 1)
    assert after is not None
    assert after.span == pytest.approx(view.span)
    assert after.start + 0.2 * view.span == pytest.approx(middle.begin)
    before = view_beyond(index, view, -1)
    assert before is not None
    assert before.start + 0.8 * view.span == pytest.approx(early.finish)
    assert view_beyond(index, Viewport(late.finish + DAY, late.finish + 2 * DAY), 1) is None
