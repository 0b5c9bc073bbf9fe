"""Export and print from the window: the dialogs, then the pictures and pages ui/export.py paints."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog

from timeline_app.ui.canvas.painter import TimelinePainter
from timeline_app.ui.canvas.theme import dark_palette
from timeline_app.ui.export import ExportOptions, Timeline, export_canvas, page_size, paint_pages
from timeline_app.ui.export_dialog import ExportDialog

if TYPE_CHECKING:
    from timeline_app.ui.main_window import MainWindow


class ExportController(QObject):
    """What File > Export and File > Print do."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._preview_printer: QPrinter | None = None

    def export(self) -> None:
        dialog = ExportDialog(self._title(), self._window)
        if not self._window.run_modal(dialog):
            return
        path = self._window.files.path
        start = str(path.with_suffix(dialog.suffix()) if path else Path.cwd() / "timeline.png")
        name, _ = QFileDialog.getSaveFileName(self._window, "Export timeline", start, f"*{dialog.suffix()}")
        if name:
            self.export_to(Path(name if name.lower().endswith(dialog.suffix()) else name + dialog.suffix()),
                           dialog.options())

    def export_to(self, path: Path, options: ExportOptions) -> None:
        try:
            pages = export_canvas(self._window.canvas, path, options, self._window.appearance.light_palette())
        except OSError as error:
            self._window.show_message("Not exported",
                                      f"{path.name} could not be written: {error.strerror or error}")
            return
        pages_text = f" ({pages} pages)" if pages > 1 else ""
        self._window.statusBar().showMessage(f"Exported {path.name}{pages_text}", 6000)

    def _page_painter(self, options: ExportOptions) -> TimelinePainter:
        """Pages are light, whatever the window's appearance, unless the user asked for dark."""
        return TimelinePainter(dark_palette() if options.dark else self._window.appearance.light_palette())

    def print_timeline(self) -> None:
        dialog = ExportDialog(self._title(), self._window, printing=True)
        if not self._window.run_modal(dialog):
            return
        options = dialog.options()
        preview = self.print_preview(options)
        self._window.run_modal(preview)

    def print_preview(self, options: ExportOptions) -> QPrintPreviewDialog:
        """A preview that paints the same pages a PDF export would, ready to print."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(page_size(options.page_size))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if options.landscape
                                   else QPageLayout.Orientation.Portrait)
        preview = QPrintPreviewDialog(printer, self._window)
        preview.setObjectName("printPreview")
        # QPrinter is no QObject: the dialog only points at it, so keep it alive as long as the dialog.
        self._preview_printer = printer

        def paint(device: QPrinter) -> None:
            timeline = Timeline.of_canvas(self._window.canvas)
            paint_pages(timeline.whole() if options.whole else timeline, self._page_painter(options), device,
                        options, device.newPage)

        preview.paintRequested.connect(paint)
        return preview

    def _title(self) -> str:
        document, path = self._window.document(), self._window.files.path
        if document is not None and document.title:
            return document.title
        return path.name if path else "Timeline"
