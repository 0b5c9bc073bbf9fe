"""A large file is read one event at a time and kept as text: it must read exactly as a parse does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.model.builders import EVENT_FIELDS
from tests.storage.streamed import FILES, STEP_CASES, SYNTAX_ERRORS, reading, streamed_and_parsed
from timeline_app.storage import loader
from timeline_app.storage.jsontext import JsonText, encode_default
from timeline_app.storage.loader import load_path, load_text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_streaming_reads_every_file_as_one_parse_does(path: Path) -> None:
    streamed, whole = streamed_and_parsed(path.read_text(encoding="utf-8-sig"))
    assert reading(streamed) == reading(whole)


def test_valid_events_stay_text_and_invalid_ones_stay_parsed() -> None:
    text = json.dumps({"events": [{"title": "a", "start": "2025"}, {"title": "", "start": "2025"},
                                  {"id": "c", "title": "c", "start": "2025-06"}]})
    document = load_text(text, stream=True).document
    assert document is not None
    kinds = [type(item).__name__ for item in document.raw_events()]
    assert kinds == ["JsonText", "dict", "JsonText"]
    assert [event.item for event in document.events] == [document.raw_events()[0], document.raw_events()[2]]
    assert document.events[1].raw == {"id": "c", "title": "c", "start": "2025-06"}


@given(st.lists(EVENT_FIELDS, max_size=8), st.booleans())
def test_streaming_agrees_with_one_parse_on_any_events(events: list[dict[str, object]],
                                                        categories_last: bool) -> None:
    """Categories may come after the events: unknown ones are still reported, in the same words."""
    categories = {"deal": {"label": "Deal"}}
    root = {"events": events + events, "categories": categories} if categories_last \
        else {"categories": categories, "events": events + events}
    streamed, whole = streamed_and_parsed(json.dumps(root, indent=1))
    assert reading(streamed) == reading(whole)


@pytest.mark.parametrize("text", STEP_CASES)
def test_streaming_reads_the_values_json_reads(text: str) -> None:
    document = load_text(text, stream=True).document
    assert document is not None
    assert json.dumps(document.root, default=encode_default) == json.dumps(json.loads(text))


@pytest.mark.parametrize("text", SYNTAX_ERRORS)
def test_streaming_reports_syntax_errors_where_one_parse_does(text: str) -> None:
    streamed, whole = streamed_and_parsed(text)
    assert reading(streamed) == reading(whole)


def test_a_large_file_streams_without_being_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"events": [{"title": f"e{n}", "start": "2025"} for n in range(50)]}), "utf-8")
    document = load_path(path).document
    assert document is not None
    assert type(document.raw_events()[0]) is dict
    monkeypatch.setattr(loader, "STREAM_FROM_CHARS", path.stat().st_size)
    document = load_path(path).document
    assert document is not None
    assert type(document.raw_events()[0]) is JsonText
