"""Round trips through every other format keep what the format can hold and say what it cannot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO_ROOT
from timeline_app.storage.formats import CSV, ICS, OURS, TIMELINEJS, detect_format
from timeline_app.storage.formats.csvformat import read_csv, write_csv
from timeline_app.storage.formats.ics import read_ics, write_ics
from timeline_app.storage.formats.timelinejs import date_text, read_timelinejs, write_timelinejs
from timeline_app.storage.loader import load_path, load_text

FORMATS = CORPUS / "formats"


def _convert(source: Path, target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline_app", "--convert", str(source), str(target)],
                          capture_output=True, text=True, check=False)


def _story():  # type: ignore[no-untyped-def]
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    return document


def test_formats_are_told_by_content_not_name(tmp_path: Path) -> None:
    assert detect_format((FORMATS / "timelinejs-documented.json").read_text()) == TIMELINEJS
    assert detect_format((REPO_ROOT / "events.json").read_text()) == OURS
    assert detect_format((FORMATS / "calendar.ics").read_text(), "calendar.txt") == ICS
    assert detect_format((FORMATS / "quoting.csv").read_text(), "data.json") == CSV
    odd = tmp_path / "story.txt"
    odd.write_text((FORMATS / "calendar.ics").read_text(), encoding="utf-8")
    document = load_path(odd).document
    assert document is not None
    assert len(document.events) == 3


@pytest.mark.parametrize(("fields", "text"), [
    ({"year": "1978"}, "1978"),
    ({"year": 1978, "month": 1}, "1978-01"),
    ({"year": "1978", "month": "1", "day": "5"}, "1978-01-05"),
    ({"year": "2012", "month": "2", "day": "11", "hour": "15", "minute": "55"}, "2012-02-11T15:55"),
    ({"year": "-500"}, "500 BC"),
    ({"year": "-500", "month": "3"}, "-0499-03"),
    ({"month": "3"}, None),
])
def test_timelinejs_dates_keep_their_precision(fields: dict[str, object], text: str | None) -> None:
    assert date_text(fields) == text


def test_a_timelinejs_file_goes_to_ours_and_back_unchanged(tmp_path: Path) -> None:
    original = json.loads((FORMATS / "timelinejs-documented.json").read_text(encoding="utf-8"))
    ours = tmp_path / "ours.json"
    back = tmp_path / "back.timelinejs.json"
    assert _convert(FORMATS / "timelinejs-documented.json", ours).returncode == 0
    assert _convert(ours, back).returncode == 0
    assert json.loads(back.read_text(encoding="utf-8")) == original
    document = load_path(ours).document
    assert document is not None
    by_id = {e.key: e for e in document.events}
    assert by_id["first-recording"].start.text == "1978-01-01"
    assert by_id["first-recording"].category == "Career"
    assert document.events[1].start.precision.noun == "year"
    bce = next(e for e in document.events if e.title == "A BCE year")
    assert bce.start.label() == "500 BC"
    assert document.title.startswith("Whitney Houston")
    assert document.root["eras"][0]["text"]["headline"] == "Early life"
    assert document.events[0].raw["media"]["url"].startswith("https://www.youtube.com")


def test_ours_to_timelinejs_says_what_it_cannot_hold() -> None:
    converted = write_timelinejs(_story())
    data = json.loads(converted.text)
    assert len(data["events"]) == 41
    assert any("cannot hold the precision of \"late 2025?\"" in note for note in converted.notes)
    assert any("no actors or tags" in note for note in converted.notes)
    late = next(e for e in data["events"] if e["text"]["headline"] == "Behemoth's postponed release window")
    assert late["start_date"] == {"year": "2025", "display_date": "late 2025?"}
    back = read_timelinejs(data)
    document = load_text(json.dumps(back.root)).document
    assert document is not None
    assert [e.title for e in document.events] == [e.title for e in _story().events]


def test_csv_round_trip_keeps_every_field_it_has_columns_for(tmp_path: Path) -> None:
    story = _story()
    converted = write_csv(story)
    assert any("CSV cannot hold the precision of 14 dates" in note for note in converted.notes)
    again = load_text(json.dumps(read_csv(converted.text).root)).document
    assert again is not None
    for before, after in zip(story.events, again.events, strict=True):
        assert (before.title, before.start.text, before.end.text if before.end else None, before.category,
                before.actors, before.tags, before.description) == \
               (after.title, after.start.text, after.end.text if after.end else None, after.category,
                after.actors, after.tags, after.description)
        assert [(s.title, s.publisher, s.date, s.url) for s in before.sources] == \
               [(s.title, s.publisher, s.date, s.url) for s in after.sources]


@pytest.mark.parametrize("name", ["quoting.csv", "quoting-bom.csv"])
def test_csv_quoting_newlines_bom_and_semicolons(name: str) -> None:
    result = load_path(FORMATS / name)
    document = result.document
    assert document is not None
    first, second = document.events
    assert first.title == "Deal; announced"
    assert first.actors == ("Meta", "Scale AI")
    assert first.description == 'Line one\nline two with "quotes"'
    assert first.raw["Notes"] == "kept"
    assert second.start.uncertain
    assert any("Notes" in p.message for p in result.warnings)


def test_csv_with_unknown_headers_asks_for_a_mapping() -> None:
    result = load_path(FORMATS / "odd-headers.csv")
    assert result.document is None
    assert result.csv_headers == ["What", "When", "Where"]
    mapped = load_path(FORMATS / "odd-headers.csv", csv_mapping={0: "title", 1: "start"})
    assert mapped.document is not None
    [event] = mapped.document.events
    assert (event.title, event.start.text, event.raw["Where"]) == ("Something", "2025-04", "Paris")


def test_ics_export_is_all_day_for_dates_and_folds_long_lines() -> None:
    converted = write_ics(_story())
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
           [(e.title, e.start.text, e.end.text if e.end else None) for e in _story().events]


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


@pytest.mark.parametrize(("text", "expected"), [
    # Judged by the first event alone: the rest of a large file is never parsed twice.
    ('{"events": [{"start_date": {"year": 2025}, "text": {"headline": "a"}}, BROKEN', TIMELINEJS),
    ('{"events": [{"title": "a", "start": "2025"}, BROKEN', OURS),
    ('{"events": [], "title": {"text": {"headline": "Only a title slide"}}}', TIMELINEJS),
    ('{"title": "Ours", "events": []}', OURS),
    ('[{"title": "a", "start": "2025"}]', OURS),
    ('{"events": [{"title": "a" "start": "2025"}]}', OURS),
])
def test_format_is_told_from_the_head_of_a_file(text: str, expected: str) -> None:
    assert detect_format(text, "x.json") == expected


def test_problems_of_other_formats_are_placed_at_the_files_own_lines() -> None:
    from timeline_app.storage.loader import load_converted

    csv_text = 'title,start\nGood,2025\n"Two\nlines",2025\nBad,2025-02-30\n'
    problems = load_converted(csv_text, CSV, "a.csv").problems
    assert [(p.line, p.column) for p in problems] == [(5, 1)]  # the row, after a cell spanning two lines
    ics_text = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a\r\nDTSTART:20250101\r\nEND:VEVENT\r\n"
                "BEGIN:VEVENT\r\nSUMMARY:b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    problems = load_converted(ics_text, ICS, "a.ics").problems
    assert {(p.line, p.column) for p in problems} == {(6, 1)}  # the error and the note, at its VEVENT
    tjs_text = ('{"events": [\n  {"start_date": {"year": 2020}, "text": {"headline": "a"}},\n'
                '  {"start_date": {"year": "x"}, "text": {"headline": "b\\nc"}}\n]}')
    problems = load_converted(tjs_text, TIMELINEJS, "a.json").problems
    assert {(p.line, p.column) for p in problems} == {(3, 3)}
    # A value echoed with a line break stays on the one line FILE:LINE:COL wants.
    assert all("\n" not in p.format() for p in problems)
    assert any('"b\\nc"' in p.format() for p in problems)


def test_nan_is_placed_at_the_value_not_at_the_word_in_a_title() -> None:
    text = '{"events": [{"title": "NaN is a word", "start": "2025",\n "x": NaN}]}'
    for stream in (False, True):
        problem = load_text(text, "n.json", stream=stream).problems[0]
        assert (problem.line, problem.column) == (2, 7), stream
