"""The TimelineJS sheet's CSV: Knight Lab's own template reads whole and comes back cell for cell."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, STORY_EVENTS
from tests.storage.formats.helpers import convert, story_document
from timeline_app.model.edits import ChangeKind, DocumentChange, replace_event
from timeline_app.model.session import Session
from timeline_app.storage.formats import TIMELINEJS_SHEET, detect_format
from timeline_app.storage.formats.timelinejs import write_timelinejs
from timeline_app.storage.formats.timelinejs_sheet import COLUMNS, read_sheet, write_sheet
from timeline_app.storage.loader import load_path, load_text

TEMPLATE = CORPUS / "real" / "timelinejs" / "my-own-timeline.csv"
WOMEN_IN_COMPUTING = CORPUS / "real" / "timelinejs" / "women_in_computing.csv"


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_knight_labs_template_is_read_as_a_sheet_title_slide_and_all() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert detect_format(text, "my-own-timeline.csv") == TIMELINEJS_SHEET
    result = load_path(TEMPLATE)
    assert result.document is not None
    assert not result.problems
    document = result.document
    assert document.title == "MY OWN CSV"
    assert document.description.startswith('<p class="lead">In this sample timeline')
    assert document.root["timelinejs_title"]["background"]["url"].endswith("ENIAC%29.gif")
    events = {event.title: event for event in document.events}
    assert len(events) == 10
    ada = events["Ada Lovelace"]
    assert (ada.start.text, ada.end.text if ada.end else None) == ("1815-12-10", "1852-11-27")
    women = events["...And the women who made it work"]
    assert (women.start.text, women.end.text if women.end else None) == ("1943-07", "1946")
    assert women.raw["timelinejs_media"]["credit"].startswith("<a href=")  # TimelineJS's own, kept
    media = women.media
    assert media is not None
    assert media.credit == "Computer History Museum", "ours is the credit's text, never its markup"
    assert '"The Mother of the Internet"' in events
    assert events["Rózsa Péter writes recursion"].start.precision.noun == "year"


@pytest.mark.parametrize("sheet", [TEMPLATE, WOMEN_IN_COMPUTING])
def test_a_real_sheet_read_and_written_back_holds_the_same_cells_in_the_same_order(sheet: Path, tmp_path: Path) -> None:
    ours, back = tmp_path / "ours.json", tmp_path / "back.timelinejs.csv"
    assert convert(sheet, ours).returncode == 0
    assert convert(ours, back).returncode == 0
    assert _rows(back.read_text(encoding="utf-8")) == _rows(sheet.read_text(encoding="utf-8"))


def test_knight_labs_contributed_sheet_reads_whole() -> None:
    result = load_path(WOMEN_IN_COMPUTING)
    assert result.document is not None
    assert not result.problems
    rows = _rows(WOMEN_IN_COMPUTING.read_text(encoding="utf-8"))
    kinds = [row[COLUMNS.index("Type")] for row in rows[1:]]
    assert len(result.document.events) == kinds.count("") == 10  # every row but the title slide
    assert result.document.title == "Women in Computing"
    engine = {event.title: event for event in result.document.events}["The First Computer"]
    assert engine.start.text == "1943-06-05"
    assert engine.raw["media"]["url"].startswith("https://www.google.com/maps/place/")


def test_times_eras_and_what_a_sheet_cannot_hold() -> None:
    header = ",".join(COLUMNS)
    text = (f"{header}\n"
            "2025,6,12,1:30 PM,,,,,,Signed,,,,,,,Deal,\n"
            "2025,6,13,25:99,,,,,,Badly timed,,,,,,,Deal,#336699\n"
            "2025,1,,,2025,12,,,,The deal year,,,,,,era,,\n")
    result = read_sheet(text)
    document = load_text(json.dumps(result.root)).document
    assert document is not None
    assert [event.start.text for event in document.events] == ["2025-06-12T13:30", "2025-06-13"]
    assert result.note_places == {0: 3}  # the bad time, placed at its line
    assert "25:99" in result.notes[0]
    (era,) = document.eras  # a row of Type "era" is an era of ours, drawn behind the lanes
    assert (era.title, era.start.text, era.end.text) == ("The deal year", "2025-01", "2025-12")
    assert document.root["eras"][0]["text"] == {"headline": "The deal year"}  # TimelineJS's own, kept
    assert document.events[1].raw["background"] == {"color": "#336699"}
    back = _rows(write_sheet(document).text)
    assert back[1][COLUMNS.index("Time")] == "1:30 PM"  # as the author wrote it, not 13:30
    assert "sheet_time" not in write_timelinejs(document).text  # a sheet's cell, not TimelineJS3's
    replace_event(document, 0, {**document.events[0].raw, "start": "2025-06-12T14:45"})
    Session(document).changed(DocumentChange(ChangeKind.EDIT, 0))
    assert _rows(write_sheet(document).text)[1][COLUMNS.index("Time")] == "14:45"  # a new time, written anew
    written = write_sheet(story_document())
    rows = _rows(written.text)
    assert rows[0] == list(COLUMNS)
    story_eras = len(story_document().eras)
    assert story_eras
    assert len(rows) == 1 + 1 + STORY_EVENTS + story_eras  # the header, the title slide, the events, the eras
    assert [row[COLUMNS.index("Headline")] for row in rows if row[COLUMNS.index("Type")] == "era"] == \
        [era.title for era in story_document().eras]
    assert rows[1][COLUMNS.index("Type")] == "title"
    assert any("no column for ids" in note for note in written.notes)
    assert any("no actors or tags" in note for note in written.notes)
    again = load_text(json.dumps(read_sheet(written.text).root)).document
    assert again is not None
    assert [event.title for event in again.events] == [event.title for event in story_document().events]
