"""The main window: it assembles the canvas, the panes, the docks and the controllers, and wires them.

What each part does lives in its own module (actions, file_controller, search_controller,
view_choices, place_history, export_controller, settings_store); this holds no rules of its own.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QResizeEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from timeline_app import __version__
from timeline_app.model.dates import DateError
from timeline_app.model.document import Event, TimelineDocument
from timeline_app.model.edits import ChangeKind, DocumentChange
from timeline_app.model.session import Session
from timeline_app.model.view.view_state import PreparedView, ViewState
from timeline_app.model.view.viewport import Viewport, ZoomLimits
from timeline_app.storage.loader import LoadResult
from timeline_app.storage.memory import (
    freeze_what_was_loaded,
    keep_out_of_collections,
    replace_what_was_loaded,
    updating_out_of_collections,
)
from timeline_app.ui.actions import build_actions, build_menus, show_shortcuts_sheet
from timeline_app.ui.appearance_choice import AppearanceChoice
from timeline_app.ui.background_load import LoadingStrip
from timeline_app.ui.canvas.widget import TimelineCanvas
from timeline_app.ui.detail_pane import DetailPane
from timeline_app.ui.editing import EditingController
from timeline_app.ui.era_glue import EraGlue
from timeline_app.ui.event_list import EventListView
from timeline_app.ui.export_controller import ExportController
from timeline_app.ui.file_controller import FileController
from timeline_app.ui.find_bar import FindBar
from timeline_app.ui.overview import OverviewBand
from timeline_app.ui.place_history import PlaceHistory
from timeline_app.ui.problems import ProblemBanner, ProblemsPanel
from timeline_app.ui.search_controller import SearchController
from timeline_app.ui.settings_store import SettingsStore
from timeline_app.ui.view_choices import ViewChoices
from timeline_app.ui.zone_choice import ZoneChoice

SAVE_FILTERS = {"Timeline (*.json)": ".json", "TimelineJS3 (*.timelinejs.json)": ".timelinejs.json",
                "TimelineJS sheet, for Knight Lab's template (*.timelinejs.csv)": ".timelinejs.csv",
                "CSV for spreadsheets (*.csv)": ".csv", "iCalendar (*.ics)": ".ics"}
APP_NAME = "Timeline"

NARROW_WINDOW = 1000  # narrower than this, the detail pane shows only while an event is selected
FIRST_WINDOW_SHARE = 0.92  # of the screen's free area, on each side, when no size is remembered


def first_window_size(available: QSize) -> QSize:
    """A first window that uses most of the screen and never overflows it, at any scale factor."""
    return QSize(max(int(available.width() * FIRST_WINDOW_SHARE), min(available.width(), 640)),
                 max(int(available.height() * FIRST_WINDOW_SHARE), min(available.height(), 480)))


class MainWindow(QMainWindow):
    """One timeline file in one window."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.settings = SettingsStore(settings)
        self.canvas: TimelineCanvas = TimelineCanvas(self)
        self.detail = DetailPane(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.overview = OverviewBand(self)
        timeline = QWidget(self)
        timeline_column = QVBoxLayout(timeline)
        timeline_column.setContentsMargins(0, 0, 0, 0)
        timeline_column.setSpacing(0)
        timeline_column.addWidget(self.canvas, 1)
        timeline_column.addWidget(self.overview)
        self.splitter.addWidget(timeline)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.banner = ProblemBanner(self)
        self.loading = LoadingStrip(self)
        self.loading.cancel_button.clicked.connect(lambda: self.files.cancel_loading())
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.find_bar = FindBar(self)
        column.addWidget(self.banner)
        column.addWidget(self.loading)
        column.addWidget(self.find_bar)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.undo_stack = QUndoStack(self)
        self.files: FileController = FileController(self)
        self.exports = ExportController(self)
        self.editing = EditingController(self, self.undo_stack)
        self.editing.refused.connect(lambda reason: self.statusBar().showMessage(reason, 10_000))
        self._session: Session | None = None
        self.problems = ProblemsPanel(self)
        self.problems_dock = QDockWidget("Problems", self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()
        self.history_dock = QDockWidget("Undo History", self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(QUndoView(self.undo_stack, self.history_dock))
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_dock.hide()
        self.event_list = EventListView(self)
        self.list_dock = QDockWidget("Event List", self)
        self.list_dock.setObjectName("eventListDock")
        self.list_dock.setWidget(self.event_list)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.list_dock)
        self.list_dock.hide()
        self.search: SearchController = SearchController(self.canvas, self.find_bar, self.detail, self.event_list, self)
        self.places: PlaceHistory = PlaceHistory(self.canvas, self)
        self.choices: ViewChoices = ViewChoices(self)
        self.eras: EraGlue = EraGlue(self)
        self.zones: ZoneChoice = ZoneChoice(self)
        self.appearance: AppearanceChoice = AppearanceChoice(self)
        self._status_counts = QLabel(self)
        self.statusBar().addPermanentWidget(self._status_counts)
        self._save_viewport_timer = QTimer(self)
        self._save_viewport_timer.setSingleShot(True)
        self._save_viewport_timer.setInterval(400)
        self._save_viewport_timer.timeout.connect(self.remember_viewport)
        self.command_actions = build_actions(self)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        history_toggle = self.history_dock.toggleViewAction()
        history_toggle.setText("Undo &History")
        problems_toggle = self.problems_dock.toggleViewAction()
        problems_toggle.setText("&Problems")
        build_menus(self, self.command_actions, {"recent": self.recent_menu, "history": history_toggle,
                                                 "problems": problems_toggle, "time_zone": self.zones.menu,
                                                 "appearance": self.appearance.menu})
        self._connect()
        # Tab walks the window as it reads: search and filters, the timeline, the details, the list.
        chain = [self.find_bar.search, self.find_bar.filter_button, self.find_bar.clear_button,
                 self.find_bar.lanes_box, self.canvas, self.detail.browser, self.detail.edit_button,
                 self.detail.reveal_button, self.event_list]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._restore_window_state()
        self.update_title()

    # ------------------------------------------------------------ building

    def _connect(self) -> None:
        self.canvas.selection_changed.connect(self._on_selection_changed)
        self.canvas.viewport_changed.connect(lambda _view: self._save_viewport_timer.start())
        self.canvas.edit_requested.connect(self.editing.edit_event)
        self.canvas.create_requested.connect(self.editing.new_event)
        self.canvas.move_requested.connect(self.editing.move_event)
        self.detail.edit_requested.connect(self.eras.edit_item)
        self.canvas.era_selected.connect(self.eras.selected)
        self.canvas.era_edit_requested.connect(self.editing.edit_era)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.banner.show_button.clicked.connect(self.problems_dock.show)
        self.canvas.back_requested.connect(self.places.back)
        self.canvas.forward_requested.connect(self.places.forward)
        self.canvas.viewport_changed.connect(self.overview.set_viewport)
        self.overview.viewport_requested.connect(self.canvas.set_viewport)
        self.event_list.event_selected.connect(self._select_from_list)
        self.event_list.event_activated.connect(self.editing.edit_event)
        self.detail.event_requested.connect(self._select_by_uid)
        self.detail.reveal_requested.connect(self.reveal_in_file)
        self.detail.host_allowed.connect(self._allow_media_host)
        self.detail.link_refused.connect(
            lambda url: self.statusBar().showMessage(
                f"Not opened: only http, https and mailto links open ({url[:80]})", 6000))
        self.problems.itemActivated.connect(self._on_problem_activated)

    # ------------------------------------------------------------ files

    @property
    def view_state(self) -> ViewState:
        """What the user chose to see of the open file (see ViewChoices)."""
        return self.choices.state

    def document(self) -> TimelineDocument | None:
        return self._session.document if self._session is not None else None

    @property
    def session(self) -> Session | None:
        """The open file's session: its document and what is derived from it (None before a file is shown)."""
        return self._session

    def show_problems(self, result: LoadResult) -> None:
        self.problems.show_problems(result.problems)
        self.problems_dock.setVisible(bool(result.problems))

    def show_result(self, result: LoadResult, *, keep_view: bool, prepared: PreparedView | None = None) -> None:
        """Show a version of the file just read: its document in every view, its problems below."""
        # What was just loaded lives as long as the file is open: keep the collector from
        # scanning it again and again (a full pass over a million events stalls frames). What was
        # frozen before is thawed and collected first, or closed windows and old files would leak.
        # A background load has frozen its result on its worker already: a full collection now
        # would stall the window for as long as the load was large (0.2-0.9 s at a million).
        if prepared is None:
            replace_what_was_loaded()
        else:
            freeze_what_was_loaded()
        self.show_problems(result)
        document = result.document or TimelineDocument(events=[])
        name = self.files.path.name if self.files.path else "The file"
        self.canvas.set_empty_text(None if result.document is not None else
                                   f"{name} could not be read: see Problems below.\n"
                                   "Fix it in your editor; the timeline reloads when you save there.")
        session = self._session
        if keep_view and session is not None:
            # The same file again: one session, so undo history still reaches events by id, and
            # the events keep their uids (the selection and the place history follow them).
            session.replace_document(document)
        else:
            session = self._session = Session(document, after_preparing=keep_out_of_collections,
                                              while_updating=updating_out_of_collections)
            session.subscribe(self._on_document_changed)
        session.view_state = self.view_state  # the choices remembered for this file
        session.offer_prepared(prepared)
        self.search.start_afresh(session)
        self.editing.session = session
        self.show_document(view=self.canvas.viewport() if keep_view else None)
        if not keep_view:
            self._show_opening_view()
        errors, warnings = len(result.errors), len(result.warnings)
        if errors or warnings:
            self._status_counts.setText(self._status_counts.text() + f" · {errors} errors, {warnings} warnings")

    def show_document(self, view: Viewport | None) -> None:
        """Hand the session's view of its document to every view: canvas, overview, list, pane, find bar."""
        session = self._session
        assert session is not None
        document, prepared = session.document, session.prepared
        index, values, span = prepared.index, prepared.values, prepared.span
        self.editing.index = index
        limits = ZoomLimits.for_data(span, time.time())
        self.detail.set_document(document, index)
        path = self.files.path
        self.detail.set_media_context(path.parent if path else None, self.settings.media_hosts(path) if path else set())
        self.overview.set_index(index, limits)
        self.canvas.set_index(index, limits, view)
        self.overview.set_viewport(self.canvas.viewport())
        self.detail.show_event(self.canvas.selected_event())
        self.find_bar.set_values(values, {key: category.label for key, category in document.categories.items()
                                          if category.label})
        self.find_bar.set_counts(len(index.ordered), len(document.events))
        self.search.search(keep_position=True)
        self.update_title()
        self._status_counts.setText(f"{len(document.events):,} events · {len(index.lanes)} lanes")
        self.zones.apply()  # another file may keep another zone

    # ------------------------------------------------------------ search, filters, lanes

    def focus_search(self) -> None:
        self.find_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_bar.search.selectAll()

    def _select_from_list(self, event: Event | None) -> None:
        if event is not None:
            self.canvas.select(event)

    def toggle_list(self) -> None:
        showing = not self.list_dock.isVisible()
        self.list_dock.setVisible(showing)
        if showing:
            self.event_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------ navigation

    def ask_date(self, title: str, hint: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, hint)
        return text if ok and text.strip() else None

    def go_to_date(self) -> None:
        text = self.ask_date("Go to date", "A date in any form: 2025-06-12, June 2025, late 2024, 1990s…")
        if not text:
            return
        from timeline_app.model.dates import parse_date

        try:
            date = parse_date(text, allow_ongoing=True)
        except DateError as error:
            self.show_message("Not a date", str(error))
            return
        self.canvas.zoom_to_span(date.earliest, date.latest)

    def _on_document_changed(self, change: DocumentChange) -> None:
        if change.kind is ChangeKind.ERAS:
            self.eras.changed(change.position)
            return
        selected = self.canvas.selected_event()
        self.show_document(view=self.canvas.viewport())
        # An added or edited event becomes the selection, so the user sees what they did.
        target = self.canvas.index().by_uid(change.touched)
        if target is not None:
            self.canvas.note_touched(target)
            self.canvas.select(target)
        elif selected is not None and self.canvas.selected_event() is None:
            self.detail.show_event(None)

    # ------------------------------------------------------------ editing

    def new_event(self) -> None:
        view = self.canvas.viewport()
        self.editing.new_event(view.center, view.seconds_per_pixel(max(self.canvas.width(), 1)))

    def edit_selected(self) -> None:
        event, era = self.canvas.selected_event(), self.canvas.selected_era()
        if event is not None:
            self.editing.edit_event(event)
        elif era is not None:
            self.editing.edit_era(era)

    def delete_selected(self) -> None:
        era = self.canvas.selected_era()
        if era is not None:
            self.editing.delete_era(era)
            return
        event = self.canvas.selected_event()
        if event is not None:
            following = self.canvas.index().neighbour(event, 1)
            self.editing.delete_event(event)
            if following is not None:
                self.canvas.select(self.canvas.index().same_event(following), ensure_visible=False)

    def duplicate_selected(self) -> None:
        event = self.canvas.selected_event()
        if event is not None:
            self.editing.duplicate_event(event)

    # ------------------------------------------------------------ saving

    def open_path(self, path: Path | str, view: tuple[float | None, float | None] | None = None) -> bool:
        """Open a file (see FileController.open_path)."""
        return self.files.open_path(path, view)

    def reload(self) -> None:
        self.files.reload()

    def save(self) -> bool:
        return self.files.save()

    def is_dirty(self) -> bool:
        return self.files.is_dirty()

    def is_loading(self) -> bool:
        return self.files.is_loading()

    # Dialogs are methods so tests can answer them without a nested event loop.
    def ask_open_path(self, start: str) -> str:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open timeline", start,
            "Timelines (*.json *.csv *.ics *.timeline);;JSON, ours and TimelineJS (*.json);;"
            "CSV and TimelineJS sheets (*.csv);;iCalendar (*.ics);;The Timeline Project (*.timeline);;All files (*)")
        return name

    def ask_save_path(self, start: str) -> str:
        name, chosen = QFileDialog.getSaveFileName(
            self, "Save timeline as", start, ";;".join(SAVE_FILTERS))
        if name and "." not in Path(name).name:
            name += SAVE_FILTERS.get(chosen, ".json")
        return name

    def ask(self, title: str, text: str, choices: list[str]) -> str:
        """Ask a question with named answers; returns the chosen one (the last is the safe default)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        buttons = [(box.addButton(choice, QMessageBox.ButtonRole.ActionRole), choice) for choice in choices]
        box.setDefaultButton(buttons[0][0])
        box.exec()
        clicked = box.clickedButton()
        return next((choice for button, choice in buttons if button is clicked), choices[-1])

    def export(self) -> None:
        self.exports.export()

    def print_timeline(self) -> None:
        self.exports.print_timeline()

    def run_modal(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def reveal_in_file(self, event: Event) -> None:
        """Say where in the file the event is written, to the line."""
        path = self.files.path
        if path is None:
            return
        try:
            line, column = self.files.where_written(event)
        except (OSError, ValueError, IndexError) as error:
            self.statusBar().showMessage(f"Cannot read {path.name}: {error}", 6000)
            return
        self.detail.show_location(f"{path.name}, line {line}")
        self.statusBar().showMessage(f"“{event.title}” is written at {path}:{line}:{column}", 10000)

    # ------------------------------------------------------------ selection

    def _on_selection_changed(self, event: Event | None) -> None:
        self.detail.show_event(event)
        self.fit_detail_pane()
        self.event_list.select_event(event)

    def _select_by_uid(self, uid: int) -> None:
        target = self.canvas.index().by_uid(uid)
        if target is not None:
            self.canvas.select(target)

    def _allow_media_host(self, host: str) -> None:
        if self.files.path is not None:
            self.settings.allow_media_host(self.files.path, host)

    def focus_detail(self) -> None:
        if not self.detail.isVisible():
            self.command_actions["toggle_detail"].setChecked(True)
            self.toggle_detail()
        self.detail.browser.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def toggle_detail(self) -> None:
        self.fit_detail_pane()

    def fit_detail_pane(self) -> None:
        """Show the detail pane if it is on (F9); in a narrow window, only while an event is selected.

        Below NARROW_WINDOW the timeline needs the width more than an empty pane does.
        """
        wanted = self.command_actions["toggle_detail"].isChecked() and (
            self.width() >= NARROW_WINDOW or self.canvas.selected_event() is not None
            or self.canvas.selected_era() is not None)
        if self.detail.isHidden() == wanted:
            self.detail.setVisible(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_detail_pane()

    def _on_problem_activated(self, item: QListWidgetItem) -> None:
        event_index = ProblemsPanel.event_index_of(item)
        document = self.document()
        target = None if event_index is None or document is None else \
            self.canvas.index().same_event(document.event_at(event_index))
        if target is not None:
            self.canvas.select(target)
            return
        # Nothing on the timeline to show: say where to look, and that a fix there is picked up.
        line, column = ProblemsPanel.place_of(item)
        name = self.files.path.name if self.files.path else "the file"
        what = ("this event could not be read, so it is not on the timeline" if event_index is not None
                else "this is about the file as a whole")
        self.statusBar().showMessage(f"Line {line}, column {column} of {name}: {what}. Fix it in your editor; "
                                     "the timeline reloads when you save there.", 12_000)

    # ------------------------------------------------------------ dialogs

    def show_message(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("messageBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_shortcuts(self) -> None:
        show_shortcuts_sheet(self, self.command_actions)

    def show_about(self) -> None:
        QMessageBox.about(self, "About Timeline",
                          f"<b>Timeline</b> {__version__}<br>See the dated events of a story on a "
                          "zoomable timeline, with dates only as precise as they are known.")

    # ------------------------------------------------------------ recent files and settings

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)
            return
        for name in recent:
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _checked=False, chosen=name: self.open_path(chosen))

    def _show_opening_view(self) -> None:
        """A file just opened: the view asked for on the command line, else the one remembered, else the first."""
        requested, self.files.requested_view = self.files.requested_view, None
        if requested is not None:
            first = self.canvas.viewport()
            start, end = requested
            self.canvas.set_viewport(Viewport(first.start if start is None else start,
                                              first.end if end is None else end))
            return
        stored = self.settings.viewport(self.files.path) if self.files.path is not None else None
        if stored is not None:
            self.canvas.set_viewport(stored)

    def remember_viewport(self) -> None:
        if self.files.path is not None:
            self.settings.remember_viewport(self.files.path, self.canvas.viewport())

    def _restore_window_state(self) -> None:
        geometry = self.settings.window_state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(first_window_size(self.screen().availableGeometry().size()))
        splitter = self.settings.window_state("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            # The timeline takes what the detail pane can spare: a third of a narrow window, less of a wide one.
            detail = min(max(int(self.width() * 0.26), 240), 420)
            self.splitter.setSizes([max(self.width() - detail, 1), detail])

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_keep_unsaved_work(action="Quit"):
            event.ignore()
            return
        load = self.files.background
        if load is not None:
            self.files.cancel_loading()
            load.wait(2.0)  # the worker checks for Cancel every few thousand events
        self.remember_viewport()
        self.settings.remember_window_state(self.saveGeometry(), self.splitter.saveState())
        super().closeEvent(event)

    def _on_clean_changed(self, _clean: bool) -> None:
        self.update_title()

    def update_title(self) -> None:
        if self.files.path is None:
            self.setWindowTitle(APP_NAME)
            return
        self.setWindowFilePath(str(self.files.path))
        self.setWindowTitle(f"{self.files.path.name}[*] — {APP_NAME}")
        self.setWindowModified(self.is_dirty())

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event.mimeData().urls()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event.mimeData().urls())
        if path is not None:
            event.acceptProposedAction()
            self.open_path(path)

    @staticmethod
    def _dropped_file(urls: list[QUrl]) -> Path | None:
        for url in urls:
            if url.isLocalFile() and url.toLocalFile().lower().endswith((".json", ".csv", ".ics")):
                return Path(url.toLocalFile())
        return None
