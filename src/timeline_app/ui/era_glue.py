"""Eras in the window: what a click on one shows, what an edit of one changes, and the New Era command.

Eras change no event, so an edit of one leaves the lanes as they are (see Session): the band,
the overview and the detail pane follow, and what was just added or edited is selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from timeline_app.model.document import Era, Event

if TYPE_CHECKING:
    from timeline_app.ui.main_window import MainWindow


class EraGlue(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def changed(self, touched: int | None) -> None:
        """After an era edit: ``touched`` is the place of the era it left, None after a removal."""
        window = self._window
        window.canvas.eras_changed()
        window.overview.update()
        era = next((era for era in window.canvas.index().eras if era.index == touched), None)
        if era is not None:
            window.canvas.select_era(era)  # what was just added or edited, so the user sees it
        elif window.detail.shown_era() is not None:
            self.selected(window.canvas.selected_era())

    def selected(self, era: Era | None) -> None:
        window = self._window
        if era is None:
            window.detail.show_event(window.canvas.selected_event())
        else:
            window.detail.show_era(era)
            window.event_list.select_event(None)
        window.fit_detail_pane()

    def edit_item(self, item: Event | Era) -> None:
        """The pane's Edit button: the form of the event or era it shows."""
        if isinstance(item, Era):
            self._window.editing.edit_era(item)
        else:
            self._window.editing.edit_event(item)

    def new_era(self) -> None:
        """An era over the middle third of the view, its dates as precise as the zoom reads."""
        canvas = self._window.canvas
        view = canvas.viewport()
        third = view.span / 3
        self._window.editing.new_era(view.start + third, view.end - third,
                                     view.seconds_per_pixel(max(canvas.timeline_width(), 1)))
