"""A window's layouts are made once per view, taken from those made ahead, and made anew when forgotten."""

from __future__ import annotations

from tests.model.builders import random_document
from timeline_app.model.view.index import build_index
from timeline_app.model.view.layout_memory import LayoutMemory
from timeline_app.model.view.scene import Scene, SceneGeometry
from timeline_app.model.view.viewport import Viewport


def _measure(text: str) -> float:
    return 7.0 * len(text)


def test_a_layout_is_kept_for_its_view_taken_from_those_made_ahead_and_made_again_when_forgotten() -> None:
    index = build_index(random_document(300, seed=5, stream=False))
    memory = LayoutMemory()
    view = Viewport(*index.span())  # type: ignore[misc]
    geometry = SceneGeometry(width=900, top=48, height=500)
    made: list[Scene] = []

    def lay_out(target: Viewport) -> Scene:
        scene = memory.lay_out(index, target, geometry, _measure, 0.0, (), in_sight_until=None)
        made.append(scene)
        return scene

    first, new = memory.current(("a",), view, lambda: lay_out(view))
    assert new
    assert memory.current(("a",), view, lambda: lay_out(view)) == (first, False)
    zoomed = Viewport(view.start + view.span / 4, view.end - view.span / 4)
    ahead = lay_out(zoomed)
    memory.keep_ahead(("b",), ahead)
    assert memory.current(("b",), zoomed, lambda: lay_out(zoomed)) == (ahead, True)
    assert len(made) == 2  # the zoom step was laid out once, ahead
    memory.forget()
    again, new = memory.current(("b",), zoomed, lambda: lay_out(zoomed))
    assert new
    assert again is not ahead
    assert not memory.is_incomplete(("b",))  # laid out whole
    assert not memory.is_incomplete(("c",))  # of another view: not this one's to complete
