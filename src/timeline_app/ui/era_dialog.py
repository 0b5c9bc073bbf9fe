"""The era form: title, dates in any form the file takes, a colour and a description."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.model.dates import DateError
from timeline_app.model.describe import explain_date
from timeline_app.model.rules import DocumentReader
from timeline_app.model.view.eras import DEFAULT_ERA_COLOR
from timeline_app.model.zones import Zone

FIELDS = ("title", "start", "end", "color", "description")


class EraDialog(QDialog):
    """Asks for an era's fields; OK only once the era reads as a file would read it."""

    def __init__(self, fields: dict[str, str], title: str, parent: QWidget | None = None,
                 zone: Zone | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title_edit = QLineEdit(fields.get("title", ""), self)
        self.title_edit.setPlaceholderText("The deal")
        self.start_edit = QLineEdit(fields.get("start", ""), self)
        self.start_edit.setPlaceholderText("2025-04, April 2025?, late 2025, 2025-06-12…")
        self.start_reading = QLabel(self)
        self.end_edit = QLineEdit(fields.get("end", ""), self)
        self.end_edit.setPlaceholderText("2025-06-12, or present")
        self.end_reading = QLabel(self)
        for reading in (self.start_reading, self.end_reading):
            reading.setWordWrap(True)
            reading.setStyleSheet("color: palette(placeholder-text)")
        self.color_edit = QLineEdit(fields.get("color", ""), self)
        self.color_edit.setPlaceholderText(f"{DEFAULT_ERA_COLOR} (grey) when empty")
        self.color_button = QPushButton("Choose…", self)
        self.color_button.clicked.connect(self._choose_color)
        color_row = QHBoxLayout()
        color_row.addWidget(self.color_edit, 1)
        color_row.addWidget(self.color_button)
        self.description_edit = QPlainTextEdit(fields.get("description", ""), self)
        self.description_edit.setPlaceholderText("What frames this period (Markdown)")
        self.description_edit.setMinimumHeight(90)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Start:", self.start_edit)
        form.addRow("", self.start_reading)
        form.addRow("&End:", self.end_edit)
        form.addRow("", self.end_reading)
        form.addRow("Colour:", color_row)
        form.addRow("&Description:", self.description_edit)
        layout.addLayout(form)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setObjectName("eraProblems")
        layout.addWidget(self.problems)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.title_edit, self.start_edit, self.end_edit, self.color_edit):
            edit.textChanged.connect(self._check)
        self._check()

    def fields(self) -> dict[str, str]:
        """What the form holds, trimmed; "" for a field left empty (taken out of the era)."""
        return {"title": self.title_edit.text().strip(), "start": self.start_edit.text().strip(),
                "end": self.end_edit.text().strip(), "color": self.color_edit.text().strip(),
                "description": self.description_edit.toPlainText().strip()}

    def _choose_color(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color_edit.text() or DEFAULT_ERA_COLOR), self, "Era colour")
        if chosen.isValid():
            self.color_edit.setText(chosen.name().upper())

    def _check(self) -> None:
        fields = self.fields()
        for text, reading, ongoing in ((fields["start"], self.start_reading, False),
                                       (fields["end"], self.end_reading, True)):
            try:
                reading.setText(explain_date(text, allow_ongoing=ongoing, zone=self._zone) if text else "")
            except DateError:
                reading.setText("")
        raw = {key: value for key, value in fields.items() if value}
        errors = DocumentReader().era_errors(raw)
        self.problems.setText("\n".join(f"{'.'.join(map(str, finding.path[2:])) or 'era'}: {finding.message}"
                                        for finding in errors))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(not errors)
