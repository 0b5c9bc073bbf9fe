"""CSV round trips keep every field they have columns for, whatever the quoting; unknown headers ask
for a mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.storage.formats.helpers import FORMATS, story_document
from timeline_app.storage.formats.csvformat import read_csv, write_csv
from timeline_app.storage.loader import load_path, load_text


def test_csv_round_trip_keeps_every_field_it_has_columns_for(tmp_path: Path) -> None:
    story = story_document()
    converted = write_csv(story)
    assert any("CSV cannot hold the precision of 16 dates" in note for note in converted.notes)
    again = load_text(json.dumps(read_csv(converted.text).root)).document
    assert again is not None
    for before, after in zip(story.events, again.events, strict=True):
        assert (before.title, before.start.text, before.end.text if before.end else None, before.category,
                before.actors, before.tags, before.description) == \
               (after.title, after.start.text, after.end.text if after.end else None, after.category,
                after.actors, after.tags, after.description)
        assert [(s.title, s.publisher, s.date, s.url) for s in before.sources] == \
               [(s.title, s.publisher, s.date, s.url) for s in after.sources]


@pytest.mark.parametrize("name", ["quoting.csv", "quoting-bom.csv"])
def test_csv_quoting_newlines_bom_and_semicolons(name: str) -> None:
    result = load_path(FORMATS / name)
    document = result.document
    assert document is not None
    first, second = document.events
    assert first.title == "Deal; announced"
    assert first.actors == ("Meta", "Scale AI")
    assert first.description == 'Line one\nline two with "quotes"'
    assert first.raw["Notes"] == "kept"
    assert second.start.uncertain
    assert any("Notes" in p.message for p in result.warnings)


def test_csv_with_unknown_headers_asks_for_a_mapping() -> None:
    result = load_path(FORMATS / "odd-headers.csv")
    assert result.document is None
    assert result.csv_headers == ["What", "When", "Where"]
    mapped = load_path(FORMATS / "odd-headers.csv", csv_mapping={0: "title", 1: "start"})
    assert mapped.document is not None
    [event] = mapped.document.events
    assert (event.title, event.start.text, event.raw["Where"]) == ("Something", "2025-04", "Paris")
