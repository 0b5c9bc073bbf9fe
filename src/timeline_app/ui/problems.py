"""The problems of the open file: a list with each one's line and column, and a banner above the timeline."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from timeline_app.model.rules import Severity
from timeline_app.storage.loader import Problem
from timeline_app.ui.canvas.theme import Theme

PLACE_ROLE = Qt.ItemDataRole.UserRole + 1  # a problem's (line, column) in the file


class ProblemsPanel(QListWidget):
    """Every problem of the open file, with its line and column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsPanel")
        self.setAccessibleName("Problems in the file")
        self.setWordWrap(True)

    def show_problems(self, problems: list[Problem]) -> None:
        self.clear()
        for problem in problems:
            item = QListWidgetItem(problem.format())
            icon = self.style().standardIcon(
                self.style().StandardPixmap.SP_MessageBoxCritical if problem.severity is Severity.ERROR
                else self.style().StandardPixmap.SP_MessageBoxWarning)
            item.setIcon(icon)
            item.setData(Qt.ItemDataRole.UserRole, problem.event_index)
            item.setData(PLACE_ROLE, (problem.line, problem.column))
            self.addItem(item)

    @staticmethod
    def event_index_of(item: QListWidgetItem) -> int | None:
        """The place in the events array of the event a problem is about (None: the file as a whole)."""
        value = item.data(Qt.ItemDataRole.UserRole)
        return value if isinstance(value, int) else None

    @staticmethod
    def place_of(item: QListWidgetItem) -> tuple[int, int]:
        """The line and column a problem points at."""
        value = item.data(PLACE_ROLE)
        return (int(value[0]), int(value[1])) if isinstance(value, (tuple, list)) and len(value) == 2 else (1, 1)


class ProblemBanner(QFrame):
    """A strip above the timeline saying why what is on disk is not what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._style()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.show_button = QPushButton("Show problems", self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_button)
        self.hide()

    def _style(self) -> None:
        theme = Theme.from_palette(QApplication.palette())
        sheet = (f"#problemBanner {{ background: {theme.banner_background.name()}; "
                 f"border: 1px solid {theme.banner_border.name()}; }}"
                 f"#problemBanner QLabel {{ color: {theme.banner_text.name()}; }}")
        if sheet != self.styleSheet():  # a new sheet is a change of its own: set only what differs
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._style()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()
