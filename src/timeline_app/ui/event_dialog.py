"""The event form: every field, a live reading of each date, and nothing saved that cannot be read."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from timeline_app.model.dates import DateError
from timeline_app.model.describe import explain_date
from timeline_app.model.draft import EventDraft, LinkDraft, SourceDraft, validate_draft
from timeline_app.model.view.colours import COLOR_BLIND_SAFE_PALETTE
from timeline_app.model.zones import Zone
from timeline_app.ui.canvas.theme import Theme
from timeline_app.ui.safe_text import SafeTextBrowser, markdown_to_html

ORIGIN_ROLE = Qt.ItemDataRole.UserRole + 1


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


class TokenLineEdit(QLineEdit):
    """Comma-separated values with completion of the value being typed."""

    def __init__(self, choices: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._completer = QCompleter(QStringListModel(choices, self), self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._insert_completion)
        self.textEdited.connect(self._update_completion)

    def tokens(self) -> list[str]:
        return [part.strip() for part in self.text().split(",") if part.strip()]

    def set_tokens(self, values: list[str]) -> None:
        self.setText(", ".join(values))

    def _current_token(self) -> str:
        return self.text()[: self.cursorPosition()].rsplit(",", 1)[-1].strip()

    def _update_completion(self, _text: str) -> None:
        prefix = self._current_token()
        if not prefix:
            popup = self._completer.popup()
            if popup is not None:
                popup.hide()
            return
        self._completer.setCompletionPrefix(prefix)
        self._completer.complete()

    def _insert_completion(self, value: str) -> None:
        before = self.text()[: self.cursorPosition()]
        after = self.text()[self.cursorPosition():]
        head = before.rsplit(",", 1)[0] + ", " if "," in before else ""
        self.setText(f"{head}{value}, {after.lstrip(', ')}".rstrip(", ") + ", ")
        self.setCursorPosition(len(self.text()))


class EventDialog(QDialog):
    """Create or edit one event."""

    def __init__(self, draft: EventDraft, categories: dict[str, tuple[str, str]], actors: list[str],
                 tags: list[str], *, title: str, parent: QWidget | None = None, zone: Zone | None = None) -> None:
        super().__init__(parent)
        self._zone = zone  # the file's: its times without an offset are read on these clocks
        self.setObjectName("eventDialog")
        self.setWindowTitle(title)
        self._categories = categories  # id -> (label, colour)
        self._new_category_color = QColor(COLOR_BLIND_SAFE_PALETTE[len(categories) % len(COLOR_BLIND_SAFE_PALETTE)])
        self._draft = draft
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_edit = QLineEdit(draft.title, self)
        self.title_edit.setPlaceholderText("What happened, in a line")
        form.addRow("&Title", self.title_edit)
        self.start_edit, self.start_reading = self._date_row(
            form, "&Start", draft.start, "e.g. 2025-06-12, April 2025, late 2025, c. 1850")
        self.end_edit, self.end_reading = self._date_row(form, "&End", draft.end, "optional; a date, or present")
        self.category_box = QComboBox(self)
        self.category_box.setEditable(True)
        self.category_box.addItem("", "")
        for key, (label, _color) in categories.items():
            self.category_box.addItem(label, key)
        current = self.category_box.findData(draft.category)
        if current >= 0:
            self.category_box.setCurrentIndex(current)
        else:
            self.category_box.setEditText(draft.category)
        self.color_button = QPushButton("Colour…", self)
        self.color_button.setToolTip("The colour of a new category")
        self.color_button.clicked.connect(self._choose_color)
        category_row = QHBoxLayout()
        category_row.addWidget(self.category_box, 1)
        category_row.addWidget(self.color_button)
        form.addRow(self._buddy_label("&Category", self.category_box), category_row)
        self.category_box.editTextChanged.connect(self._update_category)
        self.actors_edit = TokenLineEdit(actors, self)
        self.actors_edit.set_tokens(draft.actors)
        self.actors_edit.setPlaceholderText("People and organisations, separated by commas")
        form.addRow("&Actors", self.actors_edit)
        self.tags_edit = TokenLineEdit(tags, self)
        self.tags_edit.set_tokens(draft.tags)
        form.addRow("Ta&gs", self.tags_edit)
        self.description_tabs = QTabWidget(self)
        self.description_edit = QPlainTextEdit(draft.description, self)
        self.description_edit.setPlaceholderText("Markdown: **bold**, *italic*, [link](https://…)")
        self.description_preview = SafeTextBrowser(self)
        self.description_tabs.addTab(self.description_edit, "Write")
        self.description_tabs.addTab(self.description_preview, "Preview")
        self.description_tabs.currentChanged.connect(self._update_preview)
        form.addRow("&Description", self.description_tabs)
        self.sources_table = self._table(["Title", "Publisher", "Date", "URL"])
        for source in draft.sources:
            self._add_row(self.sources_table, [source.title, source.publisher, source.date, source.url], source.origin)
        form.addRow("Sources", self._table_with_buttons(self.sources_table, reorder=True))
        self.links_table = self._table(["Title", "URL"])
        for link in draft.links:
            self._add_row(self.links_table, [link.title, link.url], link.origin)
        form.addRow("Links", self._table_with_buttons(self.links_table, reorder=False))
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("problemLabel")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(f"color: {Theme.from_palette(self.palette()).error_text.name()}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        for edit in (self.title_edit, self.start_edit, self.end_edit):
            edit.textChanged.connect(self._check)
        self.sources_table.itemChanged.connect(self._check)
        self._update_category(self.category_box.currentText())
        self._check()
        self.resize(760, 720)

    # ------------------------------------------------------------ building

    def _date_row(self, form: QFormLayout, label: str, text: str, hint: str) -> tuple[QLineEdit, QLabel]:
        edit = QLineEdit(text, self)
        edit.setPlaceholderText(hint)
        reading = QLabel(self)
        reading.setTextFormat(Qt.TextFormat.PlainText)
        reading.setWordWrap(True)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(edit)
        column.addWidget(reading)
        form.addRow(self._buddy_label(label, edit), column)
        return edit, reading

    def _buddy_label(self, text: str, buddy: QWidget) -> QLabel:
        """A row label whose "&" mnemonic focuses its field (a plain string would show the "&")."""
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setMinimumHeight(90)
        return table

    def _add_row(self, table: QTableWidget, values: list[str], origin: object = None) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column == 0:
                item.setData(ORIGIN_ROLE, origin)
            table.setItem(row, column, item)

    def _table_with_buttons(self, table: QTableWidget, *, reorder: bool) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(table, 1)
        buttons = QVBoxLayout()
        add = QPushButton("Add", box)
        add.clicked.connect(lambda: self._add_row(table, [""] * table.columnCount()))
        remove = QPushButton("Remove", box)
        remove.clicked.connect(lambda: self._remove_row(table))
        buttons.addWidget(add)
        buttons.addWidget(remove)
        if reorder:
            up, down = QPushButton("Up", box), QPushButton("Down", box)
            up.clicked.connect(lambda: self.move_row(table, -1))
            down.clicked.connect(lambda: self.move_row(table, 1))
            buttons.addWidget(up)
            buttons.addWidget(down)
        buttons.addStretch(1)
        row.addLayout(buttons)
        return box

    def _remove_row(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)
            self._check()

    def move_row(self, table: QTableWidget, step: int) -> None:
        row = table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < table.rowCount():
            return
        taken = [table.takeItem(row, column) for column in range(table.columnCount())]
        moved = [table.takeItem(target, column) for column in range(table.columnCount())]
        for column in range(table.columnCount()):
            table.setItem(target, column, taken[column])
            table.setItem(row, column, moved[column])
        table.setCurrentCell(target, 0)

    # ------------------------------------------------------------ behaviour

    def _choose_color(self) -> None:
        color = QColorDialog.getColor(self._new_category_color, self, "Colour of the new category")
        if color.isValid():
            self._new_category_color = color
            self._update_category(self.category_box.currentText())

    def _update_category(self, text: str) -> None:
        is_new = bool(text.strip()) and self._category_id(text) not in self._categories
        self.color_button.setEnabled(is_new)
        self.color_button.setStyleSheet(f"background-color: {self._new_category_color.name()}" if is_new else "")

    def _category_id(self, text: str) -> str:
        text = text.strip()
        for key, (label, _color) in self._categories.items():
            if text in (key, label):
                return key
        return text

    def new_category(self) -> tuple[str, str, str] | None:
        """(id, label, colour) of a category the user typed that the file does not have yet."""
        text = self.category_box.currentText().strip()
        if not text or self._category_id(text) in self._categories:
            return None
        return text, text, self._new_category_color.name().upper()

    def _update_preview(self, index: int) -> None:
        if index == 1:
            self.description_preview.setHtml(markdown_to_html(self.description_edit.toPlainText()))

    def _reading(self, edit: QLineEdit, label: QLabel, *, allow_ongoing: bool) -> None:
        text = edit.text().strip()
        if not text:
            label.setText("")
            return
        try:
            label.setText(explain_date(text, allow_ongoing=allow_ongoing, zone=self._zone))
            label.setStyleSheet("color: palette(placeholder-text)")
        except DateError as error:
            label.setText(str(error))
            label.setStyleSheet(f"color: {Theme.from_palette(self.palette()).error_text.name()}")

    def _check(self) -> None:
        self._reading(self.start_edit, self.start_reading, allow_ongoing=False)
        self._reading(self.end_edit, self.end_reading, allow_ongoing=True)
        problems = validate_draft(self.draft())
        self.problem_label.setText("\n".join(problems.values()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def draft(self) -> EventDraft:
        sources = []
        for row in range(self.sources_table.rowCount()):
            title, publisher, date, url = (_cell(self.sources_table, row, column) for column in range(4))
            first = self.sources_table.item(row, 0)
            origin = first.data(ORIGIN_ROLE) if first is not None else None
            sources.append(SourceDraft(title, publisher, date, url, origin if isinstance(origin, dict) else None))
        links = []
        for row in range(self.links_table.rowCount()):
            title_item, url_item = self.links_table.item(row, 0), self.links_table.item(row, 1)
            origin = title_item.data(ORIGIN_ROLE) if title_item is not None else None
            links.append(LinkDraft(url_item.text() if url_item else "", title_item.text() if title_item else "",
                                   origin))
        return EventDraft(
            title=self.title_edit.text(),
            start=self.start_edit.text(),
            end=self.end_edit.text(),
            category=self._category_id(self.category_box.currentText()),
            actors=self.actors_edit.tokens(),
            tags=self.tags_edit.tokens(),
            description=self.description_edit.toPlainText(),
            sources=sources,
            links=links,
            id=self._draft.id,
        )
