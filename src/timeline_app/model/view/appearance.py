"""How an event reads on the timeline: its label, how far the label fits, and the opacity that
shows how precisely each part of it is known.

Shared by the layout, which measures labels, and the painter, which shades bars.
"""

from __future__ import annotations

from timeline_app.model.document import Event
from timeline_app.model.safety import reveal_hidden
from timeline_app.model.view.scene import Measure


def event_label(event: Event) -> str:
    """What the timeline writes beside an event: its title, with "c." or "?" when the date is so."""
    start = event.start
    prefix = "c. " if start.approximate else ""
    suffix = " (?)" if start.uncertain else ""
    return f"{prefix}{reveal_hidden(event.title)}{suffix}"


def is_precisely_known(event: Event) -> bool:
    """A day (or finer) known for sure, or a range of such: drawn solid however wide the zoom makes it."""
    return not event.start.is_imprecise and (event.end is None or not event.end.is_imprecise)


def certainty_stops(event: Event, width: float) -> list[tuple[float, float]]:
    """Opacity stops along a bar ``width`` pixels wide: (share of its length, opacity).

    Solid where the event certainly happened, fading where its start or end is only
    known to a period, so the eye sees how precisely each part is known.
    """
    start, end = event.start, event.end
    if is_precisely_known(event):
        return [(0.0, 0.9), (1.0, 0.9)]  # a day known for sure is solid, however wide a zoom makes it
    if end is None:
        # One date known only to a period: it happened somewhere in here. Soft ends say so;
        # an approximate date fades out further, like a blurred edge.
        fade = min(max(0.2 if start.approximate else 0.08, 3.0 / width), 0.45)
        return [(0.0, 0.08), (fade, 0.5), (1.0 - fade, 0.5), (1.0, 0.08)]
    solid = 0.9 if not (start.approximate or end.approximate) else 0.75
    # The bar runs from the event's begin to its finish: a moment's place along it is its share of that.
    begin, length = event.begin, max(event.finish - event.begin, 1e-9)
    return [(0.0, 0.2 if start.is_imprecise else solid),
            (max((start.latest - begin) / length, 0.001), solid),
            (min((end.earliest - begin) / length, 0.999), solid),
            (1.0, 0.2 if end.is_imprecise or end.ongoing else solid)]


def shorten_at_word(text: str, width: float, measure: Measure, ellipsis: str = "…") -> str:
    """``text`` as it fits in ``width``: whole, or cut after its last whole word that fits, with an ellipsis.

    A label cut mid-word ("Scale's Remotask…") reads as a typo; at a word it reads as a
    shortened title. A first word too long for the width is cut where it must be.
    """
    if measure(text) <= width:
        return text
    words = text.split(" ")
    shown = ""
    for word in words:
        candidate = f"{shown} {word}" if shown else word
        if measure(candidate + ellipsis) > width:
            break
        shown = candidate
    if any(character.isalnum() for character in shown):  # a marker ("▾") alone is no shortened title
        return shown.rstrip(",;:–-") + ellipsis
    # Not even the first word fits: as many characters as do.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle] + ellipsis) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + ellipsis if low else ""
