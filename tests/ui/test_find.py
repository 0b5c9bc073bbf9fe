"""Finding your way in the window: search, filters, lanes, the list, go to date, back and forward."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from tests.conftest import REPO_ROOT, STORY_EVENTS
from timeline_app.model.timeaxis import to_axis
from timeline_app.model.view.query import Filters
from timeline_app.model.view.viewport import Viewport
from timeline_app.ui.canvas.painter import GUTTER_WIDTH
from timeline_app.ui.main_window import MainWindow


def _type(qtbot: QtBot, widget: object, text: str) -> None:
    qtbot.keyClicks(widget, text)  # type: ignore[arg-type]


def test_search_highlights_dims_counts_and_walks_in_time_order(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window.canvas, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.find_bar.search
    assert search.hasFocus()
    _type(qtbot, search, "joelle")
    assert window.find_bar.match_label.text() == "4 matches"
    matches = window.search.matches
    assert [e.begin for e in matches] == sorted(e.begin for e in matches)
    assert {e.id for e in matches} >= {"pineau-announces", "pineau-last-day"}
    assert window.canvas._matches == set(matches)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.canvas.selected_event() is matches[0]
    assert window.find_bar.match_label.text() == "1 of 4"
    assert "Joëlle Pineau announces" in window.detail.browser.toPlainText()
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.canvas.selected_event() is matches[1]
    view = window.canvas.viewport()
    assert view.start <= matches[1].begin <= view.end
    qtbot.keyClick(search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.canvas.selected_event() is matches[0]
    window.find_previous_action.trigger()  # Shift+F3 wraps round to the last
    assert window.canvas.selected_event() is matches[-1]
    assert window.event_list.table.rowCount() == 4  # the list narrows to the matches too
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""
    assert window.canvas._matches is None
    assert window.event_list.table.rowCount() == STORY_EVENTS


def test_filters_show_chips_counts_and_clear(window: MainWindow, qtbot: QtBot) -> None:
    bar = window.find_bar
    bar.filters.categories.add("talent")
    bar.filters.actors.add("Meta")
    bar._changed()
    shown = window.canvas.index().ordered
    assert shown
    assert all(e.category == "talent" and "Meta" in e.actors for e in shown)
    assert bar.count_label.text() == f"{len(shown)} of {STORY_EVENTS} shown, {STORY_EVENTS - len(shown)} hidden"
    assert window.event_list.table.rowCount() == len(shown)
    chips = [chip.text() for chip in bar.chips.findChildren(QPushButton, "filterChip")]
    assert chips == ["Category: Talent  ×", "Who: Meta  ×"]  # a category by its label, as the lanes name it
    bar._fill_filter_menu()
    category_menu = next(action.menu() for action in bar.filter_menu.actions() if action.text() == "&Category")
    assert "Talent  (" in " ".join(action.text() for action in category_menu.actions())
    who = next(chip for chip in bar.chips.findChildren(QPushButton, "filterChip") if chip.text().startswith("Who"))
    who.click()
    assert all(e.category == "talent" for e in window.canvas.index().ordered)
    talent = [e for e in window.document().events if e.category == "talent"]  # type: ignore[union-attr]
    assert len(window.canvas.index().ordered) == len(talent)
    bar.clear_button.click()
    assert len(window.canvas.index().ordered) == STORY_EVENTS
    assert bar.count_label.text() == f"{STORY_EVENTS} of {STORY_EVENTS} shown"


def test_filters_and_lanes_are_remembered_per_file(qtbot: QtBot, settings: QSettings) -> None:
    first = MainWindow(settings)
    first.open_path(REPO_ROOT / "events.json")
    first.find_bar.filters.hide_approximate = True
    first.find_bar._changed()
    first.find_bar.lanes_box.setCurrentIndex(first.find_bar.lanes_box.findData("actor"))
    first.close()
    second = MainWindow(settings)
    second.open_path(REPO_ROOT / "events.json")
    assert second.view_state.filters == Filters(hide_approximate=True)
    assert second.canvas.index().lanes_by == "actor"
    assert second.find_bar.lanes_box.currentData() == "actor"
    assert not any(e.start.approximate for e in second.canvas.index().ordered)
    second.close()


def test_an_event_in_two_actor_lanes_is_one_event(window: MainWindow, qtbot: QtBot) -> None:
    window.find_bar.lanes_box.setCurrentIndex(window.find_bar.lanes_box.findData("actor"))
    canvas = window.canvas
    canvas.set_viewport(Viewport(to_axis(2025, 6, 5), to_axis(2025, 6, 20)))
    deal = next(e for e in canvas.index().ordered if e.id == "deal-announced")
    twins = [p for p in canvas.scene().placements if p.event is deal]
    assert len(twins) >= 2
    assert len({p.lane.key for p in twins}) == len(twins)
    shape = twins[0].shape
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton,
                     pos=QPoint(round(GUTTER_WIDTH + shape.x + shape.width / 2), round(shape.y + shape.height / 2)))
    assert canvas.selected_event() is deal  # one selection, drawn highlighted in every lane it sits in


def test_lane_headers_collapse_and_reorder(window: MainWindow, qtbot: QtBot) -> None:
    canvas = window.canvas
    bands = canvas.scene().bands
    talent = next(b for b in bands if b.lane.key == "talent")
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(40, round(talent.top + 10)))
    assert next(lane for lane in canvas.index().lanes if lane.key == "talent").collapsed
    collapsed = next(b for b in canvas.scene().bands if b.lane.key == "talent")
    assert collapsed.height < talent.height
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(40, round(collapsed.top + 5)))
    assert not next(lane for lane in canvas.index().lanes if lane.key == "talent").collapsed
    bands = canvas.scene().bands
    legal = next(b for b in bands if b.lane.key == "legal")
    first = bands[0]
    start = QPoint(40, round(legal.top + 10))
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, QPoint(40, round(legal.top - 30)))
    qtbot.mouseMove(canvas, QPoint(40, round(first.top + 5)))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(40, round(first.top + 5)))
    assert canvas.index().lanes[0].key == "legal"


def test_the_list_and_the_timeline_share_one_selection(window: MainWindow, qtbot: QtBot) -> None:
    view = window.canvas.viewport()
    window.toggle_list_action.trigger()
    table = window.event_list
    assert table.hasFocus()
    # Opening the list chooses nothing: the timeline stays where it was.
    assert window.canvas.selected_event() is None
    assert window.canvas.viewport() == view
    model = table.table
    assert model.rowCount() == STORY_EVENTS
    row = next(r for r in range(STORY_EVENTS) if model.event_at(r).id == "ftc-trial")  # type: ignore[union-attr]
    table.setCurrentIndex(model.index(row, 1))
    selected = window.canvas.selected_event()
    assert selected is not None
    assert selected.id == "ftc-trial"
    window.canvas.select(window.canvas.index().ordered[0])
    assert table.currentIndex().row() == model.row_of(window.canvas.index().ordered[0])
    spoken = model.data(model.index(row, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "FTC v. Meta antitrust trial, 14 Apr – 27 May 2025 · 43 days"
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    titles = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    assert model.columnCount(QModelIndex()) == 6


def test_go_to_date_reads_the_full_grammar(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MainWindow, "ask_date", lambda self, title, hint: "late 2024")
    window.go_to_date_action.trigger()
    view = window.canvas.viewport()
    assert view.start < to_axis(2024, 9) < to_axis(2025) < view.end
    assert view.span < 200 * 86400


def test_back_and_forward_through_views_and_selections(window: MainWindow, qtbot: QtBot) -> None:
    canvas = window.canvas
    first_view = canvas.viewport()
    window.places.record()
    canvas.set_viewport(Viewport(to_axis(2025, 6), to_axis(2025, 7)))
    canvas.select(next(e for e in canvas.index().ordered if e.id == "deal-announced"), ensure_visible=False)
    window.places.record()
    window.back_action.trigger()
    assert canvas.viewport() == first_view
    assert canvas.selected_event() is None
    window.forward_action.trigger()
    assert canvas.viewport() == Viewport(to_axis(2025, 6), to_axis(2025, 7))
    selected = canvas.selected_event()
    assert selected is not None
    assert selected.id == "deal-announced"


def test_a_full_path_by_keyboard_alone(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Open, search, walk matches, filter and read details without touching the mouse."""
    opened: list[str] = []
    monkeypatch.setattr(MainWindow, "ask_open_path",
                        lambda self, start: opened.append("dialog") or str(REPO_ROOT / "events.json"))
    qtbot.keyClick(window.canvas, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["dialog"]
    qtbot.keyClick(window.canvas, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    _type(qtbot, window.find_bar.search, "google")
    qtbot.keyClick(window.find_bar.search, Qt.Key.Key_F3)
    first = window.canvas.selected_event()
    assert first is not None
    assert "google" in window.search.index.haystack(first)  # in its title, people, tags or sources
    assert first is window.search.matches[0]
    window.find_bar.filter_button.setFocus()
    assert window.find_bar.filter_button.focusPolicy() != Qt.FocusPolicy.NoFocus
    window.find_bar._toggle("category", "customers", True)  # what the Filter menu's item does
    assert all(e.category == "customers" for e in window.canvas.index().ordered)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F6)
    assert window.detail.browser.hasFocus()
    assert window.detail.browser.toPlainText().strip() != ""


def test_lanes_fold_and_move_from_the_keyboard(window: MainWindow, qtbot: QtBot) -> None:
    canvas = window.canvas
    canvas.select(next(e for e in canvas.index().ordered if e.category == "legal"))
    canvas.setFocus()
    keys = [lane.key for lane in canvas.index().lanes]
    position = keys.index("legal")
    qtbot.keyClick(canvas, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [lane.key for lane in canvas.index().lanes].index("legal") == position - 1
    qtbot.keyClick(canvas, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert next(lane for lane in canvas.index().lanes if lane.key == "legal").collapsed


def test_tab_order_reads_like_the_window(window: MainWindow) -> None:
    search = window.find_bar.search
    order = [search]
    widget = search
    for _ in range(8):
        widget = widget.nextInFocusChain()
        while widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order.index(window.canvas) < order.index(window.detail.browser)
    assert order.index(window.find_bar.filter_button) < order.index(window.canvas)


def test_a_question_mark_in_the_search_field_is_text(window: MainWindow, qtbot: QtBot) -> None:
    window.find_bar.search.setFocus()
    qtbot.keyClicks(window.find_bar.search, "1850?")
    assert window.find_bar.search.text() == "1850?"
    from PySide6.QtWidgets import QDialog

    assert window.findChild(QDialog, "shortcutsDialog") is None


def test_the_first_search_of_a_large_file_folds_in_slices_while_the_window_answers(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.model.view.query import SearchIndex
    from timeline_app.ui import search_controller

    monkeypatch.setattr(search_controller, "SEARCH_IN_STEPS_FROM", 3000)
    monkeypatch.setattr(search_controller, "FOLD_SLICE_SECONDS", 0.001)
    events = [{"title": f"Event {n} {'merger' if n % 3 else 'lawsuit'}", "start": f"{2000 + n % 25}-01-01",
               "description": "Café talks" if n % 7 == 0 else "talks"} for n in range(4000)]
    path = tmp_path / "large.json"
    path.write_text(json.dumps({"events": events}))
    window.open_path(path)
    shown: list[str] = []
    show_progress = window.search.show_fold_progress

    widths: set[int] = set()

    def record_progress() -> None:
        show_progress()
        shown.append(window.find_bar.match_label.text())
        widths.add(window.find_bar.search.width())

    monkeypatch.setattr(window.search, "show_fold_progress", record_progress)
    window.find_bar.search.setText("cafe merger")
    # Typing settles first; then the window says how far it is and goes on handling events meanwhile.
    assert window.find_bar.match_label.text() == ""
    # The fold may finish between two looks at the label, so what it showed is read from the record.
    qtbot.waitUntil(lambda: "matches" in window.find_bar.match_label.text(), timeout=10_000)
    assert shown
    assert all(text.startswith("searching… ") for text in shown)
    expected = SearchIndex().matches(window.canvas.index().ordered, "cafe merger")
    assert window.find_bar.match_label.text() == f"{len(expected):,} matches"
    assert len(set(shown)) > 2  # the share folded was shown as it grew
    assert widths == {window.find_bar.search.width()}  # and the search field never jumped
    assert shown == sorted(shown, key=lambda text: int(text.split()[-1].rstrip("%")))
    # Typing on needs no folding again.
    window.find_bar.search.setText("cafe lawsuit")
    expected = SearchIndex().matches(window.canvas.index().ordered, "cafe lawsuit")
    qtbot.waitUntil(lambda: window.find_bar.match_label.text() == f"{len(expected):,} matches", timeout=5000)
    assert set(map(id, window.search.matches)) == set(map(id, expected))


def test_the_detail_pane_swatch_is_the_category_colour_and_says_where_the_search_matched(
        window: MainWindow, qtbot: QtBot) -> None:
    window.find_bar.lanes_box.setCurrentIndex(window.find_bar.lanes_box.findData("actor"))
    index = window.canvas.index()
    event = next(event for event in index.ordered if event.category == "legal" and event.sources)
    window.canvas.select(event)
    qtbot.waitUntil(lambda: event.title in window.detail.browser.toPlainText())
    # In actor lanes the lane is neutral; the swatch is the category's, as the canvas draws the event.
    html = window.detail.browser.toHtml().replace(" ", "").lower()
    assert f"background-color:{index.category_colors['legal']}".lower() in html
    window.find_bar.search.setText(event.sources[0].publisher)
    qtbot.waitUntil(lambda: "Search matched: " in window.detail.browser.toPlainText())
    assert "sources" in window.detail.browser.toPlainText().split("Search matched: ")[1].splitlines()[0]
    window.find_bar.search.setText("")
    qtbot.waitUntil(lambda: "Search matched" not in window.detail.browser.toPlainText())
