"""How ``--check`` scales with the number of problems and with one long folded line.

    python benchmarks/check.py [--problems 100000 1000000] [--folded-mb 10 40]

Writes each file to a temporary folder, then times ``python -m timeline_app --check`` on it
in a process of its own. A file of N ``null`` events has N problems, each placed at its line;
a calendar with one SUMMARY folded over M megabytes is unfolded line by line. Both must grow
linearly: the time per problem and per megabyte printed should stay about the same as the
sizes grow. The last line is JSON with every figure.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _timed_check(path: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "timeline_app", "--check", str(path)], capture_output=True,
                          text=True, check=False)
    seconds = time.perf_counter() - started
    summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    return seconds, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--problems", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--folded-mb", type=int, nargs="+", default=[10, 40])
    args = parser.parse_args()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for count in args.problems:
            path = Path(folder) / f"nulls-{count}.json"
            path.write_text('{"events": [\n' + ",\n".join(["  null"] * count) + "\n]}\n", encoding="utf-8")
            seconds, summary = _timed_check(path)
            figures[f"problems_{count}_s"] = round(seconds, 2)
            print(f"{count:>9,} problems ({path.stat().st_size / 1e6:5.1f} MB): {seconds:6.2f} s, "
                  f"{seconds / count * 1e6:5.1f} µs a problem   [{summary}]")
        for megabytes in args.folded_mb:
            path = Path(folder) / f"folded-{megabytes}.ics"
            pieces = megabytes * 1_000_000 // 75
            path.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250101\r\nSUMMARY:x\r\n"
                            + "".join([" " + "y" * 73 + "\r\n"] * pieces)
                            + "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
            seconds, summary = _timed_check(path)
            figures[f"folded_{megabytes}mb_s"] = round(seconds, 2)
            print(f"{megabytes:>6} MB folded line: {seconds:6.2f} s, {seconds / megabytes:5.2f} s a megabyte   "
                  f"[{summary}]")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
