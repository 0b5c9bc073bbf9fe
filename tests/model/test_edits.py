"""Edits the form asks for, worked out on the document without Qt."""

from __future__ import annotations

import json

from timeline_app.model.edits import categories_with, position_for_new_event
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
