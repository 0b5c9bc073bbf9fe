"""Time zones in the window: times in the file's zone with its name, View > Time Zone, remembered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from timeline_app.model.draft import EventDraft
from timeline_app.model.timeaxis import to_axis
from timeline_app.model.view.viewport import Viewport
from timeline_app.model.zones import Zone
from timeline_app.ui.editing import EditingController
from timeline_app.ui.event_dialog import EventDialog
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.zone_choice import COMPUTER, FILE, UTC

ZONED = {"timezone": "America/New_York", "events": [
    {"id": "call", "title": "Evening call", "start": "2025-06-12T21:30"},
    {"id": "paris", "title": "In Paris", "start": "2025-06-12T21:30+02:00"}]}


def _open(window: MainWindow, tmp_path: Path) -> Path:
    path = tmp_path / "zoned.json"
    path.write_text(json.dumps(ZONED, indent=2), encoding="utf-8")
    assert window.open_path(path)
    return path


def _select(window: MainWindow, event_id: str) -> None:
    window.canvas.select(next(event for event in window.canvas.index().ordered if event.id == event_id))


def test_times_show_on_the_files_clocks_then_on_the_zone_chosen(window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    assert window.zones.choice == FILE
    _select(window, "call")
    assert "12 June 2025, 21:30 EDT" in window.detail.browser.toPlainText()
    assert window.canvas.frame().zone == Zone("America/New_York")
    window.zones.choose(UTC)
    assert "13 June 2025, 01:30 UTC" in window.detail.browser.toPlainText()
    assert window.canvas.frame().zone == Zone("UTC")
    window.zones.choose(COMPUTER)
    assert window.canvas.frame().zone == Zone("local")
    window.zones.choose(FILE)
    _select(window, "paris")
    assert "12 June 2025, 15:30 EDT" in window.detail.browser.toPlainText(), "an explicit offset is its instant"


def test_the_menu_names_the_files_zone_and_the_choice_is_remembered(
        qtbot: QtBot, settings: QSettings, tmp_path: Path) -> None:
    first = MainWindow(settings)
    path = _open(first, tmp_path)
    texts = [action.text() for action in first.zones.menu.actions()]
    assert texts[0] == "The File's (America/New_York)"
    assert texts[2] == "UTC"
    first.zones.menu.actions()[2].trigger()
    first.close()
    again = MainWindow(settings)
    again.open_path(path)
    assert again.zones.choice == UTC
    assert again.canvas.frame().zone == Zone("UTC")
    again.close()
    again.deleteLater()
    first.deleteLater()


def test_the_form_writes_a_new_time_as_the_file_does(window: MainWindow, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _open(window, tmp_path)
    window.canvas.set_viewport(Viewport(to_axis(2025, 6, 12, 12), to_axis(2025, 6, 13, 12)))
    seen: list[EventDraft] = []

    def look(_controller: EditingController, dialog: EventDialog) -> bool:
        seen.append(dialog.draft())
        return False

    monkeypatch.setattr(EditingController, "run_dialog", look)
    window.editing.new_event(to_axis(2025, 6, 13, 1, 30), 30.0)
    assert seen[0].start == "2025-06-12T21:30", "on the file's clocks, without an offset"
