"""Back and forward through views and selections, like a browser."""

from __future__ import annotations

from timeline_app.model.view.navigation import History, Place
from timeline_app.model.view.viewport import Viewport


def test_history_goes_back_and_forward_like_a_browser() -> None:
    history = History()
    places = [Place(Viewport(i, i + 1), None) for i in range(3)]
    for place in places:
        history.visit(place)
    assert history.back() == places[1]
    assert history.back() == places[0]
    assert history.back() is None
    assert history.forward() == places[1]
    history.visit(Place(Viewport(9, 10), "x"))
    assert history.forward() is None
    assert history.back() == places[1]
