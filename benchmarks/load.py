"""How long loading and validating an events.json takes, and how much memory it needs.

    python benchmarks/load.py --events 100000

Generates the file, then loads it in a fresh child process so the peak memory is the
loader's alone. The last line printed is JSON:
``{"events": N, "load_s": ..., "peak_rss_mb": ...}``.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def measure(path: Path) -> dict[str, object]:
    from timeline_app.model.loader import load_path

    started = time.perf_counter()
    result = load_path(path)
    gc.freeze()  # a million live events need never be scanned by the collector again
    elapsed = time.perf_counter() - started
    events = len(result.document.events) if result.document else 0
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"events": events, "load_s": round(elapsed, 3), "peak_rss_mb": round(peak_kib / 1024, 1),
            "errors": len(result.errors), "file_mb": round(path.stat().st_size / 1e6, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--file", type=Path, help="load this file instead of generating one")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = args.file
        if path is None:
            from generate import write_events

            path = write_events(args.events, Path(folder) / "events.json")
        child = subprocess.run([sys.executable, __file__, "--measure", str(path)],
                               capture_output=True, text=True, check=True)
    print(child.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
