"""Lanes and events keep their category's colour; a category the file does not declare gets one of its own."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO_ROOT
from tests.model.view.helpers import measure
from timeline_app.model.timeaxis import to_axis
from timeline_app.model.view.index import build_index
from timeline_app.model.view.layout import layout_scene
from timeline_app.model.view.scene import SceneGeometry
from timeline_app.model.view.viewport import Viewport
from timeline_app.storage.loader import load_path, load_text


@pytest.mark.parametrize("lanes_by", ["category", "actor", "tag", "none"])
def test_events_keep_their_category_colour_in_every_lane_mode(lanes_by: str) -> None:
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    index = build_index(document, lanes_by=lanes_by)
    scene = layout_scene(index, Viewport(to_axis(2025, 1), to_axis(2026, 1)),
                         SceneGeometry(width=1400, top=48, height=2000), measure)
    assert scene.placements
    for placement in scene.placements:
        assert placement.color == document.categories[placement.event.category or ""].color


def test_an_undeclared_category_gets_a_colour_of_its_own() -> None:
    document = load_text(json.dumps({
        "categories": {"deal": {"label": "Deal", "color": "#0072B2"}},
        "events": [{"title": "A", "start": "2025", "category": "deal"},
                   {"title": "B", "start": "2025", "category": "surprise"}]})).document
    assert document is not None
    colors = build_index(document).category_colors
    assert colors["surprise"] != colors["deal"]
