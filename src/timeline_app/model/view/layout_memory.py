"""What a window's layouts remember from frame to frame, so that panning and zooming stay calm.

A frame's layout (layout.py) is made for one view, size and scroll. A window keeps it while
nothing of those changes, keeps the layouts of the next zoom steps that idle time made
ahead, remembers each lane's rows (lanes below the window keep them until idle time lays
them out for the view) and which lanes it drew event by event (those stay so a little past
their limit while the view only moves, or a lane would flicker between events and a strip).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable

from timeline_app.model.document import Event
from timeline_app.model.view.index import TimelineIndex
from timeline_app.model.view.layout import layout_scene
from timeline_app.model.view.scene import Measure, Scene, SceneGeometry
from timeline_app.model.view.viewport import Viewport


class LayoutMemory:
    """The current layout of one window, the layouts made ahead, and what the next layout takes over."""

    def __init__(self) -> None:
        self.scene: Scene | None = None
        self._key: Hashable | None = None  # what the current layout was made for
        self._ahead: dict[Hashable, Scene] = {}  # next zoom steps, laid out while idle
        self._known_rows: dict[str, tuple[int, int]] = {}
        self._one_by_one: frozenset[str] = frozenset()  # lanes the last frame drew event by event
        self._one_by_one_span = 0.0  # ... in a view of this span

    def forget(self) -> None:
        """What was laid out is of another index or font: the next frame lays out anew."""
        self._key = None
        self._ahead.clear()

    def current(self, key: Hashable, view: Viewport, lay_out: Callable[[], Scene]) -> tuple[Scene, bool]:
        """The layout for ``key`` (of ``view``): the one kept, one made ahead, or ``lay_out()``'s;
        and whether it is new to this frame."""
        scene = self.scene
        if scene is not None and key == self._key:
            return scene, False
        ahead = self._ahead.pop(key, None)
        self._ahead.clear()  # laid out for the view before this one
        scene = self.scene = ahead if ahead is not None else lay_out()
        self._one_by_one = frozenset(band.lane.key for band in scene.bands
                                     if not (band.density or band.stack or band.lane.collapsed))
        self._one_by_one_span = view.span
        self._key = key
        return scene, True

    def lay_out(self, index: TimelineIndex, view: Viewport, geometry: SceneGeometry, measure: Measure,
                scroll: float, pinned: Collection[Event], in_sight_until: float | None) -> Scene:
        """A layout of ``view`` that takes over the rows and event-by-event lanes remembered."""
        return layout_scene(index, view, geometry, measure, scroll, pinned, in_sight_until=in_sight_until,
                            known_rows=self._known_rows, one_by_one_before=self._one_by_one_at(view))

    def _one_by_one_at(self, view: Viewport) -> frozenset[str]:
        """The lanes that stay drawn one by one a little past their limit in ``view``: those of the last
        frame, when the view only moved. A zoom decides afresh: out, it would keep many events per
        lane a step longer, and in, the lanes were density strips anyway."""
        same_span = abs(view.span - self._one_by_one_span) <= 1e-9 * view.span
        return self._one_by_one if same_span else frozenset()

    def keep_ahead(self, key: Hashable, scene: Scene) -> None:
        """A layout made ahead for a view the window may go to next (a zoom step)."""
        self._ahead[key] = scene

    def complete(self, whole: Scene) -> None:
        """The current layout with the lanes below the window laid out too: what is in sight is the same."""
        self.scene = whole

    def is_incomplete(self, key: Hashable) -> bool:
        """The current layout, made for ``key``, left lanes below the window for later. One of a view
        the window has since left is not: its next frame lays out anew, and asks again then."""
        return self.scene is not None and not self.scene.complete and self._key == key
