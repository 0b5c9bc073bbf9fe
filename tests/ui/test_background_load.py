"""Large files open on a worker thread: the window keeps working, shows progress, and can cancel."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import REPO_ROOT, STORY_EVENTS
from timeline_app.model.rules import DocumentReader
from timeline_app.model.view.view_state import ViewState
from timeline_app.ui import background_load
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.settings_store import file_key


def _big_file(tmp_path: Path, count: int = 20_000) -> Path:
    events = [{"id": f"e{n}", "title": f"Event {n}", "start": f"{2000 + n % 25}-{n % 12 + 1:02d}-01",
               "category": "deal", "description": "Something happened. " * 8} for n in range(count)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"title": "Big", "events": events}, indent=2), encoding="utf-8")
    return path


def test_a_large_file_opens_in_the_background_with_progress(window: MainWindow, qtbot: QtBot,
                                                             tmp_path: Path) -> None:
    path = _big_file(tmp_path)
    assert path.stat().st_size >= background_load.BACKGROUND_LOAD_BYTES, "the file must count as large"
    heard: list[float] = []
    assert window.open_path(path)
    assert window.is_loading()
    assert window.loading.isVisible()
    window.loading.bar.valueChanged.connect(lambda value: heard.append(value))
    # Still the old file while the new one is read: the window keeps showing and answering.
    assert window.document() is not None
    assert len(window.document().events) == STORY_EVENTS
    window.canvas.zoom(1.5)
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    assert not window.loading.isVisible()
    assert len(window.document().events) == 20_000
    assert window.windowTitle().startswith("big.json")
    assert heard, "the progress bar moved while the file was read"
    assert heard == sorted(heard)


def test_cancel_keeps_the_timeline_shown_before(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = _big_file(tmp_path)
    gate = threading.Event()
    original = DocumentReader._read_events

    def slow_read(self: DocumentReader, *args: object) -> None:
        gate.wait(10)  # hold the worker until the test has pressed Cancel
        original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(DocumentReader, "_read_events", slow_read)
    assert window.open_path(path)
    load = window.files.background
    assert load is not None
    window.loading.cancel_button.click()
    gate.set()
    assert not window.is_loading()
    assert load.wait(10)
    qtbot.wait(50)  # let any queued signal from the worker arrive: it must change nothing
    assert len(window.document().events) == STORY_EVENTS
    assert window.windowTitle().startswith("events.json")
    assert not window.loading.isVisible()


def test_a_file_that_vanishes_before_the_worker_reads_it_gets_a_message(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _big_file(tmp_path, 100)
    monkeypatch.setattr(background_load, "BACKGROUND_LOAD_BYTES", 1)
    original_start = background_load.BackgroundLoad.start

    def remove_then_start(self: background_load.BackgroundLoad) -> None:
        path.unlink()
        original_start(self)

    monkeypatch.setattr(background_load.BackgroundLoad, "start", remove_then_start)
    assert window.open_path(path)
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    box = window.findChild(QMessageBox, "messageBox")
    assert box is not None
    assert "no such file" in box.text()
    box.close()
    assert window.windowTitle().startswith("events.json")


def test_the_window_paints_while_a_large_file_loads(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    # Large enough that the load outlasts a first frame that waits on the worker's first parse.
    path = _big_file(tmp_path, 100_000)
    assert window.open_path(path)
    gaps: list[float] = []
    last = time.perf_counter()
    # While the worker reads and parses. Showing the result afterwards is the GUI thread's own
    # work, so the step in which it arrives is not counted (benchmarks/load.py reports it).
    while window.is_loading():
        window.canvas.zoom(1.01)
        window.canvas.repaint()
        qtbot.wait(1)
        now = time.perf_counter()
        if window.is_loading():
            gaps.append(now - last)
        last = now
    assert len(gaps) > 3, "the window painted several frames during the load"
    # No freeze: the longest wait between two frames (20-60 ms here; a busy CI machine is several
    # times slower) stays far below the load's own length (1.5-3 s).
    assert max(gaps) < 0.5, f"the window froze for {max(gaps):.2f} s: {[round(gap, 3) for gap in gaps]}"
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    assert len(window.document().events) == 100_000


def test_small_files_still_open_at_once(window: MainWindow) -> None:
    assert window.open_path(REPO_ROOT / "events.json")
    assert not window.is_loading()


def test_the_index_is_built_on_the_worker_with_the_files_remembered_lanes(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _big_file(tmp_path)
    window.settings.settings.setValue(file_key("viewstate", path), ViewState(lanes_by="actor").to_json())
    threads: list[str] = []
    original = ViewState.build_index

    def recording(self: ViewState, document: object) -> object:
        threads.append(threading.current_thread().name)
        return original(self, document)  # type: ignore[arg-type]

    monkeypatch.setattr(ViewState, "build_index", recording)
    assert window.open_path(path)
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    assert threads == ["load big.json"], "built once, on the worker, and installed as it was"
    assert window.canvas.index().lanes_by == "actor"
    assert len(window.document().events) == 20_000


def test_a_large_file_changed_on_disk_is_read_again_in_the_background(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    path = _big_file(tmp_path)
    assert window.open_path(path)
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["events"][0]["title"] = "Changed by another program"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    window.files.on_disk_changed()  # what the file watcher calls
    assert window.is_loading(), "a large file is read again off the GUI thread"
    assert window.loading.label.text().startswith("Reading big.json")
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    assert window.document().events[0].title == "Changed by another program"
    assert not window.is_dirty()
    assert window.files.watcher.known() is not None
    assert window.files.watcher.known().size == path.stat().st_size, "the version read is the one acknowledged"


def test_an_empty_window_says_which_file_it_is_opening(qtbot: QtBot, settings: QSettings, tmp_path: Path) -> None:
    path = _big_file(tmp_path)
    fresh = MainWindow(settings)
    try:
        assert fresh.open_path(path)
        assert fresh.canvas.empty_text() == "Opening big.json…"
        qtbot.waitUntil(lambda: not fresh.is_loading(), timeout=60_000)
        assert fresh.canvas.empty_text().startswith("No events to show")
        assert fresh.find_bar.count_label.text() == "20,000 of 20,000 shown"
    finally:
        fresh.close()
        fresh.deleteLater()
