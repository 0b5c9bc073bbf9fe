"""The loader keeps what is valid, names file, line and column for the rest, and never crashes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CORPUS
from tests.storage.streamed import STEP_CASES, SYNTAX_ERRORS
from timeline_app.model.dates import Precision
from timeline_app.storage.loader import (
    LoadCancelled,
    UnreadableFileError,
    load_bytes,
    load_path,
    load_text,
)

EXPECTED_BAD = json.loads((CORPUS / "expected-bad.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted((CORPUS / "good").glob("*.json")), ids=lambda p: p.name)
def test_good_files_load_without_problems(path: Path) -> None:
    result = load_path(path)
    assert result.problems == []
    assert result.document is not None
    assert len(result.document.events) > 0


@pytest.mark.parametrize("name", sorted(EXPECTED_BAD), ids=str)
def test_bad_files_name_the_offending_value(name: str) -> None:
    path = CORPUS / "bad" / name
    result = load_path(path, display_name=name)
    found = [[p.line, p.column, p.severity.value] for p in result.problems]
    expected = [entry[:3] for entry in EXPECTED_BAD[name]["problems"]]
    assert found == expected
    for problem, entry in zip(result.problems, EXPECTED_BAD[name]["problems"], strict=True):
        assert entry[3] in problem.message
        assert problem.format().startswith(f"{name}:{entry[0]}:{entry[1]}: {entry[2]}: ")


def test_every_problem_of_a_file_is_reported_in_one_pass() -> None:
    text = """{
  "events": [
    {"id": "a", "title": "One", "start": "2025-04"},
    {"id": "a", "title": "", "start": "2025-02-30", "end": "soon"},
    {"title": "Three", "start": 2025, "tags": "x"}
  ]
}"""
    result = load_text(text, "story.json")
    assert [problem.format() for problem in result.problems] == [
        'story.json:4:12: error: duplicate id "a" (also used by event 1); every id must be unique',
        'story.json:4:26: error: "title" is blank; add "title": "What happened"',
        'story.json:4:39: error: "2025-02-30" is not a date: February 2025 has 28 days',
        'story.json:4:60: error: "soon" is not a date: it has no year; write it as ISO ("2025", '
        '"2025-04", "2025-04-01", "2025-06-12T21:30Z"), in words ("April 2025", "June 12, 2025"), '
        'as a part of a year ("late 2025", "Q3 2025"), a span ("1990s", "19th century"), or with an '
        'era ("500 BC", "65 million years ago")',
        'story.json:5:33: error: "start" must be a date in quotes, e.g. "2025", not a number',
        'story.json:5:47: error: "tags" must be a list of text, e.g. ["Meta", "Scale AI"], not text',
    ]
    assert result.document is not None
    assert [event.title for event in result.document.events] == ["One"]


def test_problems_carry_the_event_they_belong_to() -> None:
    result = load_text('[{"title": "ok", "start": "2025"}, {"title": "bad", "start": "x"}]')
    assert [problem.event_index for problem in result.problems] == [1]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n", "the file is empty"),
        (b"\x00\x01\x02\xff\xfe", "not UTF-8"),
        (b'{"events": [}', "JSON syntax"),
        (b'{"events": [NaN]}', "NaN is not JSON"),
        (b"[" * 100_000, "nested too deeply"),
        (b'"just text"', "write an object"),
        (b'{"title": "no events"}', 'no "events" list'),
    ],
)
def test_hostile_bytes_give_a_message_never_a_traceback(data: bytes, message: str) -> None:
    result = load_bytes(data, "x.json")
    assert len(result.errors) == 1
    assert message in result.errors[0].message
    assert result.errors[0].line >= 1
    assert result.errors[0].column >= 1


def test_invalid_utf8_is_located_on_its_line() -> None:
    result = load_bytes(b'{"events": [\n  {"title": "caf\xe9", "start": "2025"}]}')
    assert (result.errors[0].line, result.errors[0].column) == (2, 17)


def test_a_utf8_byte_order_mark_is_fine() -> None:
    result = load_bytes(b'\xef\xbb\xbf[{"title": "x", "start": "2025"}]')
    assert result.problems == []


def test_huge_numbers_are_kept_not_fatal() -> None:
    digits = "9" * 5000
    result = load_text(f'[{{"title": "x", "start": "2025", "n": {digits}, "f": 1e999}}]')
    assert result.problems == []
    assert result.document is not None
    assert str(result.document.events[0].raw["n"]) == digits


def test_unknown_fields_survive_in_the_raw_json() -> None:
    result = load_path(CORPUS / "good" / "unknown-fields.json")
    assert result.document is not None
    root: Any = result.document.root
    assert root["x-editor"] == {"zoom": 3}
    event = result.document.events[0]
    assert event.raw["confidence"] == 0.7
    assert event.raw["x-notes"] == ["kept", {"deep": True}]
    assert event.raw["sources"][0]["archived"] == "yes"


def test_unreadable_files_raise_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="no such file"):
        load_path(tmp_path / "missing.json")
    with pytest.raises(UnreadableFileError, match="is a folder"):
        load_path(tmp_path)


def test_a_large_file_with_an_error_at_the_end_is_located_quickly(tmp_path: Path) -> None:
    events = [{"id": f"e{i}", "title": f"Event {i}", "start": "2025-04-01",
               "description": "x" * 100} for i in range(50_000)]
    events.append({"id": "last", "title": "Broken", "start": "2025-02-30"})
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"events": events}, indent=1), encoding="utf-8")
    result = load_path(path)
    assert len(result.document.events) == 50_000 if result.document else False
    [problem] = result.problems
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line[problem.column - 1:].startswith('"2025-02-30"')


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["title", "start", "end", "id", "events", "tags", "actors",
                                       "sources", "links", "category", "categories", "url",
                                       "color", "label", "date", "description", "x"]),
                      children, max_size=6),
    max_leaves=30,
)


@given(JSON_VALUES)
def test_any_json_value_gives_a_result_never_an_exception(value: Any) -> None:
    text = json.dumps(value)
    result = load_text(text)
    for problem in result.problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message


@given(st.binary(max_size=200))
def test_any_bytes_give_a_result_never_an_exception(data: bytes) -> None:
    result = load_bytes(data)
    assert result.document is not None or result.errors


def test_the_bundled_story_is_valid_and_honest(bundled_events_path: Path) -> None:
    result = load_path(bundled_events_path)
    assert result.problems == []
    document = result.document
    assert document is not None
    assert len(document.events) >= 25
    assert document.root["$schema"].endswith("events.schema.json")
    for event in document.events:
        assert event.category in document.categories
        assert event.actors, event.title
        assert event.sources, event.title
        assert 1 <= event.description.count(". ") + 1 <= 4, event.title
    by_id = {event.id: event for event in document.events}
    pineau = by_id["pineau-announces"]
    assert (pineau.start.text, pineau.start.precision) == ("2025-04-01", Precision.DAY)
    assert by_id["pineau-last-day"].start.text == "2025-05-30"
    deal = by_id["deal-announced"]
    assert deal.start.text == "2025-06-12"
    assert "$14.3B" in deal.title
    assert "49%" in deal.title
    assert "$14B" in deal.description
    assert "$14.8B" in deal.description
    assert by_id["google-cuts-ties"].start.text == "2025-06-13"
    assert by_id["behemoth-delayed"].start.text == "2025-05-15"
    trial = by_id["ftc-trial"]
    assert trial.end is not None
    assert (trial.start.text, trial.end.text) == ("2025-04-14", "2025-05-27")
    openai = by_id["openai-pulls-back"]
    assert openai.start.approximate
    assert openai.start.precision < Precision.MONTH
    assert openai.end is not None
    assert openai.end.approximate
    # Nothing known only to the month is written as a fake exact day.
    assert by_id["wage-settlements"].start.precision is Precision.MONTH


def test_the_bundled_palette_stays_apart_for_colour_blind_readers(bundled_events_path: Path) -> None:
    document = load_path(bundled_events_path).document
    assert document is not None
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
                 "#8C8C8C", "#000000"}
    colors = [category.color for category in document.categories.values()]
    assert len(set(colors)) == len(colors)
    assert set(colors) <= okabe_ito










# ---------------------------------------------------------------- parsing in steps, progress, cancel



@pytest.mark.parametrize("text", STEP_CASES)
def test_parsing_in_steps_reads_what_one_parse_reads(text: str) -> None:
    steps = load_text(text, "steps.json", progress=lambda _done: None).document
    assert steps is not None
    # Same values, same key order, the last of duplicate keys winning: as json.loads has it.
    assert json.dumps(steps.root) == json.dumps(json.loads(text))


def _json_error(text: str) -> json.JSONDecodeError | None:
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return error
    return None




@pytest.mark.parametrize("text", SYNTAX_ERRORS)
def test_parsing_in_steps_reports_syntax_errors_where_one_parse_does(text: str) -> None:
    error = _json_error(text)
    assert error is not None
    problems = load_text(text, "steps.json", progress=lambda _done: None).problems
    assert (problems[0].line, problems[0].column) == (error.lineno, error.colno)


def test_parsing_in_steps_refuses_nan_where_it_stands() -> None:
    text = '{"events": [{"title": "a", "start": "2025", "x": NaN}]}'
    [problem] = load_text(text, "steps.json", progress=lambda _done: None).problems
    assert "NaN is not JSON" in problem.message
    assert problem.column == text.index("NaN") + 1


def test_progress_rises_to_the_end_and_cancel_stops_the_load(tmp_path: Path) -> None:
    events = [{"title": f"Event {n}", "start": "2025-06-12"} for n in range(5000)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"events": events}, indent=2), encoding="utf-8")
    heard: list[float] = []
    result = load_path(path, progress=heard.append)
    assert result.document is not None
    assert len(result.document.events) == 5000
    assert heard == sorted(heard), "progress never goes back"
    assert heard[0] == 0.0
    assert heard[-1] == 1.0
    assert len(heard) > 5, "a large file reports progress while parsing and while building"

    def cancel_halfway(done: float) -> None:
        if done > 0.5:
            raise LoadCancelled

    with pytest.raises(LoadCancelled):
        load_path(path, progress=cancel_halfway)


def test_what_was_read_is_handed_over_so_nobody_reads_the_file_twice(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text('{"events": [{"title": "a", "start": "2025"}]}', encoding="utf-8")
    seen: list[bytes] = []
    result = load_path(path, on_read=seen.append)
    assert seen == [path.read_bytes()]
    assert result.document is not None




def test_a_media_file_that_is_not_beside_the_events_file_is_a_warning_at_its_path(tmp_path: Path) -> None:
    (tmp_path / "here.png").write_bytes(b"not checked for being a picture here")
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"events": [
        {"title": "Here", "start": "2025", "media": {"path": "here.png"}},
        {"title": "Gone", "start": "2025", "media": {"path": "images/gone.jpg"}}]}, indent=2), encoding="utf-8")
    result = load_path(path)
    [problem] = result.problems
    assert problem.severity.value == "warning"
    assert 'no file "images/gone.jpg"' in problem.message
    assert (problem.line, problem.event_index) == (14, 1)  # the line of its "path"
    assert len(result.document.events) == 2, "the event is shown all the same"
