"""Starting the desktop app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from timeline_app.desktop_install import APP_ID
from timeline_app.resources import bundled_timeline, resource_path

ORGANIZATION = "timeline-app"
REPORT_FIRST_FRAME = "TIMELINE_APP_REPORT_FIRST_FRAME"
APPLICATION = "timeline-app"


def start_file(argument: str | None) -> Path:
    """The file named, else ./events.json, else the story shipped with the app."""
    if argument:
        return Path(argument)
    local = Path.cwd() / "events.json"
    return local if local.is_file() else bundled_timeline()


def make_application(qt_arguments: list[str] | None = None) -> QApplication:
    """The application, given Qt's own command-line options (``-style``, ``-platform``, ``-reverse``…)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([*sys.argv[:1], *(qt_arguments or [])])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Timeline")
    app.setWindowIcon(QIcon(str(resource_path("timeline-app.svg"))))
    app.setDesktopFileName(APP_ID)  # the desktop matches the window to its menu entry and icon
    return app


def run_app(argument: str | None, asked: tuple[float | None, float | None] | None = None,
            qt_arguments: list[str] | None = None) -> int:
    """Open the window on ``argument`` (see start_file), showing the stretch of time ``asked`` if given."""
    from timeline_app.ui.main_window import MainWindow

    app = make_application(qt_arguments)
    window = MainWindow()
    # Handed to the load: a large file is shown only when read, and would open at its first view.
    window.open_path(start_file(argument), view=asked)
    window.show()
    window.canvas.setFocus()
    if os.environ.get(REPORT_FIRST_FRAME):
        # For benchmarks/startup.py: say when the first frame is on screen, then leave.
        window.canvas.first_frame_painted.connect(lambda: (print("first frame painted", flush=True), app.quit()))
    return app.exec()
