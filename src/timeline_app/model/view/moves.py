"""Where the view goes when the user asks: an event brought into sight, a span framed, today,
the nearest events past an edge. Each keeps the zoom where it can."""

from __future__ import annotations

from timeline_app.model.document import Event
from timeline_app.model.view.index import TimelineIndex
from timeline_app.model.view.viewport import Viewport, ZoomLimits

SPAN_MARGIN = 0.15  # a framed span leaves this share of itself free on each side
SIGHT_MARGIN = 0.1  # an event this near an edge is brought further in
BEYOND_LANDING = 0.2  # the nearest event past an edge lands this far in from it


def view_framing(limits: ZoomLimits, start: float, end: float) -> Viewport:
    """A view of [start, end] with a margin, never narrower than the closest zoom."""
    span = max(end - start, limits.min_span)
    margin = span * SPAN_MARGIN
    center = (start + end) / 2
    return Viewport(center - span / 2 - margin, center + span / 2 + margin)


def view_showing(view: Viewport, event: Event, limits: ZoomLimits) -> Viewport | None:
    """A view with ``event`` well in sight, at this zoom unless the event is wider than the view;
    None when it is in sight already."""
    if max(event.finish - event.begin, 1.0) > view.span * 0.9:
        return view_framing(limits, event.begin, event.finish)
    margin = view.span * SIGHT_MARGIN
    if event.begin >= view.start + margin and event.finish <= view.end - margin:
        return None
    center = (event.begin + event.finish) / 2
    return Viewport(center - view.span / 2, center + view.span / 2)


def view_at_today(view: Viewport, limits: ZoomLimits, now: float) -> Viewport:
    """Now in the middle at this zoom; if now is too far from the data for that, both taken in."""
    span = view.span
    centred = limits.clamp(Viewport(now - span / 2, now + span / 2))
    if centred.start <= now <= centred.end:
        return centred
    return limits.framed(min(now, limits.data_end - span / 2), max(now, limits.data_start + span / 2))


def view_beyond(index: TimelineIndex, view: Viewport, side: int) -> Viewport | None:
    """At this zoom, the nearest events past one edge (-1: before, 1: after); None when there are none.

    The nearest event lands a fifth of the way in from the edge it came from, so what lies
    between it and the old view shows beside it.
    """
    found = index.nearest_beyond(view.start if side < 0 else view.end, side)
    if found is None:
        return None
    moment = found.finish if side < 0 else found.begin
    start = moment - view.span * (1 - BEYOND_LANDING) if side < 0 else moment - view.span * BEYOND_LANDING
    return Viewport(start, start + view.span)
