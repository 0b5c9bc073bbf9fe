"""The X screen the end-to-end tests drive: Xvfb, the installed app in it, screenshots and pixels."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QColor, QImage


def tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is needed for the end-to-end tests; make test installs it (.ci/system-deps)"
    return found


@dataclass
class XScreen:
    display: str
    env: dict[str, str]

    def run(self, *args: str) -> str:
        done = subprocess.run(list(args), capture_output=True, text=True, env=self.env, timeout=30,
                              check=False)
        return done.stdout.strip()

    def screenshot(self, path: Path) -> QImage:
        subprocess.run(["/usr/bin/import", "-window", "root", str(path)], env=self.env, check=True,
                       timeout=30, capture_output=True)
        image = QImage(str(path))
        assert not image.isNull()
        return image


def app_command() -> str:
    installed = Path(sys.executable).parent / "timeline-app"
    assert installed.exists(), "timeline-app must be installed in this environment (pip install .)"
    return str(installed)


def find_window(xscreen: XScreen, name_part: str, seconds: float) -> str:
    """The id of the first visible window whose title holds ``name_part``, waited for; "" if none came."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for candidate in xscreen.run("xdotool", "search", "--onlyvisible", "--name", "").split():
            if name_part in xscreen.run("xdotool", "getwindowname", candidate):
                return candidate
        time.sleep(0.2)
    return ""


@contextmanager
def running_app(xscreen: XScreen, tmp_path: Path, arguments: list[str], title_part: str,
                 seconds: float) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """The app started with ``arguments`` and its window's id; stopped however the test ends."""
    log_path = tmp_path / "app.log"
    with log_path.open("wb") as log:
        app = subprocess.Popen([app_command(), *arguments], cwd=tmp_path, env=xscreen.env, stdout=log, stderr=log)
        try:
            window = find_window(xscreen, title_part, seconds)
            assert window, f"no timeline window appeared; the app said: {log_path.read_text()}"
            yield window, app
        finally:
            app.terminate()
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait(timeout=10)


def window_origin(screen: XScreen, window: str) -> tuple[int, int, int, int]:
    values = dict(line.split("=") for line in screen.run("xdotool", "getwindowgeometry", "--shell", window).split())
    return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])


def matching_pixels(image: QImage, color: QColor, box: tuple[int, int, int, int],
                    tolerance: int = 11) -> list[tuple[int, int]]:
    """Every second pixel in ``box`` within ``tolerance`` of ``color`` in each channel."""
    left, top, right, bottom = box
    found = []
    for y in range(top, bottom, 2):
        for x in range(left, right, 2):
            pixel = image.pixelColor(x, y)
            if (abs(pixel.red() - color.red()) <= tolerance and abs(pixel.green() - color.green()) <= tolerance
                    and abs(pixel.blue() - color.blue()) <= tolerance):
                found.append((x, y))
    return found
