"""Faults in the world and hostile text: each ends with a clear message and the user's data intact."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import REPO_ROOT, STORY_EVENTS
from timeline_app.model.timeaxis import to_axis
from timeline_app.model.view.viewport import Viewport
from timeline_app.storage import loader
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.settings_store import file_key


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "events.json"
    path.write_bytes((REPO_ROOT / "events.json").read_bytes())
    return path


def _message(window: MainWindow) -> str:
    box = window.findChild(QMessageBox, "messageBox")
    assert box is not None, "no message was shown"
    text = box.text()
    box.close()
    box.deleteLater()
    return text


def test_a_file_that_cannot_be_read_says_so(window: MainWindow, story: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.storage import loader

    real = loader.read_regular

    def refuse(path: Path) -> bytes:
        if path == story:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(loader, "read_regular", refuse)  # root reads anything, so the refusal is injected
    before = window.document()
    assert not window.open_path(story)
    assert "permission denied" in _message(window)
    assert window.document() is before


def test_a_named_pipe_is_refused_at_once_and_the_window_keeps_what_it_showed(window: MainWindow,
                                                                              tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    before = window.document()
    assert not window.open_path(fifo)  # it waited for a writer that never came
    assert "named pipe (FIFO), not a regular file" in _message(window)
    assert window.document() is before


def test_a_file_replaced_by_a_named_pipe_is_not_waited_on(window: MainWindow, story: Path, qtbot: QtBot) -> None:
    import os

    window.open_path(story)
    story.unlink()
    os.mkfifo(story)  # the watcher read it for its digest, and waited for a writer forever
    qtbot.waitUntil(window.banner.isVisible, timeout=3000)
    assert "replaced by something that is not a file" in window.banner.label.text()
    assert len(window.canvas.index().ordered) == STORY_EVENTS
    assert not window.save()
    assert "not a regular file" in _message(window)


def test_a_file_replaced_by_a_folder(window: MainWindow, story: Path, qtbot: QtBot) -> None:
    window.open_path(story)
    count = len(window.canvas.index().ordered)
    story.unlink()
    story.mkdir()
    qtbot.waitUntil(window.banner.isVisible, timeout=2000)
    assert len(window.canvas.index().ordered) == count
    assert not window.save()
    assert "cannot save events.json" in _message(window)
    assert story.is_dir()
    story.rmdir()
    assert window.save()  # once the folder is gone, the timeline is written back whole
    assert len(json.loads(story.read_text(encoding="utf-8"))["events"]) == STORY_EVENTS


def test_a_file_renamed_away_by_another_program(window: MainWindow, story: Path, qtbot: QtBot) -> None:
    window.open_path(story)
    story.rename(story.with_name("moved.json"))
    qtbot.waitUntil(window.banner.isVisible, timeout=2000)
    assert "deleted or moved" in window.banner.label.text()
    assert len(window.canvas.index().ordered) == STORY_EVENTS


def test_a_corrupt_settings_file_costs_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    ini = tmp_path / "settings.ini"
    ini.write_bytes(b"[window]\ngeometry=@ByteArray(\xff\xfe garbage\nsplitter=!!\n[viewport]\n"
                    b"x=not,numbers\n[viewstate]\n" + b"\x00" * 64)
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    for kind in ("viewport", "viewstate"):
        settings.setValue(file_key(kind, REPO_ROOT / "events.json"), "{broken json")
    window = MainWindow(settings)
    try:
        assert window.open_path(REPO_ROOT / "events.json")
        assert len(window.canvas.index().ordered) == STORY_EVENTS
        window.show()
        window.canvas.grab()
    finally:
        window.close()
        window.deleteLater()


def test_a_change_of_screen_resolution_repaints_correctly(window: MainWindow) -> None:
    canvas = window.canvas
    canvas.painter._label_widths["stale"] = 1.0
    QApplication.sendEvent(canvas, QEvent(QEvent.Type.DevicePixelRatioChange))
    assert "stale" not in canvas.painter._label_widths  # measured again for the new screen
    assert not canvas.grab().isNull()


def test_the_clock_jumping_does_not_break_the_timeline(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    for moment in (0.0, to_axis(2100), to_axis(1800)):
        monkeypatch.setattr(time, "time", lambda moment=moment: moment)
        window.today_action.trigger()
        window.reload()
        assert len(window.canvas.index().ordered) == STORY_EVENTS
        assert not window.canvas.grab().isNull()


def test_disguised_titles_and_links_are_shown_for_what_they_are(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps([{
        "id": "x", "title": "Report\u202Efdp.exe", "start": "2025-06-12",
        "links": [{"title": "Official\u202E site", "url": "https://example.org/\u202Elive"}],
        "description": "<script>alert(1)</script> ![t](https://tracker.example/x.gif)"}]), encoding="utf-8")
    window.open_path(path)
    window.canvas.select(window.canvas.index().ordered[0])
    text = window.detail.browser.toPlainText()
    assert "Report⟨U+202E⟩fdp.exe" in text
    assert "Official⟨U+202E⟩ site" in text
    assert "\u202E" not in text
    assert "<script>alert(1)</script>" in text
    labels = [p.label for p in window.canvas.scene().placements]
    assert labels == ["Report⟨U+202E⟩fdp.exe"]


def test_an_enormous_description_is_laid_out_in_bounded_time(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_text(json.dumps([{"title": "Huge", "start": "2025", "description": "word " * 400_000,
                                 "sources": [{"title": "t" * 100_000, "url": "https://x.org"}]}]), encoding="utf-8")
    window.open_path(path)
    started = time.perf_counter()
    window.canvas.select(window.canvas.index().ordered[0])
    elapsed = time.perf_counter() - started
    assert "more characters not shown" in window.detail.browser.toPlainText()
    assert elapsed < 5.0, f"showing the event took {elapsed:.1f} s"


def test_two_programs_editing_at_once_lose_nothing(window: MainWindow, story: Path, qtbot: QtBot,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window.open_path(story)
    raw = dict(window.document().raw_events()[0])  # type: ignore[union-attr]
    raw["title"] = "Ours"
    from timeline_app.ui.commands import ReplaceEventCommand

    window.undo_stack.push(ReplaceEventCommand(window._session, 0, raw, "Edit"))  # type: ignore[arg-type]
    asked: list[str] = []
    monkeypatch.setattr(MainWindow, "ask", lambda self, title, text, choices: asked.append(title) or "Keep mine")
    theirs = story.read_text(encoding="utf-8").replace("Robert Fergus named to lead FAIR", "Theirs")
    temporary = story.with_name("events.json.tmp")
    temporary.write_text(theirs, encoding="utf-8")
    os.replace(temporary, story)
    qtbot.waitUntil(lambda: bool(asked), timeout=2000)
    asked.clear()
    monkeypatch.setattr(MainWindow, "ask", lambda self, title, text, choices: asked.append(title) or "Cancel")
    assert not window.save()  # saving would overwrite theirs: the app asks first
    assert asked == ["File changed on disk"]
    assert story.read_text(encoding="utf-8") == theirs
    assert any(e.title == "Ours" for e in window.canvas.index().ordered)  # ours is still in the app


def test_loading_never_raises_on_a_loader_bug(monkeypatch: pytest.MonkeyPatch, window: MainWindow,
                                             story: Path) -> None:
    """Even a mistake of ours while reading a file ends in a message, not a crash."""
    monkeypatch.setattr(loader, "load_text", lambda *a, **k: (_ for _ in ()).throw(UnicodeError("boom")))
    assert not window.open_path(story)
    assert "could not be read (UnicodeError: boom)" in _message(window)


def test_viewport_limits_hold_after_faults(window: MainWindow) -> None:
    window.canvas.set_viewport(Viewport(-1e30, 1e30))
    assert window.canvas.viewport().span <= window.canvas._limits.max_span


def test_a_file_opened_broken_shows_what_it_holds_once_fixed_even_with_errors_left(
        window: MainWindow, story: Path, qtbot: QtBot) -> None:
    good = story.read_text(encoding="utf-8")
    data = json.loads(good)
    data["events"][3]["start"] = "2025-02-30"
    data["events"][5]["start"] = "sometime"
    with_errors = json.dumps(data, indent=2, ensure_ascii=False)
    story.write_text(with_errors.replace('"events": [', '"events": ', 1), encoding="utf-8")  # a bracket gone
    window.open_path(story)
    assert window.canvas.index().ordered == []
    assert "events.json could not be read: see Problems" in window.canvas.empty_text()
    assert "Open an events.json" not in window.canvas.empty_text()
    # The bracket is put back in an editor; two date errors remain: all the other events show.
    story.write_text(with_errors, encoding="utf-8")
    qtbot.waitUntil(lambda: len(window.canvas.index().ordered) == STORY_EVENTS - 2, timeout=5000)
    assert not window.banner.isVisible() or "last good version" not in window.banner.label.text()
    rows = [window.problems.item(row) for row in range(window.problems.count())]
    assert len(rows) == 2
    # An error whose event could not be read: double-clicked, it says where to look.
    window._on_problem_activated(rows[0])
    assert window.statusBar().currentMessage().startswith("Line ")
    assert "could not be read, so it is not on the timeline" in window.statusBar().currentMessage()
    # Broken again: the version without the two broken events stays, and the banner says what it is.
    story.write_text(with_errors[:-10], encoding="utf-8")
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)
    assert len(window.canvas.index().ordered) == STORY_EVENTS - 2
    assert "still showing the last version that could be read" in window.banner.label.text()
