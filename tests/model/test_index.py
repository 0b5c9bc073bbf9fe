"""Direct lookups in the index agree with a look through every event, in every lane mode."""

from __future__ import annotations

import json
import random

import pytest

from tests.model.test_updates import _document
from timeline_app.model.view.index import build_index
from timeline_app.storage.loader import load_text


@pytest.mark.parametrize("lanes_by", ["category", "actor", "tag", "none"])
def test_lookups_by_uid_lane_and_place_find_what_a_scan_finds(lanes_by: str) -> None:
    document = _document(900, seed=7, stream=False)
    index = build_index(document, lanes_by=lanes_by)
    for event in random.Random(3).sample(index.ordered, 200):
        assert index.by_uid(event.uid) is next(e for e in index.ordered if e.uid == event.uid)
        assert index.lane_of(event) == next(lane.key for lane in index.lanes
                                            if any(e is event for e in lane.events))
        assert document.event_at(event.index) is event
    assert len({event.uid for event in document.events}) == len(document.events)
    assert index.by_uid(-1) is None
    assert index.by_uid(None) is None


def test_the_event_at_a_place_of_the_array_skips_what_is_not_a_valid_event() -> None:
    document = load_text(json.dumps({"events": [{"title": "A", "start": "2025"}, {"title": "broken"},
                                                {"title": "C", "start": "2024"}]})).document
    assert document is not None
    assert [document.event_at(place) for place in range(4)] == [document.events[0], None, document.events[1], None]
