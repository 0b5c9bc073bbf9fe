"""Pictures, vectors, print: the timeline as PNG, SVG or PDF, with a title and a legend.

The painter that paints the window paints every export, over the same layout made for a
page (which cannot scroll: its lanes share its height), so what is saved is what is seen,
without what only a window shows (the selection, the hovered event, search highlighting,
counts of what is in view, thin bars to hover); no widget is resized or driven. A PDF of a
long timeline is cut into pages of a chosen time span, each with its own axis.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator

from timeline_app.model.describe import day_words
from timeline_app.model.document import TimelineDocument
from timeline_app.model.view.index import TimelineIndex, build_index
from timeline_app.model.view.layout import layout_scene
from timeline_app.model.view.scene import SceneGeometry
from timeline_app.model.view.viewport import Viewport, ZoomLimits
from timeline_app.model.zones import Zone
from timeline_app.ui.canvas.painter import AXIS_HEIGHT, GUTTER_WIDTH, Frame, TimelinePainter, lanes_top
from timeline_app.ui.canvas.theme import dark_palette, ui_font

if TYPE_CHECKING:
    from timeline_app.ui.canvas.widget import TimelineCanvas

HEADER_HEIGHT = 56


@dataclass
class ExportOptions:
    """What to export and how."""

    whole: bool = False  # the whole timeline, or the current view
    scale: float = 2.0  # PNG pixels per canvas pixel, 1 to 4
    transparent: bool = False  # PNG only
    dark: bool = False  # pictures and pages are light, whatever the window's appearance, unless asked
    page_size: str = "A4"  # PDF and print
    landscape: bool = True
    page_span: float | None = None  # seconds of time per PDF page; None puts everything on one page
    title: str = ""


class InvertedViewError(ValueError):
    """The stretch of time asked for ends before it starts."""


def export_document(document: TimelineDocument, out: Path, size: tuple[int, int],
                    asked: tuple[float | None, float | None] | None, options: ExportOptions) -> None:
    """Render ``document`` to ``out`` without a window, the format by its extension.

    ``asked`` is the stretch of time to show (either end may be open); None shows the
    document's first view. Raises OSError when ``out`` cannot be written, InvertedViewError when the
    end asked for comes before the start (one of them taken from the first view).
    """
    # No display is needed, or used: the export renders offscreen whatever the environment says.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from timeline_app.ui.app import make_application

    app = make_application()
    limits = ZoomLimits.for_data(document.span(), time.time())
    index = build_index(document)
    view = limits.first_view(index.span(), index.bulk_span())
    if asked is not None:
        fitted = limits.fit()
        start, end = asked
        start, end = fitted.start if start is None else start, fitted.end if end is None else end
        if end <= start:
            raise InvertedViewError("--to must come after --from")
        view = Viewport(start, end)
    # The size asked for is the picture's, title and legend included.
    # Without a window, on the file's clocks where it names them (see ZoneChoice).
    timeline = Timeline(index, limits.clamp(view), limits, size, Zone(document.timezone) if document.timezone else None)
    export_timeline(timeline, TimelinePainter(app.palette()), out, options)


@dataclass(frozen=True)
class Timeline:
    """What an export shows: the events, the stretch of time, and how large the picture is."""

    index: TimelineIndex
    view: Viewport
    limits: ZoomLimits
    size: tuple[int, int]  # the picture in pixels (at scale 1), its title and legend included
    zone: Zone | None = None  # the clocks the axis counts on, as the window shows them (None: UTC)

    @classmethod
    def of_canvas(cls, canvas: TimelineCanvas) -> Timeline:
        """What a window shows: its view at its size, with a title and legend above."""
        size = (canvas.width(), canvas.height() + HEADER_HEIGHT)
        return cls(canvas.index(), canvas.viewport(), canvas.limits(), size, canvas.display_zone())

    def whole(self) -> Timeline:
        """The same, over every event the filters show."""
        return replace(self, view=self.limits.framing(self.index.span()))


def export_canvas(canvas: TimelineCanvas, out: Path, options: ExportOptions, light: QPalette | None = None) -> int:
    """Write what the window shows to ``out`` (format by extension); returns the number of pages or images.

    In the ``light`` palette (the desktop's) unless ``options.dark``: a page is for paper and slides.
    """
    palette = dark_palette() if options.dark else light or QGuiApplication.palette()
    return export_timeline(Timeline.of_canvas(canvas), TimelinePainter(palette), out, options)


def export_timeline(timeline: Timeline, painter: TimelinePainter, out: Path, options: ExportOptions) -> int:
    """Write ``timeline`` to ``out`` (format by extension); returns the number of pages or images."""
    suffix = out.suffix.lower()
    if options.whole:
        timeline = timeline.whole()
    if suffix == ".png":
        _export_png(timeline, painter, out, options)
        return 1
    if suffix == ".svg":
        _export_svg(timeline, painter, out, options)
        return 1
    return _export_pdf(timeline, painter, out, options)


def paint_page(timeline: Timeline, timeline_painter: TimelinePainter, painter: QPainter, view: Viewport,
               width: float, height: float, options: ExportOptions, page: str = "") -> None:
    """A title and legend above one frame of the timeline at ``view``, filling ``width`` × ``height``."""
    theme = timeline_painter.theme
    if not options.transparent:
        painter.fillRect(QRectF(0, 0, width, HEADER_HEIGHT), theme.background)
    painter.setPen(theme.text)
    painter.setFont(ui_font(4.0, bold=True))
    painter.drawText(QRectF(14, 4, width - 28, 28), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     options.title + (f" — {page}" if page else ""))
    painter.setFont(ui_font(-1.0))
    x = 14.0
    metrics = painter.fontMetrics()
    for lane in timeline.index.lanes:
        label = lane.label
        needed = 18 + metrics.horizontalAdvance(label) + 14
        if x + needed > width - 14:
            break  # the legend never runs off the page
        painter.fillRect(QRectF(x, 38, 10, 10), QColor(lane.color))
        painter.setPen(theme.text)
        painter.drawText(QPointF(x + 16, 47), label)
        x += needed
    # The same layout as the window's, for a page: it cannot scroll, so the lanes share its height.
    frame_height = height - HEADER_HEIGHT
    timeline_width = max(width - GUTTER_WIDTH, 1.0)
    top = lanes_top(timeline.index)
    timeline_height = max(frame_height - top, 1.0)
    scene = layout_scene(timeline.index, view, SceneGeometry(width=timeline_width, top=top,
                                                             height=timeline_height),
                         timeline_painter.measure_label, 0.0, (), fit_height=True)
    frame = Frame(scene, timeline.index, view, width, frame_height, timeline_width, timeline_height,
                  for_export=True, transparent=options.transparent, zone=timeline.zone)
    painter.save()
    painter.translate(0, HEADER_HEIGHT)
    timeline_painter.paint(painter, QRectF(0, 0, width, frame_height), frame)
    painter.restore()


def _export_png(timeline: Timeline, timeline_painter: TimelinePainter, out: Path, options: ExportOptions) -> None:
    width, height = timeline.size
    image = QImage(round(width * options.scale), round(height * options.scale),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(options.scale)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_page(timeline, timeline_painter, painter, timeline.view, width, height, options)
    painter.end()
    if not image.save(str(out)):
        raise OSError(f"the image could not be saved to {out}")


def _export_svg(timeline: Timeline, timeline_painter: TimelinePainter, out: Path, options: ExportOptions) -> None:
    width, height = timeline.size
    generator = QSvgGenerator()
    generator.setFileName(str(out))
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(options.title or "Timeline")
    painter = QPainter(generator)
    paint_page(timeline, timeline_painter, painter, timeline.view, width, height, options)
    painter.end()
    if not out.is_file():
        raise OSError(f"nothing was written to {out}")


def page_views(view: Viewport, options: ExportOptions) -> list[Viewport]:
    """The stretch of time each page shows: ``view`` cut into ``page_span`` pieces."""
    if not options.page_span or options.page_span >= view.span:
        return [view]
    # A sliver left over (calendar years are not all the mean year long) joins the last page.
    pages = max(1, math.ceil(view.span / options.page_span - 0.05))
    return [Viewport(view.start + i * options.page_span,
                     view.end if i == pages - 1 else view.start + (i + 1) * options.page_span)
            for i in range(pages)]


def paint_pages(timeline: Timeline, timeline_painter: TimelinePainter, device: QPagedPaintDevice,
                options: ExportOptions, new_page: Callable[[], object]) -> int:
    """Paint every page onto a paged device (PDF writer or printer), each with its axis; returns the count."""
    views = page_views(timeline.view, options)
    painter = QPainter(device)
    try:
        page = device.pageLayout().paintRectPixels(device.logicalDpiX())
        width = float(timeline.size[0])  # the page is laid out at the window's width, then scaled to fit
        scale = page.width() / width
        height = max(page.height() / scale, HEADER_HEIGHT + AXIS_HEIGHT + 200)
        for number, view in enumerate(views):
            if number:
                new_page()
            label = (f"page {number + 1} of {len(views)}: {day_words(view.start)} – {day_words(view.end)}"
                     if len(views) > 1 else "")
            painter.save()
            painter.scale(scale, scale)
            paint_page(timeline, timeline_painter, painter, view, width, height, options, label)
            painter.restore()
    finally:
        painter.end()
    return len(views)


def _export_pdf(timeline: Timeline, timeline_painter: TimelinePainter, out: Path, options: ExportOptions) -> int:
    writer = QPdfWriter(str(out))
    writer.setResolution(150)
    writer.setTitle(options.title or "Timeline")
    writer.setPageLayout(QPageLayout(page_size(options.page_size),
                                     QPageLayout.Orientation.Landscape if options.landscape
                                     else QPageLayout.Orientation.Portrait, QMarginsF(10, 10, 10, 10)))
    pages = paint_pages(timeline, timeline_painter, writer, options, writer.newPage)
    if not out.is_file():
        raise OSError(f"nothing was written to {out}")
    return pages


def page_size(name: str) -> QPageSize:
    sizes = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3, "Letter": QPageSize.PageSizeId.Letter,
             "Legal": QPageSize.PageSizeId.Legal, "Tabloid": QPageSize.PageSizeId.Tabloid}
    return QPageSize(sizes.get(name, QPageSize.PageSizeId.A4))
