"""Dialogs for sharing: export options, and which CSV column holds what."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.model.timeaxis import SECONDS_PER_DAY, SECONDS_PER_MEAN_YEAR
from timeline_app.storage.formats.csvformat import COLUMNS
from timeline_app.ui.export import ExportOptions

PAGE_SPANS = [("Everything on one page", None), ("A week per page", 7 * SECONDS_PER_DAY),
              ("A month per page", SECONDS_PER_MEAN_YEAR / 12), ("Three months per page", SECONDS_PER_MEAN_YEAR / 4),
              ("A year per page", SECONDS_PER_MEAN_YEAR), ("Five years per page", 5 * SECONDS_PER_MEAN_YEAR),
              ("A decade per page", 10 * SECONDS_PER_MEAN_YEAR), ("A century per page", 100 * SECONDS_PER_MEAN_YEAR)]



def _finish_with_ok_cancel(dialog: QDialog, form: QFormLayout) -> None:
    """The form above OK and Cancel, which accept and reject the dialog."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(buttons)

class ExportDialog(QDialog):
    """Format, extent and the options that matter for it."""

    def __init__(self, title: str, parent: QWidget | None = None, *, printing: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Print" if printing else "Export")
        form = QFormLayout()
        self.format_box = QComboBox(self)
        for label, suffix in (("PNG picture", ".png"), ("SVG vector drawing", ".svg"), ("PDF document", ".pdf")):
            self.format_box.addItem(label, suffix)
        if not printing:
            form.addRow("&Format", self.format_box)
        scope = QHBoxLayout()
        self.view_button = QRadioButton("&Current view", self)
        self.whole_button = QRadioButton("&Whole timeline", self)
        self.view_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.view_button)
        group.addButton(self.whole_button)
        scope.addWidget(self.view_button)
        scope.addWidget(self.whole_button)
        form.addRow("Show", scope)
        self.scale_box = QDoubleSpinBox(self)
        self.scale_box.setRange(1.0, 4.0)
        self.scale_box.setSingleStep(0.5)
        self.scale_box.setValue(2.0)
        self.scale_box.setSuffix("×")
        self.transparent_box = QCheckBox("Transparent background", self)
        self.dark_box = QCheckBox("Dark colours (as the window shows them in Dark)", self)
        if not printing:
            form.addRow("&Scale", self.scale_box)
            form.addRow("", self.transparent_box)
            form.addRow("", self.dark_box)
        self.page_box = QComboBox(self)
        for name in ("A4", "A3", "Letter", "Legal", "Tabloid"):
            self.page_box.addItem(name)
        self.orientation_box = QComboBox(self)
        self.orientation_box.addItems(["Landscape", "Portrait"])
        self.span_box = QComboBox(self)
        for label, seconds in PAGE_SPANS:
            self.span_box.addItem(label, seconds)
        form.addRow("&Page size", self.page_box)
        form.addRow("&Orientation", self.orientation_box)
        form.addRow("Pages &split", self.span_box)
        self.format_box.currentIndexChanged.connect(self._update)
        _finish_with_ok_cancel(self, form)
        self._title = title
        self._printing = printing
        self._update()

    def suffix(self) -> str:
        return ".pdf" if self._printing else str(self.format_box.currentData())

    def _update(self) -> None:
        png = self.suffix() == ".png"
        pages = self.suffix() == ".pdf"
        self.scale_box.setEnabled(png)
        self.transparent_box.setEnabled(png)
        for widget in (self.page_box, self.orientation_box, self.span_box):
            widget.setEnabled(pages)

    def options(self) -> ExportOptions:
        span = self.span_box.currentData()
        return ExportOptions(whole=self.whole_button.isChecked(), scale=self.scale_box.value(),
                             transparent=self.transparent_box.isChecked() and self.suffix() == ".png",
                             dark=self.dark_box.isChecked(),
                             page_size=self.page_box.currentText(),
                             landscape=self.orientation_box.currentText() == "Landscape",
                             page_span=float(span) if span else None, title=self._title)


class CsvMappingDialog(QDialog):
    """Which of our fields each CSV column holds, for headers the reader did not recognise."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("csvMappingDialog")
        self.setWindowTitle("Which column holds what?")
        form = QFormLayout()
        self.boxes: list[QComboBox] = []
        for header in headers:
            box = QComboBox(self)
            box.addItem("(keep as an extra field)", "")
            for column in COLUMNS:
                box.addItem(column, column)
            self.boxes.append(box)
            form.addRow(header or "(no name)", box)
        _finish_with_ok_cancel(self, form)

    def mapping(self) -> dict[int, str]:
        return {position: str(box.currentData()) for position, box in enumerate(self.boxes) if box.currentData()}
