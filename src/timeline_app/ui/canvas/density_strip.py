"""A lane too dense for its events: a strip of how many are under way, and begin, along the view.

Each bucket's bar rises with its share of the lane's busiest bucket: light where events are
under way, solid where they begin (like a range's soft fill and a marker's solid dot). On
screen the strip is stamped as a tiny picture; elsewhere (exports, print) drawn as rectangles.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from timeline_app.model.view.scene import DENSITY_LEVELS, Density

# For each level, a table that turns a bucket's level into 1 where its bar reaches that level.
_DENSITY_ROWS = [bytes(1 if value >= level else 0 for value in range(256)) for level in range(DENSITY_LEVELS + 1)]


def paint_density(painter: QPainter, density: Density, left: float, under_way: QColor, beginning: QColor, *,
                  stamping: bool) -> None:
    """The strip of ``density``, its buckets from ``left`` on."""
    if stamping:
        _stamp_density(painter, density, left, under_way, beginning)
        return
    bottom = density.top + density.height
    width = density.bucket_width
    painter.setPen(Qt.PenStyle.NoPen)
    for runs, color in ((density.runs(), under_way), (density.start_runs(), beginning)):
        painter.setBrush(color)
        painter.drawRects([QRectF(left + first * width, bottom - share * density.height,
                                  (after - first) * width, share * density.height)
                           for first, after, share in runs])


def _stamp_density(painter: QPainter, density: Density, left: float, under_way: QColor, beginning: QColor) -> None:
    """The strip as a tiny picture, a pixel per bucket and level, stretched over the lane.

    Built with bytes.translate, a row at a time, it costs a few dozen microseconds however
    dense the lane; a rectangle per run cost close to a millisecond a lane. A pixel is 1
    where events are under way at that height, 2 where beginnings reach it (3: both).
    """
    buckets = len(density.counts)
    stride = (buckets + 3) // 4 * 4  # rows of a QImage start on 32-bit boundaries
    padding = bytes(stride - buckets)
    counts, starts = density.levels() + padding, density.start_levels() + padding
    rows = []
    for level in range(DENSITY_LEVELS, 0, -1):
        covered = int.from_bytes(counts.translate(_DENSITY_ROWS[level]), "little")
        begun = int.from_bytes(starts.translate(_DENSITY_ROWS[level]), "little") << 1
        rows.append((covered | begun).to_bytes(stride, "little"))
    image = QImage(b"".join(rows), buckets, DENSITY_LEVELS, stride, QImage.Format.Format_Indexed8)
    image.setColorTable([0, under_way.rgba(), beginning.rgba(), beginning.rgba()])
    # Stretching an indexed image is six times slower than converting it first.
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    painter.drawImage(QRectF(left, density.top, buckets * density.bucket_width, density.height), image)
