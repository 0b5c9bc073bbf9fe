"""The event list: a sortable table over the same events the timeline shows, and a screen reader's way in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from timeline_app.model.describe import HOVER_TITLE_CHARACTERS, dates_words, describe_when
from timeline_app.model.document import Event
from timeline_app.model.safety import reveal_hidden
from timeline_app.model.view.appearance import shorten_at_word
from timeline_app.model.view.lanes import position_in_time_order
from timeline_app.ui.safe_text import plain_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("Date", "Title", "Category", "Actors", "Precision", "Sources")


def _precision_words(event: Event) -> str:
    words = [event.start.precision.noun]
    if event.start.approximate:
        words.append("approximate")
    if event.start.uncertain:
        words.append("uncertain")
    return ", ".join(words)


_SORT_KEYS: tuple[Callable[[Event], Any], ...] = (
    lambda e: (e.begin, e.finish),
    lambda e: e.title.casefold(),
    lambda e: (e.category or "").casefold(),
    lambda e: ", ".join(e.actors).casefold(),
    lambda e: (-e.start.precision, e.start.approximate, e.start.uncertain),
    lambda e: e.source_count,
)

RESIZE_PRECISION_ROWS = 200
LISTED_TITLE_CHARACTERS = 300  # of a title in its column: the column is fitted to what it shows


class EventTableModel(QAbstractTableModel):
    """Rows are the document's own Event objects (the shown ones), never copies."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._events: list[Event] = []
        self._labels: dict[str, str] = {}
        self._sort = (0, Qt.SortOrder.AscendingOrder)
        self._rows: dict[int, int] | None = None  # row of each event by identity, made when first asked
        self._in_time_order = False  # rows exactly in the index's order: found by bisection, no dict needed

    def set_events(self, events: list[Event], category_labels: dict[str, str], *, in_time_order: bool = False) -> None:
        """Show ``events``; ``in_time_order``: they already are, so sorting by date has nothing to do."""
        self.beginResetModel()
        self._events = list(events)
        self._labels = category_labels
        self._in_time_order = in_time_order and self._sort == (0, Qt.SortOrder.AscendingOrder)
        if not self._in_time_order:
            self._apply_sort()
        self._rows = None
        self.endResetModel()

    def event_at(self, row: int) -> Event | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def row_of(self, event: Event | None) -> int:
        if event is None:
            return -1
        if self._in_time_order:
            row = position_in_time_order(self._events, event)
            return -1 if row is None else row
        if self._rows is None:
            # Following the selection must not scan a million rows each time.
            self._rows = {id(item): row for row, item in enumerate(self._events)}
        return self._rows.get(id(event), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        event = self.event_at(index.row())
        if event is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return dates_words(event)
            if column == 1:
                return reveal_hidden(shorten_at_word(event.title, LISTED_TITLE_CHARACTERS, len))
            if column == 2:
                return self._labels.get(event.category or "", event.category or "")
            if column == 3:
                return ", ".join(event.actors)
            if column == 4:
                return _precision_words(event)
            return event.source_count
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # A screen reader hears the event and its date in words, in every cell of the row.
            return f"{event.title}, {describe_when(event)}"
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 3):
            # Text from the file, shown as text: a title like "<b>x</b>" would be read as markup.
            shown = (shorten_at_word(event.title, HOVER_TITLE_CHARACTERS, len) if column == 1
                     else ", ".join(event.actors))
            return plain_tooltip(reveal_hidden(shown))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._in_time_order = False  # a stable sort by date keeps ties in the order they had, not the index's
        self._apply_sort()
        self._rows = None
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort
        self._events.sort(key=_SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)


class EventListView(QTableView):
    """The table; selecting a row selects the event everywhere."""

    event_selected = Signal(object)  # Event | None
    event_activated = Signal(object)  # Event: Enter or double-click

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventList")
        self.setAccessibleName("Events")
        self.table = EventTableModel(self)
        self.setModel(self.table)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Fitted to the rows shown and a few hundred more, not Qt's thousand: after each edit of a
        # large file the fit asked every such row for its text, 0.3 s at a time.
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        self._syncing = False
        selection = self.selectionModel()
        assert selection is not None
        selection.currentRowChanged.connect(self._on_current_row)
        self.doubleClicked.connect(lambda index: self._activate(index.row()))

    def show_events(self, events: list[Event], category_labels: dict[str, str], selected: Event | None,
                    *, in_time_order: bool = False) -> None:
        self._syncing = True
        self.table.set_events(events, category_labels, in_time_order=in_time_order)
        self._syncing = False
        self.select_event(selected)

    def select_event(self, event: Event | None) -> None:
        """Follow a selection made elsewhere, without echoing it back."""
        row = self.table.row_of(event)
        self._syncing = True
        if row < 0:
            self.clearSelection()
        else:
            self.selectRow(row)
            self.scrollTo(self.table.index(row, 0))
        self._syncing = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Qt makes the first row current when a list with none gets the focus: that is no choice
        # of the user's, and selecting it would move the timeline to the file's first event.
        syncing, self._syncing = self._syncing, True
        try:
            super().focusInEvent(event)
        finally:
            self._syncing = syncing

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing:
            self.event_selected.emit(self.table.event_at(current.row()))

    def _activate(self, row: int) -> None:
        event = self.table.event_at(row)
        if event is not None:
            self.event_activated.emit(event)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activate(self.currentIndex().row())
            return
        super().keyPressEvent(event)
