"""Opening large files on a worker thread, with a progress strip and Cancel.

The storage loader does the work and reports how far it is; this module runs it off
the GUI thread and carries progress and the result back as queued signals, so the
window keeps painting and answering while a million events are read.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from timeline_app.storage.loader import LoadCancelled, LoadResult, UnreadableFileError, load_path
from timeline_app.storage.memory import freeze_what_was_loaded, garbage_collection_paused, worker_ended, worker_started
from timeline_app.storage.saving import DiskState

BACKGROUND_LOAD_BYTES = 4_000_000  # about 8,000 events: below this a load takes well under half a second
LOAD_SHARE = 0.85  # of the bar: reading the file; the rest is preparing the index
PROGRESS_INTERVAL = 0.05  # seconds between progress signals: smooth to the eye, cheap for the queue


class BackgroundLoad(QObject):
    """One file being loaded on a worker thread."""

    progressed = Signal(float)
    loaded = Signal(object, object)  # LoadResult, and what ``prepare`` made of it
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, path: Path, csv_mapping: dict[int, str] | None = None,
                 prepare: Callable[[LoadResult], object] | None = None, parent: QObject | None = None) -> None:
        """``prepare`` runs on the worker after the load: the costly first steps of showing it."""
        super().__init__(parent)
        self.path = path
        self.csv_mapping = csv_mapping
        self._prepare = prepare
        self.disk_state: DiskState | None = None  # the file as it was read
        self.reload = False  # the window's own file read again, rather than another file opened
        self.announce = False
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"load {path.name}", daemon=True)
        self._last_report = 0.0

    def start(self) -> None:
        worker_started()
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float) -> bool:
        """Wait for the worker to end; True when it has."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def is_running(self) -> bool:
        return self._thread.is_alive()

    def _note_disk_state(self, data: bytes) -> None:
        # What was read is what the watcher compares with later: a change after this reads it again.
        self.disk_state = DiskState.of_bytes(data, self.path)

    def _progress(self, done: float) -> None:
        if self._cancel.is_set():
            raise LoadCancelled
        now = time.monotonic()
        if now - self._last_report >= PROGRESS_INTERVAL or done >= 1.0:
            self._last_report = now
            self.progressed.emit(done)

    def _run(self) -> None:
        try:
            with garbage_collection_paused():
                result: LoadResult = load_path(self.path, display_name=self.path.name,
                                               csv_mapping=self.csv_mapping,
                                               progress=lambda done: self._progress(done * LOAD_SHARE),
                                               on_read=self._note_disk_state)
                prepared = self._prepare(result) if self._prepare is not None else None
                self._progress(1.0)
                # Frozen here, on the worker, so the window is spared a full collection.
                freeze_what_was_loaded()
        except LoadCancelled:
            self.cancelled.emit()
        except UnreadableFileError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a mistake of ours must reach the user as a message, not a traceback
            self.failed.emit(f"{self.path.name} could not be read ({type(error).__name__}: {error}); "
                             "the timeline shown before is kept")
        else:
            self.loaded.emit(result, prepared)
        finally:
            worker_ended()


class LoadingStrip(QFrame):
    """A strip above the timeline: which file is opening, how far it is, and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name, self._verb = "", "Opening"
        self.setObjectName("loadingStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Loading progress")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop opening this file and keep the timeline shown now")
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.hide()

    def begin(self, name: str, verb: str = "Opening") -> None:
        self._name, self._verb = name, verb
        self.bar.setValue(0)
        self.label.setText(f"{verb} {name}…")
        self.show()

    def advance(self, done: float) -> None:
        self.bar.setValue(round(done * 1000))
        self.label.setText(f"{self._verb} {self._name}… {done:.0%}")
