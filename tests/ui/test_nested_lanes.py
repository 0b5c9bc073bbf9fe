"""Nested lanes in the window: headers indented under their parent, a click folds a branch, and the
folding and the order are remembered for the file."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from pytestqt.qtbot import QtBot

from timeline_app.ui.canvas.lane_header import LANE_INDENT, lane_header
from timeline_app.ui.main_window import MainWindow

NESTED = {
    "categories": {
        "meta": {"label": "Meta", "color": "#0072B2"},
        "msl": {"label": "Superintelligence Labs", "color": "#000000", "parent": "meta"},
        "fair": {"label": "FAIR", "color": "#56B4E9", "parent": "meta"},
        "scale": {"label": "Scale AI", "color": "#E69F00"},
    },
    "events": [
        {"title": "MSL announced", "start": "2025-06-30", "category": "msl"},
        {"title": "Four units", "start": "2025-08-19", "category": "msl"},
        {"title": "Pineau leaves FAIR", "start": "2025-04-01", "category": "fair"},
        {"title": "Scale layoffs", "start": "2025-07-16", "category": "scale"},
    ],
}


def _open(window: MainWindow, tmp_path: Path) -> Path:
    path = tmp_path / "nested.json"
    path.write_text(json.dumps(NESTED), encoding="utf-8")
    assert window.open_path(path)
    return path


def _band(window: MainWindow, key: str):  # type: ignore[no-untyped-def]
    return next(band for band in window.canvas.scene().bands if band.lane.key == key and not band.stack)


def test_children_are_indented_under_their_parent_which_shows_it_can_fold(window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    keys = [band.lane.key for band in window.canvas.scene().bands]
    assert keys == ["meta", "msl", "fair", "scale"]
    assert lane_header(_band(window, "meta").lane) == ("▾ Meta", 0.0)
    assert lane_header(_band(window, "msl").lane) == ("Superintelligence Labs", LANE_INDENT)
    assert _band(window, "meta").height < _band(window, "msl").height, "a header with no events is one row"


def test_a_click_on_a_parent_folds_its_branch_into_one_lane_and_it_is_remembered(
        qtbot: QtBot, settings: QSettings, tmp_path: Path) -> None:
    first = MainWindow(settings)
    first.resize(1300, 800)
    first.show()
    qtbot.waitExposed(first)
    path = _open(first, tmp_path)
    meta = _band(first, "meta")
    qtbot.mouseClick(first.canvas, Qt.MouseButton.LeftButton, pos=QPoint(40, round(meta.top + 10)))
    lanes = first.canvas.index().lanes
    assert [lane.key for lane in lanes] == ["meta", "scale"]
    assert [event.title for event in lanes[0].events] == ["Pineau leaves FAIR", "MSL announced", "Four units"]
    assert lane_header(lanes[0]) == ("▸ Meta", 0.0)
    first.close()
    again = MainWindow(settings)
    again.resize(1300, 800)
    again.open_path(path)
    assert [lane.key for lane in again.canvas.index().lanes] == ["meta", "scale"], "folded when opened again"
    again.choices.toggle_lane("meta")
    assert [lane.key for lane in again.canvas.index().lanes] == ["meta", "msl", "fair", "scale"]
    again.close()
    again.deleteLater()
    first.deleteLater()


def test_dragging_a_child_moves_it_among_its_siblings_only(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    _open(window, tmp_path)
    fair, msl = _band(window, "fair"), _band(window, "msl")
    qtbot.mousePress(window.canvas, Qt.MouseButton.LeftButton, pos=QPoint(40, round(fair.top + 10)))
    qtbot.mouseMove(window.canvas, QPoint(40, round(msl.top + 5)))
    qtbot.mouseRelease(window.canvas, Qt.MouseButton.LeftButton, pos=QPoint(40, round(msl.top + 5)))
    assert [lane.key for lane in window.canvas.index().lanes] == ["meta", "fair", "msl", "scale"]
    scale = _band(window, "scale")
    qtbot.mousePress(window.canvas, Qt.MouseButton.LeftButton, pos=QPoint(40, round(scale.top + 10)))
    qtbot.mouseMove(window.canvas, QPoint(40, round(_band(window, "msl").top + 5)))
    qtbot.mouseRelease(window.canvas, Qt.MouseButton.LeftButton, pos=QPoint(40, round(_band(window, "msl").top + 5)))
    assert [lane.key for lane in window.canvas.index().lanes] == ["scale", "meta", "fair", "msl"], \
        "a top lane dropped in a branch goes beside the branch, whole"
