"""End to end: the installed ``timeline-app`` in a real X window under Xvfb, driven by xdotool.

What the user sees is read from screenshots of the X screen: the window's title, the
event markers in their category colours, and the detail pane filling in on a click.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.conftest import REPO_ROOT
from tests.e2e.screen import XScreen, matching_pixels, running_app, window_origin

pytestmark = pytest.mark.e2e

TALENT = QColor("#D55E00")  # the bundled story's colour for talent events
CUSTOMERS = QColor("#E69F00")


@pytest.fixture
def app_window(xscreen: XScreen, tmp_path: Path) -> Iterator[tuple[XScreen, str, subprocess.Popen[bytes]]]:
    story = tmp_path / "events.json"
    story.write_bytes((REPO_ROOT / "events.json").read_bytes())
    with running_app(xscreen, tmp_path, [str(story)], "Timeline", 20) as (window, app):
        time.sleep(0.8)  # let the first frame paint
        yield xscreen, window, app


def test_clicking_an_event_in_the_real_app_shows_its_details(
        app_window: tuple[XScreen, str, subprocess.Popen[bytes]], tmp_path: Path) -> None:
    screen, window, app = app_window
    assert screen.run("xdotool", "getwindowname", window) == "events.json — Timeline"
    x, y, width, height = window_origin(screen, window)
    before = screen.screenshot(tmp_path / "before.png")
    pane_left = x + int(width * 0.68)
    timeline_box = (x + 140, y + 80, pane_left, y + height - 40)
    pane_box = (pane_left + 10, y + 30, x + width - 5, y + height - 60)
    markers = matching_pixels(before, TALENT, timeline_box)
    assert markers, "no talent event is drawn in its category colour"
    assert not matching_pixels(before, TALENT, pane_box), "the pane shows a category before any click"
    # Click the first talent marker from the left: the middle of its run of coloured pixels.
    first_x = min(px for px, _ in markers)
    row = sorted(py for px, py in markers if px <= first_x + 6)
    target = (first_x + 3, row[len(row) // 2])
    screen.run("xdotool", "mousemove", str(target[0]), str(target[1]), "click", "1")
    time.sleep(0.8)
    after = screen.screenshot(tmp_path / "after.png")
    assert app.poll() is None, "the app exited after the click"
    chip = matching_pixels(after, TALENT, pane_box)
    assert chip, "the detail pane does not show the clicked event's category"
    changed = sum(1 for py in range(pane_box[1], pane_box[3], 4) for px in range(pane_box[0], pane_box[2], 4)
                  if before.pixel(px, py) != after.pixel(px, py))
    assert changed > 500, "the detail pane did not fill in"
    # The keyboard works in the real window too: Right selects the next event, which repaints the pane.
    screen.run("xdotool", "key", "Right")
    time.sleep(0.6)
    following = screen.screenshot(tmp_path / "following.png")
    moved = sum(1 for py in range(pane_box[1], pane_box[3], 4) for px in range(pane_box[0], pane_box[2], 4)
                if after.pixel(px, py) != following.pixel(px, py))
    assert moved > 100, "Right did not move the selection"


def test_outside_edits_show_up_and_in_app_edits_are_saved(
        app_window: tuple[XScreen, str, subprocess.Popen[bytes]], tmp_path: Path) -> None:
    import json

    screen, window, app = app_window
    story = tmp_path / "events.json"
    x, y, width, height = window_origin(screen, window)
    timeline_box = (x + 10, y + 60, x + int(width * 0.6), y + height - 40)
    assert matching_pixels(screen.screenshot(tmp_path / "start.png"), TALENT, timeline_box)
    # Another program removes every talent event, saving the way editors do: write, then rename.
    data = json.loads(story.read_text(encoding="utf-8"))
    data["events"] = [event for event in data["events"] if event.get("category") != "talent"]
    staged = tmp_path / "events.json.swp"
    staged.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(staged, story)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        time.sleep(0.3)
        if not matching_pixels(screen.screenshot(tmp_path / "reloaded.png"), TALENT, timeline_box):
            break
    else:
        raise AssertionError("the app did not show the outside edit")
    # Now edit in the app: select a customers event, delete it, save.
    count = len(data["events"])
    shot = screen.screenshot(tmp_path / "before-delete.png")
    markers = matching_pixels(shot, CUSTOMERS, (x + 140, y + 80, x + int(width * 0.66), y + height - 40))
    assert markers
    first_x = min(px for px, _ in markers)
    blob = [(px, py) for px, py in markers if px <= first_x + 10]
    target = (round(sum(px for px, _ in blob) / len(blob)), round(sum(py for _, py in blob) / len(blob)))
    screen.run("xdotool", "mousemove", str(target[0]), str(target[1]), "click", "1")
    time.sleep(0.4)
    screen.run("xdotool", "key", "Delete")
    time.sleep(0.5)
    assert "*" in screen.run("xdotool", "getwindowname", window)  # unsaved changes show in the title
    screen.run("xdotool", "key", "ctrl+s")
    time.sleep(0.8)
    assert "*" not in screen.run("xdotool", "getwindowname", window)
    saved = json.loads(story.read_text(encoding="utf-8"))
    assert len(saved["events"]) == count - 1
    assert (tmp_path / "events.json.bak").exists()
    assert app.poll() is None


def test_searching_with_real_key_presses(app_window: tuple[XScreen, str, subprocess.Popen[bytes]],
                                         tmp_path: Path) -> None:
    screen, window, app = app_window
    x, y, width, height = window_origin(screen, window)
    pane_left = x + int(width * 0.68)
    timeline_box = (x + 140, y + 100, pane_left, y + height - 40)
    pane_box = (pane_left + 10, y + 60, x + width - 5, y + height - 60)
    before = screen.screenshot(tmp_path / "before-search.png")
    customers_before = len(matching_pixels(before, CUSTOMERS, timeline_box))
    assert customers_before
    # Focus the window with a click on empty timeline space, then only the keyboard.
    screen.run("xdotool", "mousemove", str(x + 300), str(y + height - 60), "click", "1")
    time.sleep(0.3)
    screen.run("xdotool", "key", "ctrl+f")
    screen.run("xdotool", "type", "--delay", "30", "joelle")
    time.sleep(0.4)
    screen.run("xdotool", "key", "Return")
    time.sleep(0.6)
    after = screen.screenshot(tmp_path / "after-search.png")
    assert app.poll() is None
    # The first match, Joëlle Pineau's announcement, is in the pane with its talent colour ...
    assert matching_pixels(after, TALENT, pane_box)
    # ... and events that do not match are dimmed: customers' markers lose their full colour.
    assert len(matching_pixels(after, CUSTOMERS, timeline_box)) < customers_before / 2


STORY_COLORS = [QColor(name) for name in ("#0072B2", "#D55E00", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
                                          "#8C8C8C", "#F0E442")]


def _marker_blobs(image: QImage, box: tuple[int, int, int, int]) -> list[tuple[int, int, int]]:
    """Small runs of one category colour (markers): (left, right, y) of each, one per marker."""
    blobs: list[tuple[int, int, int]] = []
    for color in STORY_COLORS:
        pixels = sorted(matching_pixels(image, color, box), key=lambda p: (p[1], p[0]))
        for x, y in pixels:
            near = next((i for i, (left, right, middle) in enumerate(blobs)
                         if abs(middle - y) <= 8 and left - 4 <= x <= right + 4), None)
            if near is None:
                blobs.append((x, x, y))
            else:
                left, right, middle = blobs[near]
                blobs[near] = (min(left, x), max(right, x), middle)
    return [blob for blob in blobs if blob[1] - blob[0] <= 14]  # bars are wider: markers only


def _has_text_beside(image: QImage, blob: tuple[int, int, int]) -> bool:
    left, right, y = blob
    dark = 0
    for x in [*range(right + 4, right + 70), *range(left - 70, left - 4)]:
        for dy in range(-5, 6):
            if 0 <= x < image.width() and image.pixelColor(x, y + dy).lightness() < 90:
                dark += 1
    return dark > 12


def test_a_new_user_sees_the_story_labelled(app_window: tuple[XScreen, str, subprocess.Popen[bytes]],
                                           tmp_path: Path) -> None:
    screen, window, _app = app_window
    x, y, width, height = window_origin(screen, window)
    shot = screen.screenshot(tmp_path / "first-view.png")
    timeline_box = (x + 140, y + 120, x + int(width * 0.7), y + height - 120)
    blobs = _marker_blobs(shot, timeline_box)
    assert len(blobs) >= 20, f"only {len(blobs)} event markers are drawn in the first view"
    labelled = sum(_has_text_beside(shot, blob) for blob in blobs)
    assert labelled >= 0.8 * len(blobs), f"{labelled} of {len(blobs)} markers have a label beside them"


def test_twenty_thousand_events_over_two_weeks_are_drawn_with_labels(xscreen: XScreen, tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from generate import write_events

    big = write_events(20_000, tmp_path / "big.json")
    arguments = [str(big), "--from", "2010-06-01", "--to", "2010-06-15"]
    with running_app(xscreen, tmp_path, arguments, "big.json", 40) as (window, app):
        shot = None
        x, y, width, height = window_origin(xscreen, window)
        box = (x + 140, y + 120, x + int(width * 0.7), y + height - 120)
        deadline = time.monotonic() + 30  # read on a worker thread: wait for the events to appear
        while time.monotonic() < deadline:
            time.sleep(0.5)
            shot = xscreen.screenshot(tmp_path / "big-two-weeks.png")
            if _marker_blobs(shot, box):
                break
        assert shot is not None
        blobs = _marker_blobs(shot, box)
        assert len(blobs) >= 5, "events beginning in the two weeks are drawn one by one"
        labelled = sum(_has_text_beside(shot, blob) for blob in blobs)
        assert labelled >= 0.8 * len(blobs), f"{labelled} of {len(blobs)} markers are labelled"
        assert app.poll() is None
