"""The main window: detail pane safety, problems, files, settings, export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from tests.conftest import CORPUS, REPO_ROOT
from timeline_app.model.view.viewport import Viewport
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.safe_text import markdown_to_html


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL the app asks the system to open, instead of opening it."""
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toString()) or True)
    return urls


def _story_with(tmp_path: Path, **fields: object) -> Path:
    event = {"id": "x", "title": "Crafted", "start": "2025-06-12", **fields}
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps({"events": [event]}), encoding="utf-8")
    return path


def test_only_http_https_and_mailto_links_open_and_only_on_click(
        window: MainWindow, tmp_path: Path, opened: list[str]) -> None:
    path = _story_with(tmp_path, description="[run](javascript:alert(1)) and [disk](file:///etc/passwd)",
                       sources=[{"title": "Safe", "url": "https://example.org/a"},
                                {"title": "Evil", "url": "javascript:alert(2)"}],
                       links=["mailto:desk@example.org", "data:text/html,<b>x</b>", "custom-app://run"])
    window.open_path(path)
    window.canvas.select(window.canvas.index().ordered[0])
    assert opened == []  # showing an event opens nothing
    browser = window.detail.browser
    for url in ("javascript:alert(1)", "file:///etc/passwd", "javascript:alert(2)",
                "data:text/html,<b>x</b>", "custom-app://run"):
        browser.anchorClicked.emit(QUrl(url))
    assert opened == []
    for url in ("https://example.org/a", "mailto:desk@example.org"):
        browser.anchorClicked.emit(QUrl(url))
    assert opened == ["https://example.org/a", "mailto:desk@example.org"]
    html = browser.toHtml()
    assert "javascript:alert(2)" not in html.split("not opened")[0].split("Evil")[1]
    assert "href=\"https://example.org/a\"" in html


def test_markup_in_the_file_is_shown_as_text_and_images_are_never_fetched(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fetched: list[str] = []
    browser = window.detail.browser
    original = type(browser).loadResource
    monkeypatch.setattr(type(browser), "loadResource",
                        lambda self, kind, url: fetched.append(url.toString()) or original(self, kind, url))
    path = _story_with(tmp_path, title="<b>Bold?</b> <script>alert(1)</script>",
                       description="Hello <img src='https://tracker.example/p.gif'> <script>x()</script>\n\n"
                                   "![pixel](https://tracker.example/q.png) **strong**")
    window.open_path(path)
    window.canvas.select(window.canvas.index().ordered[0])
    text = browser.toPlainText()
    assert "<b>Bold?</b> <script>alert(1)</script>" in text
    assert "<script>x()</script>" in text
    assert "image: pixel" in text
    assert "strong" in text
    assert "**" not in text
    assert not any("tracker.example" in url for url in fetched if url.startswith("http"))


def test_reference_style_images_become_links_too() -> None:
    html = markdown_to_html("see ![a pic][r]\n\n[r]: http://tracker.example/p.png")
    assert "<img" not in html
    assert '<a href="http://tracker.example/p.png">image: a pic</a>' in html


def test_what_the_detail_pane_and_tooltips_show_is_bounded_and_plain(window: MainWindow, tmp_path: Path,
                                                                    qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    rows = "\n".join(f"| {n} | cell {n} |" for n in range(330))
    events = [{"title": "<b>Bold?</b> " + "T" * 100_000, "start": "2025-01-02", "actors": ["X"]},
              {"title": "Table", "start": "2025-01-01", "description": "| a | b |\n|---|---|\n" + rows,
               "actors": ["X"]}]
    path = tmp_path / "heavy.json"
    path.write_text(json.dumps({"events": events}), encoding="utf-8")
    window.open_path(path)
    table, long_title = window.canvas.index().ordered
    window.canvas.select(table)
    shown = window.detail.browser.toPlainText()
    # The neighbour's 100 KB title is shortened in the related list; the table is all there.
    assert "cell 329" in shown
    assert len(shown) < 20_000
    window.canvas.select(long_title)
    assert len(window.detail.browser.toPlainText()) < 5_000
    model = window.event_list.table
    model_index = model.index(model.row_of(long_title), 1)
    assert len(model.data(model_index)) <= 300
    tip = model.data(model_index, Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Bold?&lt;/b&gt;" in tip  # markup from the file is text in a tooltip
    assert len(tip) < 1_000


def test_markdown_keeps_raw_html_as_text() -> None:
    html = markdown_to_html("<iframe src='x'></iframe> *hi*")
    assert "&lt;iframe" in html
    assert "<iframe" not in html


def test_a_file_with_errors_opens_with_its_problems_listed(window: MainWindow) -> None:
    window.open_path(CORPUS / "bad" / "missing-start.json")
    assert window.problems_dock.isVisible()
    items = [window.problems.item(i).text() for i in range(window.problems.count())]
    assert items == ['missing-start.json:3:5: error: the event has no "start"; '
                     'add "start": "2025-04" or any date form']
    assert [e.title for e in window.canvas.index().ordered] == ["Fine"]
    assert window.windowTitle().startswith("missing-start.json")


def test_an_unreadable_file_leaves_the_app_as_it_was(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    before = window.document()
    assert not window.open_path(tmp_path / "nowhere.json")
    assert window.document() is before
    box = window.findChild(QMessageBox, "messageBox")
    assert box is not None
    assert "no such file" in box.text()
    box.close()
    assert window.windowTitle().startswith("events.json")


def test_reload_keeps_the_last_good_state_when_the_file_breaks(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    path.write_text((REPO_ROOT / "events.json").read_text(encoding="utf-8"), encoding="utf-8")
    window.open_path(path)
    count = len(window.canvas.index().ordered)
    window.canvas.set_viewport(Viewport(1.74e9, 1.75e9))
    path.write_text('{"events": [', encoding="utf-8")
    window.reload()
    assert len(window.canvas.index().ordered) == count
    assert window.banner.isVisible()
    assert "story.json:1:13: error: JSON syntax" in window.banner.label.text()
    assert "JSON syntax" in window.problems.item(0).text()
    assert window.canvas.viewport() == Viewport(1.74e9, 1.75e9)


def test_window_state_and_the_viewport_per_file_are_remembered(qtbot: QtBot, settings: QSettings) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.resize(711, 477)
    first.open_path(REPO_ROOT / "events.json")
    first.show()
    qtbot.waitExposed(first)
    remembered = Viewport(1.745e9, 1.752e9)
    first.canvas.set_viewport(remembered)
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.open_path(REPO_ROOT / "events.json")
    second.show()
    qtbot.waitExposed(second)
    assert (second.size().width(), second.size().height()) == (711, 477)
    assert second.canvas.viewport().start == pytest.approx(remembered.start)
    assert second.canvas.viewport().end == pytest.approx(remembered.end)
    recent = settings.value("recentFiles")
    assert str((REPO_ROOT / "events.json").resolve()) in recent
    second.close()


def test_related_links_in_the_pane_jump_the_timeline(window: MainWindow) -> None:
    canvas = window.canvas
    pineau = next(e for e in canvas.index().ordered if e.id == "pineau-announces")
    last_day = next(e for e in canvas.index().ordered if e.id == "pineau-last-day")
    canvas.select(pineau)
    link = f"timeline-event:{last_day.uid}"
    assert f'href="{link}"' in window.detail.browser.toHtml()  # the pane links the related event
    window.detail.browser.anchorClicked.emit(QUrl("timeline-event:pineau-last-day"))  # no uid: no jump
    assert canvas.selected_event() is pineau
    window.detail.browser.anchorClicked.emit(QUrl(link))
    selected = canvas.selected_event()
    assert selected is not None
    assert selected.id == "pineau-last-day"
    assert "Joëlle Pineau's last day at Meta" in window.detail.browser.toPlainText()


def test_reveal_in_file_names_the_line(window: MainWindow) -> None:
    canvas = window.canvas
    deal = next(e for e in canvas.index().ordered if e.id == "deal-announced")
    canvas.select(deal)
    window.detail.reveal_button.click()
    lines = (REPO_ROOT / "events.json").read_text(encoding="utf-8").splitlines()
    line = int(window.detail.location.text().rsplit(" ", 1)[1])
    assert lines[line - 1].strip() == "{"
    assert '"id": "deal-announced"' in lines[line]


def test_dropping_a_json_file_opens_it(window: MainWindow) -> None:
    # Qt delivers drops only inside a real drag; the window's handlers are what is under test.
    def mime_for(path: Path) -> QMimeData:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        return mime

    text_file = mime_for(REPO_ROOT / "README.md")
    refused = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, text_file,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    refused.ignore()
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()
    json_file = mime_for(CORPUS / "good" / "date-forms.json")
    enter = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, json_file,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    window.dropEvent(QDropEvent(QPoint(300, 300).toPointF(), Qt.DropAction.CopyAction, json_file,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert window.windowTitle().startswith("date-forms.json")
    assert len(window.canvas.index().ordered) == 17


def test_the_shortcuts_sheet_lists_every_action(window: MainWindow) -> None:
    window.shortcuts_action.trigger()
    dialog = window.findChild(QDialog, "shortcutsDialog")
    assert dialog is not None
    table = dialog.findChild(QTableWidget)
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    for expected in ("Open…", "Reload", "Zoom In", "Fit All", "Zoom to Selection", "Go to Today",
                     "Select previous / next event", "Clear the selection"):
        assert expected in names
    dialog.close()


def test_the_pane_can_be_hidden_and_shown(window: MainWindow, qtbot: QtBot) -> None:
    window.toggle_detail_action.trigger()
    assert not window.detail.isVisible()
    window.canvas.select(window.canvas.index().ordered[0])
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F6)
    assert window.detail.isVisible()


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_headless_export_writes_each_format(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"timeline{suffix}"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # no DISPLAY at all
    done = subprocess.run([sys.executable, "-m", "timeline_app", "--export", str(out), "events.json",
                           "--size", "1200x700", "--from", "April 2025", "--to", "July 2025"],
                          capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    if suffix == ".png":
        from PySide6.QtGui import QImage

        image = QImage(str(out))
        assert (image.width(), image.height()) == (2400, 1400)  # the size asked for, title band included, at 2x
    elif suffix == ".svg":
        text = data.decode("utf-8")
        assert "Joëlle Pineau announces she will leave FAIR" in text
        assert "May 2025" in text
    else:
        assert data.startswith(b"%PDF")


def test_export_refuses_bad_arguments_with_a_message(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "timeline_app", "--export", str(tmp_path / "x.gif"),
                           "events.json"], capture_output=True, text=True, cwd=REPO_ROOT, check=False)
    assert done.returncode == 1
    assert ".png, .svg or .pdf" in done.stderr
    done = subprocess.run([sys.executable, "-m", "timeline_app", "--export", str(tmp_path / "x.png"),
                           "events.json", "--from", "soonish"], capture_output=True, text=True,
                          cwd=REPO_ROOT, check=False)
    assert done.returncode == 1
    assert "is not a date" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_change_right_after_the_file_is_read_is_not_taken_for_what_is_shown(
        qtbot: QtBot, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk state comes from the bytes loaded: a second read could see an outside edit as ours."""
    import hashlib

    path = tmp_path / "story.json"
    original = (REPO_ROOT / "events.json").read_bytes()
    path.write_bytes(original)
    real_read = Path.read_bytes

    def read_then_someone_saves(self: Path) -> bytes:
        data = real_read(self)
        if self == path and data == original:
            self.write_bytes(original.replace(b"Pineau", b"PINEAU"))  # another editor saves just now
        return data

    monkeypatch.setattr(Path, "read_bytes", read_then_someone_saves)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_path(path)
    monkeypatch.undo()
    known = window.files.watcher.known()
    assert known is not None
    assert known.digest == hashlib.sha256(original).hexdigest(), "the watcher must see the newer file as a change"
