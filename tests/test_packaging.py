"""The wheel carries what the installed app needs at run time, and the command."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO_ROOT


def test_the_wheel_carries_the_runtime_resources(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                           "-w", str(tmp_path), str(REPO_ROOT)], capture_output=True, text=True, check=False)
    if done.returncode != 0:  # no hatchling in this environment: build in isolation instead
        done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path),
                               str(REPO_ROOT)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    [wheel] = tmp_path.glob("timeline_app-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        packaged_story = archive.read("timeline_app/resources/events.json")
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    assert {"timeline_app/resources/events.schema.json", "timeline_app/resources/timeline-app.svg",
            "timeline_app/model/dates.py", "timeline_app/ui/canvas/widget.py"} <= names
    assert packaged_story == (REPO_ROOT / "events.json").read_bytes()
    assert not any("screenshots" in name for name in names)
    assert "timeline-app = timeline_app.cli:main" in entry_points
