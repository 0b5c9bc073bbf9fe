"""A file's format is told by its content, and the problems of every format are placed at the file's own lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.storage.formats.helpers import FORMATS
from timeline_app.storage.formats import CSV, ICS, OURS, TIMELINEJS, detect_format
from timeline_app.storage.loader import load_path, load_text


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


def test_every_format_says_what_of_the_file_it_cannot_hold() -> None:
    from timeline_app.storage.formats.csvformat import write_csv
    from timeline_app.storage.formats.ics import write_ics
    from timeline_app.storage.formats.timelinejs import write_timelinejs

    root = {"$schema": "https://example.org/schema.json", "title": "T", "description": "D", "project": "x",
            "categories": {"deal": {"label": "The deal", "color": "#0072B2"}},
            "events": [{"title": "A", "start": "2025-06", "category": "deal", "notes": "kept here",
                        "sources": [{"publisher": "Reuters", "url": "https://example.org", "archived": "yes"}],
                        "links": [{"url": "https://a.example", "title": "A"}, "https://b.example"]}]}
    document = load_text(json.dumps(root)).document
    assert document is not None
    csv_notes = " | ".join(write_csv(document).notes)
    for lost in ("the timeline's title", "the timeline's description", '"$schema"', '"project"',
                 "labels, colours of 1 categories", "other fields of 1 sources", "fields timeline-app does not know"):
        assert lost in csv_notes, lost
    ics_notes = " | ".join(write_ics(document).notes)
    assert "the timeline's title" not in ics_notes  # X-WR-CALNAME and X-WR-CALDESC hold them
    for lost in ('"project"', "labels, colours of 1 categories", "fields timeline-app does not know",
                 "one URL per event", "DESCRIPTION as text"):
        assert lost in ics_notes, lost
    tljs_notes = " | ".join(write_timelinejs(document).notes)
    assert "colours of 1 categories" in tljs_notes
    assert '"project"' not in tljs_notes  # TimelineJS keeps a file's own top-level fields
    assert "no links" in tljs_notes


@pytest.mark.parametrize("text", [
    '{"timeline": {"date": [], "era": 5}}',
    '{"groups": [{"id": 1, "nestedGroups": 5}], "items": [{"content": "a", "start": "2025"}]}',
    '{"title": {"text": {}}, "events": 5}',
    "[" * 5000 + "]" * 5000,
])
def test_shapes_no_reader_foresaw_give_a_message_never_a_traceback(text: str, tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    result = load_path(path)  # raises nothing
    assert result.document is not None or result.errors


def test_csv_with_times_and_colons_in_cells_is_csv_not_markwhen() -> None:
    from timeline_app.storage.formats import MARKWHEN

    table = 'title,start,end,description\nLaunch,2025-06-12T21:30,,"Note: first release"\n'
    assert detect_format(table, "a.txt") == CSV
    assert detect_format("title;start\nA;2025-06-12T21:30\nB;2025-06-13\n", "a.txt") == CSV
    assert detect_format("2025-06-12: Launch\n2025-07: Review\n", "notes.csv") == CSV  # the name decides a tie
    assert detect_format("2025-06-12: Launch\n2025-07: Review\n", "notes.txt") == MARKWHEN


def test_a_save_in_another_format_says_which_unreadable_events_it_leaves_out(tmp_path: Path) -> None:
    from timeline_app.storage.saving import SaveReport, save_document

    source = tmp_path / "mixed.json"
    source.write_text('{"events": [{"title": "Fine", "start": "2025"}, {"title": "No start"}]}', encoding="utf-8")
    document = load_path(source).document
    assert document is not None
    report = SaveReport()
    save_document(document, tmp_path / "mixed.csv", report=report)
    assert any("1 event that could not be read" in note for note in report.notes)
