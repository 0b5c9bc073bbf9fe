"""How long loading and validating an events.json takes, and how much memory it needs.

    python benchmarks/load.py --events 100000

Generates the file, then loads it in a fresh child process so the peak memory is the
loader's alone. The last line printed is JSON:
``{"events": N, "load_s": ..., "index_s": ..., "edit_s": ..., "peak_rss_mb": ..., "save_s": ...}``.
index_s is building the index by category; prepare_s what the window prepares (index, filter
counts, span); edit_s and delete_s one edit each as the window makes it (command, session, view
update); peak_rss_mb is the peak up to then. first_search_s folds every event's text,
next_search_s reuses it (search_peak_rss_mb after them); save_s is one save of the edited
file (save_peak_rss_mb after it).
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
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))


Done = TypeVar("Done")


def measure(path: Path) -> dict[str, object]:
    from timeline_app.model.edits import ChangeKind, DocumentChange, remove_event, replace_event
    from timeline_app.model.session import Session
    from timeline_app.model.view.index import build_index
    from timeline_app.model.view.query import SearchIndex
    from timeline_app.model.view.view_state import PreparedView, ViewState
    from timeline_app.storage.loader import load_path
    from timeline_app.storage.saving import save_document

    started = time.perf_counter()
    result = load_path(path)
    gc.freeze()  # a million live events need never be scanned by the collector again
    elapsed = time.perf_counter() - started
    document = result.document
    events = len(document.events) if document else 0
    figures: dict[str, object] = {"events": events, "load_s": round(elapsed, 3)}

    def timed(name: str, work: Callable[[], Done]) -> Done:
        began = time.perf_counter()
        outcome = work()
        figures[name] = round(time.perf_counter() - began, 3)
        return outcome

    if document is not None and document.events:
        timed("index_s", lambda: build_index(document))
        # What the window prepares: the index, the filters' value counts and the span.
        prepared = timed("prepare_s", lambda: PreparedView.of(document, ViewState()))
        session = Session(document)
        changes: list[DocumentChange] = []
        session.subscribe(changes.append)
        middle = document.events[len(document.events) // 2]
        edited = dict(middle.raw, title="Edited")

        def edit() -> PreparedView:
            # As the window makes it: the command changes the JSON, the session the events, the view updates.
            replace_event(document, middle.index, edited)
            session.changed(DocumentChange(ChangeKind.EDIT, middle.index))
            delta = changes[-1].delta
            return prepared.updated(delta) if delta is not None else PreparedView.of(document, prepared.state)

        prepared = timed("edit_s", edit)
        doomed = document.events[len(document.events) // 3]

        def delete() -> PreparedView:
            remove_event(document, doomed.index)
            session.changed(DocumentChange(ChangeKind.REMOVE, doomed.index))
            delta = changes[-1].delta
            return prepared.updated(delta) if delta is not None else PreparedView.of(document, prepared.state)

        prepared = timed("delete_s", delete)
        figures["updated_in_place"] = all(change.delta is not None for change in changes)
        figures["peak_rss_mb"] = _peak_mb()
        search = SearchIndex()
        ordered = prepared.index.ordered
        timed("first_search_s", lambda: search.matches(ordered, "merger"))
        timed("next_search_s", lambda: search.matches(ordered, "merger filing"))
        figures["search_peak_rss_mb"] = _peak_mb()
        with tempfile.TemporaryDirectory() as folder:
            timed("save_s", lambda: save_document(document, Path(folder) / "saved.json", backup=False))
        figures["save_peak_rss_mb"] = _peak_mb()
    else:
        figures["peak_rss_mb"] = _peak_mb()
    figures.update({"errors": len(result.errors), "file_mb": round(path.stat().st_size / 1e6, 1)})
    return figures


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


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
            from generate import write_events_apart

            path = write_events_apart(args.events, Path(folder) / "events.json")
        child = subprocess.run([sys.executable, __file__, "--measure", str(path)],
                               capture_output=True, text=True, check=True)
    print(child.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
