"""Every command of the window with its keys and its place in the menus: one keymap.

The actions, the menus, the toolbar and the keyboard-shortcuts sheet are all made from it,
so a key is written once and the sheet can never list a key that does nothing. Keys the
canvas handles itself (arrows, drags, the wheel) are listed in CANVAS_KEYS beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from timeline_app.ui.canvas.widget import KEY_ZOOM

if TYPE_CHECKING:
    from timeline_app.ui.main_window import MainWindow


@dataclass(frozen=True)
class Command:
    """One thing the user can ask of the window; the window holds its action as ``<name>_action``."""

    name: str
    text: str
    keys: tuple[str | QKeySequence.StandardKey, ...]
    run: Callable[[MainWindow], object] | None  # None: the undo stack's own action, whose text names the step
    canvas_only: bool = False  # single keys act on the timeline only, so they never steal typing elsewhere
    status: str = ""
    checked: bool | None = None  # a toggle, and whether it starts on


COMMANDS: tuple[Command, ...] = (
    Command("open", "&Open…", ("Ctrl+O",), lambda w: w.files.choose_file(), status="Open an events.json file"),
    Command("reload", "&Reload", ("Ctrl+R", "F5"), lambda w: w.reload(), status="Read the file again from disk"),
    Command("save", "&Save", ("Ctrl+S",), lambda w: w.save(), status="Save the timeline"),
    Command("save_as", "Save &As…", ("Ctrl+Shift+S",), lambda w: w.files.save_as()),
    Command("export", "&Export…", ("Ctrl+E",), lambda w: w.export(), status="Save the timeline as a PNG, SVG or PDF"),
    Command("print", "&Print…", ("Ctrl+P",), lambda w: w.print_timeline()),
    Command("quit", "&Quit", ("Ctrl+Q",), lambda w: w.close()),
    Command("undo", "&Undo", (QKeySequence.StandardKey.Undo,), None),
    Command("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), None),
    Command("new_event", "&New Event…", ("Ctrl+N",), lambda w: w.new_event(),
            status="Add an event at the middle of the view"),
    Command("edit_event", "&Edit Event…", ("Return", "Enter"), lambda w: w.edit_selected(), canvas_only=True),
    Command("delete_event", "&Delete Event", ("Del",), lambda w: w.delete_selected(), canvas_only=True),
    Command("duplicate_event", "D&uplicate Event", ("Ctrl+D",), lambda w: w.duplicate_selected()),
    Command("new_era", "New E&ra…", ("Ctrl+Shift+N",), lambda w: w.eras.new_era(),
            status="Add an era, a period drawn behind the lanes, over the middle of the view"),
    Command("zoom_in", "Zoom &In", ("+", "=", "Ctrl++"), lambda w: w.canvas.zoom(KEY_ZOOM), canvas_only=True),
    Command("zoom_out", "Zoom &Out", ("-", "_", "Ctrl+-"), lambda w: w.canvas.zoom(1 / KEY_ZOOM), canvas_only=True),
    Command("fit", "&Fit All", ("Ctrl+0", "Home"), lambda w: w.canvas.fit_all()),
    Command("zoom_selection", "Zoom to &Selection", ("F",), lambda w: w.canvas.zoom_to_selection(),
            canvas_only=True),
    Command("today", "Go to &Today", ("T",), lambda w: w.canvas.go_to_today(), canvas_only=True),
    Command("find", "&Find…", ("Ctrl+F",), lambda w: w.focus_search(), status="Search the events"),
    Command("find_next", "Find &Next", ("F3",), lambda w: w.search.walk(1)),
    Command("find_previous", "Find Pre&vious", ("Shift+F3",), lambda w: w.search.walk(-1)),
    Command("go_to_date", "&Go to Date…", ("Ctrl+G",), lambda w: w.go_to_date()),
    Command("back", "&Back", ("Alt+Left",), lambda w: w.places.back()),
    Command("forward", "For&ward", ("Alt+Right",), lambda w: w.places.forward()),
    Command("fold_lane", "Fold or Unfold Lane", ("Ctrl+Shift+L",), lambda w: w.choices.fold_selected_lane()),
    Command("lane_up", "Move Lane Up", ("Ctrl+Shift+Up",), lambda w: w.choices.move_selected_lane(-1)),
    Command("lane_down", "Move Lane Down", ("Ctrl+Shift+Down",), lambda w: w.choices.move_selected_lane(1)),
    Command("toggle_detail", "&Detail Pane", ("F9",), lambda w: w.toggle_detail(), checked=True),
    Command("focus_detail", "Read &Details", ("F6",), lambda w: w.focus_detail()),
    Command("toggle_list", "Event &List", ("Ctrl+L",), lambda w: w.toggle_list()),
    Command("shortcuts", "&Keyboard Shortcuts", ("F1",), lambda w: w.show_shortcuts()),
    # "?" only on the timeline: in the search field or a form it is a character to type.
    Command("shortcuts_here", "Keyboard shortcuts, from the timeline", ("?",), lambda w: w.show_shortcuts(),
            canvas_only=True),
    Command("about", "&About Timeline", (), lambda w: w.show_about()),
)

# What each menu holds, in order: commands by name, "-" a separator, "@…" a part the window makes.
MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("&File", ("open", "@recent", "reload", "-", "save", "save_as", "-", "export", "print", "-", "quit")),
    ("&Edit", ("undo", "redo", "@history", "-", "new_event", "edit_event", "duplicate_event", "delete_event", "-",
               "new_era")),
    ("&View", ("zoom_in", "zoom_out", "fit", "zoom_selection", "today", "-", "toggle_detail", "focus_detail",
               "toggle_list", "-", "find", "find_next", "find_previous", "go_to_date", "back", "forward", "-",
               "fold_lane", "lane_up", "lane_down", "-", "@time_zone", "@appearance", "@problems")),
    ("&Help", ("shortcuts", "about")),
)
TOOLBAR = ("new_event", "edit_event", "delete_event", "undo", "redo", "save")

# What the canvas and the search field handle themselves, listed in the shortcuts sheet after the
# commands: never a key a command has, which the sheet lists with its command.
CANVAS_KEYS = [
    ("Select previous / next event", "Left / Right"),
    ("Pan earlier / later", "Shift+Left / Shift+Right, horizontal scroll, drag the background"),
    ("Pan a page", "Page Up / Page Down"),
    ("Zoom around the pointer", "Mouse wheel, pinch"),
    ("Zoom into a span", "Drag across the time axis"),
    ("Scroll lanes", "Up / Down, Alt+wheel"),
    ("Edit an event", "Double-click it"),
    ("Read about an era / edit it", "Click / double-click it in the band under the axis"),
    ("New event at a date", "Double-click empty timeline space"),
    ("Move an event / change a range's start or end", "Drag it / drag either end"),
    ("Walk search matches", "Enter / Shift+Enter in the search field"),
    ("Clear the search", "Esc in the search field"),
    ("Collapse or expand a lane", "Click its header"),
    ("Reorder lanes", "Drag a lane's header up or down"),
    ("Back / forward through views", "The mouse's back and forward buttons"),
    ("Clear the selection", "Esc"),
]


def _sequences(keys: tuple[str | QKeySequence.StandardKey, ...]) -> list[QKeySequence]:
    """The key sequences of a command; a standard key brings all the platform's bindings (Undo: Ctrl+Z,
    Alt+Backspace and the Undo key), which one QKeySequence of it would cut to the first."""
    sequences: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences.extend(QKeySequence.keyBindings(key))
        else:
            sequences.append(QKeySequence(key))
    return sequences


def build_actions(window: MainWindow) -> dict[str, QAction]:
    """Every command's action, set on the window as ``<name>_action``, its keys bound where they act."""
    actions: dict[str, QAction] = {}
    for command in COMMANDS:
        run = command.run
        if run is None:
            make = window.undo_stack.createUndoAction if command.name == "undo" else window.undo_stack.createRedoAction
            action = make(window, command.text)
        else:
            action = QAction(command.text, window)
            action.triggered.connect(lambda _checked=False, run=run: run(window))
        action.setShortcuts(_sequences(command.keys))
        if command.status:
            action.setStatusTip(command.status)
        if command.checked is not None:
            action.setCheckable(True)
            action.setChecked(command.checked)
        if command.canvas_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            window.canvas.addAction(action)
        else:
            window.addAction(action)
        actions[command.name] = action
    for name, action in actions.items():
        setattr(window, f"{name}_action", action)
    return actions


def build_menus(window: MainWindow, actions: dict[str, QAction], parts: dict[str, QAction | QMenu]) -> None:
    """The menu bar and the toolbar, from MENUS and TOOLBAR; ``parts`` holds what the window makes ("@…")."""
    for title, entries in MENUS:
        menu = window.menuBar().addMenu(title)
        for entry in entries:
            if entry == "-":
                menu.addSeparator()
            elif entry.startswith("@"):
                part = parts[entry[1:]]
                if isinstance(part, QMenu):
                    menu.addMenu(part)
                else:
                    menu.addAction(part)
            else:
                menu.addAction(actions[entry])
    toolbar = QToolBar("Edit", window)
    toolbar.setObjectName("editToolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name in TOOLBAR:
        toolbar.addAction(actions[name])
    window.addToolBar(toolbar)


def shortcut_rows(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """What the shortcuts sheet lists: every command that has keys, then the canvas's own keys."""
    rows = []
    for command in COMMANDS:
        keys = actions[command.name].shortcuts()
        if keys and command.name != "shortcuts_here":
            rows.append((command.text.replace("&", ""),
                         " / ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in keys)))
    return rows + CANVAS_KEYS + [(actions["shortcuts_here"].text(), "?")]


def show_shortcuts_sheet(parent: QWidget, actions: dict[str, QAction]) -> QDialog:
    """The keyboard-shortcuts sheet, opened without blocking."""
    dialog = QDialog(parent)
    dialog.setObjectName("shortcutsDialog")
    dialog.setWindowTitle("Keyboard Shortcuts")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    entries = shortcut_rows(actions)
    table = QTableWidget(len(entries), 2, dialog)
    table.setHorizontalHeaderLabels(["Action", "Keys"])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    for row, (name, keys) in enumerate(entries):
        table.setItem(row, 0, QTableWidgetItem(name))
        table.setItem(row, 1, QTableWidgetItem(keys))
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(620, 460)
    dialog.open()
    return dialog
