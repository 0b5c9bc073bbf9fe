"""Smoke test of the standalone build: it starts in a real X window and exports a PNG, with no Python of ours.

    python packaging/smoke.py dist/timeline-app

The built program runs with an environment that points at no Python (no PYTHONPATH, no
virtual environment, PATH holding only the system's tools), under its own Xvfb. Prints the
folder's size and exits non-zero when the window does not appear or the PNG is not written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _size_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6


def main() -> int:
    folder = Path(sys.argv[1]).resolve()
    program = folder / "timeline-app"
    if not program.is_file():
        print(f"smoke: {program} is not there; run make dist", file=sys.stderr)
        return 1
    story = Path(__file__).resolve().parents[1] / "events.json"
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        read_fd, write_fd = os.pipe()
        server = subprocess.Popen([shutil.which("Xvfb") or "Xvfb", "-displayfd", str(write_fd), "-screen", "0",
                                   "1600x1000x24", "-nolisten", "tcp", "-noreset"], pass_fds=(write_fd,),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_fd)
        with os.fdopen(read_fd) as reader:
            display = ":" + reader.readline().strip()
        env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               "LANG": "C.UTF-8"}
        try:
            app = subprocess.Popen([str(program), str(story)], env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
            title = ""
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not title:
                time.sleep(0.5)
                found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Timeline"],
                                       capture_output=True, text=True, env=env, check=False).stdout.split()
                if found:
                    title = subprocess.run(["xdotool", "getwindowname", found[0]], capture_output=True, text=True,
                                           env=env, check=False).stdout.strip()
            app.terminate()
            output = app.communicate(timeout=10)[0].decode(errors="replace")
            if not title:
                print(f"smoke: no window appeared; the app said:\n{output}", file=sys.stderr)
                return 1
            print(f"smoke: the window opened: {title!r}")
            picture = home / "story.png"
            done = subprocess.run([str(program), "--export", str(picture), str(story), "--size", "1200x800"],
                                  env=env, capture_output=True, text=True, check=False, timeout=120)
            if done.returncode != 0 or not picture.is_file() or picture.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
                print(f"smoke: the export failed ({done.returncode}): {done.stderr}", file=sys.stderr)
                return 1
            print(f"smoke: exported {picture.stat().st_size:,} bytes of PNG: {done.stderr.strip()}")
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"smoke: {folder} is {_size_mb(folder):,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
