"""The Timeline Project's files, XML and the older lines, read safely and whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.storage.formats.helpers import FORMATS
from timeline_app.storage.formats import TIMELINE_PROJECT, detect_format
from timeline_app.storage.loader import load_path
from timeline_app.storage.saving import SaveError, save_document

REAL = CORPUS / "real" / "timelineproj"


def test_the_projects_own_example_and_a_file_of_its_older_lines_are_read() -> None:
    example = load_path(REAL / "example.timeline")
    assert example.document is not None
    assert not example.problems
    [test] = example.document.events
    assert (test.title, test.start.text, test.end, test.category) == ("Test", "2012-07-04T13:20", None, "Test")
    assert example.document.categories["Test"].color == "#FF0000"
    lines = load_path(REAL / "DataIndicatorTest.timeline")
    assert lines.document is not None
    assert not lines.problems
    assert len(lines.document.events) == 10
    multiple = next(e for e in lines.document.events if e.title == "Event with multiple sentences")
    assert multiple.description == "Sentence one\nand two\n1\n2\nHere is more"
    days = next(e for e in lines.document.events if e.title == "Data and Gray backgound")
    assert (days.start.text, days.end.text if days.end else None) == ("2009-09-01", "2009-09-04")


def test_what_a_current_file_holds_maps_to_ours() -> None:
    text = (FORMATS / "timelineproj-v2.timeline").read_text(encoding="utf-8")
    assert detect_format(text, "story.timeline") == TIMELINE_PROJECT
    result = load_path(FORMATS / "timelineproj-v2.timeline")
    document = result.document
    assert document is not None
    assert not result.problems
    by_title = {e.title: e for e in document.events}
    deal, wang, talks = by_title["The Scale AI deal"], by_title["Wang joins Meta"], by_title["Talks going on"]
    assert (deal.start.text, deal.end) == ("2025-06-12", None)
    assert deal.raw["container"] == "The Scale AI deal" == wang.raw["container"]
    assert [link.url for link in deal.links] == ["https://example.org/deal"]
    assert wang.start.text == "2025-06-13T09:30?"  # fuzzy: uncertain
    assert wang.start.uncertain
    assert wang.raw["locked"] == "True"
    assert talks.end is not None
    assert talks.end.ongoing
    assert document.categories["Hiring"].color == "#E69F00"
    assert document.root["categories"]["Hiring"]["parent"] == "Meta"
    assert [(era.title, era.color) for era in document.eras] == [("The deal", "#C8C8FF")]
    assert document.root["eras"] == [{"title": "The deal", "start": "2025-06-01", "end": "2025-07-01",
                                      "color": "#C8C8FF"}]


@pytest.mark.parametrize(("text", "says"), [
    ('<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
     "<timeline><events/></timeline>\n", "never expands"),
    ('<!DOCTYPE t [<!ENTITY x SYSTEM "http://example.org/x">]><timeline>&x;</timeline>', "never expands"),
    ("<svg><g/></svg>", "XML but not a Timeline Project file"),
    ("<timeline><timetype>numtime</timetype></timeline>", "numbers, not dates"),
    ("<timeline><events><event></timeline>", "not well-formed XML"),
])
def test_xml_that_is_not_a_timeline_or_is_hostile_is_named_and_refused(text: str, says: str, tmp_path: Path) -> None:
    path = tmp_path / "other.timeline"
    path.write_text(text, encoding="utf-8")
    result = load_path(path)
    assert result.document is None
    [error] = result.errors
    assert says in error.message


def test_a_save_over_a_timeline_project_file_is_refused_and_says_what_to_do_instead(tmp_path: Path) -> None:
    path = tmp_path / "example.timeline"
    path.write_bytes((REAL / "example.timeline").read_bytes())
    document = load_path(path).document
    assert document is not None
    with pytest.raises(SaveError, match=r"Save As a \.json"):
        save_document(document, path)
    assert path.read_bytes() == (REAL / "example.timeline").read_bytes()
    save_document(document, tmp_path / "example.json")
    assert load_path(tmp_path / "example.json").document is not None


def test_years_before_christ_escaped_semicolons_and_a_midnight_end_after_a_timed_start() -> None:
    from timeline_app.storage.formats.timelineproj import read_timeline_project

    lines = ("# Written by Timeline 0.7.0\nCATEGORY:Rome;255,0,0;True\n"
             "EVENT:-100-03-15 0:0:0;-100-03-15 0:0:0;Ides\\; of March;Rome\n"
             "EVENT:2009-11-4 22:0:0;2009-11-5 0:0:0;Late night;Rome\n# END\n")
    ides, night = read_timeline_project(lines).root["events"]
    assert (ides["title"], ides["category"], ides["start"]) == ("Ides; of March", "Rome", "-0100-03-15")
    assert (night["start"], night["end"]) == ("2009-11-04T22:00", "2009-11-05T00:00")  # two hours, not a day
