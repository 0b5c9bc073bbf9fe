"""Rendering a timeline to PNG, SVG or PDF without a window, for scripts and CI."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _parse_size(text: str) -> tuple[int, int] | None:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        return None
    size = (int(width), int(height))
    return size if 200 <= size[0] <= 20000 and 150 <= size[1] <= 20000 else None


def export_file(out: Path, source: Path, size_text: str, view_from: str | None,
                view_to: str | None) -> int:
    """Render ``source`` to ``out``; the format follows the extension."""
    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        print(f"timeline-app: cannot export to {out.name}: use a .png, .svg or .pdf file name",
              file=sys.stderr)
        return EXIT_ERRORS
    size = _parse_size(size_text)
    if size is None:
        print(f'timeline-app: --size "{size_text}" is not a size; write WIDTHxHEIGHT, e.g. 1600x900',
              file=sys.stderr)
        return EXIT_ERRORS
    from timeline_app.model.dates import DateError, parse_date
    from timeline_app.model.loader import UnreadableFileError, load_path

    try:
        bounds = [parse_date(text, allow_ongoing=True) if text else None for text in (view_from, view_to)]
    except DateError as error:
        print(f"timeline-app: {error}", file=sys.stderr)
        return EXIT_ERRORS
    try:
        result = load_path(source)
    except UnreadableFileError as error:
        print(f"timeline-app: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    if result.document is None:
        return EXIT_ERRORS
    # No display is needed, or used: the export renders offscreen whatever the environment says.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from timeline_app.model.index import build_index
    from timeline_app.model.viewport import Viewport, ZoomLimits
    from timeline_app.ui.app import make_application
    from timeline_app.ui.canvas import TimelineCanvas

    make_application()
    canvas = TimelineCanvas()
    canvas.resize(*size)
    limits = ZoomLimits.for_data(result.document.span(), time.time())
    view = None
    start, end = bounds
    if start is not None or end is not None:
        fitted = limits.fit()
        view = Viewport(start.earliest if start else fitted.start, end.latest if end else fitted.end)
        if view.end <= view.start:
            print("timeline-app: --to must come after --from", file=sys.stderr)
            return EXIT_ERRORS
    canvas.set_index(build_index(result.document), limits, view)
    try:
        render_canvas(canvas, out, suffix)
    except OSError as error:
        print(f"timeline-app: cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"timeline-app: wrote {out} ({size[0]}x{size[1]}, {len(result.document.events)} events)",
          file=sys.stderr)
    return EXIT_OK


def render_canvas(canvas: object, out: Path, suffix: str) -> None:
    """Paint the canvas's current frame into a file."""
    from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
    from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
    from PySide6.QtSvg import QSvgGenerator

    from timeline_app.ui.canvas import TimelineCanvas

    assert isinstance(canvas, TimelineCanvas)
    width, height = canvas.width(), canvas.height()
    area = QRectF(0, 0, width, height)
    if suffix == ".png":
        image = QImage(width * 2, height * 2, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(2.0)
        painter = QPainter(image)
        canvas.render_frame(painter, area)
        painter.end()
        if not image.save(str(out)):
            raise OSError(f"the image could not be saved to {out}")
    elif suffix == ".svg":
        generator = QSvgGenerator()
        generator.setFileName(str(out))
        generator.setSize(QSize(width, height))
        generator.setViewBox(area)
        generator.setTitle("Timeline")
        painter = QPainter(generator)
        canvas.render_frame(painter, area)
        painter.end()
    else:
        writer = QPdfWriter(str(out))
        writer.setResolution(96)
        writer.setPageLayout(QPageLayout(QPageSize(QSizeF(width * 0.75, height * 0.75), QPageSize.Unit.Point),
                                         QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        painter = QPainter(writer)
        canvas.render_frame(painter, area)
        painter.end()
    if not out.is_file():
        raise OSError(f"nothing was written to {out}")
