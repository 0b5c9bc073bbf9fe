"""Dates in words: what a typed date was understood as."""

from __future__ import annotations

from timeline_app.model.describe import explain_date


def test_the_form_explains_what_it_understood() -> None:
    assert explain_date("late 2025") == "late 2025 → Sep–Dec 2025 (part of year precision)"
    assert explain_date("c. 1850") == "c. 1850 → the year 1850, approximate (year precision)"


def test_days_and_an_events_dates_in_words() -> None:
    import json

    from timeline_app.model.describe import dates_words, day_words
    from timeline_app.model.timeaxis import to_axis
    from timeline_app.storage.loader import load_text

    assert day_words(to_axis(2025, 6, 12, 21, 30)) == "12 Jun 2025"
    document = load_text(json.dumps([{"title": "A", "start": "2025-04", "end": "c. 2026"},
                                     {"title": "B", "start": "late 2025"}])).document
    assert document is not None
    assert [dates_words(event) for event in document.events] == ["April 2025 – c. 2026", "late 2025"]
