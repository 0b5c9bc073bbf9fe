"""Exports and print: vectors keep text, PDFs split into pages, previews render, PNGs look as they should."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import CORPUS, REPO_ROOT
from timeline_app.model.timeaxis import SECONDS_PER_MEAN_YEAR, to_axis
from timeline_app.model.view.viewport import Viewport
from timeline_app.ui.export import ExportOptions, export_canvas
from timeline_app.ui.export_dialog import CsvMappingDialog, ExportDialog
from timeline_app.ui.main_window import MainWindow

GOLDEN = REPO_ROOT / "tests" / "golden" / "story-800x500.png"


def _pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def test_svg_is_xml_with_the_titles_as_text(window: MainWindow, tmp_path: Path) -> None:
    window.canvas.set_viewport(Viewport(to_axis(2025, 3), to_axis(2025, 8)))
    out = tmp_path / "view.svg"
    export_canvas(window.canvas, out, ExportOptions(title="Meta and Scale AI, 2025"))
    tree = ElementTree.parse(out)
    texts = " ".join(element.text or "" for element in tree.iter() if element.tag.endswith("text"))
    assert "Joëlle Pineau announces she will leave FAIR" in texts
    assert "Meta and Scale AI, 2025" in texts  # the title
    assert "Talent" in texts  # the legend


def test_a_long_pdf_is_split_into_pages_each_with_its_axis(window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "whole.pdf"
    window.canvas.set_viewport(Viewport(to_axis(2023), to_axis(2026)))
    pages = export_canvas(window.canvas, out, ExportOptions(page_span=SECONDS_PER_MEAN_YEAR, title="Story"))
    assert pages == 3
    assert _pdf_pages(out) == 3
    one = tmp_path / "one.pdf"
    assert export_canvas(window.canvas, one, ExportOptions(title="Story")) == 1
    assert _pdf_pages(one) == 1
    assert window.canvas.viewport() == Viewport(to_axis(2023), to_axis(2026))  # the view is left as it was


def test_png_scale_and_transparency(window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "clear.png"
    # Years without eras: their wash behind the lanes is part of the picture, transparent or not.
    window.canvas.set_viewport(Viewport(to_axis(2023, 1), to_axis(2024, 12)))
    eras = window.canvas.index().eras
    assert not any(era.finish > to_axis(2023, 1) and era.begin < to_axis(2024, 12) for era in eras)
    export_canvas(window.canvas, out, ExportOptions(scale=1.5, transparent=True, title="x"))
    image = QImage(str(out))
    assert image.width() == round(window.canvas.width() * 1.5)
    clear = sum(1 for y in range(0, image.height(), 7) for x in range(0, image.width(), 7)
                if image.pixelColor(x, y).alpha() == 0)
    assert clear > 0.5 * (image.height() // 7) * (image.width() // 7), "the page between the events is clear"
    opaque = tmp_path / "opaque.png"
    export_canvas(window.canvas, opaque, ExportOptions(scale=1, title="x"))
    assert QImage(str(opaque)).pixelColor(5, 5).alpha() == 255


def test_the_print_preview_renders_pages(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    preview = window.exports.print_preview(ExportOptions(page_span=SECONDS_PER_MEAN_YEAR / 12, title="Story"))
    window.canvas.set_viewport(Viewport(to_axis(2025, 3), to_axis(2025, 6)))
    preview.show()
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() == 3, timeout=5000)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    preview.paintRequested.emit(printer)
    assert _pdf_pages(tmp_path / "printed.pdf") == 3
    preview.close()


def test_the_export_dialog_reads_its_options(window: MainWindow, qtbot: QtBot) -> None:
    dialog = ExportDialog("Story", window)
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(".pdf"))
    assert not dialog.scale_box.isEnabled()
    assert dialog.span_box.isEnabled()
    dialog.whole_button.setChecked(True)
    dialog.span_box.setCurrentIndex(4)
    dialog.orientation_box.setCurrentText("Portrait")
    options = dialog.options()
    assert options.whole
    assert not options.landscape
    assert options.page_span == pytest.approx(SECONDS_PER_MEAN_YEAR)
    assert dialog.suffix() == ".pdf"


def test_a_csv_with_unknown_headers_opens_after_mapping(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def answer(_window: MainWindow, dialog: object) -> bool:
        assert isinstance(dialog, CsvMappingDialog)
        dialog.boxes[0].setCurrentIndex(dialog.boxes[0].findData("title"))
        dialog.boxes[1].setCurrentIndex(dialog.boxes[1].findData("start"))
        return True

    monkeypatch.setattr(MainWindow, "run_modal", answer)
    assert window.open_path(CORPUS / "formats" / "odd-headers.csv")
    [event] = window.canvas.index().ordered
    assert (event.title, event.start.text) == ("Something", "2025-04")


def test_saving_as_csv_says_what_is_lost(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    target = tmp_path / "story.csv"
    monkeypatch.setattr(MainWindow, "ask_save_path", lambda self, start: str(target))
    assert window.files.save_as()
    assert target.read_text(encoding="utf-8").startswith("id,title,start,end")
    box = window.findChild(QMessageBox, "messageBox")
    assert box is not None
    assert "CSV cannot hold the precision" in box.text()
    box.close()
    assert window.windowTitle().startswith("story.csv")


def test_png_export_matches_the_golden_image(tmp_path: Path) -> None:
    out = tmp_path / "story.png"
    done = subprocess.run([sys.executable, "-m", "timeline_app", "--export", str(out), "events.json",
                           "--size", "800x500", "--scale", "1", "--from", "March 2025", "--to", "August 2025"],
                          capture_output=True, text=True, cwd=REPO_ROOT, check=False,
                          env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    assert done.returncode == 0, done.stderr
    # The size asked for is the picture's, its title and legend included.
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (800, 500)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_bytes(out.read_bytes())
    actual, golden = QImage(str(out)), QImage(str(GOLDEN))
    assert (actual.width(), actual.height()) == (golden.width(), golden.height())
    different = 0
    for y in range(0, actual.height(), 2):
        for x in range(0, actual.width(), 2):
            a, b = actual.pixelColor(x, y), golden.pixelColor(x, y)
            if max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) > 40:
                different += 1
    samples = (actual.width() // 2) * (actual.height() // 2)
    assert different / samples < 0.01, f"{different} of {samples} sampled pixels differ from {GOLDEN.name}"


def test_exports_are_painted_from_the_model_without_a_canvas_widget(qapp: object, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    from timeline_app.model.view.index import build_index
    from timeline_app.model.view.viewport import ZoomLimits
    from timeline_app.storage.loader import load_path
    from timeline_app.ui.canvas import widget as canvas
    from timeline_app.ui.canvas.painter import TimelinePainter
    from timeline_app.ui.export import Timeline, export_timeline

    def no_widget(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an export made a canvas widget")

    monkeypatch.setattr(canvas.TimelineCanvas, "__init__", no_widget)
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    index = build_index(document)
    limits = ZoomLimits.for_data(document.span(), time.time())
    # Tall enough for every lane's events under the band of the story's three eras.
    timeline = Timeline(index, Viewport(to_axis(2025, 3), to_axis(2025, 8)), limits, (900, 680))
    painter = TimelinePainter(QApplication.palette())
    out = tmp_path / "story.png"
    assert export_timeline(timeline, painter, out, ExportOptions(scale=1, title="Story")) == 1
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (900, 680)
    pdf = tmp_path / "story.pdf"
    assert export_timeline(timeline, painter, pdf, ExportOptions(whole=True, page_span=SECONDS_PER_MEAN_YEAR,
                                                                 title="Story")) >= 5
    svg = tmp_path / "story.svg"
    export_timeline(timeline, painter, svg, ExportOptions(title="Story"))
    assert "Joëlle Pineau announces she will leave FAIR" in svg.read_text(encoding="utf-8")


def test_an_export_leaves_the_window_as_it_was(window: MainWindow, tmp_path: Path) -> None:
    window.canvas.set_viewport(Viewport(to_axis(2025, 3), to_axis(2025, 8)))
    view, size = window.canvas.viewport(), window.canvas.size()
    seen: list[object] = []
    window.canvas.viewport_changed.connect(seen.append)
    export_canvas(window.canvas, tmp_path / "whole.pdf", ExportOptions(whole=True, page_span=SECONDS_PER_MEAN_YEAR))
    assert window.canvas.viewport() == view
    assert window.canvas.size() == size
    assert seen == []  # the window's view was never moved, not even for a moment


@pytest.mark.parametrize(("dates", "message"), [
    (["--from", "2100"], "--to must come after --from"),  # the end, from the first view, is before 2100
    (["--from", "2025", "--to", "2024"], "--to must come after --from"),
    (["--from", "someday"], "is not a date"),
])
def test_an_export_of_a_view_that_cannot_be_is_refused_with_a_message(tmp_path: Path, dates: list[str],
                                                                       message: str) -> None:
    out = tmp_path / "never.png"
    done = subprocess.run([sys.executable, "-m", "timeline_app", "--export", str(out), "events.json", *dates],
                          capture_output=True, text=True, cwd=REPO_ROOT, check=False)
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
