"""The keymap: each key does one thing, where the sheet says it does."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from timeline_app.ui.actions import CANVAS_KEYS, COMMANDS, MENUS
from timeline_app.ui.main_window import MainWindow


def test_no_key_is_bound_to_two_commands(window: MainWindow) -> None:
    # Qt runs neither of two actions that share a key ("ambiguous shortcut"): both keys would be dead.
    seen: dict[str, str] = {}
    for command in COMMANDS:
        for key in window.command_actions[command.name].shortcuts():
            text = key.toString()
            assert text not in seen, f"{text} is bound to {seen[text]} and {command.name}"
            seen[text] = command.name


def test_every_single_key_of_the_timeline_reaches_its_command(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.canvas.setFocus()
    for command in COMMANDS:
        if not command.canvas_only:
            continue
        action = window.command_actions[command.name]
        fired: list[bool] = []
        action.triggered.disconnect()  # what it would do (open a form, a dialog) is not what is tested
        action.triggered.connect(lambda _checked=False, fired=fired: fired.append(True))
        for key in action.shortcuts():
            fired.clear()
            combination = key[0]
            qtbot.keyClick(window.canvas, combination.key(), combination.keyboardModifiers())
            assert fired, f"{key.toString()} did not reach {command.name}"


def test_the_sheet_lists_every_key_and_every_menu_entry_is_a_command(window: MainWindow, qtbot: QtBot) -> None:
    window.show_shortcuts()
    table = window.findChild(QTableWidget)
    assert table is not None
    listed = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    for command in COMMANDS:
        for key in window.command_actions[command.name].shortcuts():
            name = command.text.replace("&", "")
            assert key.toString(QKeySequence.SequenceFormat.NativeText) in listed[name].split(" / ")
    assert all(name in listed for name, _keys in CANVAS_KEYS)
    # The canvas's own keys never restate a command's: each key is written once, with its command.
    bound = {key.toString(QKeySequence.SequenceFormat.NativeText) for action in window.command_actions.values()
             for key in action.shortcuts()}
    for name, keys in CANVAS_KEYS:
        if keys.endswith("in the search field"):
            continue  # the field's own keys, where a command's single keys do not act
        named = {part.strip() for alternative in keys.split(",") for part in alternative.split(" / ")}
        assert not named & bound, f"{name}: {named & bound} are a command's keys"
    names = {command.name for command in COMMANDS}
    for _title, entries in MENUS:
        assert all(entry in names for entry in entries if entry != "-" and not entry.startswith("@"))


def test_undo_answers_every_key_the_platform_binds_to_it(window: MainWindow) -> None:
    expected = [key.toString() for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)]
    assert [key.toString() for key in window.command_actions["undo"].shortcuts()] == expected
