"""Noticing when another program changes the open file, even by writing a new file and renaming it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from timeline_app.storage.saving import DiskState

SETTLE_MS = 150  # editors write in bursts; wait for the file to settle before reading it


class FileWatcher(QObject):
    """Emits ``changed`` once the watched file's content differs from what the app last knew."""

    changed = Signal()
    vanished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._check)
        self._path: Path | None = None
        self._known: DiskState | None = None
        self._gone = False

    def watch(self, path: Path | None, known: DiskState | None) -> None:
        """Watch ``path``, whose content the app now holds as ``known``."""
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._path = path
        self._known = known
        self._gone = False
        if path is not None:
            # The folder too: a save-by-rename replaces the file, and a watch on the file alone ends.
            self._watcher.addPath(str(path.parent))
            if path.exists():
                self._watcher.addPath(str(path))

    def acknowledge(self, known: DiskState | None) -> None:
        """The app itself just wrote or read the file: this content is not news."""
        self._known = known
        self._gone = False

    def known(self) -> DiskState | None:
        return self._known

    def _poke(self, _changed_path: str) -> None:
        self._settle.start()

    def _check(self) -> None:
        path = self._path
        if path is None:
            return
        if str(path) not in self._watcher.files() and path.exists():
            self._watcher.addPath(str(path))  # the file was replaced: watch the new one
        current = DiskState.of(path)
        if current is None:
            if not self._gone:
                self._gone = True
                self.vanished.emit()
            return
        self._gone = False
        if self._known is None or current.digest != self._known.digest:
            self._known = current
            self.changed.emit()
