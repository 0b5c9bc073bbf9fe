"""The overview band follows the canvas and steers it: drag to pan, edges to zoom, click to jump."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from timeline_app.model.timeaxis import to_axis
from timeline_app.model.view.viewport import Viewport
from timeline_app.ui.main_window import MainWindow


def _middle_y(window: MainWindow) -> int:
    return window.overview.height() // 2


def test_the_box_follows_the_canvas(window: MainWindow) -> None:
    canvas, band = window.canvas, window.overview
    canvas.set_viewport(Viewport(to_axis(2025, 4), to_axis(2025, 7)))
    box = band.box()
    assert box.left() == pytest.approx(band._x_of(to_axis(2025, 4)), abs=0.5)
    assert box.right() == pytest.approx(band._x_of(to_axis(2025, 7)), abs=0.5)


def test_dragging_the_box_pans_and_its_edges_zoom(window: MainWindow, qtbot: QtBot) -> None:
    canvas, band = window.canvas, window.overview
    canvas.set_viewport(Viewport(to_axis(2023, 1), to_axis(2024, 1)))
    before = canvas.viewport()
    box = band.box()
    y = _middle_y(window)
    start = QPoint(round(box.center().x()), y)
    qtbot.mousePress(band, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(band, start + QPoint(40, 0))
    qtbot.mouseRelease(band, Qt.MouseButton.LeftButton, pos=start + QPoint(40, 0))
    moved = canvas.viewport()
    assert moved.span == pytest.approx(before.span)
    assert moved.start > before.start
    right = QPoint(round(band.box().right()), y)
    qtbot.mousePress(band, Qt.MouseButton.LeftButton, pos=right)
    qtbot.mouseMove(band, right + QPoint(30, 0))
    qtbot.mouseRelease(band, Qt.MouseButton.LeftButton, pos=right + QPoint(30, 0))
    widened = canvas.viewport()
    assert widened.start == pytest.approx(moved.start)
    assert widened.span > moved.span


def test_a_click_beside_the_box_jumps_there(window: MainWindow, qtbot: QtBot) -> None:
    canvas, band = window.canvas, window.overview
    canvas.set_viewport(Viewport(to_axis(2025, 5), to_axis(2025, 6)))
    target_x = round(band._x_of(to_axis(2021, 6)))
    qtbot.mouseClick(band, Qt.MouseButton.LeftButton, pos=QPoint(target_x, _middle_y(window)))
    view = canvas.viewport()
    assert view.start < to_axis(2021, 6) < view.end
    assert view.span == pytest.approx(to_axis(2025, 6) - to_axis(2025, 5))


def test_filters_apply_to_the_band_too(window: MainWindow) -> None:
    band = window.overview
    band._compute_strips()
    assert len(band._strips) == len(window.document().categories)  # type: ignore[union-attr]
    window.find_bar.filters.categories.add("legal")
    window.find_bar._changed()
    band._compute_strips()
    assert len(band._strips) == 1
    assert any(band._strips[0][1])
