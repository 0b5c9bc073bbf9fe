"""Frame times of the real timeline canvas, offscreen, over zoom and pan sequences.

    python benchmarks/render.py --events 100000
    python benchmarks/render.py --file some/events.json

Five views are measured: the whole data ("all"), 1% of it, 0.01% of it, a month and a
day, each through a sequence of zoom steps and pans around its centre. Beside its frame
times, each view says what its settled frame showed: how many events overlap it
("in_view"), how many were laid out one by one ("one_by_one", and their "share" of those
in view; ranges through the view drawn as thin bars below the lanes count), how many of those
are on screen without scrolling ("on_screen") and labelled
("labelled"), how many stand in count marks ("counted") and in density strips
("in_density"). A table is printed first; the last line is JSON: ``{"events": N,
"first_frame_s": ..., "peak_rss_mb": ..., "views": {"all": {"p50_ms": ..., "p95_ms": ...,
"shown": {...}}, ...}, "zoom_step": {...}, "every_frame": {...}}``; first_frame_s runs from
reading the file to the first painted frame, zoom_step sums up the zoom frames of all views,
every_frame all frames. A generated file is written by a process of its own first, so the
memory peak is the measuring process's alone.
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
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:
    from timeline_app.ui.canvas.widget import TimelineCanvas

WIDTH, HEIGHT = 1600, 900
STEPS = 30
IDLE_MS = 8.0  # the event loop's time between frames: what a 60 Hz frame leaves after 8 ms of painting


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def what_is_shown(canvas: TimelineCanvas, height: float) -> dict[str, float]:
    """What the canvas's current frame shows of the events in view (see the module's docstring)."""
    from timeline_app.ui.canvas.painter import AXIS_HEIGHT

    scene = canvas.whole_scene()  # lanes below the window too: what scrolling down shows
    view = canvas.viewport()
    in_view = canvas.index().count_in_view(view.start, view.end)
    placed = {id(placement.event) for placement in scene.placements}
    on_screen = {id(p.event) for p in scene.placements if p.shape.y < height and p.shape.bottom > AXIS_HEIGHT}
    for stack in scene.stacks:  # ranges through the view, a thin bar each, below the lanes
        placed.update(id(event) for event in stack.events)
        on_screen.update(id(stack.events[position]) for position in stack.in_sight(AXIS_HEIGHT, height))
    labelled = {id(p.event) for p in scene.placements if p.label_rect is not None and p.shape.y < height
                and p.shape.bottom > AXIS_HEIGHT}
    counted = sum(len(cluster.events) for cluster in scene.clusters)
    in_density = sum(density.lane.count_overlapping(view.start, view.end) for density in scene.densities
                     if not density.lane.collapsed)
    return {"in_view": in_view, "one_by_one": len(placed), "share": round(len(placed) / max(in_view, 1), 4),
            "on_screen": len(on_screen), "labelled": len(labelled), "counted": counted, "in_density": in_density}


def print_table(figures: dict[str, object]) -> None:
    views = figures["views"]
    assert isinstance(views, dict)
    print(f"{figures['events']:,} events, {WIDTH}x{HEIGHT}")
    print(f"{'view':>6} {'p50 ms':>7} {'p95 ms':>7} {'in view':>9} {'1 by 1':>8} {'share':>6} {'on scr':>7} "
          f"{'labels':>7} {'counted':>8} {'density':>8}")
    for name, view in views.items():
        shown = view["shown"]
        print(f"{name:>6} {view['p50_ms']:>7} {view['p95_ms']:>7} {shown['in_view']:>9,} {shown['one_by_one']:>8,} "
              f"{shown['share']:>6.0%} {shown['on_screen']:>7,} {shown['labelled']:>7,} {shown['counted']:>8,} "
              f"{shown['in_density']:>8,}")


def measure(path: Path) -> dict[str, object]:
    from PySide6.QtCore import QCoreApplication, QRectF
    from PySide6.QtGui import QImage, QPainter

    from timeline_app.model.view.index import build_index
    from timeline_app.model.view.viewport import Viewport, ZoomLimits
    from timeline_app.storage.loader import load_path
    from timeline_app.ui.app import make_application
    from timeline_app.ui.canvas.widget import TimelineCanvas

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
    views: dict[str, dict[str, object]] = {}
    zoom_samples: list[float] = []
    every_sample: list[float] = []
    day = 86_400.0
    for name, span in (("all", fitted.span), ("1%", fitted.span * 0.01), ("0.01%", fitted.span * 0.0001),
                       ("month", 30 * day), ("day", day)):
        center = fitted.center
        canvas.set_viewport(Viewport(center - span / 2, center + span / 2))
        frame()  # warm the caches of this zoom level once, as the eye would see it settle
        shown = what_is_shown(canvas, HEIGHT)
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
                       "max_ms": round(max(samples), 2), "shown": shown}
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
            from generate import write_events_apart

            path = write_events_apart(args.events, Path(folder) / "events.json")
        figures = measure(path)
        print_table(figures)
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
