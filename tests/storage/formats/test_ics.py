"""Calendars: dates are all-day events, long lines are folded, other calendars' files are read."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.storage.formats.helpers import FORMATS, story_document
from timeline_app.model.document import Event
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
    assert deal.start.text == "2025-06-12T21:30Z"  # a calendar always writes seconds; ":00" says no more
    assert one_day.end is None


# ---------------------------------------------------------------- real calendars, read as calendar apps read them

REAL = CORPUS / "real" / "ical"


def _instants(events: list[Event]) -> list[tuple[str, float, float | None]]:
    return sorted((event.title, event.start.earliest, event.end.earliest if event.end else None) for event in events)


def _library_instants(path: Path, until: dt.date, zone: str | None = None) -> list[tuple[str, float, float | None]]:
    """The occurrences the iCalendar libraries compute themselves: the independent reading.

    An all-day date names a day of no zone; on a timeline it is the day of the calendar's zone
    (``zone``, the file's "timezone" once read), from its midnight to the next.
    """
    from zoneinfo import ZoneInfo

    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    found = []
    for occurrence in recurring_ical_events.of(calendar).between(dt.date(1900, 1, 1), until):
        start, end = occurrence["DTSTART"].dt, occurrence.get("DTEND")
        end = end.dt if end is not None else None

        def moment(value: dt.date | dt.datetime) -> float:
            if isinstance(value, dt.datetime):
                return value.timestamp() if value.tzinfo else value.replace(tzinfo=dt.UTC).timestamp()
            return dt.datetime(value.year, value.month, value.day,
                               tzinfo=ZoneInfo(zone) if zone else dt.UTC).timestamp()

        finish = None if end is None or moment(end) <= moment(start) else moment(end)
        if finish is not None and not isinstance(end, dt.datetime):
            last = end - dt.timedelta(days=1)  # an all-day DTEND is the day after the last
            finish = None if moment(last) <= moment(start) else moment(last)
        found.append((str(occurrence["SUMMARY"]), moment(start), finish))
    return sorted(found)


REAL_CALENDARS = ["event-10-times.ics", "issue-62-moved-event.ics", "duration.ics", "each-week-but-one-deleted.ics",
                  "issue_148_exdate_and_rdate_unedited.ics", "discourse-no-dtend.ics", "recurring_events_moved.ics",
                  "rdate.ics", "issue-36-recurrence-ID-format.ics", "issue_156_RDATE_with_PERIOD_TZID_khal.ics",
                  "issue-28-rrule-with-UTC-endinginZ.ics", "issue-48-dst.ics"]


@pytest.mark.parametrize("name", REAL_CALENDARS)
def test_real_calendars_give_the_occurrences_and_instants_the_libraries_compute(name: str) -> None:
    result = load_path(REAL / name)
    assert result.document is not None
    assert not result.errors
    mine = _instants(result.document.events)
    windows = {re.search(r"to (\d{4}-\d\d-\d\d) are shown", problem.message) for problem in result.warnings}
    ends = {dt.date.fromisoformat(found[1]) for found in windows if found}
    if not ends:
        assert _instants(result.document.events) == _library_instants(REAL / name, dt.date(2100, 1, 1),
                                                                      result.document.timezone)
        return
    # An open-ended series: the window the warning names, to its last day, and nothing after it.
    [last_day] = ends
    after_window = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), dt.UTC).timestamp()
    library = _library_instants(REAL / name, last_day + dt.timedelta(days=3), result.document.timezone)
    assert mine == [found for found in library if found[1] < after_window]
    assert max(found[1] for found in mine) >= after_window - 8 * 86400  # the window is read to its end


def test_zoned_times_are_their_instants_a_series_is_all_of_it_and_a_moved_one_moves() -> None:
    ten = load_path(REAL / "event-10-times.ics").document
    assert ten is not None
    assert len(ten.events) == 10  # it was 1 of 10
    first = ten.events[0]
    assert first.start.text == "2020-01-13T07:45+01:00"  # Berlin's wall clock, with its offset
    assert first.start.earliest == dt.datetime(2020, 1, 13, 6, 45, tzinfo=dt.UTC).timestamp()
    assert first.raw["timezone"] == "Europe/Berlin"
    moved = load_path(REAL / "issue-62-moved-event.ics")
    assert moved.document is not None
    starts = [event.start.text[:10] for event in moved.document.events]
    assert "2021-12-17" in starts
    assert "2021-12-31" not in starts
    assert len({event.id for event in moved.document.events}) == len(moved.document.events)
    [window] = moved.warnings
    assert "repeats without end" in window.message
    assert window.line == 46  # the RRULE line of the series, not its BEGIN:VEVENT (43)
    durations = load_path(REAL / "duration.ics").document
    assert durations is not None
    assert [(e.start.text, e.end.text if e.end else None) for e in durations.events] == [
        ("2018-01-10", "2018-01-12"), ("2018-01-15T10:00", "2018-01-15T13:00"), ("2018-01-20T12:00", None)]
    removed = load_path(REAL / "each-week-but-one-deleted.ics").document
    assert removed is not None
    assert len(removed.events) == 7  # eight weeks, one of them EXDATE'd
    added = load_path(REAL / "issue_148_exdate_and_rdate_unedited.ics").document
    assert added is not None
    assert [event.start.text for event in added.events] == ["2024-07-01", "2024-07-17", "2024-07-29"]
    journal = load_path(REAL / "issue-97-simple-journal.ics")
    assert [problem.message for problem in journal.warnings] == [
        "iCalendar: 1 journal entry not read: a timeline shows events (VEVENT)"]
    todo = load_path(REAL / "issue-97-simple-todo.ics")
    assert todo.document is not None
    assert [problem.message for problem in todo.warnings] == [
        "iCalendar: 1 to-do not read: a timeline shows events (VEVENT)"]


def test_an_unedited_series_goes_back_as_its_rule_and_an_edited_one_as_its_events(tmp_path: Path) -> None:
    from timeline_app.model.edits import ChangeKind, DocumentChange, replace_event
    from timeline_app.model.session import Session

    document = load_path(REAL / "event-10-times.ics").document
    assert document is not None
    back = write_ics(document)
    assert back.text.count("BEGIN:VEVENT") == 1
    assert "RRULE:FREQ=DAILY;COUNT=10" in back.text
    assert "BEGIN:VTIMEZONE" in back.text
    written = tmp_path / "back.ics"
    written.write_text(back.text, encoding="utf-8")
    assert _library_instants(written, dt.date(2100, 1, 1)) == _library_instants(REAL / "event-10-times.ics",
                                                                                 dt.date(2100, 1, 1))
    replace_event(document, 3, {**document.events[3].raw, "title": "moved to another room"})
    Session(document).changed(DocumentChange(ChangeKind.EDIT, 3))
    edited = write_ics(document)
    assert edited.text.count("BEGIN:VEVENT") == 10
    assert "DTSTART;TZID=Europe/Berlin:20200116T074500" in edited.text
    assert any("written as separate events" in note for note in edited.notes)


def test_quoted_parameters_timed_ends_and_broken_properties() -> None:
    text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
            "BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Quoted zone\r\n"
            'DTSTART;TZID="(UTC-03:00) Brasília":20250612T100000\r\nDTEND:20250612T120000Z\r\nEND:VEVENT\r\n'
            "BEGIN:VEVENT\r\nUID:b\r\nSUMMARY:Broken\r\nDTSTART:soon\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n")
    result = read_ics(text)
    events = result.root["events"]
    assert events[0]["title"] == "Quoted zone"  # the colon inside quotes no longer rejects the file
    assert events[1]["start"] == ""
    [broken] = [place for at, place in result.note_places.items() if "cannot be read" in result.notes[at]]
    assert broken == 13  # the DTSTART line that cannot be read, not the BEGIN:VEVENT above it
    timed = load_text(json.dumps({"events": [{"title": "Two hours", "start": "2025-06-12T10:00Z",
                                              "end": "2025-06-12T12:00Z"}]})).document
    assert timed is not None
    assert "DTEND:20250612T120000Z" in write_ics(timed).text  # the end instant itself, not a second after


def test_an_occurrence_edited_in_any_field_is_written_as_its_events_and_zones_survive_two_round_trips(
        tmp_path: Path) -> None:
    from timeline_app.model.edits import ChangeKind, DocumentChange, replace_event
    from timeline_app.model.session import Session

    document = load_path(REAL / "event-10-times.ics").document
    assert document is not None
    replace_event(document, 2, {**document.events[2].raw, "description": "moved to room 2"})
    Session(document).changed(DocumentChange(ChangeKind.EDIT, 2))
    written = write_ics(document)
    assert written.text.count("BEGIN:VEVENT") == 10  # not the rule: that would lose the description
    assert "moved to room 2" in written.text
    first = tmp_path / "first.ics"
    first.write_text(written.text, encoding="utf-8")
    again = load_path(first).document
    assert again is not None
    assert again.events[0].raw["timezone"] == "Europe/Berlin"  # read back through X-TIMELINE-START too
    assert "DTSTART;TZID=Europe/Berlin:20200113T074500" in write_ics(again).text


def test_uids_go_back_as_they_came_and_events_without_ids_get_uids_of_their_own() -> None:
    document = load_text(json.dumps({"events": [{"title": "Theirs", "start": "2025-01-01", "id": "single@x.org"},
                                                {"title": "Ours", "start": "2025-01-02", "id": "event-3"},
                                                {"title": "No id", "start": "2025-01-03"}]})).document
    assert document is not None
    text = write_ics(document).text
    assert "UID:single@x.org\r\n" in text
    assert "UID:event-3@timeline-app\r\n" in text
    assert "UID:event#3@timeline-app\r\n" in text  # no id of the file can be that
    back = load_text(json.dumps(read_ics(text).root)).document
    assert back is not None
    assert [event.id for event in back.events] == ["single@x.org", "event-3", "event#3"]


def test_a_series_every_second_without_end_is_read_in_bounded_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from timeline_app.storage.formats import ics

    monkeypatch.setattr(ics, "MAX_OCCURRENCES", 2_000)  # the bound itself, met ten times sooner

    text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:tick\r\nSUMMARY:Tick\r\n"
            "DTSTART:20250101T000000Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    started = time.perf_counter()
    result = read_ics(text)
    assert time.perf_counter() - started < 5  # one at a time: never the millions a window would hold
    assert len(result.root["events"]) == ics.MAX_OCCURRENCES
    assert any("were cut there" in note for note in result.notes)


def test_a_problem_names_the_line_of_its_property_and_an_alarms_lines_are_the_alarms() -> None:
    text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
            "BEGIN:VEVENT\r\nUID:same\r\nSUMMARY:First\r\nDTSTART:20250101T100000Z\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nSUMMARY:Second\r\n"
            "BEGIN:VALARM\r\nUID:the alarm's own\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\n"
            "DTSTART:20250102T100000Z\r\nUID:sa\r\n me\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = read_ics(text)
    [twice] = [place for at, place in result.note_places.items() if "used by an earlier event" in result.notes[at]]
    assert twice == 17  # the event's UID line (folded onto the next), not the alarm's UID on line 12
    assert result.event_lines == [4, 9]


def test_a_calendar_keeps_its_zone_and_its_all_day_dates_are_that_zones_days() -> None:
    document = load_path(REAL / "issue-36-recurrence-ID-format.ics").document
    assert document is not None
    assert document.timezone == "Europe/Berlin"  # the zone its events name: no X-WR-TIMEZONE
    day = next(event for event in document.events if event.start.precision.noun == "day")
    assert day.start.earliest % 86400 == 22 * 3600, "a Berlin day begins at 22:00 UTC in summer"
    text = write_ics(document).text
    assert f"DTSTART;VALUE=DATE:{day.start.text.replace('-', '')}" in text, "and is written back as the same day"
