"""Small pictures painted once and stamped many times: labels and event markers.

Measured here on the raster engine, stamping a cached image costs about 2 µs, while
``drawText`` of a label costs 10–25 µs and an antialiased marker with its halo several
times that. A frame shows hundreds of labels that barely change from one zoom step to
the next, so caching them is what keeps frames inside their budget.

Sprites are for the screen and for raster images drawn 1:1. Vector output (SVG, PDF,
print) and scaled exports keep drawing text as text, so the canvas only stamps sprites
when :func:`can_stamp` says the painter will copy pixels unchanged.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPaintEngine, QPainter, QTransform

SPRITE_CAPACITY = 6000  # about 6,000 labels of ~10 KB: enough for every label of several screens
SCRATCH_WIDTH, SCRATCH_HEIGHT = 1024, 64  # new labels are drawn here, then copied out


def can_stamp(painter: QPainter) -> bool:
    """Whether pixels stamped on this painter land 1:1: a raster target moved at most by whole pixels."""
    engine = painter.paintEngine()
    if engine is None or engine.type() != QPaintEngine.Type.Raster:
        return False
    transform = painter.worldTransform()
    if transform.type().value > QTransform.TransformationType.TxTranslate.value:
        return False
    return transform.dx().is_integer() and transform.dy().is_integer()


class Sprite:
    """An image and where its anchor is inside it, in logical pixels."""

    __slots__ = ("anchor_x", "anchor_y", "image")

    def __init__(self, image: QImage, anchor_x: int, anchor_y: int) -> None:
        self.image = image
        self.anchor_x = anchor_x
        self.anchor_y = anchor_y

    def stamp(self, painter: QPainter, x: float, y: float) -> None:
        """Draw with the anchor at the whole pixel nearest to (x, y)."""
        painter.drawImage(round(x) - self.anchor_x, round(y) - self.anchor_y, self.image)


class SpriteCache:
    """Least-recently-used sprites for one device pixel ratio."""

    def __init__(self, capacity: int = SPRITE_CAPACITY) -> None:
        self._capacity = capacity
        self._sprites: OrderedDict[Hashable, Sprite] = OrderedDict()
        self._ratio = 1.0
        self.generation = 0  # counts clears: anything holding on to sprites' images must drop them then
        # One painter, kept open on a scratch image while a frame is painted: opening a painter
        # costs more than drawing the text, so new labels share it and are copied out.
        self._scratch: QImage | None = None
        self._scratch_painter: QPainter | None = None
        # Labels seen for the first time: drawn directly in that frame, made into sprites when idle.
        self._pending: dict[Hashable, Callable[[], Sprite]] = {}

    def __len__(self) -> int:
        return len(self._sprites)

    def use_ratio(self, ratio: float) -> None:
        """Sprites are drawn for one device pixel ratio; another screen needs them again."""
        if ratio != self._ratio:
            self.clear()
            self._scratch = None
            self._ratio = ratio

    def finish(self) -> None:
        """Close the scratch painter; call when a frame is done."""
        if self._scratch_painter is not None:
            self._scratch_painter.end()
            self._scratch_painter = None

    def clear(self) -> None:
        self.finish()
        self._sprites.clear()
        self._pending.clear()
        self.generation += 1

    def cached_text(self, text: str, font: QFont, metrics: QFontMetricsF, color: QColor, font_key: int,
                    advance: float | None = None) -> Sprite | None:
        """A label's sprite if there is one; if not, it is noted for :meth:`make_pending`.

        Making a sprite costs about twice drawing the text once, so a label seen for the first
        time is drawn directly and its sprite made between frames.
        """
        key = (0, text, font_key, color.rgba())
        sprite = self._sprites.get(key)
        if sprite is not None:
            self._sprites.move_to_end(key)
            return sprite
        if key not in self._pending:
            self._pending[key] = lambda: self.text(text, font, metrics, color, font_key, advance)
        return None

    def has_pending(self) -> bool:
        return bool(self._pending)

    def make_pending(self, budget: float) -> None:
        """Make sprites noted by :meth:`cached_text` for about ``budget`` seconds at most."""
        deadline = time.perf_counter() + budget
        try:
            while self._pending and time.perf_counter() < deadline:
                key = next(iter(self._pending))
                self._pending.pop(key)()
        finally:
            self.finish()

    def text(self, text: str, font: QFont, metrics: QFontMetricsF, color: QColor, font_key: int,
             advance: float | None = None) -> Sprite:
        """A label: its anchor is the start of its baseline. ``advance``: its width, if known."""
        key = (0, text, font_key, color.rgba())
        sprite = self._sprites.get(key)
        if sprite is not None:
            self._sprites.move_to_end(key)
            return sprite
        ascent = math.ceil(metrics.ascent())
        # One pixel of slack on each side: antialiased glyph edges reach past their advance.
        width = math.ceil(metrics.horizontalAdvance(text) if advance is None else advance) + 3
        height = ascent + math.ceil(metrics.descent()) + 2
        baseline = QPointF(1, ascent + 1)
        if width > SCRATCH_WIDTH or height > SCRATCH_HEIGHT:
            def paint(painter: QPainter) -> None:
                painter.setFont(font)
                painter.setPen(color)
                painter.drawText(baseline, text)

            return self._store(key, self._draw(width, height, paint), 1, ascent + 1)
        painter = self._open_scratch()
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.fillRect(0, 0, width, height, Qt.GlobalColor.transparent)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        painter.setFont(font)
        painter.setPen(color)
        painter.drawText(baseline, text)
        scratch = self._scratch
        assert scratch is not None
        ratio = self._ratio
        image = scratch.copy(QRect(0, 0, math.ceil(width * ratio), math.ceil(height * ratio)))
        image.setDevicePixelRatio(ratio)
        return self._store(key, image, 1, ascent + 1)

    def _open_scratch(self) -> QPainter:
        if self._scratch_painter is None:
            if self._scratch is None:
                ratio = self._ratio
                self._scratch = QImage(math.ceil(SCRATCH_WIDTH * ratio), math.ceil(SCRATCH_HEIGHT * ratio),
                                       QImage.Format.Format_ARGB32_Premultiplied)
                self._scratch.setDevicePixelRatio(ratio)
            self._scratch_painter = QPainter(self._scratch)
            self._scratch_painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        return self._scratch_painter

    def cached_shape(self, key: Hashable) -> Sprite | None:
        """A shape made before with this key, if it is still kept."""
        return self._sprites.get((1, key))

    def note_shape(self, key: Hashable, reach: int, paint: Callable[[QPainter], None]) -> None:
        """Make this shape between frames (see :meth:`make_pending`), unless it is made already."""
        if (1, key) not in self._sprites and (1, key) not in self._pending:
            self._pending[(1, key)] = lambda: self.shape(key, reach, paint)

    def shape(self, key: Hashable, reach: int, paint: Callable[[QPainter], None]) -> Sprite:
        """A shape centred on its anchor, painted by ``paint`` around the origin within ``reach``."""
        full_key = (1, key)
        sprite = self._sprites.get(full_key)
        if sprite is not None:
            self._sprites.move_to_end(full_key)
            return sprite
        size = 2 * reach

        def centred(painter: QPainter) -> None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.translate(reach, reach)
            paint(painter)

        return self._store(full_key, self._draw(size, size, centred), reach, reach)

    def _draw(self, width: int, height: int, paint: Callable[[QPainter], None]) -> QImage:
        ratio = self._ratio
        image = QImage(max(1, math.ceil(width * ratio)), max(1, math.ceil(height * ratio)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            paint(painter)
        finally:
            painter.end()
        return image

    def _store(self, key: Hashable, image: QImage, anchor_x: int, anchor_y: int) -> Sprite:
        sprite = Sprite(image, anchor_x, anchor_y)
        self._sprites[key] = sprite
        if len(self._sprites) > self._capacity:
            self._sprites.popitem(last=False)
        return sprite
