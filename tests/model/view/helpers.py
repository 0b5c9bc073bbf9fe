"""What the view tests build on: a plain text measure, the bundled story, small crowds of events."""

from __future__ import annotations

import json

from tests.conftest import REPO_ROOT
from timeline_app.model.timeaxis import to_axis
from timeline_app.model.view.index import TimelineIndex, build_index
from timeline_app.model.view.viewport import ZoomLimits
from timeline_app.storage.loader import load_path, load_text


def measure(text: str) -> float:
    """About what a 9-point sans-serif font needs: wide enough to make overlaps real."""
    return 7.2 * len(text) + 2


LIMITS = ZoomLimits(to_axis(2020), to_axis(2026))


def story_index():  # type: ignore[no-untyped-def]
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    return build_index(document)


def crowd(titles_and_starts: list[tuple[str, str]], **extra: object) -> TimelineIndex:
    events = [{"title": title, "start": start, **extra} for title, start in titles_and_starts]
    document = load_text(json.dumps({"events": events})).document
    assert document is not None
    return build_index(document)


def story_document():  # type: ignore[no-untyped-def]
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    return document
