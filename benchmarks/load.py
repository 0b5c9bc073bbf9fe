"""How long loading and validating an events.json takes, and how much memory it needs.

    python benchmarks/load.py --events 100000

Generates the file, then loads it in a fresh child process so the peak memory is the
loader's alone. The last line printed is JSON:
``{"events": N, "load_s": ..., "index_s": ..., "edit_refresh_s": ..., "peak_rss_mb": ...}``;
index_s is building the index by category, edit_refresh_s one edit and the session's rebuild.
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
    from timeline_app.model.edits import replace_event
    from timeline_app.model.index import build_index
    from timeline_app.model.loader import load_path
    from timeline_app.model.session import Session

    started = time.perf_counter()
    result = load_path(path)
    gc.freeze()  # a million live events need never be scanned by the collector again
    elapsed = time.perf_counter() - started
    document = result.document
    events = len(document.events) if document else 0
    figures: dict[str, object] = {"events": events, "load_s": round(elapsed, 3)}
    if document is not None and document.events:
        began = time.perf_counter()
        index = build_index(document)
        figures["index_s"] = round(time.perf_counter() - began, 3)
        # One edit as the window makes it: a changed copy of an event replaces it, the session
        # rebuilds the events, and the index is built again.
        edited = dict(document.events[len(document.events) // 2].raw)
        edited["title"] = "Edited"
        began = time.perf_counter()
        replace_event(document, document.events[len(document.events) // 2].index, edited)
        Session(document).refresh()
        figures["edit_refresh_s"] = round(time.perf_counter() - began, 3)
        del index
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures.update({"peak_rss_mb": round(peak_kib / 1024, 1), "errors": len(result.errors),
                    "file_mb": round(path.stat().st_size / 1e6, 1)})
    return figures


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
