"""What the app remembers between runs: per file its view, filters and lanes; recent files; the window.

Everything read back from the settings is checked: a value another version wrote, or one
broken by hand, gives the default, never an error.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from timeline_app.model.view.view_state import ViewState
from timeline_app.model.view.viewport import Viewport

MAX_RECENT = 10


def file_key(kind: str, path: Path) -> str:
    """The settings key of something remembered per file (its view, its filters and lanes)."""
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"{kind}/{digest}"


class SettingsStore:
    """The app's settings, read and written by meaning rather than by key."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or QSettings()

    def view_state(self, path: Path) -> ViewState:
        return ViewState.from_json(self.settings.value(file_key("viewstate", path)))

    def remember_view_state(self, path: Path, state: ViewState) -> None:
        self.settings.setValue(file_key("viewstate", path), state.to_json())

    def viewport(self, path: Path) -> Viewport | None:
        value = self.settings.value(file_key("viewport", path))
        try:
            start, end = (float(part) for part in value)
        except (TypeError, ValueError):
            return None
        return Viewport(start, end) if end > start else None

    def remember_viewport(self, path: Path, view: Viewport) -> None:
        # repr: a float written as text comes back as the very same float.
        self.settings.setValue(file_key("viewport", path), [repr(view.start), repr(view.end)])

    def media_hosts(self, path: Path) -> set[str]:
        """The hosts this file's images may be loaded from without asking (the user allowed each)."""
        value = self.settings.value(file_key("mediahosts", path), [])
        hosts = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return {str(host) for host in hosts if str(host)}

    def allow_media_host(self, path: Path, host: str) -> None:
        self.settings.setValue(file_key("mediahosts", path), sorted(self.media_hosts(path) | {host}))

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            return [value]
        return [str(item) for item in value] if isinstance(value, list) else []

    def add_recent(self, path: Path) -> None:
        resolved = str(path.resolve())
        recent = [name for name in self.recent_files() if name != resolved]
        self.settings.setValue("recentFiles", [resolved, *recent][:MAX_RECENT])

    def window_state(self, kind: str) -> QByteArray | None:
        """The saved geometry ("geometry") or splitter ("splitter") of the window, if any."""
        value = self.settings.value(f"window/{kind}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def remember_window_state(self, geometry: QByteArray, splitter: QByteArray) -> None:
        self.settings.setValue("window/geometry", geometry)
        self.settings.setValue("window/splitter", splitter)
        self.settings.sync()
