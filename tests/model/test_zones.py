"""A file's time zone: its times without an offset on its clocks, shown with its name, and the axis
counting its hours; unknown zones refused with the name meant. No Qt."""

from __future__ import annotations

import json

import pytest

from timeline_app.model.dates import parse_date
from timeline_app.model.describe import describe_when, shown_label
from timeline_app.model.draft import date_text_at
from timeline_app.model.edits import moved_raw
from timeline_app.model.timeaxis import SECONDS_PER_DAY, SECONDS_PER_HOUR, from_axis, to_axis
from timeline_app.model.view.axis import layout_axis
from timeline_app.model.view.viewport import Viewport
from timeline_app.model.zones import UTC_NAME, UnknownZoneError, Zone
from timeline_app.storage.loader import load_text

NEW_YORK = Zone("America/New_York")


def _load(root: object):  # type: ignore[no-untyped-def]
    return load_text(json.dumps(root, indent=2))


def test_a_time_without_an_offset_is_on_the_files_clocks_and_one_with_an_offset_keeps_it() -> None:
    result = _load({"timezone": "America/New_York", "events": [
        {"title": "Evening call", "start": "2025-06-12T21:30"},
        {"title": "In Paris", "start": "2025-06-12T21:30+02:00"},
        {"title": "Winter", "start": "2025-01-10T09:00"}]})
    assert result.problems == []
    call, paris, winter = result.document.events
    assert call.start.earliest == to_axis(2025, 6, 13, 1, 30)  # 21:30 EDT is 01:30 UTC the next day
    assert paris.start.earliest == to_axis(2025, 6, 12, 19, 30)
    assert winter.start.earliest == to_axis(2025, 1, 10, 14, 0)  # EST in January
    assert call.start.text == "2025-06-12T21:30", "the text stays as written"


def test_a_day_of_a_zoned_file_is_that_zones_day_and_the_day_clocks_change_is_23_hours() -> None:
    day = parse_date("2025-03-09", zone=NEW_YORK)
    assert day.earliest == to_axis(2025, 3, 9, 5)
    assert day.latest - day.earliest == 23 * SECONDS_PER_HOUR
    assert day.label() == "9 March 2025"
    assert parse_date("April 2025", zone=NEW_YORK).earliest == to_axis(2025, 4), "a month is left as it is"


def test_shown_times_carry_the_zone_they_are_shown_in() -> None:
    call = parse_date("2025-06-12T21:30", zone=NEW_YORK)
    assert shown_label(call, NEW_YORK) == "12 June 2025, 21:30 EDT"
    assert shown_label(call, Zone(UTC_NAME)) == "13 June 2025, 01:30 UTC"
    assert shown_label(parse_date("2025-06-12T21:30+02:00")) == "12 June 2025, 21:30 UTC+02:00", "as written"
    assert shown_label(parse_date("2025-06-12T21:30Z")) == "12 June 2025, 21:30 UTC"
    assert shown_label(parse_date("2025-06-12"), NEW_YORK) == "12 June 2025", "a day has no clock time"
    assert shown_label(parse_date("2025-12-01T09:00", zone=Zone("Asia/Kolkata")), Zone("Asia/Kolkata")) == \
        "1 December 2025, 09:00 IST"


def test_an_unknown_zone_is_an_error_at_its_value_naming_the_zone_meant() -> None:
    result = _load({"timezone": "America/NewYork", "events": [{"title": "Call", "start": "2025-06-12T21:30"}]})
    [problem] = result.problems
    assert (problem.line, problem.column, problem.severity.value) == (2, 15, "error")
    assert "'America/New_York'" in problem.message
    assert result.document.events[0].start.earliest == to_axis(2025, 6, 12, 21, 30), "read as UTC meanwhile"
    with pytest.raises(UnknownZoneError, match="IANA name"):
        Zone("Mars/Olympus_Mons")
    assert "must be an IANA" in _load({"timezone": 5, "events": []}).problems[0].message


def test_the_axis_counts_the_hours_and_midnights_of_the_zone_shown_and_skips_the_hour_clocks_skip() -> None:
    view = Viewport(to_axis(2025, 3, 9, 0), to_axis(2025, 3, 9, 18))
    axis = layout_axis(view, 1200.0, lambda text: 7.0 * len(text), zone=NEW_YORK)
    hours = [label.text for label in axis.labels if not label.major]
    assert "01:00" in hours
    assert "03:00" in hours
    assert "02:00" not in hours
    midnight = next(tick for tick in axis.major_ticks if tick > view.start)
    assert midnight == to_axis(2025, 3, 9, 5), "New York's midnight, at 05:00 UTC"
    utc = layout_axis(view, 1200.0, lambda text: 7.0 * len(text))
    assert to_axis(2025, 3, 9) in utc.major_ticks


def test_a_new_time_is_written_as_the_file_writes_times_and_a_moved_one_stays_on_its_clocks() -> None:
    moment = to_axis(2025, 6, 13, 1, 30)
    assert date_text_at(moment, 30.0, NEW_YORK) == "2025-06-12T21:30"
    assert date_text_at(moment, 30.0) == "2025-06-13T01:30Z"
    document = _load({"timezone": "America/New_York", "events": [
        {"title": "Call", "start": "2025-06-12T21:30"}]}).document
    moved = moved_raw(document.events[0], SECONDS_PER_DAY, "move")
    assert moved is not None
    assert moved["start"] == "2025-06-13T21:30"


def test_the_detail_words_say_the_zone() -> None:
    document = _load({"timezone": "America/New_York", "events": [
        {"title": "Call", "start": "2025-06-12T21:30", "end": "2025-06-12T23:00"}]}).document
    assert describe_when(document.events[0], NEW_YORK).startswith("12 June 2025, 21:30 EDT – 12 June 2025, 23:00 EDT")


def test_a_zone_outside_the_years_clocks_were_kept_is_utc() -> None:
    deep = to_axis(-5000)
    assert NEW_YORK.offset_minutes(deep) == 0
    assert from_axis(NEW_YORK.local(deep)) == from_axis(deep)


def test_an_hour_the_clocks_skip_keeps_its_length() -> None:
    skipped = parse_date("2025-03-09T02", zone=NEW_YORK)
    assert skipped.latest - skipped.earliest == SECONDS_PER_HOUR


def test_a_large_streamed_file_reads_its_times_on_its_clocks_too() -> None:
    events = [{"id": f"e{n}", "title": f"Event {n}", "start": "2025-06-12T21:30", "description": "x" * 300}
              for n in range(13_000)]
    text = json.dumps({"events": events, "timezone": "America/New_York"}, indent=1)  # the zone after the events
    assert len(text) > 4_000_000, "large enough to be streamed"
    document = load_text(text).document
    assert document.timezone == "America/New_York"
    assert {event.start.earliest for event in document.events} == {to_axis(2025, 6, 13, 1, 30)}


def test_a_day_whose_midnight_the_clocks_skip_is_still_named_on_the_axis() -> None:
    santiago = Zone("America/Santiago")  # on 7 September 2025 the clocks went from 23:59:59 to 01:00
    view = Viewport(to_axis(2025, 9, 5), to_axis(2025, 9, 10))
    axis = layout_axis(view, 1400.0, lambda text: 7.0 * len(text), zone=santiago)
    named = " ".join(label.text for label in axis.labels if label.major)
    assert "7 September" in named
    assert len(axis.major_ticks) == len(set(axis.major_ticks))
