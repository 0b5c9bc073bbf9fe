"""The one validator: its fast and careful paths read every event alike, and a document rebuilt from
JSON kept as text reads as it was, reusing the events edits left alone."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.model.builders import EVENT_FIELDS
from tests.storage.streamed import edit_as_a_session_does, reading, story_text
from timeline_app.model.edits import insert_event, new_event_id, positions_with_id
from timeline_app.model.session import Session
from timeline_app.storage.jsontext import JsonText
from timeline_app.storage.loader import (
    LoadResult,
    load_text,
)
from timeline_app.storage.writer import serialize


def test_a_session_rebuilds_a_streamed_document_as_it_was() -> None:
    streamed, whole = (load_text(story_text(), stream=flag) for flag in (True, False))
    assert streamed.document is not None
    Session(streamed.document).refresh()
    assert reading(streamed)[0] == reading(whole)[0]


def test_ids_of_events_kept_as_text_are_known_to_edits() -> None:
    document = load_text(story_text(), stream=True).document
    assert document is not None
    taken = document.events[0]
    assert taken.id is not None
    assert type(taken.item) is JsonText
    assert new_event_id(document, taken.id) != taken.id
    assert positions_with_id(document, taken.id) == [taken.index]
    duplicate = dict(taken.raw)
    insert_event(document, 0, duplicate)  # a clash, as an outside edit can make
    Session(document).refresh()
    assert positions_with_id(document, taken.id) == [0, taken.index + 1]


def test_after_edits_a_session_reuses_unchanged_events_and_reads_as_a_fresh_load() -> None:
    document = load_text(story_text(), stream=True).document
    assert document is not None
    session = Session(document)
    unchanged = {id(event.item): event for event in document.events}
    edit_as_a_session_does(document)
    taken = document.events[7]
    clash = {"id": taken.id, "title": "Takes the id first", "start": "2025"}
    insert_event(document, 0, clash)  # the later event now has a duplicate id: it must drop out
    errors = session.refresh()
    fresh = load_text(serialize(document), stream=False)
    assert errors == len(fresh.errors) == 1
    assert reading(LoadResult(document))[0] == reading(fresh)[0]
    reused = [event for event in document.events if unchanged.get(id(event.item)) is event]
    assert len(reused) == len(document.events) - 3  # all but the edited, the added and the clashing one
    assert taken not in document.events




@given(st.lists(EVENT_FIELDS, max_size=8))
def test_the_fast_path_and_the_careful_path_agree(events: list[dict[str, object]]) -> None:
    """The quick check of plain events must accept exactly what the full validation accepts."""
    from timeline_app.model.rules import DocumentReader

    text = json.dumps({"categories": {"deal": {"label": "Deal"}}, "events": events + events})
    results = []
    for fast in (True, False):
        builder = DocumentReader(fast_path=fast)
        document = builder.build(json.loads(text))
        results.append(([(e.key, e.title, e.start, "present" if e.end and e.end.ongoing else e.end, e.category,
                           e.tags, e.actors, e.publishers, e.description,
                          e.links, e.index) for e in document.events],
                        sorted((f.severity.value, f.message, f.path) for f in builder.findings)))
    assert results[0] == results[1]


def test_an_end_of_null_is_explained_not_dropped() -> None:
    """The fast path once read "end": null as no end at all, and the event passed as valid."""
    result = load_text(json.dumps({"events": [{"title": "T", "start": "2025", "end": None}]}))
    assert result.document is not None
    assert result.document.events == []
    [problem] = result.problems
    assert problem.message == '"end" must be a date in quotes, e.g. "2025-04", not null'


def test_plain_events_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.model.rules import DocumentReader

    careful: list[int] = []
    original = DocumentReader._read_event
    monkeypatch.setattr(DocumentReader, "_read_event",
                        lambda self, raw, index, *rest: careful.append(index) or original(self, raw, index, *rest))
    events = [{"id": f"e{i}", "title": f"Event {i}", "start": f"2025-06-{i % 28 + 1:02d}", "actors": ["Meta"]}
              for i in range(100)]
    events[50]["end"] = "present"  # "present" is placed by the careful path
    events[60]["start"] = "someday"  # and a date that cannot be read is explained there
    result = load_text(json.dumps({"events": events}))
    assert result.document is not None
    assert len(result.document.events) == 99
    assert careful == [50, 60]  # a date met for the first time is read on the fast path too
