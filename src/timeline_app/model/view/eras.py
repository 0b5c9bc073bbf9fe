"""Where eras go in a frame: their band under the axis, rows for those that overlap, their titles.

Eras are few (a story has a handful) and frame the time rather than sit in a lane: they are
laid out by time, not by pixels, so an era keeps its row at every zoom.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline_app.model.document import Era
from timeline_app.model.view.scene import Measure, Rect
from timeline_app.model.view.viewport import Viewport

ERA_ROW_HEIGHT = 20.0
ERA_BAND_PADDING = 4.0  # below the last row, so the band does not touch the first lane
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

    @property
    def rect(self) -> Rect:
        return Rect(self.begin, self.top, max(self.finish - self.begin, 1.0), ERA_ROW_HEIGHT - 2.0)

    def hit(self, x: float, y: float) -> bool:
        slack = self.rect
        return slack.x - 2 <= x < slack.right + 2 and slack.y <= y < slack.bottom


def layout_eras(eras: Sequence[Era], view: Viewport, width: float, top: float, measure: Measure) -> list[EraPlacement]:
    """The eras in ``view`` laid out over ``width`` pixels, their band starting at ``top``.

    A title stays in sight while any of its era is: it is drawn from the left edge of what
    shows of the era, not from its start off the screen.
    """
    rows = era_rows(eras)
    placed = []
    for era, row in zip(eras, rows, strict=True):
        if era.finish < view.start or era.begin > view.end:
            continue
        begin, finish = view.x_of(era.begin, width), view.x_of(era.finish, width)
        solid_begin, solid_finish = view.x_of(era.solid_begin, width), view.x_of(era.solid_finish, width)
        row_top = top + row * ERA_ROW_HEIGHT
        left = max(solid_begin if solid_finish - solid_begin > 40 else begin, 0.0) + ERA_LABEL_PAD
        right = min(solid_finish if solid_finish - solid_begin > 40 else finish, width) - ERA_LABEL_PAD
        label_rect = None
        if right - left >= 24:
            label_rect = Rect(left, row_top, min(right - left, measure(era.title)), ERA_ROW_HEIGHT - 2.0)
        placed.append(EraPlacement(era, row, begin, solid_begin, solid_finish, finish, row_top, era.title,
                                   label_rect))
    return placed


def era_at(placements: Sequence[EraPlacement], x: float, y: float) -> Era | None:
    """The era under (x, y) in the band; of overlapping ones in a shared row, the shortest."""
    found = [placement for placement in placements if placement.hit(x, y)]
    if not found:
        return None
    return min(found, key=lambda placement: placement.finish - placement.begin).era
