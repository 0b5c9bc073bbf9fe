"""Calendars: dates are all-day events, long lines are folded, other calendars' files are read."""

from __future__ import annotations

import json

from tests.storage.formats.helpers import FORMATS, story_document
from timeline_app.storage.formats.ics import read_ics, write_ics
from timeline_app.storage.loader import load_path, load_text


def test_ics_export_is_all_day_for_dates_and_folds_long_lines() -> None:
    converted = write_ics(story_document())
    lines = converted.text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "DTSTART;VALUE=DATE:20250414" in lines
    assert "DTEND;VALUE=DATE:20250528" in lines  # the trial's last day is 27 May: DTEND is the day after
    assert "DTSTART;VALUE=DATE:20250401" in lines
    assert any("all-day spans" in note for note in converted.notes)
    back = load_text(json.dumps(read_ics(converted.text).root)).document
    assert back is not None
    assert [(e.title, e.start.text, e.end.text if e.end else None) for e in back.events] == \
           [(e.title, e.start.text, e.end.text if e.end else None) for e in story_document().events]


def test_ics_import_reads_other_calendars() -> None:
    document = load_path(FORMATS / "calendar.ics").document
    assert document is not None
    trial, deal, one_day = document.events
    assert (trial.start.text, trial.end.text if trial.end else None) == ("2025-04-14", "2025-05-27")
    assert trial.description == "Bench trial, six weeks.\nSecond line."
    assert trial.category == "legal"
    assert trial.raw["location"] == "Washington, DC"
    assert deal.title.endswith("by the writer")
    assert deal.start.text == "2025-06-12T21:30:00Z"
    assert one_day.end is None
