"""From process start to the first painted window, for the bundled timeline.

    python benchmarks/startup.py [--runs 5] [--file events.json]

Starts ``python -m timeline_app`` on the offscreen platform (or the current display with
--display) and times until it reports its first frame (not until it has exited). The last line printed is JSON:
``{"runs": N, "median_s": ..., "min_s": ..., "max_s": ...}``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--file", help="the file to open (default: the bundled timeline)")
    parser.add_argument("--display", action="store_true", help="use $DISPLAY instead of offscreen")
    args = parser.parse_args()
    times = []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, TIMELINE_APP_REPORT_FIRST_FRAME="1", XDG_CONFIG_HOME=home)
        if not args.display:
            env["QT_QPA_PLATFORM"] = "offscreen"
        command = [sys.executable, "-m", "timeline_app", *([args.file] if args.file else [])]
        for _ in range(args.runs):
            started = time.perf_counter()
            # Timed to the line the app prints once its first frame is painted, not to the exit:
            # tearing Qt down afterwards is not part of what a user waits for.
            with subprocess.Popen(command, env=env, cwd=home, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) as child:
                assert child.stdout is not None
                line = child.stdout.readline()
                elapsed = time.perf_counter() - started
                _, errors = child.communicate(timeout=60)
            if "first frame painted" not in line:
                raise SystemExit(f"the app did not report a frame: {errors[-400:]}")
            times.append(elapsed)
    print(json.dumps({"runs": len(times), "median_s": round(statistics.median(times), 3),
                      "min_s": round(min(times), 3), "max_s": round(max(times), 3)}))


if __name__ == "__main__":
    main()
