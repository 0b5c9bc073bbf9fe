"""The window's file: opening it (on a worker when large), reading it again, saving, and what the disk does.

What to keep and when to ask is decided by the Qt-free FileSync (storage/disk_sync.py); this
carries it out with the window's dialogs, banner and status bar, and hands each version read
to the window to show.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from timeline_app.model.document import Event
from timeline_app.model.view.view_state import PreparedView
from timeline_app.storage.disk_sync import BeforeSave, FileSync, OnDiskChange
from timeline_app.storage.formats import READ_ONLY
from timeline_app.storage.jsonpos import locate
from timeline_app.storage.loader import LoadResult, UnreadableFileError, load_path
from timeline_app.storage.saving import DiskState, SaveError, SaveReport, save_document
from timeline_app.ui import background_load
from timeline_app.ui.background_load import BackgroundLoad
from timeline_app.ui.export_dialog import CsvMappingDialog
from timeline_app.ui.file_watch import FileWatcher

if TYPE_CHECKING:
    from timeline_app.ui.main_window import MainWindow


class FileController(QObject):
    """The file one window shows, from opening to saving."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.path: Path | None = None
        self.sync = FileSync()
        self.background: BackgroundLoad | None = None
        self.requested_view: tuple[float | None, float | None] | None = None  # asked for by the command line
        self.watcher = FileWatcher(self)
        self.watcher.changed.connect(self.on_disk_changed)
        self.watcher.vanished.connect(self._on_disk_vanished)

    def open_path(self, path: Path | str, view: tuple[float | None, float | None] | None = None) -> bool:
        """Open a file; on failure say why and keep what was shown.

        A large file is read on a worker thread while the window stays usable; then this returns
        True when the load has started, and the file is shown when it is done. ``view``: the
        (start, end) to show it at, either side None for the first view's, instead of the
        view remembered for the file or the first view.
        """
        path = Path(path)
        self.requested_view = view
        if not self.maybe_keep_unsaved_work():
            return False
        self.cancel_loading()
        if self._is_large(path):
            self._start_background_load(path)
            return True
        try:
            result, disk_state = self._load(path)
        except UnreadableFileError as error:
            self._window.show_message("Cannot open file", str(error))
            return False
        return self._open_loaded(path, result, disk_state=disk_state)

    @staticmethod
    def _is_large(path: Path) -> bool:
        try:
            return path.is_file() and path.stat().st_size >= background_load.BACKGROUND_LOAD_BYTES
        except OSError:
            return False  # the ordinary path says what is wrong with it

    def _start_background_load(self, path: Path, csv_mapping: dict[int, str] | None = None, *,
                               reload: bool = False, announce: bool = False) -> None:
        # Read here: settings and the window's state belong to the GUI thread.
        state = copy.deepcopy(self._window.view_state) if reload else self._window.settings.view_state(path)

        def prepare(result: LoadResult) -> PreparedView | None:
            return PreparedView.of(result.document, state) if result.document is not None else None

        load = BackgroundLoad(path, csv_mapping, prepare, self)
        load.reload, load.announce = reload, announce
        load.progressed.connect(self._window.loading.advance)
        load.loaded.connect(lambda result, prepared: self._on_background_loaded(load, result, prepared))
        load.failed.connect(lambda message: self._on_background_ended(load, message))
        load.cancelled.connect(lambda: self._on_background_ended(load, None))
        self.background = load
        self._window.loading.begin(path.name, "Reading" if reload else "Opening")
        self._window.canvas.set_empty_text(f"Opening {path.name}…")
        self._window.statusBar().showMessage(f"{'Reading' if reload else 'Opening'} {path.name}…")
        load.start()

    def _end_loading(self) -> None:
        self._window.loading.hide()
        self._window.canvas.set_empty_text(None)

    def is_loading(self) -> bool:
        return self.background is not None

    def cancel_loading(self) -> None:
        """Stop a background load; what is shown now stays."""
        load = self.background
        if load is None:
            return
        self.background = None
        load.cancel()
        self._end_loading()
        if load.reload:
            self._window.banner.show_text(f"{load.path.name} changed on disk; reading it was stopped, so this is the "
                                          "version read before. Use File > Reload to read it again.")
        else:
            self._window.statusBar().showMessage(f"Stopped opening {load.path.name}", 4000)

    def _on_background_loaded(self, load: BackgroundLoad, result: LoadResult, prepared: PreparedView | None) -> None:
        if load is not self.background:
            return  # cancelled, or replaced by another file, after the worker had finished
        self.background = None
        self._end_loading()
        self._window.statusBar().clearMessage()
        if load.reload:
            if load.path != self.path:
                return
            if self.is_dirty():
                # Edits were made while the new version was read: the user chooses, as for any change.
                self.on_disk_changed()
                return
            self._finish_reload(result, load.disk_state, announce=load.announce, prepared=prepared)
            return
        if result.csv_headers is not None and load.csv_mapping is None:
            mapping = CsvMappingDialog(result.csv_headers, self._window)
            if self._window.run_modal(mapping):
                self._start_background_load(load.path, mapping.mapping())
            return
        self._open_loaded(load.path, result, prepared, load.disk_state)

    def _on_background_ended(self, load: BackgroundLoad, message: str | None) -> None:
        if load is not self.background:
            return
        self.background = None
        self._end_loading()
        self._window.statusBar().clearMessage()
        if message is not None and load.reload:
            self._window.banner.show_text(f"{message}. Still showing the last version that could be read.")
        elif message is not None:
            self._window.show_message("Cannot open file", message)

    def _open_loaded(self, path: Path, result: LoadResult, prepared: PreparedView | None = None,
                     disk_state: DiskState | None = None) -> bool:
        """Show a file that has been read: it becomes the window's file."""
        if result.csv_headers is not None:
            # A spreadsheet with headers we do not know: ask which column holds what.
            mapping = CsvMappingDialog(result.csv_headers, self._window)
            if not self._window.run_modal(mapping):
                return False
            try:
                result, disk_state = self._load(path, mapping.mapping())
            except UnreadableFileError as error:
                self._window.show_message("Cannot open file", str(error))
                return False
        if self.path is not None:
            self._window.remember_viewport()
        self.path = path
        self.sync = FileSync()  # what was known of the file before (a version kept over theirs) is not of this one
        self._window.undo_stack.clear()
        self._window.places.start_afresh()
        self._window.choices.restore(path)
        self._show(result, keep_view=False, prepared=prepared)
        self.watcher.watch(path, disk_state if disk_state is not None else DiskState.of(path))
        self._window.settings.add_recent(path)
        return True

    def _load(self, path: Path, csv_mapping: dict[int, str] | None = None) -> tuple[LoadResult, DiskState | None]:
        """Load a file, and note what was on disk from the very bytes read.

        Reading the file again for its disk state would cost a second read, and a change made
        between the two reads would pass for what is shown: a later save would overwrite it.
        Even a mistake of ours while reading becomes a clear message, not a crash.
        """
        read: list[bytes] = []
        try:
            result = load_path(path, display_name=path.name, csv_mapping=csv_mapping, on_read=read.append)
            return result, DiskState.of_bytes(read[0], path.resolve()) if read else None
        except UnreadableFileError:
            raise
        except Exception as error:
            raise UnreadableFileError(f"{path.name} could not be read ({type(error).__name__}: {error}); "
                                      "the timeline shown before is kept") from error

    def reload(self) -> None:
        """Read the file again (File > Reload); unsaved edits are given up only when the user says so."""
        if self.path is None or not self.maybe_keep_unsaved_work(action="Reload"):
            return
        if self.is_dirty():
            self._window.undo_stack.clear()
        self._reload_from_disk(announce=True)

    def _reload_from_disk(self, *, announce: bool) -> None:
        """Show what is on disk now, keeping view and selection; a broken file leaves the last good state."""
        assert self.path is not None
        if self.background is not None:
            if not self.background.reload:
                return  # another file is being opened: this one is about to be replaced anyway
            self.background.cancel()  # an older version is still being read: read the newest
            self.background = None
        if self._is_large(self.path):
            self._start_background_load(self.path, reload=True, announce=announce)
            return
        try:
            result, disk_state = self._load(self.path)
        except UnreadableFileError as error:
            self._window.banner.show_text(f"{error}. Still showing the last version that could be read.")
            return
        self._finish_reload(result, disk_state, announce=announce)

    def _finish_reload(self, result: LoadResult, disk_state: DiskState | None, *, announce: bool,
                       prepared: PreparedView | None = None) -> bool:
        assert self.path is not None
        self.watcher.acknowledge(disk_state)
        # Someone is halfway through an edit, or made a mistake: keep what is shown if it is better
        # than what is on disk now (read without errors, or read at all where now nothing is), say why.
        worse = self.sync.keeps_shown_over(result.document is not None, bool(result.errors),
                                           showing_something=self._window.document() is not None)
        if worse:
            self._window.problems.show_problems(result.problems)
            lines = "\n".join(problem.format() for problem in result.errors[:4])
            more = f"\n… and {len(result.errors) - 4} more" if len(result.errors) > 4 else ""
            kept = "the last good version" if self.sync.read_whole else "the last version that could be read"
            self._window.banner.show_text(f"{self.path.name} has errors on disk; still showing {kept} "
                                          f"(it will not be overwritten while broken).\n{lines}{more}")
            self.sync.kept_over_broken()
            return False
        self.sync.read_again()
        self._window.banner.hide()
        if result.document is not None and result.document.source_format != "timeline":
            # Another format may not hold all an edit made (a CSV or calendar save is lossy): the
            # history would describe events that are no longer there, so it starts afresh.
            self._window.undo_stack.clear()
        self._show(result, keep_view=True, prepared=prepared)
        self._window.undo_stack.setClean()  # what is shown is what is on disk
        if announce:
            self._window.statusBar().showMessage("Reloaded", 3000)
        return True

    # ------------------------------------------------------------ saving

    def is_dirty(self) -> bool:
        return not self._window.undo_stack.isClean()

    def save(self) -> bool:
        document = self._window.document()
        # A file of a format that is read but never written (The Timeline Project's) is saved as ours, elsewhere.
        if self.path is None or document is None or document.source_format in READ_ONLY:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        document = self._window.document()
        if document is None:
            return False
        start = str(self.path) if self.path else str(Path.cwd() / "events.json")
        if self.path is not None and document.source_format in READ_ONLY:
            beside = self.path.with_suffix(".json")  # a vis-timeline file is .json already: never over itself
            start = str(beside if beside != self.path else self.path.with_name(f"{self.path.stem}-timeline.json"))
        name = self._window.ask_save_path(start)
        if not name:
            return False
        path = Path(name)
        if not self._save_to(path, check_conflict=False):
            return False
        self.path = path
        self.watcher.watch(path, DiskState.of(path))
        self._window.settings.add_recent(path)
        self._window.update_title()
        return True

    def _save_to(self, path: Path, *, check_conflict: bool = True) -> bool:
        document = self._window.document()
        assert document is not None
        check = self.sync.before_save(check_conflict and path == self.path, self._changed_on_disk)
        if check is not BeforeSave.SAVE:
            title, text = (("File on disk has errors", f"{path.name} on disk has errors, perhaps because it is "
                            "being edited elsewhere.\nSaving now would replace it with your version.")
                           if check is BeforeSave.ASK_OVER_BROKEN else
                           ("File changed on disk", f"{path.name} was changed by another program since it was "
                            "opened.\nSaving now would replace those changes with yours."))
            choice = self._window.ask(title, text, ["Save As…", "Overwrite", "Cancel"])
            if choice == "Save As…":
                return self.save_as()
            if choice != "Overwrite":
                return False
        report = SaveReport()
        # A million events take seconds to write: say so, rather than seem to hang.
        self._window.statusBar().showMessage(f"Saving {path.name}…")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            state = save_document(document, path, report=report)
        except SaveError as error:
            self._window.statusBar().clearMessage()
            self._window.show_message("Not saved", f"{error}\n\nYour edits are still here.")
            return False
        except Exception as error:  # whatever failed, the window must stay open with the edits
            self._window.statusBar().clearMessage()
            self._window.show_message("Not saved", f"Saving {path.name} failed ({type(error).__name__}: {error}). "
                                      "The file on disk may be unchanged; your edits are still here. Try Save As.")
            return False
        finally:
            QApplication.restoreOverrideCursor()
        if report.notes:
            # Another format could not hold everything: say what, never silently.
            self._window.show_message(f"Saved {path.name}, with losses", "\n\n".join(report.notes))
        self.watcher.acknowledge(state)
        self._window.undo_stack.setClean()
        self.sync.saved()
        self._window.banner.hide()
        self._window.statusBar().showMessage(f"Saved {path.name}", 4000)
        self._window.update_title()
        return True

    def _changed_on_disk(self) -> bool:
        if self.path is None:
            return False
        known = self.watcher.known()
        current = DiskState.of(self.path)
        return current is not None and known is not None and current.digest != known.digest

    def maybe_keep_unsaved_work(self, action: str = "Continue") -> bool:
        """True when it is fine to drop the current document: saved, discarded, or nothing to lose."""
        if not self.is_dirty():
            return True
        name = self.path.name if self.path else "the timeline"
        choice = self._window.ask("Unsaved changes", f"Save your changes to {name} first?",
                                  ["Save", "Discard", "Cancel"])
        if choice == "Save":
            return self.save()
        return choice == "Discard"

    # ------------------------------------------------------------ changes on disk

    def on_disk_changed(self) -> None:
        if self.path is None:
            return
        if self.sync.on_disk_change(unsaved_edits=self.is_dirty()) is OnDiskChange.READ_IT:
            self._reload_from_disk(announce=True)
            return
        choice = self._window.ask("File changed on disk",
                                  f"{self.path.name} was changed by another program, and you have unsaved edits.",
                                  ["Keep mine", "Load theirs", "Save mine as…"])
        if choice == "Load theirs":
            self._window.undo_stack.clear()  # the user gave their edits up; undoing them later would surprise
            self._reload_from_disk(announce=True)
        elif choice == "Save mine as…":
            if self.save_as():
                self._window.statusBar().showMessage("Your version is saved; the file on disk was left as it is", 6000)
        else:
            self.sync.keep_mine()
            self._window.banner.show_text(f"{self.path.name} changed on disk; you kept your version. Saving will ask "
                                          "before replacing theirs.")

    def _on_disk_vanished(self) -> None:
        if self.path is None:
            return
        if self.path.exists() and not self.path.is_file():  # e.g. a named pipe put in its place: not read
            text = (f"{self.path.name} was replaced by something that is not a file (a folder, a pipe or a "
                    "device). The timeline is still here; Save As puts it elsewhere.")
        else:
            text = (f"{self.path.name} was deleted or moved away. The timeline is still here; "
                    "Save (Ctrl+S) writes it back, Save As puts it elsewhere.")
        self._window.banner.show_text(text)
        if self.is_dirty():
            choice = self._window.ask("File deleted or moved", text, ["Keep mine", "Save mine as…"])
            if choice == "Save mine as…":
                self.save_as()

    def where_written(self, event: Event) -> tuple[int, int]:
        """The line and column where the file on disk holds the event; OSError or ValueError if it cannot say."""
        document = self._window.document()
        if self.path is None or document is None:
            raise ValueError("no file is open")
        json_path = document.json_path_of(event)
        return locate(self.path.read_text(encoding="utf-8-sig"), [json_path])[json_path]

    def choose_file(self) -> None:
        name = self._window.ask_open_path(str(self.path.parent) if self.path else str(Path.cwd()))
        if name:
            self.open_path(name)

    def _show(self, result: LoadResult, *, keep_view: bool, prepared: PreparedView | None = None) -> None:
        """Show a version just read (a reload has asked sync.keeps_shown_over whether it is worse first)."""
        # A version worth keeping when the file breaks later: one read without errors. Until
        # there is one, each reload shows what the file holds now, errors and all.
        self.sync.showing(result.document is not None, bool(result.errors))
        self._window.show_result(result, keep_view=keep_view, prepared=prepared)
