"""Widget fixtures: windows with their own settings file, on the offscreen platform."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.conftest import REPO_ROOT
from timeline_app.ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings) -> Iterator[MainWindow]:
    main = MainWindow(settings)
    # Not handed to qtbot: it closes widgets before fixtures end, and this one may hold test edits.
    main.resize(1300, 800)
    main.open_path(REPO_ROOT / "events.json")
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.undo_stack.setClean()  # what a test left unsaved is discarded, not asked about
    main.close()
    main.deleteLater()
    qtbot.wait(1)


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: object) -> Iterator[None]:
    """Every window a test opens is gone (or at least closed) when it ends."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    before = {id(widget) for widget in QApplication.topLevelWidgets()}
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leaked = [widget for widget in QApplication.topLevelWidgets()
              if id(widget) not in before and widget.isVisible() and widget.objectName() != "qtooltip_label"]
    for widget in leaked:
        widget.close()
    assert not leaked, f"windows left open: {[type(w).__name__ + ' ' + w.objectName() for w in leaked]}"


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog in a test would wait forever; every test that expects one answers it itself."""
    from timeline_app.ui.editing import EditingController

    def unexpected(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("a modal dialog opened that the test did not expect")

    monkeypatch.setattr(EditingController, "run_dialog", unexpected)
    monkeypatch.setattr(EditingController, "run_era_dialog", unexpected)
    monkeypatch.setattr(MainWindow, "ask", unexpected)
    monkeypatch.setattr(MainWindow, "ask_save_path", unexpected)
    monkeypatch.setattr(MainWindow, "ask_date", unexpected)
    monkeypatch.setattr(MainWindow, "run_modal", unexpected)
