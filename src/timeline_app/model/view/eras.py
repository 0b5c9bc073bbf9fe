"""Where eras go in a frame: their band under the axis, rows for those that overlap, their titles.

Eras are few (a story has a handful) and frame the time rather than sit in a lane: they are
laid out by time, not by pixels, so an era keeps its row at every zoom.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from timeline_app.model.document import Era
from timeline_app.model.view.scene import Measure, Rect
from timeline_app.model.view.viewport import Viewport

ERA_ROW_HEIGHT = 17.0
ERA_BAND_PADDING = 3.0  # below the last row, so the band does not touch the first lane
ERA_LABEL_PAD = 6.0
DEFAULT_ERA_COLOR = "#8C8C8C"
MAX_ERA_ROWS = 4  # more overlapping eras than this share the last row: the band must not eat the lanes


def era_rows(eras: Sequence[Era]) -> list[int]:
    """The row of each era (in the order given): the first whose last era is over before it begins."""
    rows: list[float] = []  # where each row's last era finishes
    found: list[int] = [0] * len(eras)
    for position in sorted(range(len(eras)), key=lambda place: (eras[place].begin, eras[place].index)):
        era = eras[position]
        row = next((number for number, finish in enumerate(rows) if finish <= era.begin), len(rows))
        row = min(row, MAX_ERA_ROWS - 1)
        if row == len(rows):
            rows.append(era.finish)
        else:
            rows[row] = max(rows[row], era.finish)
        found[position] = row
    return found


def era_band_height(eras: Sequence[Era]) -> float:
    """How tall the band under the axis is: nothing for a file without eras."""
    if not eras:
        return 0.0
    return _band_height(tuple(eras))


@lru_cache(maxsize=8)
def _band_height(eras: tuple[Era, ...]) -> float:
    # Asked several times a frame (where the lanes begin): the rows are worked out once per set of eras.
    return (max(era_rows(eras)) + 1) * ERA_ROW_HEIGHT + ERA_BAND_PADDING


@dataclass(slots=True)
class EraPlacement:
    """One era in a frame: x positions from the band's left edge, and its title's place."""

    era: Era
    row: int
    begin: float  # where its soft start begins
    solid_begin: float
    solid_finish: float
    finish: float  # where its soft end fades out
    top: float
    label: str
    label_rect: Rect | None
    label_outside: bool = False  # written after the era, which is too short to hold it

    @property
    def rect(self) -> Rect:
        return Rect(self.begin, self.top, max(self.finish - self.begin, 1.0), ERA_ROW_HEIGHT - 2.0)

    def hit(self, x: float, y: float) -> bool:
        slack = self.rect
        on_title = self.label_rect is not None and self.label_rect.contains(x, y)
        return on_title or (slack.x - 2 <= x < slack.right + 2 and slack.y <= y < slack.bottom)


def layout_eras(eras: Sequence[Era], view: Viewport, width: float, top: float, measure: Measure) -> list[EraPlacement]:
    """The eras in ``view`` laid out over ``width`` pixels, their band starting at ``top``.

    A title stays in sight while any of its era is: it is drawn from the left edge of what
    shows of the era, not from its start off the screen. A title longer than its era is
    written after it, where the row is free up to the next era, rather than cut to a stub.
    """
    rows = era_rows(eras)
    placed = []
    for era, row in zip(eras, rows, strict=True):
        if era.finish < view.start or era.begin > view.end:
            continue
        begin, finish = view.x_of(era.begin, width), view.x_of(era.finish, width)
        solid_begin, solid_finish = view.x_of(era.solid_begin, width), view.x_of(era.solid_finish, width)
        placed.append(EraPlacement(era, row, begin, solid_begin, solid_finish, finish, top + row * ERA_ROW_HEIGHT,
                                   era.title, None))
    for placement in placed:
        _place_title(placement, placed, width, measure)
    return placed


def _place_title(placement: EraPlacement, placed: Sequence[EraPlacement], width: float, measure: Measure) -> None:
    wide = placement.solid_finish - placement.solid_begin > 40
    left = max(placement.solid_begin if wide else placement.begin, 0.0) + ERA_LABEL_PAD
    right = min(placement.solid_finish if wide else placement.finish, width) - ERA_LABEL_PAD
    needed = measure(placement.label)
    height = ERA_ROW_HEIGHT - 2.0
    if needed <= right - left:
        placement.label_rect = Rect(left, placement.top, needed, height)
        return
    # After the era, up to the next one in its row or the edge of the view.
    following = min((other.begin for other in placed if other.row == placement.row and other is not placement
                     and other.begin >= placement.finish), default=width)
    outside = max(placement.finish, 0.0) + ERA_LABEL_PAD
    if placement.finish < width and needed <= min(following, width) - outside - ERA_LABEL_PAD:
        placement.label_rect = Rect(outside, placement.top, needed, height)
        placement.label_outside = True
    elif right - left >= 24:
        placement.label_rect = Rect(left, placement.top, right - left, height)


def era_at(placements: Sequence[EraPlacement], x: float, y: float) -> Era | None:
    """The era under (x, y) in the band; of overlapping ones in a shared row, the shortest."""
    found = [placement for placement in placements if placement.hit(x, y)]
    if not found:
        return None
    return min(found, key=lambda placement: placement.finish - placement.begin).era
