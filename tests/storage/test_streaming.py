"""A large file is read one event at a time and kept as text: it must read exactly as a parse does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS, REPO_ROOT
from tests.storage.test_loader import EVENT_FIELDS, STEP_CASES, SYNTAX_ERRORS
from timeline_app.model.document import TimelineDocument, item_value
from timeline_app.model.edits import insert_event, new_event_id, positions_with_id, remove_event, replace_event
from timeline_app.model.session import Session
from timeline_app.storage import loader
from timeline_app.storage.jsontext import JsonText, encode_default
from timeline_app.storage.loader import LoadResult, load_path, load_text
from timeline_app.storage.saving import save_document
from timeline_app.storage.writer import serialize

FILES = [REPO_ROOT / "events.json", *sorted((CORPUS / "good").glob("*.json")),
         *sorted((CORPUS / "bad").glob("*.json"))]


def _reading(result: LoadResult) -> Any:
    """Everything a load tells: events field by field, problems, header, and the JSON as values."""
    document = result.document
    problems = [(p.severity, p.message, p.line, p.column, p.path, p.event_index) for p in result.problems]
    if document is None:
        return None, problems
    # "present" ends now, which moves between two loads.
    events = [(e.key, e.title, e.start, e.end.text if e.end else None, e.begin,
               "now" if e.end and e.end.ongoing else e.finish, e.id, e.category,
               e.tags, e.actors, e.publishers, e.description, e.links, e.sources, e.index, e.raw)
              for e in document.events]
    assert all(e.publishers == tuple(dict.fromkeys(s.publisher for s in e.sources if s.publisher))
               and e.source_count == len(e.sources) for e in document.events)
    header = (document.title, document.description, document.categories)
    values = json.dumps(document.root, default=encode_default)
    return events, problems, header, values


def _both(text: str) -> tuple[LoadResult, LoadResult]:
    return load_text(text, "x.json", stream=True), load_text(text, "x.json", stream=False)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_streaming_reads_every_file_as_one_parse_does(path: Path) -> None:
    streamed, whole = _both(path.read_text(encoding="utf-8-sig"))
    assert _reading(streamed) == _reading(whole)


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
    streamed, whole = _both(json.dumps(root, indent=1))
    assert _reading(streamed) == _reading(whole)


@pytest.mark.parametrize("text", STEP_CASES)
def test_streaming_reads_the_values_json_reads(text: str) -> None:
    document = load_text(text, stream=True).document
    assert document is not None
    assert json.dumps(document.root, default=encode_default) == json.dumps(json.loads(text))


@pytest.mark.parametrize("text", SYNTAX_ERRORS)
def test_streaming_reports_syntax_errors_where_one_parse_does(text: str) -> None:
    streamed, whole = _both(text)
    assert _reading(streamed) == _reading(whole)


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


def _story() -> str:
    return (REPO_ROOT / "events.json").read_text(encoding="utf-8")


def _edit(document: TimelineDocument) -> None:
    """An edit, a removal, an addition and a move: what a session of work does to the array."""
    first = dict(document.events[0].raw)
    first["title"] = "Edited"
    replace_event(document, 0, first)
    removed = remove_event(document, 3)
    insert_event(document, 1, {"title": "New", "start": "2025-07"})
    insert_event(document, 10, removed)


def test_saves_of_a_streamed_document_are_the_saves_of_a_parsed_one(tmp_path: Path) -> None:
    text = _story()
    streamed, whole = (load_text(text, stream=flag).document for flag in (True, False))
    assert streamed is not None
    assert whole is not None
    assert serialize(streamed) == serialize(whole) == text, "no edits: the file byte for byte"
    for document in (streamed, whole):
        _edit(document)
    assert serialize(streamed) == serialize(whole)


def test_after_a_save_events_read_from_the_saved_text(tmp_path: Path) -> None:
    """The old text is let go: every event kept as text now points into what was written."""
    path = tmp_path / "events.json"
    document = load_text(_story(), stream=True).document
    assert document is not None
    before = [event.raw for event in document.events]
    old_source = document.events[5].item.source
    _edit(document)
    Session(document).refresh()
    save_document(document, path, backup=False)
    kept = [item for item in document.raw_events() if type(item) is JsonText]
    assert len(kept) == len(before) - 1  # the edited event is an object now; the moved one is still text
    assert all(item.source is not old_source and item.source.text == document.source_text for item in kept)
    assert path.read_text(encoding="utf-8") == document.source_text
    reloaded = load_path(path).document
    assert reloaded is not None
    assert [item_value(item) for item in document.raw_events()] == reloaded.raw_events()
    # A second round of edits splices from the new text just as well.
    _edit(document)
    save_document(document, path, backup=False)
    again = load_path(path).document
    assert again is not None
    assert [item_value(item) for item in document.raw_events()] == again.raw_events()


def test_a_session_rebuilds_a_streamed_document_as_it_was() -> None:
    streamed, whole = (load_text(_story(), stream=flag) for flag in (True, False))
    assert streamed.document is not None
    Session(streamed.document).refresh()
    assert _reading(streamed)[0] == _reading(whole)[0]


def test_ids_of_events_kept_as_text_are_known_to_edits() -> None:
    document = load_text(_story(), stream=True).document
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
    document = load_text(_story(), stream=True).document
    assert document is not None
    session = Session(document)
    unchanged = {id(event.item): event for event in document.events}
    _edit(document)
    taken = document.events[7]
    clash = {"id": taken.id, "title": "Takes the id first", "start": "2025"}
    insert_event(document, 0, clash)  # the later event now has a duplicate id: it must drop out
    errors = session.refresh()
    fresh = load_text(serialize(document), stream=False)
    assert errors == len(fresh.errors) == 1
    assert _reading(LoadResult(document))[0] == _reading(fresh)[0]
    reused = [event for event in document.events if unchanged.get(id(event.item)) is event]
    assert len(reused) == len(document.events) - 3  # all but the edited, the added and the clashing one
    assert taken not in document.events


_STYLES = [{"indent": 2}, {"indent": None}, {"indent": "\t"}, {"indent": 1, "ensure_ascii": True}]


@settings(max_examples=80, deadline=None)
@given(style=st.sampled_from(_STYLES), crlf=st.booleans(), invalid_at=st.sampled_from([None, 0, 4, -1]),
       rounds=st.lists(st.lists(st.tuples(st.sampled_from(["add", "remove", "edit", "back"]),
                                          st.floats(0, 1)), max_size=4), min_size=1, max_size=3))
def test_saving_around_edits_writes_what_parsing_every_item_writes(
        style: dict[str, Any], crlf: bool, invalid_at: int | None,
        rounds: list[list[tuple[str, float]]]) -> None:
    """The quick save of a streamed file copies the text around its edits: byte for byte the general way's."""
    from timeline_app.storage import writer

    events: list[Any] = [{"id": f"e{n}", "title": f"Événement {n}", "start": f"2025-{n % 12 + 1:02}",
                          "extra": {"kept": [n]}} for n in range(12)]
    if invalid_at is not None:
        events[invalid_at] = {"title": "No start"}
    text = json.dumps({"title": "T", "events": events, "after": 1}, **style)
    if crlf:
        text = text.replace("\n", "\r\n")
    document = load_text(text, stream=True).document
    assert document is not None
    removed: list[Any] = []
    for number, edits in enumerate(rounds):
        for kind, where in edits:
            items = document.raw_events()
            position = min(int(where * len(items)), max(len(items) - 1, 0))
            if kind == "add" or not items:
                insert_event(document, min(int(where * (len(items) + 1)), len(items)),
                             {"title": f"New {number}", "start": "2024"})
            elif kind == "remove":
                removed.append(remove_event(document, position))
            elif kind == "edit":
                replace_event(document, position, dict(item_value(items[position]), title="Edited"))
            elif removed:  # undo of a delete: the very item comes back, perhaps from before a save
                insert_event(document, position, removed.pop())
        quick_moves: writer.Moves = []
        general_moves: writer.Moves = []
        quick = serialize(document, quick_moves)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(writer, "_array_text_around_edits", lambda *args: None)
            patch.setattr(writer, "_array_end", lambda *args: None)
            general = serialize(document, general_moves)
        assert quick == general
        assert sorted((id(item), offset) for item, offset in writer.moved_starts(quick_moves)) == \
               sorted((id(item), offset) for item, offset in writer.moved_starts(general_moves))
        # Every event kept as text moves into the saved text, whether copied or written anew.
        assert {id(item) for item in document.raw_events() if type(item) is JsonText} == \
               {id(item) for item, _offset in writer.moved_starts(quick_moves)}
        # Saved: the kept events now point into the written text, as after a real save.
        writer.rebase(quick_moves, quick)
        document.source_text = quick
        document.source_values = dict(document.root)
        document.source_events = list(document.raw_events())
        assert all(item.value() == json.loads(quick)["events"][position]
                   for position, item in enumerate(document.raw_events()) if type(item) is JsonText)


def test_edits_of_a_large_streamed_file_are_saved_without_parsing_its_events(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.storage import jsonpos, writer

    events = [{"id": f"e{n}", "title": f"Event {n}", "start": "2025-06"} for n in range(3000)]
    document = load_text(json.dumps({"events": events}, indent=1), stream=True).document
    assert document is not None
    edited = document.raw_events()[1500]
    source = document.source_text or ""
    edited_span = (edited.start, json.JSONDecoder().raw_decode(source, edited.start)[1])
    replace_event(document, 1500, {"id": "e1500", "title": "Edited", "start": "2025-07"})
    remove_event(document, 300)  # edits far apart: each stretch between them is copied whole
    insert_event(document, 2500, {"id": "new", "title": "Added", "start": "2025-08"})
    parses: list[int] = []
    real_skip = jsonpos._skip_value

    def counting_skip(text: str, position: int) -> int:
        parses.append(position)
        return real_skip(text, position)

    monkeypatch.setattr(jsonpos, "_skip_value", counting_skip)
    monkeypatch.setattr(writer, "array_items", lambda *args: pytest.fail("every item parsed"))
    saved = serialize(document)
    written = json.loads(saved)["events"]
    assert (written[1499]["title"], written[2500]["title"]) == ("Edited", "Added")
    # The events array was not parsed to find where it ends: only the edited event's own
    # members were read, so that what the edit left of them keeps its text.
    assert parses
    # (read from the event's own text, cut out: offsets into it)
    assert all(0 < position < edited_span[1] - edited_span[0] for position in parses)


@pytest.mark.parametrize("second", ["edit again", "undo"])
def test_an_event_edited_before_a_save_keeps_its_values_text_through_the_next_save(
        second: str, tmp_path: Path) -> None:
    from timeline_app.storage.saving import save_document

    odd = '"w": 1.50, "s": "caf\\u00e9", "n": 1E2, "p": 0.12345678901234567890123'
    events = [f'{{"title": "E{n}", "start": "2025-06"{", " + odd if n == 1500 else ""}}}' for n in range(3000)]
    text = '{"events": [\n' + ",\n".join(events) + "\n]}\n"
    path = tmp_path / "big.json"
    path.write_text(text, encoding="utf-8")
    document = load_text(text, stream=True).document
    assert document is not None
    document.path = path
    original = document.raw_events()[1500]
    first = dict(item_value(original), title="Edited")
    replace_event(document, 1500, first)
    save_document(document, path)
    if second == "undo":
        replace_event(document, 1500, original)  # as the undo of the edit puts the original back
        expected = text
    else:
        replace_event(document, 1500, dict(item_value(first), title="Edited again"))
        expected = text.replace('"title": "E1500"', '"title": "Edited again"')
    save_document(document, path)
    assert path.read_text(encoding="utf-8") == expected
