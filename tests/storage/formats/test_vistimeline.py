"""vis-timeline items: HTML content as text, dates as ISO or milliseconds, groups as categories."""

from __future__ import annotations

import json
from pathlib import Path

from tests.storage.formats.helpers import FORMATS
from timeline_app.storage.formats import OURS, VIS_TIMELINE, detect_format
from timeline_app.storage.formats.vistimeline import read_vis_timeline
from timeline_app.storage.loader import load_path


def test_vis_timeline_items_are_read_as_events_their_html_as_text() -> None:
    text = (FORMATS / "vis-items.json").read_text(encoding="utf-8")
    assert detect_format(text) == VIS_TIMELINE
    result = load_path(FORMATS / "vis-items.json")
    document = result.document
    assert document is not None
    assert not result.errors
    by_id = {event.id: event for event in document.events}
    assert by_id["2"].title == "item 2 & more"  # <b> dropped, &amp; decoded: text, never markup
    assert by_id["2"].description == "a tooltip"
    assert (by_id["2"].start.text, by_id["2"].end.text if by_id["2"].end else None) == ("2014-04-14", "2014-04-19")
    assert by_id["2"].raw["className"] == "red"
    assert by_id["3"].start.text == "2014-04-18T10:30"
    assert by_id["4"].start.text == "2014-04-18T00:00Z"  # milliseconds since 1970
    assert by_id["3"].category == "talks"
    assert document.root["eras"] == [{"title": "The week", "start": "2014-04-14", "end": "2014-04-21"}]
    assert [(era.title, era.start.text, era.end.text) for era in document.eras] == [
        ("The week", "2014-04-14", "2014-04-21")]  # a background item is an era, drawn behind the lanes
    assert not result.warnings


def test_groups_give_their_labels_and_nesting(tmp_path: Path) -> None:
    data = {"groups": [{"id": 1, "content": "<span>Legal</span>", "nestedGroups": [2]}, {"id": 2, "content": "FTC"}],
            "items": [{"id": "a", "content": "Trial", "start": "2025-04-14", "group": 2}]}
    converted = read_vis_timeline(data)
    assert converted.root["categories"] == {"1": {"label": "Legal"}, "2": {"label": "FTC", "parent": "1"}}
    path = tmp_path / "items.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert detect_format(path.read_text(encoding="utf-8")) == VIS_TIMELINE
    document = load_path(path).document
    assert document is not None
    assert document.categories["2"].label == "FTC"


def test_a_bare_list_is_ours_unless_its_items_have_content() -> None:
    assert detect_format('[{"title": "A", "start": "2025"}]') == OURS
    # The shape vis-timeline's own documentation shows: "title" is the tooltip there.
    assert detect_format('[{"id": 1, "content": "<b>A</b>", "start": 1577836800000, "title": "tip"}]') == VIS_TIMELINE
