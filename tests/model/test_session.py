"""An event keeps its uid for as long as the file is open: through edits, rebuilds and reloads."""

from __future__ import annotations

import json
from typing import Any

import pytest

from timeline_app.model.document import TimelineDocument, item_value
from timeline_app.model.edits import ChangeKind, DocumentChange, insert_event, remove_event, replace_event
from timeline_app.model.session import Session
from timeline_app.storage.loader import load_text


def _load(events: list[Any]) -> TimelineDocument:
    document = load_text(json.dumps({"events": events})).document
    assert document is not None
    return document


def _uids(document: TimelineDocument) -> dict[str, int]:
    return {event.title: event.uid for event in document.events}


EVENTS = [{"title": "A", "start": "2025-01"}, {"title": "B", "start": "2025-02", "id": "b"},
          {"title": "C", "start": "2025-03"}, {"title": "D", "start": "2025-04", "end": "present"}]


def test_every_event_read_has_a_uid_of_its_own() -> None:
    first, second = _load(EVENTS), _load(EVENTS)
    uids = [event.uid for event in first.events + second.events]
    assert len(set(uids)) == len(uids)


@pytest.mark.parametrize("broken", [False, True], ids=["updated in place", "read again"])
def test_an_event_put_above_shifts_keys_but_not_uids(broken: bool) -> None:
    # A file with an error is read again whole after each change: the uids carry over all the same.
    document = _load(EVENTS + ([{"title": "no start"}] if broken else []))
    session = Session(document)
    before = _uids(document)
    changes: list[DocumentChange] = []
    session.subscribe(changes.append)
    insert_event(document, 0, {"title": "New", "start": "2024"})
    session.changed(DocumentChange(ChangeKind.ADD, 0))
    assert (changes[-1].delta is None) == broken
    after = _uids(document)
    assert {title: after[title] for title in before} == before
    assert after["New"] not in before.values()
    assert changes[-1].touched == after["New"]
    assert [event.key for event in document.events[:3]] == ["#1", "#2", "b"]  # "A" was "#1"


@pytest.mark.parametrize("broken", [False, True], ids=["updated in place", "read again"])
def test_an_edited_event_is_still_the_same_event(broken: bool) -> None:
    document = _load(EVENTS + ([{"title": "no start"}] if broken else []))
    session = Session(document)
    before = _uids(document)
    changes: list[DocumentChange] = []
    session.subscribe(changes.append)
    replace_event(document, 2, {**item_value(document.raw_events()[2]), "title": "C, edited", "id": "c"})
    session.changed(DocumentChange(ChangeKind.EDIT, 2))
    after = _uids(document)
    assert after["C, edited"] == before["C"] == changes[-1].touched
    assert {title: after[title] for title in ("A", "B", "D")} == {title: before[title] for title in ("A", "B", "D")}
    remove_event(document, 0)
    session.changed(DocumentChange(ChangeKind.REMOVE, 0))
    assert changes[-1].touched is None
    assert _uids(document) == {title: uid for title, uid in after.items() if title != "A"}


def test_a_file_read_again_keeps_its_events_uids_by_id_and_else_by_what_they_say() -> None:
    document = _load([*EVENTS, {"title": "A", "start": "2025-01"}])  # two alike: the n-th is the n-th
    session = Session(document)
    before = [event.uid for event in document.events]
    # Edited outside the app: a line put first, B renamed, C's date changed, the second "A" gone.
    again = _load([{"title": "Z", "start": "2020"}, EVENTS[0], {**EVENTS[1], "title": "B renamed"},
                   {**EVENTS[2], "start": "2025-05"}, EVENTS[3]])
    session.replace_document(again)
    assert session.document is again
    z, a, b, c, d = again.events
    assert (a.uid, b.uid, d.uid) == (before[0], before[1], before[3])
    assert z.uid not in before
    assert c.uid not in before  # another date: not the event it was


# ---------------------------------------------------------------- what the session derives from its document

def test_the_session_updates_its_view_and_search_in_place_after_one_edit_and_afresh_after_more() -> None:
    from tests.model.test_updates import _document, _index_shape
    from timeline_app.model.view.view_state import PreparedView

    document = _document(2600, seed=3, stream=True, ongoing=False)
    prepared_afresh: list[int] = []
    updating: list[int] = []

    class Counted:
        def __enter__(self) -> None:
            updating.append(len(document.events))

        def __exit__(self, *exc: object) -> None:
            return None

    session = Session(document, after_preparing=prepared_afresh.append, while_updating=lambda count: Counted())
    notices: list[DocumentChange] = []
    session.subscribe(notices.append)
    first = session.prepared
    assert session.prepared is first
    assert prepared_afresh == [2600]
    target = next(event for event in document.events if event.category == "a")
    session.search.texts_of([target])
    assert session.search.knows([target])
    replace_event(document, target.index, dict(target.raw, title="Renamed"))
    session.changed(DocumentChange(ChangeKind.EDIT, target.index))
    updated = session.prepared
    assert updated is not first
    assert prepared_afresh == [2600]
    assert updating == [2600]
    assert _index_shape(updated.index) == _index_shape(PreparedView.of(document, session.view_state).index)
    assert not session.search.knows([target])  # its folded text was of the old title
    session.changed(DocumentChange(ChangeKind.RELOAD))
    assert session.prepared is not updated
    assert prepared_afresh == [2600, 2600]
    assert [notice.kind for notice in notices] == [ChangeKind.EDIT, ChangeKind.RELOAD]


def test_another_view_state_is_prepared_and_told_and_only_a_fitting_view_is_taken() -> None:
    from timeline_app.model.view.view_state import PreparedView, ViewState

    document = _load(EVENTS)
    state = ViewState()
    session = Session(document, view_state=state)
    notices: list[DocumentChange] = []
    session.subscribe(notices.append)
    by_category = session.prepared
    state.lanes_by = "none"  # the window's choices change the state in place
    session.show_in(state)
    assert notices[-1].kind is ChangeKind.VIEW
    assert session.prepared is not by_category
    assert session.prepared.index.lanes_by == "none"
    assert by_category.state.lanes_by == "category"  # a view keeps the state it was prepared for
    session.offer_prepared(PreparedView.of(document, ViewState(lanes_by="actor")))  # another state's
    assert session.prepared.index.lanes_by == "none"
    ahead = PreparedView.of(document, ViewState(lanes_by="none"))
    session.offer_prepared(ahead)
    assert session.prepared is ahead
    session.replace_document(_load(EVENTS))
    assert session.prepared is not ahead  # of the document before
