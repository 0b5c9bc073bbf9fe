"""What a save writes: only what was edited changes, byte for byte."""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS, REPO_ROOT
from tests.storage.streamed import JSON_STYLES, edit_as_a_session_does, story_text
from timeline_app.model.document import item_value
from timeline_app.model.draft import EventDraft
from timeline_app.model.edits import insert_event, moved_raw, remove_event, replace_event
from timeline_app.model.session import Session
from timeline_app.storage.jsontext import JsonText
from timeline_app.storage.loader import load_path, load_text
from timeline_app.storage.saving import document_bytes, save_document
from timeline_app.storage.writer import serialize

ROUND_TRIP_FILES = [REPO_ROOT / "events.json", *sorted((CORPUS / "good").glob("*.json")),
                    *sorted(p for p in (CORPUS / "bad").glob("*.json") if "syntax" not in p.name)]


@pytest.mark.parametrize("path", ROUND_TRIP_FILES, ids=lambda p: p.name)
def test_convert_without_edits_is_byte_identical(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    done = subprocess.run([sys.executable, "-m", "timeline_app", "--convert", str(path), str(out)],
                          capture_output=True, text=True, check=False)
    # A file with errors is copied all the same, and the exit says it had them.
    assert done.returncode == (1 if load_path(path).errors else 0), done.stderr
    assert out.read_bytes() == path.read_bytes()


def _changed_lines(before: str, after: str) -> list[str]:
    old, new = before.splitlines(), after.splitlines()
    changed: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            changed += [f"-{line}" for line in old[i1:i2]] + [f"+{line}" for line in new[j1:j2]]
    return changed


def test_an_edit_changes_only_the_edited_events_lines() -> None:
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    before = document.source_text or ""
    position = next(i for i, raw in enumerate(document.raw_events()) if raw["id"] == "google-cuts-ties")
    draft = EventDraft.from_raw(document.raw_events()[position])
    draft.title = "Google, Scale's largest customer, cuts ties"
    draft.start = "June 13, 2025"
    replace_event(document, position, draft.to_raw(document.raw_events()[position]))
    changed = _changed_lines(before, serialize(document))
    assert changed == [
        '-      "title": "Reuters: Google, Scale\'s largest customer, plans to cut ties",',
        '-      "start": "2025-06-13",',
        '+      "title": "Google, Scale\'s largest customer, cuts ties",',
        '+      "start": "June 13, 2025",',
    ]


def test_unknown_fields_survive_an_edit_of_the_same_event() -> None:
    path = CORPUS / "good" / "unknown-fields.json"
    document = load_path(path).document
    assert document is not None
    raw = document.raw_events()[0]
    draft = EventDraft.from_raw(raw)
    draft.description = "Now described."
    draft.sources[0].title = "A better title"
    replace_event(document, 0, draft.to_raw(raw))
    saved = json.loads(serialize(document))
    event = saved["events"][0]
    assert event["confidence"] == 0.7
    assert event["x-notes"] == ["kept", {"deep": True}]
    assert event["sources"][0]["archived"] == "yes"
    assert event["sources"][0]["title"] == "A better title"
    assert saved["x-editor"] == {"zoom": 3}
    assert list(event) == ["id", "title", "start", "confidence", "x-notes", "sources", "description"]


def test_adding_and_removing_events_keeps_the_rest_verbatim() -> None:
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    original = document.source_text or ""
    removed = remove_event(document, 5)
    insert_event(document, 0, {"title": "First of all", "start": "2019"})
    text = serialize(document)
    data = json.loads(text)
    assert data["events"][0] == {"title": "First of all", "start": "2019"}
    assert removed["id"] not in {e.get("id") for e in data["events"]}
    assert len(_changed_lines(original, text)) < 40
    # Undo both, in reverse, and the file is the original again, byte for byte.
    remove_event(document, 0)
    insert_event(document, 5, removed)
    assert serialize(document) == original


def test_a_bare_list_file_keeps_its_compact_style() -> None:
    text = '[{"title": "A", "start": "2025"}, {"title": "B", "start": "2026"}]\n'
    document = load_text(text).document
    assert document is not None
    replace_event(document, 1, {"title": "B2", "start": "2026"})
    assert serialize(document) == '[{"title": "A", "start": "2025"}, {"title": "B2", "start": "2026"}]\n'


@given(st.lists(st.sampled_from(["edit", "add", "remove"]), min_size=1, max_size=6), st.randoms())
def test_undoing_every_edit_restores_the_exact_text(steps: list[str], rng: object) -> None:
    import random

    assert isinstance(rng, random.Random)
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    original = serialize(document)
    undo: list[tuple[str, int, object]] = []
    for step in steps:
        events = document.raw_events()
        position = rng.randrange(len(events))
        if step == "edit":
            draft = EventDraft.from_raw(events[position])
            draft.title += " (edited)"
            undo.append(("edit", position, replace_event(document, position, draft.to_raw(events[position]))))
        elif step == "add":
            insert_event(document, position, {"title": "New", "start": "2025-07"})
            undo.append(("add", position, None))
        else:
            undo.append(("remove", position, remove_event(document, position)))
    for kind, position, previous in reversed(undo):
        if kind == "edit":
            replace_event(document, position, previous)
        elif kind == "add":
            remove_event(document, position)
        else:
            insert_event(document, position, previous)
    assert serialize(document) == original


def test_document_bytes_without_a_source_are_pretty_json() -> None:
    document = load_text("[]").document
    assert document is not None
    document.source_text = None
    document.root = {"events": [{"title": "A", "start": "2025"}]}
    assert document_bytes(document).decode() == json.dumps(document.root, indent=2, ensure_ascii=False) + "\n"


ODD_VALUES = ('{"id": "odd", "title": "Caf\\u00e9 talks", "start": "2025-03-01", "confidence": 1e400, '
              '"tiny": 1e-400, "weight": 1.50, "count": 1E2, "big": ' + "9" * 5000 + ', "note": "na\\u00efve"}')


@pytest.mark.parametrize("stream", [False, True])
def test_an_edited_event_keeps_the_text_of_every_value_the_edit_did_not_change(stream: bool) -> None:
    text = '{\n  "events": [\n    ' + ODD_VALUES + ',\n    {"title": "Other", "start": "2024"}\n  ]\n}\n'
    document = load_text(text, stream=stream).document
    assert document is not None
    event = document.events[0]
    moved = moved_raw(event, 86_400 * 3, "move")  # a drag by three days
    assert moved is not None
    replace_event(document, 0, moved)
    saved = serialize(document)
    # Only the start changed, on the same one line; the rest is the file's own text.
    assert saved == text.replace('"start": "2025-03-01"', '"start": "2025-03-04"')
    again = load_text(saved).document
    assert again is not None
    assert len(again.events) == 2
    assert again.events[0].start.label() == "4 March 2025"


def test_an_edit_that_takes_out_and_adds_members_keeps_the_others_and_the_layout() -> None:
    text = '{"events": [\n  {"title": "A", "start": "2025-03-01", "weight": 1.50, "tags": ["x"]}\n]}\n'
    document = load_text(text).document
    assert document is not None
    raw = dict(document.events[0].raw)
    del raw["tags"]
    raw["end"] = "2025-04"
    raw["title"] = "B"
    replace_event(document, 0, raw)
    assert serialize(document) == ('{"events": [\n  {"title": "B", "start": "2025-03-01", "weight": 1.50, '
                                   '"end": "2025-04"}\n]}\n')


def test_numbers_out_of_a_floats_range_are_kept_exact_wherever_they_are_written() -> None:
    from timeline_app.storage.writer import JsonStyle

    document = load_text('{"events": [' + ODD_VALUES + "]}").document
    assert document is not None
    raw = document.raw_events()[0]
    # Written anew whole (a file written from scratch), they are still the numbers the file held.
    written = JsonStyle().dumps(raw, 0)
    assert "Infinity" not in written
    numbers = json.loads(written, parse_float=str, parse_int=str)
    assert (numbers["confidence"], numbers["tiny"]) == ("1E+400", "1E-400")
    assert f'"big": {"9" * 5000}' in written


@pytest.mark.parametrize("stream", [False, True])
def test_a_lone_surrogate_escape_survives_an_edit_and_a_save(stream: bool, tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    text = ('{"events": [{"title": "Joëlle", "start": "2025", "description": "bad \\ud800 half"},'
            ' {"title": "Next", "start": "2026"}]}')
    path.write_text(text, encoding="utf-8")
    document = load_text(text, stream=stream).document
    assert document is not None
    raw = dict(document.events[0].raw)
    raw["title"] = "Joëlle P. \ud801"  # a lone surrogate in an edited value too
    replace_event(document, 0, raw)
    save_document(document, path)
    saved = path.read_text(encoding="utf-8")
    assert '"bad \\ud800 half"' in saved  # the file's own escape, byte for byte
    assert '"Joëlle P. \\ud801"' in saved  # written as an escape: UTF-8 cannot hold the character
    again = load_path(path).document
    assert again is not None
    assert again.events[0].description == "bad \ud800 half"


def test_many_exact_numbers_are_all_written_as_they_were_read() -> None:
    from timeline_app.storage.jsontext import DECODER, dumps

    numbers = [f"{n}e{400 + n}" for n in range(1, 3001)]
    value = DECODER.decode("[" + ", ".join(numbers) + "]")
    assert json.loads(dumps(value), parse_float=str) == [str(DECODER.decode(number)) for number in numbers]


def test_saves_of_a_streamed_document_are_the_saves_of_a_parsed_one(tmp_path: Path) -> None:
    text = story_text()
    streamed, whole = (load_text(text, stream=flag).document for flag in (True, False))
    assert streamed is not None
    assert whole is not None
    assert serialize(streamed) == serialize(whole) == text, "no edits: the file byte for byte"
    for document in (streamed, whole):
        edit_as_a_session_does(document)
    assert serialize(streamed) == serialize(whole)


def test_after_a_save_events_read_from_the_saved_text(tmp_path: Path) -> None:
    """The old text is let go: every event kept as text now points into what was written."""
    path = tmp_path / "events.json"
    document = load_text(story_text(), stream=True).document
    assert document is not None
    before = [event.raw for event in document.events]
    old_source = document.events[5].item.source
    edit_as_a_session_does(document)
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
    edit_as_a_session_does(document)
    save_document(document, path, backup=False)
    again = load_path(path).document
    assert again is not None
    assert [item_value(item) for item in document.raw_events()] == again.raw_events()


@settings(max_examples=80, deadline=None)
@given(style=st.sampled_from(JSON_STYLES), crlf=st.booleans(), invalid_at=st.sampled_from([None, 0, 4, -1]),
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


def test_an_edited_era_changes_only_its_own_value_in_the_saved_text() -> None:
    text = REPO_ROOT.joinpath("events.json").read_text(encoding="utf-8")
    document = load_text(text).document
    assert document is not None
    assert len(document.eras) >= 2
    from timeline_app.model.edits import edited_era, swap_era

    old = document.raw_eras()[1]
    fields = {key: old[key] for key in ("title", "start", "end", "color", "description")}
    new = edited_era(document, 1, {**fields, "title": "FTC v. Meta, the trial"})
    swap_era(document, 1, old, new)
    changed = [line for line in difflib.unified_diff(text.splitlines(), serialize(document).splitlines(), lineterm="",
                                                     n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == [f'-      "title": {json.dumps(old["title"])},', '+      "title": "FTC v. Meta, the trial",']


def test_an_era_added_and_one_removed_leave_every_other_era_as_written() -> None:
    text = ('{"eras": [ {"title":"A","start":"2025","end":"2026"} ,\n'
            ' {"title" : "B", "start": "2024", "end": "2025"}], "events": []}\n')
    document = load_text(text).document
    assert document is not None
    from timeline_app.model.edits import swap_era

    first, second = document.raw_eras()
    swap_era(document, 0, first, None)
    swap_era(document, 1, None, {"title": "C", "start": "2027", "end": "2028"})
    saved = serialize(document)
    assert '{"title" : "B", "start": "2024", "end": "2025"}' in saved
    assert json.loads(saved)["eras"] == [second, {"title": "C", "start": "2027", "end": "2028"}]
