"""Frame times of the real timeline canvas, offscreen, over zoom and pan sequences.

    python benchmarks/render.py --events 100000
    python benchmarks/render.py --file some/events.json

Three views are measured: the whole data ("all"), 1% of it and 0.01% of it, each
through a sequence of zoom steps and pans around its centre. The last line printed is
JSON: ``{"events": N, "first_frame_s": ..., "peak_rss_mb": ...,
"views": {"all": {"p50_ms": ..., "p95_ms": ...}, "1%": {...}, "0.01%": {...}}, "zoom_step": {...},
"every_frame": {...}}``; first_frame_s runs from reading the file to the first painted frame,
zoom_step sums up the zoom frames of all views, every_frame all frames.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WIDTH, HEIGHT = 1600, 900
STEPS = 30
IDLE_MS = 8.0  # the event loop's time between frames: what a 60 Hz frame leaves after 8 ms of painting


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(path: Path) -> dict[str, object]:
    from PySide6.QtCore import QCoreApplication, QRectF
    from PySide6.QtGui import QImage, QPainter

    from timeline_app.model.index import build_index
    from timeline_app.model.loader import load_path
    from timeline_app.model.viewport import Viewport, ZoomLimits
    from timeline_app.ui.app import make_application
    from timeline_app.ui.canvas import TimelineCanvas

    make_application()
    canvas = TimelineCanvas()
    canvas.resize(WIDTH, HEIGHT)
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    area = QRectF(0, 0, WIDTH, HEIGHT)

    def frame() -> float:
        began = time.perf_counter()
        painter = QPainter(image)
        canvas.render_frame(painter, area)
        painter.end()
        elapsed = (time.perf_counter() - began) * 1000
        # Between two frames the app returns to its event loop, where work left for idle time
        # runs (the canvas makes sprites of new labels there, a few milliseconds at a time).
        # Wheel notches and drags arrive every 16 ms or more, so the loop gets IDLE_MS here.
        idle_until = time.perf_counter() + IDLE_MS / 1000
        while time.perf_counter() < idle_until:
            QCoreApplication.processEvents()
        return elapsed

    started = time.perf_counter()
    result = load_path(path)
    document = result.document
    assert document is not None, [problem.format() for problem in result.problems[:3]]
    limits = ZoomLimits.for_data(document.span(), time.time())
    index = build_index(document)
    gc.freeze()  # as the app's background load does once the index is built (background_load.py)
    canvas.set_index(index, limits)
    frame()
    first_frame = time.perf_counter() - started

    fitted = limits.fit()
    views: dict[str, dict[str, float]] = {}
    zoom_samples: list[float] = []
    every_sample: list[float] = []
    for name, share in (("all", 1.0), ("1%", 0.01), ("0.01%", 0.0001)):
        span = fitted.span * share
        center = fitted.center
        canvas.set_viewport(Viewport(center - span / 2, center + span / 2))
        frame()  # warm the caches of this zoom level once, as the eye would see it settle
        samples = []
        for step in range(STEPS):  # zoom in and back out around the centre, as a wheel does
            canvas.zoom(1.25 if step < STEPS // 2 else 0.8)
            samples.append(frame())
            zoom_samples.append(samples[-1])
        for _ in range(STEPS):  # then pan across
            canvas.pan_by_fraction(0.05)
            samples.append(frame())
        if os.environ.get("RENDER_TRACE"):
            print(name, [round(sample, 1) for sample in samples], file=sys.stderr)
        views[name] = {"p50_ms": round(statistics.median(samples), 2),
                       "p95_ms": round(_percentile(samples, 0.95), 2),
                       "max_ms": round(max(samples), 2)}
        every_sample += samples
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"events": len(document.events), "first_frame_s": round(first_frame, 3),
            "peak_rss_mb": round(peak_kib / 1024, 1), "views": views,
            "zoom_step": {"mean_ms": round(statistics.fmean(zoom_samples), 2),
                          "p50_ms": round(statistics.median(zoom_samples), 2)},
            "every_frame": {"p95_ms": round(_percentile(every_sample, 0.95), 2),
                            "max_ms": round(max(every_sample), 2),
                            "over_16ms": sum(sample > 16 for sample in every_sample),
                            "frames": len(every_sample)}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--file", type=Path, help="measure this file instead of generated events")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.file
        if path is None:
            from generate import write_events

            path = write_events(args.events, Path(folder) / "events.json")
        print(json.dumps(measure(path)))


if __name__ == "__main__":
    main()
