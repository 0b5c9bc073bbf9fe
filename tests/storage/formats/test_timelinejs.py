"""TimelineJS files read with their dates' precision, go to ours and back unchanged, and say what they cannot hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import STORY_EVENTS
from tests.storage.formats.helpers import FORMATS, convert, story_document
from timeline_app.storage.formats.timelinejs import date_text, read_timelinejs, write_timelinejs
from timeline_app.storage.loader import load_path, load_text


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
    assert convert(FORMATS / "timelinejs-documented.json", ours).returncode == 0
    assert convert(ours, back).returncode == 0
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
    converted = write_timelinejs(story_document())
    data = json.loads(converted.text)
    assert len(data["events"]) == STORY_EVENTS
    assert any("cannot hold the precision of \"late 2025?\"" in note for note in converted.notes)
    assert any("no actors or tags" in note for note in converted.notes)
    late = next(e for e in data["events"] if e["unique_id"] == "behemoth-window")
    assert late["start_date"] == {"year": "2025", "display_date": "late 2025?"}
    back = read_timelinejs(data)
    document = load_text(json.dumps(back.root)).document
    assert document is not None
    assert [e.title for e in document.events] == [e.title for e in story_document().events]


def test_what_real_timelinejs_files_hold_comes_back_unchanged_and_every_event_is_read(tmp_path: Path) -> None:
    # Shapes from Knight Lab's own examples: blank unique_ids, slides without a headline, "type",
    # "event_types", a blank group, an empty end_date, a list as the title, a field named like ours.
    source = FORMATS / "timelinejs-shapes.json"
    original = json.loads(source.read_text(encoding="utf-8"))
    result = load_path(source)
    assert result.document is not None
    assert not result.errors
    titles = [event.title for event in result.document.events]
    assert len(titles) == 7  # every slide, though none has an id of its own
    assert titles[2:4] == ["Flickr", "Begins work as a journeyman printer ."]  # made from the slide itself
    assert titles[6] == "Untitled slide"
    assert [event.id for event in result.document.events] == [None] * 4 + ["twice", None, None]
    assert any("unique_id \"twice\" of event 5" in problem.message for problem in result.warnings)
    assert result.document.events[3].end is None
    ours, back = tmp_path / "ours.json", tmp_path / "back.timelinejs.json"
    assert convert(source, ours).returncode == 0
    assert convert(ours, back).returncode == 0
    assert json.loads(back.read_text(encoding="utf-8")) == original


def test_an_edited_untitled_slide_gets_the_headline_it_was_given() -> None:
    result = load_path(FORMATS / "timelinejs-shapes.json")
    document = result.document
    assert document is not None
    from timeline_app.model.edits import ChangeKind, DocumentChange, replace_event
    from timeline_app.model.session import Session

    replace_event(document, 2, {**document.events[2].raw, "title": "Zach Wise's photo"})
    Session(document).changed(DocumentChange(ChangeKind.EDIT, 2))
    slides = json.loads(write_timelinejs(document).text)["events"]
    assert slides[2]["text"] == {"headline": "Zach Wise's photo", "text": ""}
    assert slides[3]["text"] == {"headline": "   ", "text": "<p>Begins work as a <b>journeyman printer</b>.</p>"}


@pytest.mark.parametrize("name", ["milliseconds.json", "group_sample.json"])
def test_knight_labs_own_timelinejs3_examples_read_whole_and_come_back_the_same(name: str, tmp_path: Path) -> None:
    source = FORMATS.parent / "real" / "timelinejs" / name
    result = load_path(source)
    assert result.document is not None
    assert not result.problems
    assert len(result.document.events) == len(json.loads(source.read_text(encoding="utf-8"))["events"])
    ours, back = tmp_path / "ours.json", tmp_path / "back.timelinejs.json"
    assert convert(source, ours).returncode == 0
    assert convert(ours, back).returncode == 0
    assert json.loads(back.read_text(encoding="utf-8")) == json.loads(source.read_text(encoding="utf-8"))


def test_timelinejs_eras_are_ours_both_ways() -> None:
    """A TimelineJS era is an era of ours: drawn, edited, and written back with only what changed."""
    original = json.loads((FORMATS / "timelinejs-documented.json").read_text(encoding="utf-8"))
    document = load_text(json.dumps(read_timelinejs(original).root)).document
    assert document is not None
    (era,) = document.eras
    assert (era.title, era.start.text, era.end.text) == ("Early life", "1963", "1985")
    document.root["eras"] = [{**document.raw_eras()[0], "title": "Childhood", "end": "1980"}]
    from timeline_app.model.session import Session

    Session(document).refresh()
    written = json.loads(write_timelinejs(document).text)
    assert written["eras"] == [{"start_date": {"year": "1963"}, "end_date": {"year": "1980"},
                                "text": {"headline": "Childhood"}}]


def test_our_eras_become_timelinejs_era_slides_saying_what_they_lose() -> None:
    story = story_document()
    converted = write_timelinejs(story)
    slides = json.loads(converted.text)["eras"]
    assert [slide["text"]["headline"] for slide in slides] == [era.title for era in story.eras]
    trial = next(slide for slide in slides if slide["text"]["headline"] == "FTC trial")
    assert trial["start_date"] == {"year": "2025", "month": "4", "day": "14"}
    assert trial["end_date"] == {"year": "2025", "month": "5", "day": "27"}
    assert any("eras have no colour" in note for note in converted.notes)
    back = load_text(json.dumps(read_timelinejs(json.loads(converted.text)).root)).document
    assert back is not None
    assert [(era.title, era.end.text) for era in back.eras] == [(era.title, era.end.text) for era in story.eras]


def test_timelinejs_media_is_ours_both_ways_and_an_embed_rides_along() -> None:
    slides = {"events": [
        {"start_date": {"year": "2025"}, "text": {"headline": "Picture"},
         "media": {"url": "https://example.org/a.jpg", "caption": "<b>The</b> deal", "credit": "AP", "thumbnail": "t"}},
        {"start_date": {"year": "2025"}, "text": {"headline": "Quote"},
         "media": {"url": "<blockquote>Hi</blockquote>"}}]}
    document = load_text(json.dumps(read_timelinejs(slides).root)).document
    assert document is not None
    picture, quote = document.events
    assert picture.media is not None
    assert (picture.media.url, picture.media.caption, picture.media.credit) == (
        "https://example.org/a.jpg", "The deal", "AP")
    assert quote.media is None, "an embed code is no address to open"
    assert json.loads(write_timelinejs(document).text)["events"] == slides["events"]
    document.root["events"][0] = {**picture.raw, "media": {"url": "https://example.org/b.jpg", "caption": "New"}}
    from timeline_app.model.session import Session

    Session(document).refresh()
    written = json.loads(write_timelinejs(document).text)["events"][0]["media"]
    assert written == {"url": "https://example.org/b.jpg", "caption": "New", "thumbnail": "t"}
