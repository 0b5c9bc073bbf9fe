"""The bar above the timeline: search as you type, filters as removable chips, and lane choice."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from timeline_app.model.view.index import LANE_FIELDS
from timeline_app.model.view.query import PRECISION_GROUPS, Filters


class SearchField(QLineEdit):
    """Enter and Shift+Enter walk the matches; Esc clears."""

    next_requested = Signal()
    previous_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous_requested.emit()
            else:
                self.next_requested.emit()
            event.accept()
        elif event.key() == Qt.Key.Key_Escape:
            self.clear()
            event.accept()
        else:
            super().keyPressEvent(event)


class FindBar(QWidget):
    """Search field, match count, filter menu and chips, lane choice."""

    query_changed = Signal(str)
    filters_changed = Signal()
    lanes_by_changed = Signal(str)
    date_range_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.filters = Filters()
        self._values: dict[str, list[tuple[str, int]]] = {}
        self._category_labels: dict[str, str] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.search = SearchField(self)
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText("Search titles, people, tags, sources… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search events")
        self.search.setMinimumWidth(180)
        self.search.textChanged.connect(self.query_changed)
        self.match_label = QLabel(self)
        self.match_label.setObjectName("matchLabel")
        # Wide enough for the longest it says, so the search field does not jump as it changes.
        self.match_label.setMinimumWidth(max(self.match_label.fontMetrics().horizontalAdvance(text)
                                             for text in ("searching… 100%", "888,888 of 888,888")) + 4)
        self.filter_button = QToolButton(self)
        self.filter_button.setText("Filter")
        self.filter_button.setAccessibleName("Filter events")
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.filter_menu = QMenu(self)
        self.filter_menu.aboutToShow.connect(self._fill_filter_menu)
        self.filter_button.setMenu(self.filter_menu)
        self.chips = QWidget(self)
        self.chips_layout = QHBoxLayout(self.chips)
        self.chips_layout.setContentsMargins(0, 0, 0, 0)
        self.chips_layout.setSpacing(4)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.clear_button = QPushButton("Clear all", self)
        self.clear_button.clicked.connect(self.clear_filters)
        self.lanes_box = QComboBox(self)
        self.lanes_box.setAccessibleName("Lanes by")
        for key, label in LANE_FIELDS.items():
            self.lanes_box.addItem(f"Lanes: {label}", key)
        self.lanes_box.currentIndexChanged.connect(
            lambda _i: self.lanes_by_changed.emit(str(self.lanes_box.currentData())))
        layout.addWidget(self.search, 2)
        layout.addWidget(self.match_label)
        layout.addWidget(self.filter_button)
        layout.addWidget(self.chips, 3)
        layout.addWidget(self.count_label)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.lanes_box)
        self._refresh_chips()

    def set_values(self, values: dict[str, list[tuple[str, int]]], category_labels: dict[str, str]) -> None:
        """The values each field has in the file, with counts, and the categories' labels, for the filter menu."""
        self._values, self._category_labels = values, category_labels
        self._refresh_chips()

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self._refresh_chips()

    def set_lanes_by(self, lanes_by: str) -> None:
        index = self.lanes_box.findData(lanes_by)
        if index >= 0:
            self.lanes_box.blockSignals(True)
            self.lanes_box.setCurrentIndex(index)
            self.lanes_box.blockSignals(False)

    def set_counts(self, shown: int, total: int) -> None:
        hidden = total - shown
        self.count_label.setText(f"{shown:,} of {total:,} shown" + (f", {hidden:,} hidden" if hidden else ""))

    def set_match_text(self, text: str) -> None:
        self.match_label.setText(text)

    def clear_filters(self) -> None:
        self.filters = Filters()
        self._changed()

    def _changed(self) -> None:
        self._refresh_chips()
        self.filters_changed.emit()

    def _refresh_chips(self) -> None:
        while self.chips_layout.count():
            item = self.chips_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone from the bar now, not at the next turn of the event loop
                widget.deleteLater()
        for kind, value, label in self.filters.chips(self._category_labels):
            chip = QPushButton(f"{label}  ×", self.chips)
            chip.setObjectName("filterChip")
            chip.setToolTip("Remove this filter")
            chip.setAccessibleName(f"Remove filter {label}")
            chip.clicked.connect(lambda _checked=False, k=kind, v=value: self._remove(k, v))
            self.chips_layout.addWidget(chip)
        self.chips_layout.addStretch(1)
        self.clear_button.setEnabled(not self.filters.is_empty())

    def _remove(self, kind: str, value: str) -> None:
        self.filters.remove(kind, value)
        self._changed()

    def _toggle(self, kind: str, value: str, on: bool) -> None:
        chosen = {"category": self.filters.categories, "tag": self.filters.tags, "actor": self.filters.actors,
                  "publisher": self.filters.publishers, "precision": self.filters.precisions}[kind]
        if on:
            chosen.add(value)
        else:
            chosen.discard(value)
        self._changed()

    def _set_flag(self, attribute: str, on: bool) -> None:
        setattr(self.filters, attribute, on)
        self._changed()

    def _fill_filter_menu(self) -> None:
        menu = self.filter_menu
        menu.clear()
        chosen = {"category": self.filters.categories, "tag": self.filters.tags, "actor": self.filters.actors,
                  "publisher": self.filters.publishers}
        for kind, title in (("category", "&Category"), ("actor", "&Who"), ("tag", "&Tag"),
                            ("publisher", "Source &publisher")):
            submenu = menu.addMenu(title)
            values = self._values.get(kind, [])
            if not values:
                submenu.addAction("(none in this file)").setEnabled(False)
            for value, count in values[:60]:
                name = (self._category_labels.get(value) if kind == "category" else None) or value or "(none)"
                action = submenu.addAction(f"{name}  ({count})")
                action.setCheckable(True)
                action.setChecked(value in chosen[kind])
                action.toggled.connect(lambda on, k=kind, v=value: self._toggle(k, v, on))
        precision = menu.addMenu("Date &precision")
        for key, label in PRECISION_GROUPS.items():
            action = precision.addAction(label)
            action.setCheckable(True)
            action.setChecked(key in self.filters.precisions)
            action.toggled.connect(lambda on, k=key: self._toggle("precision", k, on))
        precision.addSeparator()
        for attribute, label in (("hide_approximate", "Hide approximate dates"),
                                 ("hide_uncertain", "Hide uncertain dates")):
            action = precision.addAction(label)
            action.setCheckable(True)
            action.setChecked(getattr(self.filters, attribute))
            action.toggled.connect(lambda on, a=attribute: self._set_flag(a, on))
        menu.addAction("&Dates between…", self.date_range_requested.emit)
