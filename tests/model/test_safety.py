"""Text that tries to disguise itself is shown for what it is."""

from __future__ import annotations

import json

from timeline_app.model.safety import bounded, reveal_hidden
from timeline_app.model.view.appearance import event_label
from timeline_app.storage.loader import load_text


def test_bidi_controls_and_zero_width_characters_are_shown_as_code_points() -> None:
    assert reveal_hidden("invoice\u202Efdp.exe") == "invoice⟨U+202E⟩fdp.exe"
    assert reveal_hidden("a\u200bb\u2066c\u2069") == "a⟨U+200B⟩b⟨U+2066⟩c⟨U+2069⟩"
    assert reveal_hidden("plain Joëlle") == "plain Joëlle"


def test_event_labels_reveal_them() -> None:
    document = load_text(json.dumps([{"title": "Safe\u202Eetirw", "start": "2025"}])).document
    assert document is not None
    assert event_label(document.events[0]) == "Safe⟨U+202E⟩etirw"


def test_ids_with_invisible_characters_are_warned_about() -> None:
    result = load_text(json.dumps([{"id": "deal", "title": "A", "start": "2025"},
                                   {"id": "de\u200bal", "title": "B", "start": "2025"}]))
    [warning] = result.warnings
    assert "de⟨U+200B⟩al" in warning.message
    assert "invisible characters" in warning.message
    assert result.document is not None
    assert len(result.document.events) == 2


def test_enormous_text_is_bounded() -> None:
    huge = "x " * 500_000
    shown = bounded(huge)
    assert len(shown) < 60_000
    assert shown.endswith("(950,000 more characters not shown)")


def test_a_run_without_spaces_gets_places_to_break() -> None:
    from timeline_app.model.safety import LONGEST_UNBROKEN

    shown = bounded("y" * 100_000, limit=200_000)
    # Laid out, one 100,000-character word took seconds to break into lines.
    assert shown.replace("\u200b", "") == "y" * 100_000
    assert max(map(len, shown.split("\u200b"))) == LONGEST_UNBROKEN
    assert bounded("short words stay as they are") == "short words stay as they are"


def test_present_is_never_before_the_start_whatever_the_clock(monkeypatch: object) -> None:
    import time

    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(time, "time", lambda: 0.0)  # the clock jumped back to 1970
    result = load_text(json.dumps([{"title": "Still going", "start": "2024-06", "end": "present"}]))
    assert result.problems == []
    assert result.document is not None
    event = result.document.events[0]
    assert event.end is not None
    assert event.end.ongoing
    assert event.finish >= event.start.latest
