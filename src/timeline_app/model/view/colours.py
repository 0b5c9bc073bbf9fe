"""Each category's colour: the file's own, else the next of a palette told apart by colour-blind readers.

An event keeps its category's colour in every lane mode, so the colours are handed out once
per index, in the order categories first appear in the file.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from timeline_app.model.document import UNCATEGORISED, Event, TimelineDocument

# Okabe & Ito's palette: distinct for the common forms of colour blindness.
COLOR_BLIND_SAFE_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
                            "#F0E442", "#8C8C8C")


NEUTRAL_LANE_COLOR = "#8A8F98"


def event_color(colors: dict[str, str], event: Event, otherwise: str) -> str:
    """The colour ``event`` is drawn in: its category's, in whatever lane it sits; ``otherwise`` when
    its category has none in ``colors``."""
    return colors.get(event.category or UNCATEGORISED, otherwise)


def category_colors(document: TimelineDocument, events: Iterable[Event]) -> dict[str, str]:
    """A colour for every category: the file's own, else the next palette colour no declared category uses.

    Undeclared categories (and events with none) take colours in the order they first
    appear, so two categories never share a colour while the palette lasts.
    """
    colors = {key: category.color for key, category in document.categories.items() if category.color}
    taken = set(colors.values())
    free = [color for color in COLOR_BLIND_SAFE_PALETTE if color not in taken]
    palette = itertools.chain(free, itertools.cycle(COLOR_BLIND_SAFE_PALETTE))
    for key in document.categories:
        if key not in colors:
            colors[key] = next(palette)
    for key in dict.fromkeys(event.category or UNCATEGORISED for event in events):
        if key not in colors:
            colors[key] = next(palette)
    return colors
