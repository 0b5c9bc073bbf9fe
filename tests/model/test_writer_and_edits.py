"""Saving changes only what was edited, never loses a byte, and edits snap to their precision."""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CORPUS, REPO_ROOT
from timeline_app.model.dates import Precision, parse_date
from timeline_app.model.edits import (
    EventDraft,
    LinkDraft,
    SourceDraft,
    date_text_at,
    explain_date,
    insert_event,
    moved_raw,
    remove_event,
    replace_event,
    shifted_date_text,
    validate_draft,
)
from timeline_app.storage import saving
from timeline_app.storage.loader import load_path, load_text
from timeline_app.storage.saving import SaveError, atomic_write, document_bytes, save_document
from timeline_app.storage.writer import serialize

ROUND_TRIP_FILES = [REPO_ROOT / "events.json", *sorted((CORPUS / "good").glob("*.json")),
                    *sorted(p for p in (CORPUS / "bad").glob("*.json") if "syntax" not in p.name)]


@pytest.mark.parametrize("path", ROUND_TRIP_FILES, ids=lambda p: p.name)
def test_convert_without_edits_is_byte_identical(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    done = subprocess.run([sys.executable, "-m", "timeline_app", "--convert", str(path), str(out)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
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
        '-      "title": "Google, Scale\'s largest customer, plans to cut ties",',
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


def test_the_draft_round_trips_every_field() -> None:
    raw = {"id": "x", "title": "T", "start": "2025-04", "end": "late 2025", "category": "deal",
           "actors": ["Meta"], "tags": ["a"], "description": "**d**",
           "sources": [{"title": "S", "publisher": "P", "date": "2025-06-13", "url": "https://x.org"}],
           "links": ["https://y.org", {"title": "Z", "url": "https://z.org"}], "x-other": 1}
    assert EventDraft.from_raw(raw).to_raw(raw) == raw
    draft = EventDraft.from_raw(raw)
    draft.end = ""
    draft.tags = []
    draft.links = [LinkDraft("https://y.org")]
    draft.sources.append(SourceDraft("New", "Pub", "2025", "https://n.org"))
    new = draft.to_raw(raw)
    assert "end" not in new
    assert "tags" not in new
    assert new["links"] == ["https://y.org"]
    assert new["sources"][1] == {"title": "New", "publisher": "Pub", "date": "2025", "url": "https://n.org"}
    assert new["x-other"] == 1


def test_drafts_are_checked_field_by_field() -> None:
    draft = EventDraft(title=" ", start="2025-02-30", end="soon")
    problems = validate_draft(draft)
    assert set(problems) == {"title", "start", "end"}
    assert "28 days" in problems["start"]
    assert "before the start" in validate_draft(EventDraft(title="ok", start="2025", end="2024"))["end"]


def test_the_form_refuses_what_a_file_would_and_names_the_row() -> None:
    # The form checks with the loader's rules: a source's date is an error there too, and an id
    # with hidden characters only a warning, which the form leaves to the Problems list.
    assert validate_draft(EventDraft(title="ok", start="2025", id="a\u200bb")) == {}
    sources = [SourceDraft("", "", "", ""), SourceDraft("T", "P", "someday", "https://example.org")]
    problems = validate_draft(EventDraft(title="ok", start="2025", sources=sources))
    assert set(problems) == {"source1"}
    assert problems["source1"].startswith("Source 2: ")
    assert validate_draft(EventDraft(title="Fine", start="late 2025", end="present")) == {}


@pytest.mark.parametrize(
    ("text", "seconds", "expected"),
    [
        ("2025-04", 40 * 86400, "2025-05"),
        ("April 2025", -70 * 86400, "February 2025"),
        ("2025-06-12", 3 * 86400, "2025-06-15"),
        ("late 2025", 130 * 86400, "early 2026"),
        ("Q3 2025", 95 * 86400, "Q4 2025"),
        ("c. 1850", 365.25 * 86400, "c. 1851"),
        ("2025-06-12T21:30Z", 3600, "2025-06-12T22:30Z"),
        ("2025-04", 5 * 86400, None),
        ("present", 86400, None),
    ],
)
def test_moves_snap_to_the_dates_own_precision(text: str, seconds: float, expected: str | None) -> None:
    date = parse_date(text, allow_ongoing=True)
    moved = shifted_date_text(date, seconds)
    assert moved == expected
    if moved is not None:
        assert parse_date(moved).precision == date.precision


def test_new_events_start_at_the_precision_of_the_zoom() -> None:
    moment = parse_date("2025-06-15T15:06Z").earliest
    assert date_text_at(moment, 10) == "2025-06-15T15:06Z"
    assert date_text_at(moment, 40_000) == "2025-06-15"
    assert parse_date(date_text_at(moment, 200_000)).precision == Precision.MONTH
    assert date_text_at(moment, 5e6) == "2025"


def test_the_form_explains_what_it_understood() -> None:
    assert explain_date("late 2025") == "late 2025 → Sep–Dec 2025 (part of year precision)"
    assert explain_date("c. 1850") == "c. 1850 → the year 1850, approximate (year precision)"


def test_save_keeps_a_backup_and_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    original = (CORPUS / "good" / "bom.json").read_bytes()
    path.write_bytes(original)
    document = load_path(path).document
    assert document is not None
    replace_event(document, 0, {"title": "Changed", "start": "2025-01"})
    save_document(document, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert json.loads(path.read_text(encoding="utf-8-sig"))["events"][0]["title"] == "Changed"
    assert (tmp_path / "story.json.bak").read_bytes() == original
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".saving")]


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_save_that_fails_half_way_leaves_the_original_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               failing: str) -> None:
    path = tmp_path / "story.json"
    path.write_bytes((REPO_ROOT / "events.json").read_bytes())
    document = load_path(path).document
    assert document is not None
    replace_event(document, 0, {"title": "Lost?", "start": "2025"})

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class FullDisk:
            def __init__(self, stream: object) -> None:
                self.stream = stream

            def __enter__(self) -> FullDisk:
                return self

            def __exit__(self, *exc: object) -> None:
                self.stream.close()  # type: ignore[attr-defined]

            def write(self, data: bytes) -> int:
                self.stream.write(data[: len(data) // 2])  # type: ignore[attr-defined]
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(saving.os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    elif failing == "fsync":
        monkeypatch.setattr(saving.os, "fsync", disk_full)
    else:
        monkeypatch.setattr(saving.os, "replace", disk_full)
    with pytest.raises(SaveError, match="the disk is full"):
        save_document(document, path)
    assert path.read_bytes() == (REPO_ROOT / "events.json").read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".saving")]
    assert document.raw_events()[0]["title"] == "Lost?"  # the edit is still in the app


def test_saving_into_a_vanished_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="no longer exists"):
        atomic_write(tmp_path / "gone" / "story.json", b"{}")


def test_a_symlink_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_bytes(b'{"events": []}')
    link = tmp_path / "link.json"
    link.symlink_to(target)
    atomic_write(link, b'{"events": [1]}')
    assert link.is_symlink()
    assert target.read_bytes() == b'{"events": [1]}'


def test_document_bytes_without_a_source_are_pretty_json() -> None:
    document = load_text("[]").document
    assert document is not None
    document.source_text = None
    document.root = {"events": [{"title": "A", "start": "2025"}]}
    assert document_bytes(document).decode() == json.dumps(document.root, indent=2, ensure_ascii=False) + "\n"


def test_a_drag_moves_both_dates_or_resizes_one_and_never_inverts_a_range() -> None:
    from timeline_app.model.edits import moved_raw

    document = load_text('[{"title": "Trial", "start": "2025-04-14", "end": "2025-05-27"}]').document
    assert document is not None
    trial = document.events[0]
    day = 86400.0
    moved = moved_raw(trial, 3 * day, "move")
    assert moved is not None
    assert (moved["start"], moved["end"]) == ("2025-04-17", "2025-05-30")
    resized = moved_raw(trial, -7 * day, "end")
    assert resized is not None
    assert (resized["start"], resized["end"]) == ("2025-04-14", "2025-05-20")
    assert moved_raw(trial, -60 * day, "end") is None  # would end before it starts
    assert moved_raw(trial, 0.2 * day, "move") is None  # less than a day: nothing to snap to


def test_events_are_only_added_where_they_will_be_saved() -> None:
    from timeline_app.model.document import TimelineDocument
    from timeline_app.model.edits import insert_event, why_events_cannot_be_added
    from timeline_app.storage.loader import load_text

    for text in ('[{"title": "a", "start": "2025"}]', '{"events": []}'):
        document = load_text(text).document
        assert document is not None
        assert why_events_cannot_be_added(document) is None
        insert_event(document, 0, {"title": "b", "start": "2024"})
        assert document.raw_events()[0]["title"] == "b"
    for document in (load_text('{"events": {"title": "a"}}').document, TimelineDocument(events=[])):
        assert document is not None
        reason = why_events_cannot_be_added(document)
        assert reason is not None
        with pytest.raises(ValueError, match=r'nowhere to add|no "events" list'):
            insert_event(document, 0, {"title": "b", "start": "2024"})


def test_a_save_that_fails_while_writing_leaves_the_file_and_no_temporary_behind(tmp_path: Path) -> None:
    target = tmp_path / "story.json"
    target.write_text('{"events": []}')

    def chunks() -> Iterator[bytes]:
        yield b'{"events": ['
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    with pytest.raises(UnicodeEncodeError):
        saving.atomic_write_chunks(target, chunks())
    assert target.read_text() == '{"events": []}'
    assert sorted(path.name for path in tmp_path.iterdir()) == ["story.json"]


def test_a_large_text_is_saved_in_slices_as_it_would_be_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.storage.saving import DiskState

    monkeypatch.setattr(saving, "_ENCODE_CHARS", 7)  # slices that cut through many characters' bytes
    from timeline_app.storage.loader import load_bytes

    text = '{"events": [{"title": "Joëlle — ümlaut 🎉", "start": "2025"}]}'
    document = load_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")).document
    assert document is not None
    assert document.source_bom
    target = tmp_path / "story.json"
    state = save_document(document, target, backup=False)
    data = target.read_bytes()
    assert data == b"\xef\xbb\xbf" + serialize(document).encode("utf-8")
    assert state == DiskState.of_bytes(data, target)


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


def test_a_read_only_file_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_bytes(b'{"events": []}')
    path.chmod(0o444)
    with pytest.raises(SaveError, match="read-only"):
        atomic_write(path, b'{"events": [1]}')
    assert path.read_bytes() == b'{"events": []}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.json"]


def test_a_new_file_gets_the_usual_mode_under_the_umask(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.json", b"{}")
    finally:
        os.umask(mask)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644


def test_a_file_with_other_hard_links_is_written_in_place_and_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_bytes(b'{"events": []}')
    other = tmp_path / "linked.json"
    os.link(path, other)
    inode = path.stat().st_ino
    atomic_write(path, b'{"events": [1]}')
    assert path.stat().st_ino == inode
    assert other.read_bytes() == b'{"events": [1]}'
    assert (tmp_path / "events.json.bak").read_bytes() == b'{"events": []}'


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_a_save_keeps_the_files_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_bytes(b'{"events": []}')
    os.chown(path, 65534, 65534)
    atomic_write(path, b'{"events": [1]}')
    assert (path.stat().st_uid, path.stat().st_gid) == (65534, 65534)


def test_a_save_that_finds_the_disk_full_while_backing_up_leaves_no_hidden_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import shutil

    path = tmp_path / "events.json"
    path.write_bytes(b'{"events": []}')
    real_copy = shutil.copy2

    def copy_then_fill_the_disk(source: object, target: object) -> None:
        real_copy(source, target)  # type: ignore[arg-type]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", copy_then_fill_the_disk)
    with pytest.raises(SaveError, match="the disk is full"):
        atomic_write(path, b'{"events": [1]}')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.json"]
    assert path.read_bytes() == b'{"events": []}'


def test_a_symbolic_link_loop_is_refused_with_a_message(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(SaveError, match="symbolic link"):
        atomic_write(loop, b"{}")


def test_a_file_that_cannot_be_written_in_place_is_refused_before_anything_is_copied(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins
    import errno

    path = tmp_path / "events.json"
    path.write_bytes(b'{"events": []}')
    other = tmp_path / "linked.json"
    os.link(path, other)  # written in place, to keep the link
    real_open = builtins.open

    def refuse_writing(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if str(file) == str(path) and "+" in mode:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(saving, "open", refuse_writing, raising=False)
    with pytest.raises(SaveError, match=r"permission denied\. The file on disk is unchanged"):
        atomic_write(path, b'{"events": [1]}')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.json", "linked.json"]
    assert path.read_bytes() == b'{"events": []}'


def test_many_exact_numbers_are_all_written_as_they_were_read() -> None:
    from timeline_app.storage.jsontext import DECODER, dumps

    numbers = [f"{n}e{400 + n}" for n in range(1, 3001)]
    value = DECODER.decode("[" + ", ".join(numbers) + "]")
    assert json.loads(dumps(value), parse_float=str) == [str(DECODER.decode(number)) for number in numbers]
