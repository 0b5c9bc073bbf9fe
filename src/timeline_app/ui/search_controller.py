"""Search as the user types: the matches among the events shown, emphasised, listed and walked.

The matching itself is the model's (``SearchIndex``, which the session keeps current as the
document changes); this spreads the first fold of a large file over turns of the event loop,
lets typing settle in a large file before searching, and tells the canvas, the list, the
detail pane and the find bar what was found.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from timeline_app.model.document import Event
from timeline_app.model.session import Session
from timeline_app.model.view.query import SearchIndex
from timeline_app.ui.canvas.widget import TimelineCanvas
from timeline_app.ui.detail_pane import DetailPane
from timeline_app.ui.event_list import EventListView
from timeline_app.ui.find_bar import FindBar

# From this many events the first search folds them in slices (about 8 µs each), not in one go.
SEARCH_IN_STEPS_FROM = 20_000
FOLD_SLICE_SECONDS = 0.012  # a slice leaves room for a frame in each turn of the event loop
TYPING_PAUSE_MS = 250


class SearchController(QObject):
    """The search of one window, over whatever its canvas shows."""

    def __init__(self, canvas: TimelineCanvas, find_bar: FindBar, detail: DetailPane, event_list: EventListView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._canvas, self._find_bar, self._detail, self._event_list = canvas, find_bar, detail, event_list
        self._session: Session | None = None
        # The first search of a large file folds its events a slice per turn of the event loop.
        self._fold_timer = QTimer(self)
        self._fold_timer.setInterval(0)
        self._fold_timer.timeout.connect(self._fold_step)
        self._fold_position = 0
        # The folded texts of the index's events, in its order: each keystroke searches them again.
        self._texts: tuple[list[Event], list[str]] | None = None
        # In a large file, typing settles before the search runs: each search takes a good part of a second.
        self._typing_timer = QTimer(self)
        self._typing_timer.setSingleShot(True)
        self._typing_timer.setInterval(TYPING_PAUSE_MS)
        self._typing_timer.timeout.connect(lambda: self.search())
        self.matches: list[Event] = []
        self._position = -1
        find_bar.query_changed.connect(self._on_typed)
        find_bar.search.next_requested.connect(lambda: self.walk(1))
        find_bar.search.previous_requested.connect(lambda: self.walk(-1))

    def start_afresh(self, session: Session) -> None:
        """A document read anew (its session's): what was searched before was of other events."""
        self._session = session
        self._texts = None

    @property
    def index(self) -> SearchIndex:
        """The session's folded texts of the events, kept by it through edits."""
        return self._session.search if self._session is not None else SearchIndex()

    def _on_typed(self, query: str) -> None:
        if len(self._canvas.index().ordered) >= SEARCH_IN_STEPS_FROM and query.strip():
            self._typing_timer.start()
        else:
            self._typing_timer.stop()
            self.search()

    def search(self, keep_position: bool = False) -> None:
        """Find the find bar's query among the events shown, and show what was found."""
        query = self._find_bar.search.text()
        index = self._canvas.index()
        self._detail.set_query(query)
        document = self._session.document if self._session is not None else None
        labels = {key: category.label for key, category in (document.categories.items() if document else [])}
        if not query.strip():
            self._fold_timer.stop()
            self.matches, self._position = [], -1
            self._canvas.set_matches(None)
            self._find_bar.set_match_text("")
            self._event_list.show_events(index.ordered, labels, self._canvas.selected_event(), in_time_order=True)
            return
        ordered = index.ordered
        known = self._texts is not None and self._texts[0] is ordered
        if len(ordered) >= SEARCH_IN_STEPS_FROM and not known and not self.index.knows(ordered):
            if not self._fold_timer.isActive():
                self._fold_position = 0
                self._fold_timer.start()
            self.show_fold_progress()
            return  # the matches follow once every event is folded
        if self._texts is None or self._texts[0] is not ordered:
            self._texts = (ordered, self.index.texts_of(ordered))
        self.matches = self.index.matches(ordered, query, self._texts[1])
        if not keep_position:
            self._position = -1
        self._canvas.set_matches(self.matches)
        # Matches are picked from the index's time order, so they are in it too.
        self._event_list.show_events(self.matches, labels, self._canvas.selected_event(), in_time_order=True)
        self._show_count()

    def _fold_step(self) -> None:
        ordered = self._canvas.index().ordered
        self._fold_position = self.index.fold_some(ordered, self._fold_position, FOLD_SLICE_SECONDS)
        if self._fold_position < len(ordered):
            self.show_fold_progress()
            return
        self._fold_timer.stop()
        self.search(keep_position=True)

    def show_fold_progress(self) -> None:
        share = self._fold_position / max(len(self._canvas.index().ordered), 1)
        self._find_bar.set_match_text(f"searching… {share:.0%}")

    def _show_count(self) -> None:
        total = len(self.matches)
        if not total:
            self._find_bar.set_match_text("no matches")
        elif self._position < 0:
            self._find_bar.set_match_text(f"{total:,} match{'es' if total != 1 else ''}")
        else:
            self._find_bar.set_match_text(f"{self._position + 1:,} of {total:,}")

    def walk(self, step: int) -> None:
        """Select the next (or previous) match in time order and bring it into view."""
        if not self.matches:
            return
        if self._position < 0:
            self._position = 0 if step > 0 else len(self.matches) - 1
        else:
            self._position = (self._position + step) % len(self.matches)
        current = self.matches[self._position]
        self._canvas.set_current_match(current)
        self._canvas.select(current)
        self._show_count()
