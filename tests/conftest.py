"""Shared test setup: widget tests run on Qt's offscreen platform, never on a real screen."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT / "tests" / "corpus"
# How many events the bundled story holds, counted from the file itself, not from what the app read.
STORY_EVENTS = len(json.loads((REPO_ROOT / "events.json").read_text(encoding="utf-8"))["events"])


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("timeline-app")
    group.addoption("--soak", action="store_true", help="run the monkey test for an hour")
    group.addoption("--monkey-seconds", type=float, default=15.0,
                    help="how long the monkey test runs (make monkey: ten minutes)")
    group.addoption("--monkey-seed", type=int, default=None, help="replay the monkey test with this seed")


settings.register_profile("ci", max_examples=300, deadline=None)
settings.register_profile("thorough", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_warnings_logged() -> Iterator[None]:
    """Any log record at WARNING or above fails the test: nothing should go wrong quietly."""
    recorder = _Recorder()
    root = logging.getLogger()
    root.addHandler(recorder)
    yield
    root.removeHandler(recorder)
    if recorder.records:
        pytest.fail("unexpected log records: " + "; ".join(r.getMessage() for r in recorder.records))


@pytest.fixture
def bundled_events_path() -> Path:
    return REPO_ROOT / "events.json"
