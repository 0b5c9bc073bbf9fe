"""Eras added, edited and taken out through the model, as the era form and undo do: without Qt."""

from __future__ import annotations

import json

import pytest

from timeline_app.model.edits import ChangeKind, DocumentChange, edited_era, swap_era
from timeline_app.model.rules import DocumentReader
from timeline_app.model.session import Session
from timeline_app.storage.loader import load_text

FILE = {"eras": [{"title": "The deal", "start": "2025-04?", "end": "2025-06-12", "x-note": "kept"},
                 {"title": "FTC trial", "start": "2025-04-14", "end": "2025-05-27"}],
        "events": [{"title": "Deal announced", "start": "2025-06-12"}]}


def _session(root: object) -> Session:
    document = load_text(json.dumps(root, indent=2)).document
    assert document is not None
    return Session(document)


def test_an_edited_era_keeps_the_fields_the_form_does_not_know_and_the_other_eras_objects() -> None:
    session = _session(FILE)
    document = session.document
    before = list(document.raw_eras())
    new = edited_era(document, 0, {"title": "The Scale deal", "start": "2025-04?", "end": "2025-06-12"})
    assert new == {"title": "The Scale deal", "start": "2025-04?", "end": "2025-06-12", "x-note": "kept"}
    assert swap_era(document, 0, before[0], new) == 0
    session.changed(DocumentChange(ChangeKind.ERAS, 0))
    assert document.raw_eras()[1] is before[1]
    assert [era.title for era in document.eras] == ["The Scale deal", "FTC trial"]
    assert [era.title for era in session.prepared.index.eras] == ["The Scale deal", "FTC trial"]


def test_an_era_edit_leaves_the_prepared_lanes_as_they_were() -> None:
    session = _session(FILE)
    index = session.prepared.index
    era = {"title": "Aftermath", "start": "2025-06-13", "end": "late 2025"}
    swap_era(session.document, 2, None, era)
    session.changed(DocumentChange(ChangeKind.ERAS, 2))
    assert session.prepared.index is index, "no event changed: the lanes are not built again"
    assert [found.title for found in index.eras] == ["The deal", "FTC trial", "Aftermath"]


def test_add_then_take_out_leaves_a_file_without_eras_without_the_key() -> None:
    session = _session({"events": [{"title": "A", "start": "2025"}]})
    era = {"title": "All of 2025", "start": "2025", "end": "2025"}
    assert swap_era(session.document, 0, None, era) == 0
    assert session.document.root["eras"] == [era]
    assert swap_era(session.document, 0, era, None) == 0
    assert "eras" not in session.document.root


def test_an_era_changed_in_an_editor_since_is_not_overwritten() -> None:
    session = _session(FILE)
    stale = {"title": "Something else", "start": "2020", "end": "2021"}
    assert swap_era(session.document, 0, stale, None) is None
    assert len(session.document.raw_eras()) == 2


def test_after_a_reload_an_equal_era_is_the_one_an_undo_finds() -> None:
    session = _session(FILE)
    reread = json.loads(json.dumps(FILE))  # the file read again: equal objects, not the same ones
    session.document.root["eras"] = reread["eras"]
    assert swap_era(session.document, 1, dict(FILE["eras"][1]), None) == 1
    assert [era["title"] for era in session.document.raw_eras()] == ["The deal"]


def test_a_bare_list_of_events_has_nowhere_for_an_era_and_an_undo_there_changes_nothing() -> None:
    session = _session([{"title": "A", "start": "2025"}])
    assert swap_era(session.document, 0, None, {"title": "E", "start": "2025", "end": "2026"}) is None
    assert session.document.root == [{"title": "A", "start": "2025"}]


@pytest.mark.parametrize(("era", "message"), [
    ({"start": "2025", "end": "2026"}, 'the era has no "title"'),
    ({"title": "  ", "start": "2025", "end": "2026"}, '"title" is blank'),
    ({"title": "E", "start": "2026", "end": "2025"}, "before it starts"),
    ({"title": "E", "start": "2025", "end": "soon"}, ""),
    ({"title": "E", "start": "2025"}, 'the era has no "end"'),
    ({"title": "E", "start": "2025", "end": "2026", "color": "red"}, "is not a colour"),
])
def test_the_era_form_refuses_what_a_file_would_refuse(era: dict[str, str], message: str) -> None:
    errors = DocumentReader().era_errors(era)
    assert errors
    assert message in errors[0].message


def test_the_era_form_accepts_imprecise_and_ongoing_ends() -> None:
    assert DocumentReader().era_errors({"title": "E", "start": "c. 2024", "end": "present"}) == []
