"""Editing in the window: the form, drags, delete and duplicate, undo, saving and outside edits."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import REPO_ROOT
from tests.ui.forms import answer_forms
from timeline_app.model.dates import Precision
from timeline_app.model.draft import EventDraft
from timeline_app.model.timeaxis import SECONDS_PER_DAY, to_axis
from timeline_app.model.view.viewport import Viewport
from timeline_app.storage import saving
from timeline_app.ui.canvas.painter import GUTTER_WIDTH
from timeline_app.ui.event_dialog import EventDialog
from timeline_app.ui.main_window import MainWindow


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "events.json"
    path.write_bytes((REPO_ROOT / "events.json").read_bytes())
    return path


@pytest.fixture
def editor(window: MainWindow, story: Path) -> MainWindow:
    window.open_path(story)
    return window


def answer_form(monkeypatch: pytest.MonkeyPatch, fill: Callable[[EventDialog], None]) -> list[EventDialog]:
    """Make the next event forms fill themselves in and press OK, if OK is allowed."""
    return answer_forms(monkeypatch, "run_dialog", fill)


def answer_questions(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    asked: list[str] = []
    queue = list(answers)

    def ask(_window: MainWindow, title: str, _text: str, choices: list[str]) -> str:
        asked.append(title)
        answer = queue.pop(0)
        assert answer in choices
        return answer

    monkeypatch.setattr(MainWindow, "ask", ask)
    return asked


def event_by_id(window: MainWindow, event_id: str):  # type: ignore[no-untyped-def]
    return next(e for e in window.canvas.index().ordered if e.id == event_id)


def test_editing_an_event_through_the_form_is_one_named_undoable_step(
        editor: MainWindow, story: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    original_text = story.read_text(encoding="utf-8")
    google = event_by_id(editor, "google-cuts-ties")
    editor.canvas.select(google)
    answer_form(monkeypatch, lambda d: d.title_edit.setText("Google cuts ties"))
    editor.canvas.setFocus()
    qtbot.keyClick(editor.canvas, Qt.Key.Key_Return)
    assert event_by_id(editor, "google-cuts-ties").title == "Google cuts ties"
    assert editor.undo_stack.undoText() == "Edit 'Google cuts ties'"
    assert editor.windowTitle().startswith("events.json[*]")
    assert editor.isWindowModified()
    assert "Google cuts ties" in editor.detail.browser.toPlainText()
    editor.undo_action.trigger()
    original_title = "Reuters: Google, Scale's largest customer, plans to cut ties"
    assert event_by_id(editor, "google-cuts-ties").title == original_title
    assert not editor.isWindowModified()
    from timeline_app.storage.writer import serialize

    assert serialize(editor.document()) == original_text  # type: ignore[arg-type]
    editor.redo_action.trigger()
    assert event_by_id(editor, "google-cuts-ties").title == "Google cuts ties"


def test_the_form_reads_dates_live_and_refuses_what_it_cannot_read(editor: MainWindow, qtbot: QtBot) -> None:
    event = event_by_id(editor, "pineau-announces")
    dialog = EventDialog(EventDraft.from_raw(event.raw), {}, ["Meta", "Scale AI"], ["departures"], title="Edit",
                         parent=editor)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.start_edit.setText("late 2025")
    assert dialog.start_reading.text() == "late 2025 → Sep–Dec 2025 (part of year precision)"
    assert ok.isEnabled()
    dialog.start_edit.setText("2025-02-30")
    assert "February 2025 has 28 days" in dialog.start_reading.text()
    assert not ok.isEnabled()
    dialog.start_edit.setText("2025-06")
    dialog.end_edit.setText("2025-01")
    assert "before the start" in dialog.problem_label.text()
    assert not ok.isEnabled()
    dialog.end_edit.setText("present")
    assert ok.isEnabled()
    dialog.description_edit.setPlainText("<b>raw</b> **bold**")
    dialog.description_tabs.setCurrentIndex(1)
    assert "<b>raw</b> bold" in dialog.description_preview.toPlainText()


def test_a_new_event_starts_where_and_as_precise_as_the_double_click(
        editor: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    canvas = editor.canvas
    canvas.set_viewport(Viewport(to_axis(2019, 1), to_axis(2019, 7)))  # half a year, no events
    forms = answer_form(monkeypatch, lambda d: d.title_edit.setText("Something in 2019"))
    band = canvas.scene().bands[2]  # the customers lane
    point = QPoint(700, round(band.top + band.height / 2))
    clicked = canvas.time_at_x(700)
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=point)
    [dialog] = forms
    new = next(e for e in canvas.index().ordered if e.title == "Something in 2019")
    assert new.start.precision is Precision.DAY
    assert new.start.earliest <= clicked < new.start.latest
    assert new.category == band.lane.key
    assert new.id == "something-in-2019"
    assert canvas.selected_event() is new
    assert editor.undo_stack.undoText() == "Add 'Something in 2019'"
    assert dialog.windowTitle() == "New event"


def test_delete_and_duplicate_with_keys_and_undo_both(editor: MainWindow, qtbot: QtBot, story: Path) -> None:
    from timeline_app.storage.writer import serialize

    original = story.read_text(encoding="utf-8")
    canvas = editor.canvas
    deal = event_by_id(editor, "deal-announced")
    canvas.select(deal)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    copies = [e for e in canvas.index().ordered if e.title == deal.title]
    assert len(copies) == 2
    assert {e.id for e in copies} == {"deal-announced", "deal-announced-copy"}
    canvas.select(event_by_id(editor, "deal-announced"))
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert "deal-announced" not in {e.id for e in canvas.index().ordered}
    assert editor.undo_stack.undoText().startswith("Delete 'Meta invests")
    editor.undo_action.trigger()
    editor.undo_action.trigger()
    assert serialize(editor.document()) == original  # type: ignore[arg-type]


def test_dragging_a_month_event_moves_it_by_whole_months(editor: MainWindow, qtbot: QtBot) -> None:
    canvas = editor.canvas
    canvas.set_viewport(Viewport(to_axis(2025, 8), to_axis(2025, 12)))
    settlements = event_by_id(editor, "wage-settlements")  # "2025-10", month precision
    placement = canvas.placement_of(settlements)
    assert placement is not None
    shape = placement.shape
    start = QPoint(round(GUTTER_WIDTH + shape.x + shape.width / 2), round(shape.y + shape.height / 2))
    pixels_per_day = SECONDS_PER_DAY / canvas.viewport().seconds_per_pixel(canvas.width() - GUTTER_WIDTH)
    end = start + QPoint(round(33 * pixels_per_day), 0)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, start + QPoint(10, 0))
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    moved = event_by_id(editor, "wage-settlements")
    assert moved.start.text == "2025-11"
    assert moved.start.precision is Precision.MONTH
    assert editor.undo_stack.undoText() == "Move 'Scale AI agrees to settle four contractor suits'"
    editor.undo_action.trigger()
    assert event_by_id(editor, "wage-settlements").start.text == "2025-10"


def test_dragging_the_end_of_a_range_resizes_it(editor: MainWindow, qtbot: QtBot) -> None:
    canvas = editor.canvas
    canvas.set_viewport(Viewport(to_axis(2025, 4), to_axis(2025, 7)))
    trial = event_by_id(editor, "ftc-trial")
    canvas.ensure_visible(trial)  # its lane may be below the window: scrolled to
    placement = canvas.placement_of(trial)
    assert placement is not None
    shape = placement.shape
    right = QPoint(round(GUTTER_WIDTH + shape.x + shape.width - 2), round(shape.y + shape.height / 2))
    pixels_per_day = SECONDS_PER_DAY / canvas.viewport().seconds_per_pixel(canvas.width() - GUTTER_WIDTH)
    end = right + QPoint(round(3 * pixels_per_day), 0)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=right)
    qtbot.mouseMove(canvas, right + QPoint(8, 0))
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    resized = event_by_id(editor, "ftc-trial")
    assert (resized.start.text, resized.end.text if resized.end else None) == ("2025-04-14", "2025-05-30")
    assert editor.undo_stack.undoText().startswith("Resize")


def test_a_new_category_with_its_colour_is_part_of_the_same_step(
        editor: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(dialog: EventDialog) -> None:
        dialog.category_box.setEditText("Science")
        assert dialog.color_button.isEnabled()

    answer_form(monkeypatch, fill)
    editor.editing.edit_event(event_by_id(editor, "llama-paper"))
    document = editor.document()
    assert document is not None
    assert document.root["categories"]["Science"]["label"] == "Science"
    assert document.root["categories"]["Science"]["color"].startswith("#")
    assert event_by_id(editor, "llama-paper").category == "Science"
    assert "Science" in [lane.key for lane in editor.canvas.index().lanes]
    editor.undo_action.trigger()
    assert "Science" not in document.root["categories"]
    assert event_by_id(editor, "llama-paper").category == "product"


def test_save_writes_atomically_keeps_a_backup_and_marks_clean(editor: MainWindow, story: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    original = story.read_bytes()
    answer_form(monkeypatch, lambda d: d.title_edit.setText("Renamed"))
    editor.editing.edit_event(event_by_id(editor, "llamacon"))
    assert editor.isWindowModified()
    assert editor.save_action.isEnabled()
    editor.save_action.trigger()
    assert not editor.isWindowModified()
    saved = json.loads(story.read_text(encoding="utf-8"))
    assert next(e for e in saved["events"] if e["id"] == "llamacon")["title"] == "Renamed"
    assert (story.parent / "events.json.bak").read_bytes() == original


def test_a_failed_save_leaves_the_file_and_the_edits(editor: MainWindow, story: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    original = story.read_bytes()
    answer_form(monkeypatch, lambda d: d.title_edit.setText("Not yet saved"))
    editor.editing.edit_event(event_by_id(editor, "llamacon"))

    def no_space(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saving.os, "replace", no_space)
    assert not editor.save()
    box = editor.findChild(QMessageBox, "messageBox")
    assert box is not None
    assert "the disk is full" in box.text()
    box.close()
    assert story.read_bytes() == original
    assert editor.isWindowModified()
    assert event_by_id(editor, "llamacon").title == "Not yet saved"


@pytest.mark.parametrize(("answer", "closes"), [("Cancel", False), ("Discard", True), ("Save", True)])
def test_closing_with_unsaved_edits_asks(editor: MainWindow, story: Path, monkeypatch: pytest.MonkeyPatch,
                                         answer: str, closes: bool) -> None:
    answer_form(monkeypatch, lambda d: d.title_edit.setText("Edited before closing"))
    editor.editing.edit_event(event_by_id(editor, "llamacon"))
    asked = answer_questions(monkeypatch, answer)
    assert editor.close() is closes
    assert asked == ["Unsaved changes"]
    on_disk = story.read_text(encoding="utf-8")
    assert ("Edited before closing" in on_disk) is (answer == "Save")


def _write_as_an_editor_does(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp~")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_an_outside_edit_reloads_keeping_view_and_selection(editor: MainWindow, story: Path, qtbot: QtBot) -> None:
    canvas = editor.canvas
    view = Viewport(to_axis(2025, 3), to_axis(2025, 8))
    canvas.set_viewport(view)
    canvas.select(event_by_id(editor, "pineau-announces"))
    text = story.read_text(encoding="utf-8").replace("Robert Fergus named to lead FAIR", "Fergus leads FAIR")
    _write_as_an_editor_does(story, text)
    qtbot.waitUntil(lambda: any(e.title == "Fergus leads FAIR" for e in canvas.index().ordered), timeout=2000)
    assert canvas.viewport() == view
    selected = canvas.selected_event()
    assert selected is not None
    assert selected.id == "pineau-announces"
    # A second save-by-rename is seen too: the watch survived the first.
    _write_as_an_editor_does(story, text.replace("Fergus leads FAIR", "Fergus heads FAIR"))
    qtbot.waitUntil(lambda: any(e.title == "Fergus heads FAIR" for e in canvas.index().ordered), timeout=2000)


def test_events_without_ids_stay_selected_and_in_the_history_when_a_line_goes_in_above(
        window: MainWindow, tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / "notes.json"
    events = [{"title": f"Note {number}", "start": f"2025-0{number}"} for number in range(1, 5)]
    path.write_text(json.dumps({"events": events}), encoding="utf-8")
    window.open_path(path)
    canvas = window.canvas
    canvas.select(next(e for e in canvas.index().ordered if e.title == "Note 3"), ensure_visible=False)
    window.places.record()
    canvas.select(next(e for e in canvas.index().ordered if e.title == "Note 1"), ensure_visible=False)
    window.places.record()
    canvas.select(next(e for e in canvas.index().ordered if e.title == "Note 2"), ensure_visible=False)
    # Its key was "#2"; an event written first in an editor makes that key the first note's.
    _write_as_an_editor_does(path, json.dumps({"events": [{"title": "Note 0", "start": "2024"}, *events]}))
    qtbot.waitUntil(lambda: len(canvas.index().ordered) == 5, timeout=2000)
    selected = canvas.selected_event()
    assert selected is not None
    assert (selected.title, selected.key) == ("Note 2", "#3")
    window.back_action.trigger()
    selected = canvas.selected_event()
    assert selected is not None
    assert selected.title == "Note 1"
    window.back_action.trigger()
    selected = canvas.selected_event()
    assert selected is not None
    assert selected.title == "Note 3"


def test_an_outside_edit_that_breaks_the_file_keeps_the_timeline_and_shows_why(
        editor: MainWindow, story: Path, qtbot: QtBot) -> None:
    good = story.read_text(encoding="utf-8")
    count = len(editor.canvas.index().ordered)
    _write_as_an_editor_does(story, good.replace('"start": "2025-05-08"', '"start": "2025-05-38"'))
    qtbot.waitUntil(editor.banner.isVisible, timeout=2000)
    assert '"2025-05-38" is not a date' in editor.banner.label.text()
    assert len(editor.canvas.index().ordered) == count
    _write_as_an_editor_does(story, good.replace("LlamaCon", "LlamaCon 2025"))
    qtbot.waitUntil(lambda: not editor.banner.isVisible(), timeout=2000)
    assert any(e.title.startswith("LlamaCon 2025") for e in editor.canvas.index().ordered)


@pytest.mark.parametrize("answer", ["Keep mine", "Load theirs"])
def test_an_outside_edit_while_dirty_asks_and_loses_nothing(editor: MainWindow, story: Path, qtbot: QtBot,
                                                            monkeypatch: pytest.MonkeyPatch, answer: str) -> None:
    answer_form(monkeypatch, lambda d: d.title_edit.setText("Mine"))
    editor.editing.edit_event(event_by_id(editor, "llamacon"))
    asked = answer_questions(monkeypatch, answer)
    theirs = story.read_text(encoding="utf-8").replace("Robert Fergus named to lead FAIR", "Theirs")
    _write_as_an_editor_does(story, theirs)
    qtbot.waitUntil(lambda: bool(asked), timeout=2000)
    titles = {e.title for e in editor.canvas.index().ordered}
    if answer == "Keep mine":
        assert "Mine" in titles
        assert editor.isWindowModified()
        assert story.read_text(encoding="utf-8") == theirs  # theirs untouched on disk
    else:
        assert "Theirs" in titles
        assert "Mine" not in titles
        assert not editor.isWindowModified()


def test_keeping_mine_over_one_file_does_not_make_saving_the_next_one_ask(
        editor: MainWindow, story: Path, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    answer_form(monkeypatch, lambda d: d.title_edit.setText("Mine"))
    editor.editing.edit_event(event_by_id(editor, "llamacon"))
    asked = answer_questions(monkeypatch, "Keep mine")
    _write_as_an_editor_does(story, story.read_text(encoding="utf-8").replace("Robert Fergus", "Someone"))
    qtbot.waitUntil(lambda: bool(asked), timeout=2000)
    editor.undo_stack.setClean()  # as if saved elsewhere: nothing to ask about when the next file opens
    other = tmp_path / "other.json"
    other.write_bytes((REPO_ROOT / "events.json").read_bytes())
    assert editor.open_path(other)
    editor.editing.edit_event(event_by_id(editor, "llamacon"))
    asked.clear()
    assert editor.save()
    assert asked == [], "the version kept over the first file's has nothing to do with this one"


def test_a_deleted_file_is_said_and_the_timeline_stays(editor: MainWindow, story: Path, qtbot: QtBot) -> None:
    count = len(editor.canvas.index().ordered)
    story.unlink()
    qtbot.waitUntil(editor.banner.isVisible, timeout=2000)
    assert "deleted or moved" in editor.banner.label.text()
    assert len(editor.canvas.index().ordered) == count
    assert editor.save()
    assert json.loads(story.read_text(encoding="utf-8"))["events"]


def test_undo_reaches_an_event_by_id_after_an_outside_reload(editor: MainWindow, story: Path, qtbot: QtBot,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    answer_form(monkeypatch, lambda d: d.title_edit.setText("LlamaCon (renamed)"))
    editor.editing.edit_event(event_by_id(editor, "llamacon"))
    assert editor.save()
    # Another program inserts an event at the top and renames a different one.
    data = json.loads(story.read_text(encoding="utf-8"))
    data["events"].insert(0, {"id": "outside", "title": "Added outside", "start": "2019"})
    next(e for e in data["events"] if e["id"] == "fergus-leads-fair")["title"] = "Fergus (outside)"
    _write_as_an_editor_does(story, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    qtbot.waitUntil(lambda: any(e.id == "outside" for e in editor.canvas.index().ordered), timeout=2000)
    assert not editor.isWindowModified()
    editor.undo_action.trigger()
    assert event_by_id(editor, "llamacon").title == "LlamaCon, Meta's first AI developer conference"
    assert event_by_id(editor, "fergus-leads-fair").title == "Fergus (outside)"
    assert event_by_id(editor, "outside").title == "Added outside"
    assert editor.isWindowModified()


def test_saving_over_a_broken_file_on_disk_asks_first(editor: MainWindow, story: Path, qtbot: QtBot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    broken = story.read_text(encoding="utf-8").replace('"2025-05-08"', '"2025-05-38"')
    _write_as_an_editor_does(story, broken)
    qtbot.waitUntil(editor.banner.isVisible, timeout=2000)
    answer_form(monkeypatch, lambda d: d.title_edit.setText("Edited meanwhile"))
    editor.editing.edit_event(event_by_id(editor, "llamacon"))
    asked = answer_questions(monkeypatch, "Cancel")
    assert not editor.save()
    assert asked == ["File on disk has errors"]
    assert story.read_text(encoding="utf-8") == broken


@pytest.mark.parametrize("content", ['{"events": {"title": "One", "start": "2025"}}', '{"title": "No events key"}',
                                     '{"events": [1, 2,'])
def test_a_file_with_nowhere_to_put_events_refuses_a_new_one_and_says_why(
        window: MainWindow, tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    window.open_path(path)
    before = path.read_text(encoding="utf-8")
    window.new_event()  # no form opens: the no_modal_dialogs fixture would fail the test if one did
    assert window.undo_stack.count() == 0, "nothing was done, so there is nothing to undo"
    assert window.statusBar().currentMessage().startswith("Cannot add an event:")
    assert "fix it in your editor" in window.statusBar().currentMessage()
    assert path.read_text(encoding="utf-8") == before


def test_an_edit_of_a_large_file_updates_the_views_without_building_them_again(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from timeline_app.model.view import view_state
    from timeline_app.storage import memory

    events = [{"id": f"e{n}", "title": f"Event {n}", "start": f"{2000 + n % 25}-{n % 12 + 1:02}-{n % 28 + 1:02}",
               "category": "a" if n % 5 else "b"} for n in range(3000)]
    path = tmp_path / "large.json"
    path.write_text(json.dumps({"categories": {"a": {"label": "A"}, "b": {"label": "B"}}, "events": events}))
    window.open_path(path)
    builds: list[object] = []
    real_build = view_state.build_index
    monkeypatch.setattr(view_state, "build_index", lambda *a, **k: builds.append(a) or real_build(*a, **k))
    canvas = window.canvas
    lane_b = next(lane for lane in canvas.index().lanes if lane.key == "b")
    doomed = event_by_id(window, "e1001")
    following = canvas.index().neighbour(doomed, 1)
    canvas.select(doomed)
    monkeypatch.setattr(memory, "FREEZE_FROM_EVENTS", 1000)
    gc.unfreeze()
    window.delete_selected()
    # What the update made is kept from the collector, which is on again.
    assert gc.get_freeze_count() > 0
    assert gc.isenabled()
    gc.unfreeze()
    assert "e1001" not in {e.id for e in canvas.index().ordered}
    assert window.event_list.table.rowCount() == 2999
    assert window.find_bar._values["category"] == [("a", 2399), ("b", 600)]
    assert lane_b in canvas.index().lanes  # untouched, so shared with the index before
    assert canvas.selected_event() is following
    window.undo_action.trigger()
    assert event_by_id(window, "e1001").title == "Event 1001"
    assert canvas.selected_event() is event_by_id(window, "e1001")  # what came back is selected
    assert window.find_bar._values["category"] == [("a", 2400), ("b", 600)]
    assert builds == []


def test_an_active_search_follows_edits(editor: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """What search folded is kept across edits, yet an edited or deleted event is searched as it is now."""
    editor.find_bar.search.setText("zyxwvut")
    assert editor.find_bar.match_label.text() == "no matches"
    google = event_by_id(editor, "google-cuts-ties")
    editor.canvas.select(google)
    answer_form(monkeypatch, lambda d: d.title_edit.setText("Zyxwvut cuts ties"))
    editor.edit_selected()
    assert editor.find_bar.match_label.text() == "1 match"
    editor.delete_selected()
    assert editor.find_bar.match_label.text() == "no matches"
    editor.undo_action.trigger()
    assert editor.find_bar.match_label.text() == "1 match"
    editor.undo_action.trigger()  # the old title again
    assert editor.find_bar.match_label.text() == "no matches"


@pytest.mark.parametrize("failure", ["unwritable value", "unexpected"])
def test_a_save_that_fails_keeps_the_window_open_with_the_edits_and_says_why(
        editor: MainWindow, story: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, failure: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    from timeline_app.ui import file_controller

    before = story.read_bytes()
    google = event_by_id(editor, "google-cuts-ties")
    editor.canvas.select(google)
    answer_form(monkeypatch, lambda d: d.title_edit.setText("Google cuts ties"))
    editor.editing.edit_event(google)
    assert editor.is_dirty()
    if failure == "unexpected":
        def broken(*_args: object, **_kwargs: object) -> None:
            raise KeyError("something nobody foresaw")
        monkeypatch.setattr(file_controller, "save_document", broken)
    else:  # a value no JSON can hold, put in by hand
        editor.document().raw_events()[google.index]["x"] = float("nan")  # type: ignore[union-attr]
    asked = answer_questions(monkeypatch, "Save")
    editor.close()  # Quit → Save: the save fails, so the window must not close
    assert asked == ["Unsaved changes"]
    assert editor.isVisible()
    assert editor.is_dirty()
    assert story.read_bytes() == before
    box = editor.findChild(QMessageBox, "messageBox")
    assert box is not None
    assert "edits are still here" in box.text()
    assert editor.statusBar().currentMessage() == ""  # no "Saving…" left behind
    box.close()


def test_saving_a_timeline_project_file_asks_where_to_save_it_as_ours(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "example.timeline"
    source.write_bytes((REPO_ROOT / "tests" / "corpus" / "real" / "timelineproj" / "example.timeline").read_bytes())
    window.open_path(source)
    asked: list[str] = []
    target = tmp_path / "example.json"

    def ask(self: MainWindow, start: str) -> str:
        asked.append(start)
        return str(target)

    monkeypatch.setattr(MainWindow, "ask_save_path", ask)
    assert window.save()
    assert asked == [str(tmp_path / "example.json")]  # offered beside it, as ours
    assert source.read_bytes() == (REPO_ROOT / "tests" / "corpus" / "real" / "timelineproj"
                                   / "example.timeline").read_bytes()
    assert json.loads(target.read_text(encoding="utf-8"))["events"][0]["title"] == "Test"
