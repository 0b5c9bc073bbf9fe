"""A monkey at the keyboard: thousands of seeded random actions on the real main window.

Fails on any exception or Qt warning (pytest-qt), any action that stalls the UI for over a
second, and any difference between the document and what its undo history says it should be.
The seed is printed on failure; ``--monkey-seed N`` replays it, ``--soak`` runs for an hour.
"""

from __future__ import annotations

import json
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QNativeGestureEvent, QPointingDevice, QWheelEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.conftest import CORPUS, REPO_ROOT
from timeline_app.model.view.view_state import PreparedView
from timeline_app.storage.writer import serialize
from timeline_app.ui.editing import EditingController
from timeline_app.ui.era_dialog import EraDialog
from timeline_app.ui.event_dialog import EventDialog
from timeline_app.ui.main_window import MainWindow

STALL_SECONDS = 1.0
KEYS = [Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Plus, Qt.Key.Key_Minus,
        Qt.Key.Key_Home, Qt.Key.Key_F, Qt.Key.Key_T, Qt.Key.Key_Escape, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
        Qt.Key.Key_Delete, Qt.Key.Key_Return, Qt.Key.Key_F3, Qt.Key.Key_F6]
CONTROL_KEYS = [Qt.Key.Key_Z, Qt.Key.Key_Y, Qt.Key.Key_D, Qt.Key.Key_F, Qt.Key.Key_0, Qt.Key.Key_L]
FILES = [REPO_ROOT / "events.json", *sorted((CORPUS / "good").glob("*.json")),
         *sorted((CORPUS / "bad").glob("*.json")), *sorted((CORPUS / "formats").glob("*.*"))]


class Monkey:
    def __init__(self, window: MainWindow, rng: random.Random, qtbot: QtBot, workdir: Path) -> None:
        self.window, self.rng, self.qtbot, self.workdir = window, rng, qtbot, workdir
        self.actions = 0

    def point(self) -> QPoint:
        canvas = self.window.canvas
        return QPoint(self.rng.randrange(max(canvas.width(), 1)), self.rng.randrange(max(canvas.height(), 1)))

    def click(self) -> None:
        self.qtbot.mouseClick(self.window.canvas, Qt.MouseButton.LeftButton, pos=self.point())

    def double_click(self) -> None:
        self.qtbot.mouseDClick(self.window.canvas, Qt.MouseButton.LeftButton, pos=self.point())

    def drag(self) -> None:
        canvas, start, end = self.window.canvas, self.point(), self.point()
        self.qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
        self.qtbot.mouseMove(canvas, (start + end) / 2)
        self.qtbot.mouseMove(canvas, end)
        self.qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)

    def wheel(self) -> None:
        position = QPointF(self.point())
        delta = QPoint(self.rng.choice([0, 0, 120, -120]), self.rng.choice([120, -120, 480, -480, 15]))
        event = QWheelEvent(position, position, QPoint(0, 0), delta, Qt.MouseButton.NoButton,
                            self.rng.choice([Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier,
                                             Qt.KeyboardModifier.AltModifier]), Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(self.window.canvas, event)

    def pinch(self) -> None:
        position = QPointF(self.point())
        event = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture,
                                    QPointingDevice.primaryPointingDevice(), 2, position, position, position,
                                    self.rng.uniform(-0.5, 0.5), QPointF(0, 0), 1)
        QApplication.sendEvent(self.window.canvas, event)

    def key(self) -> None:
        self.window.canvas.setFocus()
        if self.rng.random() < 0.3:
            self.qtbot.keyClick(self.window.canvas, self.rng.choice(CONTROL_KEYS), Qt.KeyboardModifier.ControlModifier)
        else:
            self.qtbot.keyClick(self.window.canvas, self.rng.choice(KEYS))

    def era(self) -> None:
        """Add an era, or take one of the file's and edit or delete it."""
        eras = self.window.canvas.index().eras
        if not eras or self.rng.random() < 0.4:
            self.window.command_actions["new_era"].trigger()
            return
        self.window.canvas.select_era(self.rng.choice(eras))
        self.window.canvas.setFocus()
        self.qtbot.keyClick(self.window.canvas, self.rng.choice([Qt.Key.Key_Return, Qt.Key.Key_Delete]))

    def resize(self) -> None:
        self.window.resize(self.rng.choice([200, 420, 800, 1300, 2400]), self.rng.choice([150, 300, 500, 820, 1500]))

    def search(self) -> None:
        self.window.find_bar.search.setText(self.rng.choice(["", "joelle", "meta", "zzz", "scale ai", "é"]))
        self.window.search.walk(self.rng.choice([1, -1]))

    def filter(self) -> None:
        bar = self.window.find_bar
        choice = self.rng.random()
        if choice < 0.3:
            bar.clear_filters()
        elif choice < 0.6:
            bar._toggle("category", self.rng.choice(["talent", "legal", "deal", "nothing"]), True)
        elif choice < 0.8:
            bar.lanes_box.setCurrentIndex(self.rng.randrange(bar.lanes_box.count()))
        else:
            self.window.choices.fold_selected_lane()

    def open_file(self) -> None:
        # Now and then a file large enough that edits update the index in place.
        source = self.rng.choice([*FILES, self.workdir.parent / "large.json"])
        copy = self.workdir / f"{len(list(self.workdir.iterdir()))}-{source.name}"
        shutil.copy(source, copy)
        self.window.open_path(copy)

    def undo_redo(self) -> None:
        stack = self.window.undo_stack
        stack.setIndex(self.rng.randint(0, stack.count()))

    def step(self) -> None:
        actions: list[tuple[float, Callable[[], None]]] = [
            (20, self.click), (6, self.double_click), (8, self.drag), (12, self.wheel), (3, self.pinch),
            (25, self.key), (3, self.resize), (5, self.search), (5, self.filter), (1, self.open_file),
            (1, self.window.reload), (6, self.undo_redo), (3, self.era)]
        action = self.rng.choices([a for _, a in actions], weights=[w for w, _ in actions])[0]
        started = time.perf_counter()
        action()
        QApplication.processEvents()
        elapsed = time.perf_counter() - started
        assert elapsed < STALL_SECONDS, f"{action.__name__} stalled the UI for {elapsed:.2f} s"
        self.actions += 1

    def check_views(self) -> None:
        """What the window shows, however often it was updated in place, is what preparing it afresh gives."""
        session = self.window.session
        if session is None:
            return
        document, prepared = session.document, session.prepared
        assert self.window.canvas.index() is prepared.index  # the canvas shows the session's view
        again = PreparedView.of(document, prepared.state)

        def shape(view: PreparedView) -> dict[str, object]:
            return {"events in order": [e.key for e in view.index.ordered],
                    "lanes": [(lane.key, [e.key for e in lane.events], lane.begins, lane.sorted_finishes)
                              for lane in view.index.lanes],
                    "values": view.values, "span": view.span,
                    "eras": [(era.index, era.title, era.begin, era.finish) for era in view.index.eras]}

        updated, fresh = shape(prepared), shape(again)
        # Name what differs: the whole shapes of a 2,600-event file bury it in a diff no log keeps.
        differing = [part for part in updated if updated[part] != fresh[part]]
        assert not differing, f"the views updated in place differ from a fresh preparation in {differing}"

    def check_undo(self) -> None:
        """Undoing everything and redoing it must give back exactly the document we had."""
        document = self.window.document()
        if document is None:
            return
        stack = self.window.undo_stack
        now, undone = serialize(document), stack.count() - stack.index()
        stack.setIndex(0)
        # A step whose event vanished in a reload has nothing to undo and leaves the stack then
        # (QUndoCommand.setObsolete): redo all that is left below the steps that were undone.
        stack.setIndex(stack.count() - undone)
        after = serialize(document)
        if after != now:
            import difflib

            steps = [stack.text(i) for i in range(stack.count())]
            diff = "\n".join(list(difflib.unified_diff(now.splitlines(), after.splitlines(), lineterm=""))[:40])
            pytest.fail(f"undo then redo did not restore the document\nsteps: {steps}\n{diff}")


def test_the_monkey(window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                    request: pytest.FixtureRequest) -> None:
    seed = request.config.getoption("--monkey-seed")
    seed = seed if seed is not None else random.randrange(1_000_000)
    seconds = 3600.0 if request.config.getoption("--soak") else request.config.getoption("--monkey-seconds")
    rng = random.Random(seed)
    print(f"monkey seed {seed}: replay with --monkey-seed {seed}")

    def fill_form(_controller: EditingController, dialog: EventDialog) -> bool:
        dialog.title_edit.setText(rng.choice(["", "Monkey business", "Ünïcödé \u202e", "x" * 300]))
        dialog.start_edit.setText(rng.choice(["2025", "late 2025", "2025-02-30", "", "c. 1850",
                                              "13 million years ago"]))
        dialog.end_edit.setText(rng.choice(["", "", "present", "2024", "2026-01"]))
        dialog.category_box.setEditText(rng.choice(["", "talent", "New lane"]))
        return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled() and rng.random() < 0.8

    monkeypatch.setattr(EditingController, "run_dialog", fill_form)

    def fill_era_form(_controller: EditingController, dialog: EraDialog) -> bool:
        dialog.title_edit.setText(rng.choice(["", "Monkey era", "<b>era</b>", "x" * 300]))
        dialog.start_edit.setText(rng.choice(["2025", "late 2025", "2025-02-30", "", "2026-01"]))
        dialog.end_edit.setText(rng.choice(["", "present", "2024", "2026-01", "2025-06-12"]))
        dialog.color_edit.setText(rng.choice(["", "#123456", "red"]))
        return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled() and rng.random() < 0.8

    monkeypatch.setattr(EditingController, "run_era_dialog", fill_era_form)
    monkeypatch.setattr(MainWindow, "ask", lambda self, title, text, choices: rng.choice(choices))
    monkeypatch.setattr(MainWindow, "ask_save_path", lambda self, start: str(tmp_path / "saved-as.json"))
    monkeypatch.setattr(MainWindow, "ask_date", lambda self, title, hint: rng.choice(["2025", "soon", None]))
    monkeypatch.setattr(MainWindow, "run_modal", lambda self, dialog: False)
    workdir = tmp_path / "files"
    workdir.mkdir()
    categories = ["talent", "deal", "legal"]
    (tmp_path / "large.json").write_text(json.dumps({
        "categories": {key: {"label": key.title()} for key in categories[:2]},
        "events": [{"id": f"e{n}", "title": f"Event {n}", "start": f"{2000 + n % 26}-{n % 12 + 1:02}",
                    "category": categories[n % 3], "actors": ["Meta", "Scale AI"][: n % 3]}
                   for n in range(2600)]}))
    # Half the runs start on a file large enough that edits update the index in place.
    shutil.copy(rng.choice([REPO_ROOT / "events.json", tmp_path / "large.json"]), workdir / "story.json")
    window.open_path(workdir / "story.json")
    monkey = Monkey(window, rng, qtbot, workdir)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            monkey.step()
            if monkey.actions % 50 == 0:
                monkey.check_views()
                monkey.check_undo()
    except BaseException:
        print(f"monkey failed after {monkey.actions} actions with seed {seed}")
        raise
    print(f"monkey survived {monkey.actions} actions in {seconds:.0f} s (seed {seed})")
    assert monkey.actions > 100
