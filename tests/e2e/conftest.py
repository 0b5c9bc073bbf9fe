"""The virtual X screen each end-to-end test gets, its own Xvfb on a free display."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.screen import XScreen, tool


@pytest.fixture
def xscreen(tmp_path: Path) -> Iterator[XScreen]:
    xvfb = tool("Xvfb")
    tool("xdotool")
    assert Path("/usr/bin/import").exists(), "ImageMagick's import is needed for screenshots"
    read_fd, write_fd = os.pipe()
    # -noreset: without it the server resets whenever its last client leaves, as each xdotool
    # call does, and an app connecting during a reset is refused ("could not connect to display").
    server = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp",
                               "-noreset"], pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as reader:
        number = reader.readline().strip()
    assert number, "Xvfb did not start"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "DISPLAY": f":{number}",
        "QT_QPA_PLATFORM": "xcb",
        "LANG": "C.UTF-8",
    }
    screen = XScreen(f":{number}", env)
    try:
        assert screen.run("xdotool", "getdisplaygeometry") == "1600 1000", "Xvfb does not answer"
        yield screen
    finally:
        server.terminate()
        server.wait(timeout=10)
