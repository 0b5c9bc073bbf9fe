"""What the canvas does between frames, in short slices, so input arriving meanwhile is not kept waiting.

First the sprites of labels that were drawn directly; then the lanes below the window are laid
out for this view; then the next zoom step in and out is laid out and its sprites made, so a
zoom finds them ready.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from timeline_app.model.view.viewport import Viewport
from timeline_app.ui.canvas.sprites import SpriteCache

SPRITE_SLICE_SECONDS = 0.004
PREFETCH_ZOOM_IN, PREFETCH_ZOOM_OUT = 1.25, 0.8  # one wheel notch either way


class IdleWork(QObject):
    def __init__(self, parent: QObject, sprites: Callable[[], SpriteCache], incomplete: Callable[[], bool],
                 complete: Callable[[], object], prepare_zoom: Callable[[float], None]) -> None:
        super().__init__(parent)
        self._sprites, self._incomplete = sprites, incomplete
        self._complete, self._prepare_zoom = complete, prepare_zoom
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._prefetched: Viewport | None = None
        self._factors: list[float] = []  # zoom steps whose layouts and sprites are still to be made

    def forget(self) -> None:
        """Another index: the zoom steps made ahead were of the old one."""
        self._prefetched = None

    def soon(self) -> None:
        self._timer.start()

    def busy(self) -> bool:
        """Whether work for the frames to come is still to be done (tests wait for it)."""
        return self._sprites().has_pending() or bool(self._factors)

    def after_frame(self, view: Viewport, stamping: bool) -> None:
        """A frame of ``view`` was painted: plan what its neighbours will need."""
        if stamping and self._prefetched != view:
            self._prefetched = view
            self._factors = [PREFETCH_ZOOM_OUT, PREFETCH_ZOOM_IN]
        if self._sprites().has_pending() or self._factors:
            self._timer.start()

    def _step(self) -> None:
        sprites = self._sprites()
        if sprites.has_pending():
            sprites.make_pending(SPRITE_SLICE_SECONDS)
        elif self._incomplete():
            self._complete()
        elif self._factors:
            self._prepare_zoom(self._factors.pop())
        if sprites.has_pending() or self._factors or self._incomplete():
            self._timer.start()
