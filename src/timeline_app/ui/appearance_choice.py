"""View > Appearance: follow the desktop's light or dark scheme live, or keep Light or Dark, remembered.

The window's palette is what everything draws from (the canvas's theme, the overview, the
detail pane, the dialogs), so the choice sets one palette; exports stay light (see ExportController).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from timeline_app.ui.canvas.theme import dark_palette
from timeline_app.ui.menu_choice import MenuChoice

if TYPE_CHECKING:
    from timeline_app.ui.main_window import MainWindow

SYSTEM, LIGHT, DARK = "system", "light", "dark"
_DESKTOP: list[QPalette] = []  # the desktop's own palette, kept before this app first changed it


def _desktop_palette() -> QPalette:
    """The palette the desktop gave the app: for Light, for a light desktop, and for exports."""
    if not _DESKTOP:
        _DESKTOP.append(QPalette(QGuiApplication.palette()))
    return _DESKTOP[0]
_SETTING = "view/appearance"
_TEXTS = {SYSTEM: "&System", LIGHT: "&Light", DARK: "&Dark"}


class AppearanceChoice(MenuChoice):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window, "&Appearance", _TEXTS, _SETTING)
        _desktop_palette()  # kept now, before apply() changes what the app has
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        self.apply()

    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.choice == SYSTEM:
            self.apply()  # the desktop went dark or light: so does the window, live

    def is_dark(self) -> bool:
        if self.choice == SYSTEM:
            return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
        return self.choice == DARK

    @staticmethod
    def light_palette() -> QPalette:
        return QPalette(_desktop_palette())

    def apply(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(dark_palette() if self.is_dark() else self.light_palette())
