"""End to end: eras, nested lanes, a file's time zone and a picture, seen in the real app's window.

The file is made so each feature has a colour of its own on screen: the era a magenta wash and
block, the child lane's events cyan, the picture pure green. Clicks go through xdotool.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from tests.e2e.screen import XScreen, matching_pixels, running_app, window_origin

ERA = QColor("#FF00FF")
CHILD = QColor("#00A0FF")
PICTURE = QColor("#00FF00")


def _story(tmp_path: Path) -> Path:
    picture = QImage(600, 400, QImage.Format.Format_RGB32)
    picture.fill(PICTURE)
    (tmp_path / "images").mkdir()
    assert picture.save(str(tmp_path / "images" / "deal.png"))
    path = tmp_path / "features.json"
    path.write_text(json.dumps({
        "title": "Features", "timezone": "America/New_York",
        "categories": {"meta": {"label": "Meta", "color": "#0072B2"},
                       "msl": {"label": "The lab", "color": CHILD.name(), "parent": "meta"}},
        "eras": [{"title": "The week", "start": "2025-06-09", "end": "2025-06-15", "color": ERA.name()}],
        "events": [
            {"title": "Lab announced", "start": "2025-06-12T21:30", "category": "msl",
             "media": {"path": "images/deal.png", "caption": "On stage", "alt": "A green picture"}},
            {"title": "Meta's own", "start": "2025-06-05", "category": "meta"},
            {"title": "Later", "start": "2025-06-20", "category": "msl"}]}, indent=2), encoding="utf-8")
    return path


def test_eras_nested_lanes_and_pictures_in_the_real_window(xscreen: XScreen, tmp_path: Path) -> None:
    path = _story(tmp_path)
    with running_app(xscreen, tmp_path, [str(path)], "features.json", 20) as (window, app):
        time.sleep(0.8)
        x, y, width, height = window_origin(xscreen, window)
        pane_left = x + int(width * 0.68)
        timeline = (x + 140, y + 60, pane_left, y + height - 140)
        pane = (pane_left + 10, y + 60, x + width - 5, y + height - 60)
        shot = xscreen.screenshot(tmp_path / "features.png")
        # The era: a block on the band under the axis (magenta at 30 % over the band's grey).
        band = QColor(round(ERA.red() * 0.3 + 240 * 0.7), round(ERA.green() * 0.3 + 240 * 0.7),
                      round(ERA.blue() * 0.3 + 240 * 0.7))
        block = matching_pixels(shot, band, timeline, tolerance=24)
        assert block, "the era's block is drawn on its band"
        top_of_block = min(py for _, py in block)
        # The child lane's events, in its colour, below the band: the tree is drawn, not flattened.
        child = matching_pixels(shot, CHILD, (timeline[0], top_of_block + 20, timeline[2], timeline[3]))
        assert child, "the nested lane's events are drawn"
        # A click on the era shows it in the pane, with its colour's swatch.
        bx, by = sorted(block)[len(block) // 2]
        xscreen.run("xdotool", "mousemove", str(bx), str(by), "click", "1")
        time.sleep(0.8)
        after = xscreen.screenshot(tmp_path / "era-clicked.png")
        assert matching_pixels(after, ERA, pane), "the pane shows the era"
        # A click on the event with a picture shows the picture, scaled into the pane.
        first = min(child)
        xscreen.run("xdotool", "mousemove", str(first[0] + 2), str(first[1] + 2), "click", "1")
        deadline = time.monotonic() + 10
        green: list[tuple[int, int]] = []
        while time.monotonic() < deadline and not green:
            time.sleep(0.4)
            green = matching_pixels(xscreen.screenshot(tmp_path / "picture.png"), PICTURE, pane)
        assert green, "the event's picture is shown in the pane"
        xs = [px for px, _ in green]
        assert max(xs) < x + width, "the picture fits the pane"
        assert app.poll() is None
