"""TimelineJS2 JSON, still in Knight Lab's examples, reads as the TimelineJS3 it became."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from timeline_app.storage.formats import TIMELINEJS2, detect_format
from timeline_app.storage.formats.timelinejs import write_timelinejs
from timeline_app.storage.formats.timelinejs2 import date_object, read_timelinejs2
from timeline_app.storage.loader import load_path

EXAMPLE = CORPUS / "real" / "timelinejs" / "example_json.json"


@pytest.mark.parametrize(("text", "expected"), [
    ("2012,1,26", {"year": "2012", "month": "1", "day": "26"}),
    ("2012,1,26,14,05", {"year": "2012", "month": "1", "day": "26", "hour": "14", "minute": "5"}),
    ("1850", {"year": "1850"}),
    ("-500", {"year": "-500"}),
    ("1/26/2012", {"year": "2012", "month": "1", "day": "26"}),
    ("January 2012", None),
    (None, None),
])
def test_timelinejs2_dates_keep_the_parts_they_were_written_with(text: object, expected: object) -> None:
    assert date_object(text) == expected


def test_knight_labs_timelinejs2_example_reads_every_date() -> None:
    assert detect_format(EXAMPLE.read_text(encoding="utf-8")) == TIMELINEJS2
    result = load_path(EXAMPLE)
    document = result.document
    assert document is not None
    assert not result.problems
    assert document.title == "Sh*t People Say"
    assert document.description == "People say stuff"
    assert len(document.events) == 21
    first = document.events[0]
    assert (first.title, first.start.text, first.end.text if first.end else None) == (
        "Sh*t Politicians Say", "2012-01-26", "2012-01-27")
    assert first.raw["media"] == {"url": "http://youtu.be/u4XpeU9erbg"}
    slides = json.loads(write_timelinejs(document).text)
    assert slides["title"]["text"] == {"headline": "Sh*t People Say", "text": "People say stuff"}
    assert slides["events"][0]["start_date"] == {"year": "2012", "month": "1", "day": "26"}


def test_a_date_it_cannot_read_is_said_and_its_event_placed(tmp_path: Path) -> None:
    text = json.dumps({"timeline": {"headline": "T", "date": [{"startDate": "2012,1,5", "headline": "Fine"},
                                                               {"startDate": "soon", "headline": "Bad", "tag": "x"}]}},
                      indent=1)
    path = tmp_path / "old.json"
    path.write_text(text, encoding="utf-8")
    result = load_path(path)
    assert result.document is not None
    assert [event.title for event in result.document.events] == ["Fine"]
    [error] = result.errors
    soon = next(number for number, line in enumerate(text.splitlines()) if '"soon"' in line)
    assert error.line == soon  # the line of the "{" that begins its date, one above
    converted = read_timelinejs2(json.loads(text))
    assert any("'soon' is not a TimelineJS2 date" in note for note in converted.notes)
