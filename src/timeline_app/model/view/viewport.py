"""The visible stretch of time: the state that zoom and pan change and the painter reads."""

from __future__ import annotations

from dataclasses import dataclass

from timeline_app.model.timeaxis import SECONDS_PER_DAY, SECONDS_PER_MEAN_YEAR

MIN_SPAN = 5 * 60.0  # a few minutes across the whole view
MAX_SPAN = 20e9 * SECONDS_PER_MEAN_YEAR  # past the Big Bang, for deep-time data
FIT_MARGIN = 0.04  # of the span, on each side, so nothing touches the edges
BULK_FITS_ALL = 0.6  # a first view framed on most events shows everything once they span this share of it


@dataclass(frozen=True, slots=True)
class Viewport:
    """The visible interval [start, end) of the time axis."""

    start: float
    end: float

    @property
    def span(self) -> float:
        return self.end - self.start

    @property
    def center(self) -> float:
        return (self.start + self.end) / 2

    def x_of(self, time: float, width: float) -> float:
        """Pixel x of a time in a view ``width`` pixels wide."""
        return (time - self.start) / self.span * width

    def time_at(self, x: float, width: float) -> float:
        """The time under pixel x."""
        return self.start + x / width * self.span

    def seconds_per_pixel(self, width: float) -> float:
        return self.span / max(width, 1.0)

    def zoomed(self, factor: float, anchor: float, limits: ZoomLimits) -> Viewport:
        """Zoom in by ``factor`` (>1 in, <1 out) keeping the time ``anchor`` where it is on screen."""
        new_span = min(max(self.span / factor, limits.min_span), limits.max_span)
        share = (anchor - self.start) / self.span
        start = anchor - share * new_span
        return limits.clamp(Viewport(start, start + new_span))

    def panned(self, seconds: float, limits: ZoomLimits) -> Viewport:
        return limits.clamp(Viewport(self.start + seconds, self.end + seconds))


@dataclass(frozen=True, slots=True)
class ZoomLimits:
    """How far one may zoom and pan: from a few minutes to the whole data with room around it."""

    data_start: float
    data_end: float
    min_span: float = MIN_SPAN
    max_span: float = MAX_SPAN

    @classmethod
    def for_data(cls, span: tuple[float, float] | None, now: float) -> ZoomLimits:
        if span is None:
            start, end = now - 365 * SECONDS_PER_DAY, now + 365 * SECONDS_PER_DAY
        else:
            start, end = span
        data_span = max(end - start, 30 * SECONDS_PER_DAY)
        max_span = min(max(data_span * 4, 10 * SECONDS_PER_MEAN_YEAR), MAX_SPAN)
        return cls(start, end, MIN_SPAN, max_span)

    def fit(self) -> Viewport:
        """The whole data with a margin on each side."""
        return self.framed(self.data_start, self.data_end)

    def framed(self, start: float, end: float) -> Viewport:
        """[start, end] with a margin on each side, within the limits."""
        span = max(end - start, self.min_span)
        half = span / 2 + span * FIT_MARGIN
        center = (start + end) / 2
        return self.clamp(Viewport(center - half, center + half))

    def framing(self, span: tuple[float, float] | None) -> Viewport:
        """``span`` (what the filters show) framed; everything when there is nothing to show."""
        return self.framed(*span) if span is not None else self.fit()

    def first_view(self, whole: tuple[float, float] | None, bulk: tuple[float, float] | None) -> Viewport:
        """What a file opens on when no view is remembered: where most of its events are.

        ``whole`` is the events' span, ``bulk`` the shortest one holding most of them. When
        the bulk is most of the whole anyway, everything is fitted.
        """
        if whole is None or bulk is None:
            return self.fit()
        if bulk[1] - bulk[0] >= BULK_FITS_ALL * (whole[1] - whole[0]):
            return self.framed(*whole)
        return self.framed(*bulk)

    def clamp(self, view: Viewport) -> Viewport:
        """Keep the span within limits and some of the data in view."""
        span = min(max(view.span, self.min_span), self.max_span)
        center = view.center
        # Pan no further than leaves a tenth of the view over the data.
        reach = span * 0.4
        low, high = self.data_start - reach, self.data_end + reach
        center = min(max(center, low), high)
        return Viewport(center - span / 2, center + span / 2)
