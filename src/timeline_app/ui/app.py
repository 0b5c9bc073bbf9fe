"""Starting the desktop app."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from timeline_app.resources import bundled_timeline

ORGANIZATION = "timeline-app"
APPLICATION = "timeline-app"


def start_file(argument: str | None) -> Path:
    """The file named, else ./events.json, else the story shipped with the app."""
    if argument:
        return Path(argument)
    local = Path.cwd() / "events.json"
    return local if local.is_file() else bundled_timeline()


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Timeline")
    return app


def run_app(argument: str | None) -> int:
    from timeline_app.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow()
    window.open_path(start_file(argument))
    window.show()
    window.canvas.setFocus()
    return app.exec()
