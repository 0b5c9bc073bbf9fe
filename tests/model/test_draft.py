"""The edit form's drafts: every field round trips, checks go field by field, and a new event starts
as precise as the zoom."""

from __future__ import annotations

from timeline_app.model.dates import Precision, parse_date
from timeline_app.model.draft import EventDraft, LinkDraft, SourceDraft, date_text_at, validate_draft


def test_the_draft_round_trips_every_field() -> None:
    raw = {"id": "x", "title": "T", "start": "2025-04", "end": "late 2025", "category": "deal",
           "actors": ["Meta"], "tags": ["a"], "description": "**d**",
           "sources": [{"title": "S", "publisher": "P", "date": "2025-06-13", "url": "https://x.org"}],
           "links": ["https://y.org", {"title": "Z", "url": "https://z.org"}], "x-other": 1}
    assert EventDraft.from_raw(raw).to_raw(raw) == raw
    draft = EventDraft.from_raw(raw)
    draft.end = ""
    draft.tags = []
    draft.links = [LinkDraft("https://y.org")]
    draft.sources.append(SourceDraft("New", "Pub", "2025", "https://n.org"))
    new = draft.to_raw(raw)
    assert "end" not in new
    assert "tags" not in new
    assert new["links"] == ["https://y.org"]
    assert new["sources"][1] == {"title": "New", "publisher": "Pub", "date": "2025", "url": "https://n.org"}
    assert new["x-other"] == 1


def test_drafts_are_checked_field_by_field() -> None:
    draft = EventDraft(title=" ", start="2025-02-30", end="soon")
    problems = validate_draft(draft)
    assert set(problems) == {"title", "start", "end"}
    assert "28 days" in problems["start"]
    assert "before the start" in validate_draft(EventDraft(title="ok", start="2025", end="2024"))["end"]


def test_the_form_refuses_what_a_file_would_and_names_the_row() -> None:
    # The form checks with the loader's rules: a source's date is an error there too, and an id
    # with hidden characters only a warning, which the form leaves to the Problems list.
    assert validate_draft(EventDraft(title="ok", start="2025", id="a\u200bb")) == {}
    sources = [SourceDraft("", "", "", ""), SourceDraft("T", "P", "someday", "https://example.org")]
    problems = validate_draft(EventDraft(title="ok", start="2025", sources=sources))
    assert set(problems) == {"source1"}
    assert problems["source1"].startswith("Source 2: ")
    assert validate_draft(EventDraft(title="Fine", start="late 2025", end="present")) == {}


def test_new_events_start_at_the_precision_of_the_zoom() -> None:
    moment = parse_date("2025-06-15T15:06Z").earliest
    assert date_text_at(moment, 10) == "2025-06-15T15:06Z"
    assert date_text_at(moment, 40_000) == "2025-06-15"
    assert parse_date(date_text_at(moment, 200_000)).precision == Precision.MONTH
    assert date_text_at(moment, 5e6) == "2025"
