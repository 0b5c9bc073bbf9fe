"""A View submenu of exclusive choices, the one chosen remembered in the settings (Time Zone, Appearance)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from timeline_app.ui.main_window import MainWindow


class MenuChoice(QObject):
    """Checkable items, one per key; choosing one stores it under ``setting`` and calls :meth:`apply`."""

    def __init__(self, window: MainWindow, title: str, texts: dict[str, str], setting: str) -> None:
        super().__init__(window)
        self._window = window
        self._setting = setting
        self.menu = QMenu(title, window)
        group = QActionGroup(self)
        self._actions: dict[str, QAction] = {}
        for key, text in texts.items():
            action = QAction(text, self.menu)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, chosen=key: self.choose(chosen))
            group.addAction(action)
            self.menu.addAction(action)
            self._actions[key] = action
        stored = window.settings.settings.value(setting, next(iter(texts)))
        self.choice = stored if stored in self._actions else next(iter(texts))  # another version's value: the first
        self._actions[self.choice].setChecked(True)

    def choose(self, key: str) -> None:
        self.choice = key
        self._actions[key].setChecked(True)
        self._window.settings.settings.setValue(self._setting, key)
        self.apply()

    def apply(self) -> None:
        raise NotImplementedError
