"""What an event's label and shape say of how well its dates are known."""

from __future__ import annotations

import json
import math

from tests.model.view.helpers import measure
from timeline_app.model.view.appearance import event_label, shorten_at_word
from timeline_app.storage.loader import load_text


def test_labels_say_circa_and_question() -> None:
    document = load_text('[{"title": "A", "start": "c. 1850"}, {"title": "B", "start": "1850?"}]').document
    assert document is not None
    assert [event_label(e) for e in document.events] == ["c. A", "B (?)"]


def test_bars_are_solid_where_known_and_fade_where_only_a_period_is_known() -> None:
    from timeline_app.model.view.appearance import certainty_stops

    events = [{"title": "Precise", "start": "2025-03-01", "end": "2025-09-01"},
              {"title": "Fuzzy ends", "start": "2025-03", "end": "2025-09"},
              {"title": "Sometime in 2025", "start": "2025"},
              {"title": "On a known day", "start": "2025-06-12"}]
    document = load_text(json.dumps(events)).document
    assert document is not None
    precise, fuzzy, period, day = document.events
    assert {alpha for _, alpha in certainty_stops(precise, 300)} == {0.9}
    # A day known for sure, zoomed until it is a wide bar, is as solid: certainty is not size.
    assert {alpha for _, alpha in certainty_stops(day, 600)} == {0.9}
    stops = certainty_stops(fuzzy, 300)
    assert stops[0][1] < stops[1][1] == stops[2][1] > stops[3][1]
    # Known from the end of March to the start of September: the solid part sits where those are.
    length = fuzzy.finish - fuzzy.begin
    assert math.isclose(stops[1][0], (fuzzy.start.latest - fuzzy.begin) / length)
    assert math.isclose(stops[2][0], (fuzzy.end.earliest - fuzzy.begin) / length)
    ramp = certainty_stops(period, 300)
    assert ramp[0][1] < ramp[1][1]
    assert ramp[3][1] < ramp[2][1]


def test_labels_are_shortened_at_a_word() -> None:
    text = "Labor Department drops its Scale AI probe; third wage suit filed"
    shown = shorten_at_word(text, measure("Labor Department drops its Scale") + 3, measure)
    assert shown == "Labor Department drops its…"
    assert shorten_at_word(text, 10_000, measure) == text
    assert shorten_at_word("Supercalifragilistic", measure("Super…"), measure) == "Super…"
