"""Edits the form asks for, worked out on the document without Qt."""

from __future__ import annotations

import json

import pytest

from timeline_app.model.dates import parse_date
from timeline_app.model.edits import categories_with, insert_event, moved_raw, position_for_new_event, shifted_date_text
from timeline_app.model.timeaxis import to_axis
from timeline_app.storage.loader import load_text


def _document(root: object):  # type: ignore[no-untyped-def]
    document = load_text(json.dumps(root)).document
    assert document is not None
    return document


def test_a_new_category_joins_the_files_own_and_a_bare_list_has_nowhere_to_put_one() -> None:
    document = _document({"categories": {"deal": {"label": "Deal"}}, "events": []})
    assert categories_with(document, "labour", "Labour", "#123456") == {
        "deal": {"label": "Deal"}, "labour": {"label": "Labour", "color": "#123456"}}
    assert document.root["categories"] == {"deal": {"label": "Deal"}}, "the file's own is not changed in place"
    assert categories_with(_document([{"title": "T", "start": "2025"}]), "x", "X", "#000000") is None


def test_a_new_event_goes_before_the_first_later_one_in_time_not_in_the_file() -> None:
    document = _document({"events": [{"title": "C", "start": "2025-09"}, {"title": "A", "start": "2025-01"},
                                     {"title": "B", "start": "2025-05"}]})
    assert position_for_new_event(document, to_axis(2025, 3)) == 2  # before B, the first event after March
    assert position_for_new_event(document, to_axis(2024, 1)) == 1  # before A
    assert position_for_new_event(document, to_axis(2026, 1)) == 3  # after everything


def test_an_event_is_found_in_the_json_of_an_object_file_and_of_a_bare_list() -> None:
    listed = _document([{"title": "A", "start": "2025"}, {"title": "B", "start": "2024"}])
    wrapped = _document({"events": [{"title": "A", "start": "2025"}, {"title": "B", "start": "2024"}]})
    assert [listed.json_path_of(event) for event in listed.events] == [(0,), (1,)]
    assert [wrapped.json_path_of(event) for event in wrapped.events] == [("events", 0), ("events", 1)]








@pytest.mark.parametrize(
    ("text", "seconds", "expected"),
    [
        ("2025-04", 40 * 86400, "2025-05"),
        ("April 2025", -70 * 86400, "February 2025"),
        ("2025-06-12", 3 * 86400, "2025-06-15"),
        ("late 2025", 130 * 86400, "early 2026"),
        ("Q3 2025", 95 * 86400, "Q4 2025"),
        ("c. 1850", 365.25 * 86400, "c. 1851"),
        ("2025-06-12T21:30Z", 3600, "2025-06-12T22:30Z"),
        ("2025-04", 5 * 86400, None),
        ("present", 86400, None),
    ],
)
def test_moves_snap_to_the_dates_own_precision(text: str, seconds: float, expected: str | None) -> None:
    date = parse_date(text, allow_ongoing=True)
    moved = shifted_date_text(date, seconds)
    assert moved == expected
    if moved is not None:
        assert parse_date(moved).precision == date.precision






def test_a_drag_moves_both_dates_or_resizes_one_and_never_inverts_a_range() -> None:

    document = load_text('[{"title": "Trial", "start": "2025-04-14", "end": "2025-05-27"}]').document
    assert document is not None
    trial = document.events[0]
    day = 86400.0
    moved = moved_raw(trial, 3 * day, "move")
    assert moved is not None
    assert (moved["start"], moved["end"]) == ("2025-04-17", "2025-05-30")
    resized = moved_raw(trial, -7 * day, "end")
    assert resized is not None
    assert (resized["start"], resized["end"]) == ("2025-04-14", "2025-05-20")
    assert moved_raw(trial, -60 * day, "end") is None  # would end before it starts
    assert moved_raw(trial, 0.2 * day, "move") is None  # less than a day: nothing to snap to


def test_events_are_only_added_where_they_will_be_saved() -> None:
    from timeline_app.model.document import TimelineDocument
    from timeline_app.model.edits import why_events_cannot_be_added
    from timeline_app.storage.loader import load_text

    for text in ('[{"title": "a", "start": "2025"}]', '{"events": []}'):
        document = load_text(text).document
        assert document is not None
        assert why_events_cannot_be_added(document) is None
        insert_event(document, 0, {"title": "b", "start": "2024"})
        assert document.raw_events()[0]["title"] == "b"
    for document in (load_text('{"events": {"title": "a"}}').document, TimelineDocument(events=[])):
        assert document is not None
        reason = why_events_cannot_be_added(document)
        assert reason is not None
        with pytest.raises(ValueError, match=r'nowhere to add|no "events" list'):
            insert_event(document, 0, {"title": "b", "start": "2024"})
