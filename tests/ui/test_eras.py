"""Eras in the window: their band under the axis, a click to read one, the form to add, edit and delete."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from tests.conftest import REPO_ROOT
from tests.ui.forms import answer_forms
from timeline_app.model.document import Era
from timeline_app.model.timeaxis import to_axis
from timeline_app.model.view.eras import era_band_height
from timeline_app.model.view.viewport import Viewport
from timeline_app.ui.canvas.painter import AXIS_HEIGHT, GUTTER_WIDTH
from timeline_app.ui.era_dialog import EraDialog
from timeline_app.ui.export import ExportOptions, export_canvas
from timeline_app.ui.main_window import MainWindow


@pytest.fixture
def editor(window: MainWindow, tmp_path: Path) -> MainWindow:
    path = tmp_path / "events.json"
    path.write_bytes((REPO_ROOT / "events.json").read_bytes())
    window.open_path(path)
    window.canvas.set_viewport(Viewport(to_axis(2025, 3), to_axis(2025, 8)))
    return window


def answer_era_form(monkeypatch: pytest.MonkeyPatch, fill: Callable[[EraDialog], None]) -> list[EraDialog]:
    return answer_forms(monkeypatch, "run_era_dialog", fill)


def era_point(window: MainWindow, title: str) -> QPoint:
    """Where the era's title is drawn in its band: what a user would click."""
    placed = next(p for p in window.canvas.painter.era_placements(window.canvas.frame()) if p.era.title == title)
    assert placed.label_rect is not None, f"{title}'s title is drawn"
    rect = placed.label_rect
    return QPoint(round(GUTTER_WIDTH + rect.x + 4), round(rect.y + rect.height / 2))


def era_titled(window: MainWindow, title: str) -> Era:
    return next(era for era in window.canvas.index().eras if era.title == title)


def test_the_lanes_begin_below_the_band_of_eras(editor: MainWindow) -> None:
    eras = editor.canvas.index().eras
    assert len(eras) == 3
    top = AXIS_HEIGHT + era_band_height(eras)
    bands = editor.canvas.scene().bands
    assert bands
    assert bands[0].top >= top


def test_clicking_an_era_shows_it_in_the_detail_pane_and_a_click_elsewhere_lets_it_go(
        editor: MainWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(editor.canvas, Qt.MouseButton.LeftButton, pos=era_point(editor, "FTC trial"))
    assert editor.canvas.selected_era() is era_titled(editor, "FTC trial")
    text = editor.detail.browser.toPlainText()
    assert "FTC trial" in text
    assert "14 Apr – 27 May 2025" in text
    assert "Boasberg" in text  # its description
    assert editor.detail.edit_button.isEnabled()
    assert not editor.detail.reveal_button.isEnabled()
    empty = QPoint(editor.canvas.width() - 40, editor.canvas.height() - 60)
    qtbot.mouseClick(editor.canvas, Qt.MouseButton.LeftButton, pos=empty)
    assert editor.canvas.selected_era() is None
    assert "FTC trial" not in editor.detail.browser.toPlainText()


def test_an_era_title_from_the_file_is_text_never_markup(editor: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps({"eras": [{"title": "<img src='http://x/y.png'><b>Bold</b>", "start": "2025-03",
                                          "end": "2025-06", "description": "<script>alert(1)</script>"}],
                                "events": [{"title": "A", "start": "2025-04"}]}), encoding="utf-8")
    editor.open_path(path)
    era = editor.canvas.index().eras[0]
    editor.canvas.select_era(era)
    text = editor.detail.browser.toPlainText()
    assert "<img src='http://x/y.png'><b>Bold</b>" in text
    assert "alert(1)" in text
    assert "<script>" not in editor.detail.browser.toHtml().replace("&lt;script&gt;", "")


def test_new_era_edit_and_delete_are_undoable_steps_and_the_save_changes_only_the_eras(
        editor: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    path = editor.files.path
    assert path is not None
    original = path.read_text(encoding="utf-8")

    def fill(dialog: EraDialog) -> None:
        assert dialog.start_edit.text(), "the form starts with the middle of the view"
        assert dialog.end_edit.text()
        dialog.title_edit.setText("Aftermath")
        dialog.start_edit.setText("2025-06-13")
        dialog.end_edit.setText("late 2025")
        dialog.color_edit.setText("#E69F00")

    answer_era_form(monkeypatch, fill)
    editor.command_actions["new_era"].trigger()
    assert [era.title for era in editor.canvas.index().eras][-1] == "Aftermath"
    assert editor.canvas.selected_era() is era_titled(editor, "Aftermath"), "what was added is shown"
    assert editor.undo_stack.undoText() == "Add era 'Aftermath'"
    assert "Aftermath" in editor.detail.browser.toPlainText()
    editor.save()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["eras"][-1] == {"title": "Aftermath", "start": "2025-06-13", "end": "late 2025", "color": "#E69F00"}
    assert saved["events"] == json.loads(original)["events"]
    editor.undo_stack.undo()
    assert "Aftermath" not in [era.title for era in editor.canvas.index().eras]
    editor.save()
    assert path.read_text(encoding="utf-8") == original, "undone, the file is byte for byte what it was"

    answer_era_form(monkeypatch, lambda dialog: dialog.title_edit.setText("The Scale deal"))
    qtbot.mouseDClick(editor.canvas, Qt.MouseButton.LeftButton, pos=era_point(editor, "The deal"))
    assert era_titled(editor, "The Scale deal").start.text == "2025-04?", "its imprecise start stays as written"
    editor.canvas.select_era(era_titled(editor, "The Scale deal"))
    editor.canvas.setFocus()
    qtbot.keyClick(editor.canvas, Qt.Key.Key_Delete)
    assert [era.title for era in editor.canvas.index().eras] == ["FTC trial", "Llama 4 era"]
    assert editor.undo_stack.undoText() == "Delete era 'The Scale deal'"
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert [era.title for era in editor.canvas.index().eras] == ["The deal", "FTC trial", "Llama 4 era"]
    editor.save()
    assert path.read_text(encoding="utf-8") == original


def test_the_form_refuses_an_era_that_ends_before_it_starts(editor: MainWindow,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []

    def fill(dialog: EraDialog) -> None:
        dialog.title_edit.setText("Backwards")
        dialog.start_edit.setText("2025-06")
        dialog.end_edit.setText("2025-04")
        said.append(dialog.problems.text())

    answer_era_form(monkeypatch, fill)
    editor.eras.new_era()
    assert "before it starts" in said[0]
    assert [era.title for era in editor.canvas.index().eras] == ["The deal", "FTC trial", "Llama 4 era"]


def test_exports_draw_the_band_of_eras(editor: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "view.svg"
    export_canvas(editor.canvas, out, ExportOptions(title="Eras"))
    texts = " ".join(element.text or "" for element in ElementTree.parse(out).iter() if element.tag.endswith("text"))
    assert "FTC trial" in texts
    assert "Llama 4 era" in texts
    assert "The deal" in texts
