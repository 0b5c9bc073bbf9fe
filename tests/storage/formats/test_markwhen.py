"""Markwhen: date ranges of every form it documents, groups as categories, and what it cannot read placed."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from tests.storage.formats.helpers import FORMATS
from timeline_app.storage.formats import MARKWHEN, detect_format
from timeline_app.storage.formats.markwhen import read_markwhen
from timeline_app.storage.loader import load_path


@pytest.mark.parametrize(("line", "start", "end"), [
    ("1964/2008: EDTF", "1964", "2008"),
    ("2004-06 / 2006-08: EDTF months", "2004-06", "2006-08"),
    ("2005/now: ongoing", "2005", "present"),
    ("2024: a year", "2024", None),
    ("04/1776: a month", "1776-04", None),
    ("01/01/2024: a day", "2024-01-01", None),
    ("11/11/2024-12/12/2024: American days", "2024-11-11", "2024-12-12"),
    ("2031-11-19T01:35:10Z-2099-08-04T18:22:48Z: instants", "2031-11-19T01:35:10Z", "2099-08-04T18:22:48Z"),
    ("1 Jan 1998 to 11/11/2011: words and slashes", "1 Jan 1998", "2011-11-11"),
    ("2022-01-30: an ISO day, dashes and all", "2022-01-30", None),
])
def test_the_date_ranges_markwhen_documents_are_read(line: str, start: str, end: str | None) -> None:
    [event] = read_markwhen(line).root["events"]
    assert (event["start"], event.get("end")) == (start, end)


def test_a_european_header_reads_days_first() -> None:
    [event] = read_markwhen("dateFormat: d/M/y\n\n01/02/2023 - 14/02/2023: Phase 1\n").root["events"]
    assert (event["start"], event["end"]) == ("2023-02-01", "2023-02-14")


def test_a_markwhen_file_reads_with_its_header_groups_tags_links_and_descriptions(tmp_path: Path) -> None:
    text = (FORMATS / "story.mw").read_text(encoding="utf-8")
    assert detect_format(text, "story.txt") == MARKWHEN
    result = load_path(FORMATS / "story.mw")
    document = result.document
    assert document is not None
    assert document.title == "The Meta–Scale AI story"
    assert document.root["timezone"] == "America/New_York"
    deal = document.events[0]
    assert (deal.title, deal.start.text, deal.category, deal.tags) == (
        "Meta invests in Scale AI Reuters", "2025-06-12", "The deal", ("deal",))
    assert deal.description == "Meta takes 49%.\nWang joins."
    assert [link.url for link in deal.links] == ["https://www.reuters.com/x"]
    assert document.root["categories"]["Hiring"] == {"label": "Hiring", "parent": "The deal"}
    assert len(document.events) == 5
    # What it cannot read is said at its line, not dropped in silence.
    lines = {problem.line for problem in result.errors}
    assert lines == {20, 21}
    assert any("relative date \"2 weeks\"" in problem.message for problem in result.warnings)


def test_a_csv_file_is_not_taken_for_markwhen() -> None:
    assert detect_format("title,start\nA,2025-06-12\nB,2025-06-13\n", "a.csv") != MARKWHEN


def test_times_without_an_offset_are_in_the_headers_zone() -> None:
    events = read_markwhen("timezone: America/New_York\n\n2025-06-12T21:30: Deal\n"
                           "2025-01-10T09:00 - 2025-01-10T10:00: Winter\n2025-06-12: A day\n").root["events"]
    assert [(event["start"], event.get("end")) for event in events] == [
        ("2025-06-12T21:30-04:00", None), ("2025-01-10T09:00-05:00", "2025-01-10T10:00-05:00"), ("2025-06-12", None)]


def test_durations_now_tag_colours_and_tagged_groups_as_markwhens_own_example_writes_them() -> None:
    import time

    text = ("title: Welcome\n#Project1: #d336b1\n\nsection All Projects\ngroup Project 2 #Project2\n"
            "2023-04/4 months: Larger sub task #Danielle\n03/2023 - 1 year: Longer ongoing task\n- [x] Sub task 1\n"
            "01/01/2023 - 2 weeks: Phase 1\nendGroup\nendSection\nnow: Today it is\n")
    result = read_markwhen(text)
    events = result.root["events"]
    assert [(e["start"], e.get("end")) for e in events] == [
        ("2023-04", "2023-07"), ("2023-03", "2024-02"), ("2023-01-01", "2023-01-14"),
        (time.strftime("%Y-%m-%d"), None)]
    assert events[0]["category"] == "Project 2"  # the group's #tag colours it; it is not in its name
    assert result.root["categories"]["Project 2"]["parent"] == "All Projects"
    assert events[1]["description"] == "- [x] Sub task 1"
    assert any('"now" is when a Markwhen file is shown' in note for note in result.notes)


REAL = Path(__file__).parents[2] / "corpus" / "real" / "markwhen"
_DATED_LINE = re.compile(r"^\s*(?:\d|now\b)[^:]*:\s")  # an independent count: lines that start with a date


@pytest.mark.parametrize("name", ["example-timelines.mw", "welcome.mw"])
def test_markwhens_own_example_timelines_read_whole(name: str) -> None:
    text = (REAL / name).read_text(encoding="utf-8")
    assert detect_format(text, "timeline.txt") == MARKWHEN
    result = load_path(REAL / name)
    assert result.document is not None
    assert not result.errors
    events = result.document.events
    dated = [line for line in text.splitlines() if _DATED_LINE.match(line)]
    meetings = [event for event in events if event.title == "Biweekly meeting"]
    assert len(events) == len(dated) - 1 + len(meetings)  # every dated line an event; the recurring one, each time
    assert len(meetings) == 27  # every other week for a year from 3 January: 0, 14, … 364 days
    assert {round(b.start.earliest - a.start.earliest) for a, b in itertools.pairwise(meetings)} == {14 * 86400}
    [checklist] = [event for event in events if event.title == "Longer ongoing task"]
    assert checklist.description.startswith("- [x] Sub task 1\n")  # blank lines do not end a description
    assert checklist.description.endswith("- [ ] so many checkboxes omg")
    [other] = [event for event in events if event.title == "Other stuff"]
    assert (other.start.precision.noun, other.end.precision.noun if other.end else None) == ("month", "month")


def test_the_pages_of_a_file_are_top_categories_and_description_lines_tag_and_place() -> None:
    result = load_path(REAL / "example-timelines.mw")
    document = result.document
    assert document is not None
    assert document.title == "Project planning example"
    categories = document.root["categories"]
    assert categories["Life timeline example"] == {"label": "Life timeline example",
                                                   "description": "Start editing to make it your own 🫡"}
    assert categories["Education I"]["parent"] == "Life timeline example"
    assert categories["All Projects"]["parent"] == "Project planning example"
    [trip] = [event for event in document.events if event.title == "Road trip to LA"]
    assert trip.tags == ("Travel",)  # from the "#Travel" line under it
    assert trip.raw["locations"] == ["Eugene, Oregon", "Mt Shasta", "Los Angeles"]
    assert trip.description == "Eugene, Oregon\nMt Shasta\nLos Angeles"
    [note] = [problem.message for problem in result.warnings]
    assert "2 pages" in note


@pytest.mark.parametrize(("line", "starts"), [
    ("2024-01-01 every day for 3 days: Daily", ["2024-01-01", "2024-01-02", "2024-01-03"]),
    ("2024-01-31 every month x 3: Month ends", ["2024-01-31", "2024-02-29", "2024-03-31"]),
    ("2024 every 2 years for 3 times: Biennial", ["2024", "2026", "2028"]),
    ("2024-03-01T09:00Z every week for 2 times: Timed", ["2024-03-01T09:00Z", "2024-03-08T09:00Z"]),
    ("2024-03-01T09:00+05:30 every week x 2: Offset", ["2024-03-01T09:00+05:30", "2024-03-08T09:00+05:30"]),
])
def test_recurring_events_are_each_of_their_times(line: str, starts: list[str]) -> None:
    result = read_markwhen(line)
    assert [event["start"] for event in result.root["events"]] == starts
    assert not result.notes


def test_a_recurrence_without_end_is_shown_over_a_stated_window() -> None:
    result = read_markwhen("2025-01-06 every week: Standup")
    [note] = result.notes
    assert "repeats without end" in note
    assert "to 20" in note
    assert 100 < len(result.root["events"]) < 260  # two years past today, not forever


def test_a_recurring_wall_clock_time_keeps_its_hour_through_daylight_saving() -> None:
    events = read_markwhen("timezone: America/New_York\n\n2024-03-01T09:00 every week x 3: Call").root["events"]
    assert [event["start"] for event in events] == ["2024-03-01T09:00-05:00", "2024-03-08T09:00-05:00",
                                                     "2024-03-15T09:00-04:00"]


def test_events_tagged_era_are_eras_and_a_bad_one_is_placed_at_its_line(tmp_path: Path) -> None:
    """Markwhen draws an event tagged #era as a highlight behind the timeline: here it is an era."""
    path = tmp_path / "eras.mw"
    path.write_text("title: Eras\n\n2025-04-14 / 2025-05-27: FTC trial #era\nThe trial in Washington.\n\n"
                    "2025-06-12: Deal announced #deal\n\n2025-06 / 2025-04: Backwards #era\n\n"
                    "2025-07: One month #era\n",
                    encoding="utf-8")
    result = load_path(path)
    document = result.document
    assert document is not None
    assert [event.title for event in document.events] == ["Deal announced"]
    assert [(era.title, era.start.text, era.end.text, era.description) for era in document.eras] == [
        ("FTC trial", "2025-04-14", "2025-05-27", "The trial in Washington."), ("One month", "2025-07", "2025-07", "")]
    assert "tags" not in document.raw_eras()[0]
    [problem] = result.problems
    assert (problem.line, problem.column) == (8, 1)
    assert "before it starts" in problem.message
