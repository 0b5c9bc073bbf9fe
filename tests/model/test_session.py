"""The session: an event keeps its uid for as long as the file is open, through edits, rebuilds and
reloads; after an edit the events, the index and the filter counts are updated in place exactly
as building them again would make them, or built again where only that will do."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.model.builders import ACTORS, CLOCK, event_shape, index_shape, random_date, random_document, random_event
from timeline_app.model import dates
from timeline_app.model.document import TimelineDocument, item_value
from timeline_app.model.edits import ChangeKind, DocumentChange, insert_event, remove_event, replace_event
from timeline_app.model.rules import DocumentReader
from timeline_app.model.session import Session
from timeline_app.model.view import view_state
from timeline_app.model.view.index import TimelineIndex, updated_index
from timeline_app.model.view.lanes import ARRAY_MIN_EVENTS
from timeline_app.model.view.query import Filters
from timeline_app.model.view.view_state import PreparedView, ViewState
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
    from tests.model.builders import index_shape
    from timeline_app.model.view.view_state import PreparedView

    document = random_document(2600, seed=3, stream=True, ongoing=False)
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
    assert index_shape(updated.index) == index_shape(PreparedView.of(document, session.view_state).index)
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


@pytest.fixture(autouse=True, scope="module")
def _fixed_now() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "time", SimpleNamespace(time=lambda: CLOCK.now))
        yield


def _check(session: Session, prepared: PreparedView) -> None:
    """The session's events and the updated view equal what reading and preparing everything again gives."""
    document = session.document
    items = document.raw_events()
    # Read afresh beside the session's document, which is left as the edits made it.
    rebuilt = DocumentReader().build(document.root)
    assert [event_shape(event, items) for event in document.events] == \
           [event_shape(event, items) for event in rebuilt.events]
    again = PreparedView.of(rebuilt, prepared.state)
    assert index_shape(prepared.index) == index_shape(again.index)
    assert prepared.values == again.values
    assert prepared.span == again.span
    # Related events come from groups the update kept or made anew.
    for event, same in list(zip(prepared.index.ordered, again.index.ordered, strict=True))[::97]:
        assert [[e.key for e in found] for found in prepared.index.related(event, 5)] == \
               [[e.key for e in found] for found in again.index.related(same, 5)]


def _edit(session: Session, rng: random.Random, number: int) -> DocumentChange:
    """One random edit of the kinds the window's commands make, made the way they make it."""
    document = session.document
    items = document.raw_events()
    kind = rng.choice(["add", "remove", "edit"])
    if kind == "add":
        position = rng.randrange(len(items) + 1)
        insert_event(document, position, random_event(rng, number))
    elif kind == "remove":
        position = rng.randrange(len(items))
        remove_event(document, position)
    else:
        position = rng.randrange(len(items))
        raw = dict(item_value(items[position]))
        choice = rng.random()
        if choice < 0.4:
            raw["start"] = random_date(rng, 2019)
        elif choice < 0.6:
            raw["category"] = rng.choice(["a", "b", "c", "undeclared"])
        elif choice < 0.75:
            raw["actors"] = rng.sample(ACTORS, rng.randint(0, 3))
        elif choice < 0.8:
            raw["end"] = rng.choice(["present", random_date(rng, 2026)])
        else:
            raw["title"] = f"Edited {number}"
        replace_event(document, position, raw)
    return DocumentChange(ChangeKind(kind), position)


@pytest.mark.parametrize(("lanes_by", "filters", "stream"), [
    ("category", Filters(), True),
    ("category", Filters(), False),
    ("actor", Filters(), True),
    ("tag", Filters(hide_uncertain=True), False),
    ("none", Filters(categories={"a", "b"}), True),
    ("category", Filters(hide_approximate=True), True),
])
def test_edits_update_everything_as_a_rebuild_would(lanes_by: str, filters: Filters, stream: bool,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    indexes_updated = []

    def spy(*args: Any, **kwargs: Any) -> TimelineIndex | None:
        found = updated_index(*args, **kwargs)
        indexes_updated.append(found is not None)
        return found

    monkeypatch.setattr(view_state, "updated_index", spy)
    document = random_document(2600, seed=len(lanes_by), stream=stream)
    state = ViewState(filters=filters, lanes_by=lanes_by)
    session = Session(document)
    prepared = PreparedView.of(document, state)
    seen: list[DocumentChange] = []
    session.subscribe(seen.append)
    rng = random.Random(7)
    updated = 0
    for number in range(10_000, 10_040):
        session.changed(_edit(session, rng, number))
        change = seen[-1]
        if change.delta is not None:
            updated += 1
            prepared = prepared.updated(change.delta)
            _check(session, prepared)
        else:
            prepared = PreparedView.of(document, state)  # built afresh: nothing to compare it with but itself
    # Most edits update in place: the test would pass vacuously otherwise.
    assert updated >= 30
    assert sum(indexes_updated) >= 20, indexes_updated


def test_the_index_is_updated_rather_than_built_again() -> None:
    document = random_document(2600, seed=3, stream=True, ongoing=False)
    state = ViewState()
    prepared = PreparedView.of(document, state)
    session = Session(document)
    changes: list[DocumentChange] = []
    session.subscribe(changes.append)
    target = next(event for event in document.events if event.category == "a" and event.id is not None)
    raw = dict(target.raw, title="Renamed")
    replace_event(document, target.index, raw)
    session.changed(DocumentChange(ChangeKind.EDIT, target.index))
    delta = changes[-1].delta
    assert delta is not None
    assert delta.removed[0] is target
    assert delta.added[0].title == "Renamed"
    updated = prepared.updated(delta)
    untouched = [lane for lane in prepared.index.lanes if lane.key != "a"]
    # Lanes the edit did not touch are the very same objects; the old index is left as it was.
    assert all(any(lane is other for other in updated.index.lanes) for lane in untouched)
    assert target in prepared.index.ordered
    assert target not in updated.index.ordered
    _check(session, updated)


@pytest.mark.parametrize("case", ["clashing id", "invalid event", "errors before", "categories"])
def test_changes_that_need_every_event_read_again_are_read_again(case: str) -> None:
    document = random_document(300, seed=5, stream=False)
    session = Session(document)
    changes: list[DocumentChange] = []
    session.subscribe(changes.append)
    items = document.raw_events()
    if case == "clashing id":
        taken = next(event.id for event in document.events if event.id is not None)
        insert_event(document, 0, {"id": taken, "title": "Same id", "start": "2025"})
        change = DocumentChange(ChangeKind.ADD, 0)
    elif case == "invalid event":
        replace_event(document, 5, {"title": "No start"})
        change = DocumentChange(ChangeKind.EDIT, 5)
    elif case == "errors before":
        items.append({"title": "Broken"})
        session.refresh()
        remove_event(document, 3)
        change = DocumentChange(ChangeKind.REMOVE, 3)
    else:
        change = DocumentChange(ChangeKind.CATEGORIES)
    session.changed(change)
    assert changes[-1].delta is None
    kept = [event_shape(event, items) for event in document.events]
    Session(document).refresh()
    assert kept == [event_shape(event, items) for event in document.events]
    if case == "clashing id":
        # The earlier of the two keeps the id, as a reload would decide.
        assert document.events[0].title == "Same id"


def test_removing_the_event_that_held_an_id_frees_it_for_an_edit() -> None:
    document = random_document(300, seed=9, stream=True)
    session = Session(document)
    first = next(event for event in document.events if event.id is not None)
    remove_event(document, first.index)
    session.changed(DocumentChange(ChangeKind.REMOVE, first.index))
    insert_event(document, 10, {"id": first.id, "title": "Reuses the id", "start": "2025"})
    session.changed(DocumentChange(ChangeKind.ADD, 10))
    assert [event.title for event in document.events if event.id == first.id] == ["Reuses the id"]


def test_a_large_index_updates_only_from_the_array_size_on() -> None:
    # Below it the lists are rebuilt in milliseconds, and only the lists exist.
    document = random_document(ARRAY_MIN_EVENTS - 100, seed=1, stream=False)
    prepared = PreparedView.of(document, ViewState())
    session = Session(document)
    changes: list[DocumentChange] = []
    session.subscribe(changes.append)
    remove_event(document, 0)
    session.changed(DocumentChange(ChangeKind.REMOVE, 0))
    delta = changes[-1].delta
    assert delta is not None  # the session still updates in place
    updated = prepared.updated(delta)
    assert index_shape(updated.index) == index_shape(PreparedView.of(document, ViewState()).index)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**16), lanes_by=st.sampled_from(["category", "actor", "tag", "none"]))
@example(seed=16484, lanes_by="actor")  # an event put first in an actor's lane changed the lanes' colours
def test_any_run_of_edits_matches_a_rebuild(seed: int, lanes_by: str) -> None:
    document = random_document(2100, seed=seed, stream=seed % 2 == 0)
    state = ViewState(lanes_by=lanes_by)
    session = Session(document)
    prepared = PreparedView.of(document, state)
    seen: list[DocumentChange] = []
    session.subscribe(seen.append)
    rng = random.Random(seed)
    for number in range(10_000, 10_008):
        session.changed(_edit(session, rng, number))
        delta = seen[-1].delta
        prepared = prepared.updated(delta) if delta is not None else PreparedView.of(document, state)
    _check(session, prepared)


def test_events_that_go_on_until_now_are_read_again_with_the_edit() -> None:
    document = random_document(2600, seed=4, stream=True)
    prepared = PreparedView.of(document, ViewState())
    session = Session(document)
    changes: list[DocumentChange] = []
    session.subscribe(changes.append)
    going_on = [event for event in document.events if event.end is not None and event.end.ongoing]
    assert going_on
    CLOCK.now += 3600
    try:
        gone = next(event for event in document.events if event not in going_on)
        remove_event(document, gone.index)
        session.changed(DocumentChange(ChangeKind.REMOVE, gone.index))
        delta = changes[-1].delta
        assert delta is not None
        assert set(map(id, going_on)) <= set(map(id, delta.removed))
        assert {event.key: event.finish for event in delta.added} == {event.key: CLOCK.now for event in going_on}
        _check(session, prepared.updated(delta))
    finally:
        CLOCK.now -= 3600


@pytest.mark.parametrize("kind", ["add", "edit"])
@pytest.mark.parametrize("others_go_on", [False, True])
def test_the_first_edit_that_makes_an_event_go_on_until_now_adds_it_once(kind: str, others_go_on: bool) -> None:
    # The first update in place finds the events that go on among those after the change: the one
    # it just read was among them, and went into the index twice.
    document = random_document(2600, seed=4, stream=True, ongoing=others_go_on)
    prepared = PreparedView.of(document, ViewState())
    session = Session(document)
    changes: list[DocumentChange] = []
    session.subscribe(changes.append)
    going_on = {"title": "Going on", "start": "2025", "end": "present", "category": "a"}
    if kind == "add":
        insert_event(document, 5, going_on)
    else:
        replace_event(document, 5, {**item_value(document.raw_events()[5]), "end": "present"})
    session.changed(DocumentChange(ChangeKind(kind), 5))
    delta = changes[-1].delta
    assert delta is not None
    assert sum(event.index == 5 for event in delta.added) == 1
    _check(session, prepared.updated(delta))


def test_the_event_an_edit_replaced_is_followed_to_its_new_version_and_a_deleted_one_to_nothing() -> None:
    document = random_document(2600, seed=6, stream=True, ongoing=False)
    session = Session(document)
    changes: list[DocumentChange] = []
    session.subscribe(changes.append)
    prepared = PreparedView.of(document, ViewState())
    edited = next(event for event in document.events if event.id is not None)
    replace_event(document, edited.index, dict(edited.raw, start="2001-02-03"))
    session.changed(DocumentChange(ChangeKind.EDIT, edited.index))
    delta = changes[-1].delta
    assert delta is not None
    prepared = prepared.updated(delta)
    assert prepared.index.same_event(edited) is delta.added[0]
    # An event without an id is known by its place: after a delete the next one has its key.
    doomed = next(event for event, after in itertools.pairwise(document.events)
                  if event.id is None and after.id is None)
    remove_event(document, doomed.index)
    session.changed(DocumentChange(ChangeKind.REMOVE, doomed.index))
    delta = changes[-1].delta
    assert delta is not None
    prepared = prepared.updated(delta)
    assert any(event.key == doomed.key for event in prepared.index.ordered)
    assert prepared.index.same_event(doomed) is None


@pytest.mark.parametrize("walk_limit", [20_000, 3])
@pytest.mark.parametrize("lanes_by", ["category", "actor"])
def test_related_events_found_by_walking_out_are_those_of_the_whole_group(
        walk_limit: int, lanes_by: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.model.view import index as index_module

    monkeypatch.setattr(index_module, "WALK_LIMIT", walk_limit)  # 3: most walks give up and group
    document = random_document(2600, seed=11, stream=False)
    # A rare actor: its few events lie far apart, so a walk meets the edge of the file.
    for event in document.events[::600]:
        event.actors = (*event.actors, "Rare")
    walked = index_module.build_index(document, lanes_by=lanes_by)
    grouped = index_module.build_index(document, lanes_by=lanes_by)
    for value in [*ACTORS, "Rare"]:
        grouped._group("actor", value)
    for value in ["a", "b", "c", "undeclared", ""]:
        grouped._group("category", value)
    for event, same in list(zip(walked.ordered, grouped.ordered, strict=True))[::13] + \
            [(e, e) for e in walked.ordered if "Rare" in e.actors]:
        assert [[e.key for e in found] for found in walked.related(event, 4)] == \
               [[e.key for e in found] for found in grouped.related(same, 4)]
    # Walks needed no group unless they gave up; by the field of the lanes, the lanes are the groups.
    walked_field = "actor" if lanes_by == "category" else "category"
    assert bool(walked._by_field.get(walked_field)) == (walk_limit == 3)


@pytest.mark.parametrize("lanes_by", ["category", "actor", "tag", "none"])
@pytest.mark.parametrize("edit", ["recategorise", "remove", "insert"])
def test_an_edit_to_the_first_event_of_an_undeclared_category_hands_colours_out_as_a_rebuild(
        lanes_by: str, edit: str) -> None:
    # Undeclared categories take colours in the order they first appear in the file, whatever the
    # lanes: here "undeclared" first, then the uncategorised; each edit turns that order round.
    rng = random.Random(11)
    events = [random_event(rng, number, ongoing=False) for number in range(2600)]
    for raw in events[:2]:
        raw.pop("category", None)
    events[0]["category"] = "undeclared"
    root = {"categories": {"a": {"label": "A"}}, "events": events}
    document = load_text(json.dumps(root)).document
    assert document is not None
    state = ViewState(lanes_by=lanes_by)
    session = Session(document)
    prepared = PreparedView.of(document, state)
    assert list(prepared.index.category_colors)[1:3] == ["undeclared", ""]
    seen: list[DocumentChange] = []
    session.subscribe(seen.append)
    if edit == "recategorise":
        raw = dict(item_value(document.raw_events()[0]))
        raw["category"] = "a"
        replace_event(document, 0, raw)
    elif edit == "remove":
        remove_event(document, 0)
    else:
        insert_event(document, 0, {"title": "First in the file", "start": "2021-05-01", "actors": ACTORS[:1]})
    kind = {"recategorise": ChangeKind.EDIT, "remove": ChangeKind.REMOVE, "insert": ChangeKind.ADD}[edit]
    session.changed(DocumentChange(kind, 0))
    delta = seen[-1].delta
    prepared = prepared.updated(delta) if delta is not None else PreparedView.of(document, state)
    assert next(key for key in prepared.index.category_colors if key in ("", "undeclared")) == ""
    _check(session, prepared)


def test_the_view_after_a_change_is_updated_only_from_a_view_of_the_same_document_and_state() -> None:
    document = random_document(2600, seed=2, stream=False)
    state = ViewState()
    prepared = PreparedView.of(document, state)
    session = Session(document)
    changes: list[DocumentChange] = []
    session.subscribe(changes.append)
    gone = document.events[10]
    remove_event(document, gone.index)
    session.changed(DocumentChange(ChangeKind.REMOVE, gone.index))
    delta = changes[-1].delta
    assert delta is not None
    assert prepared.follows(delta, document, state)
    _check(session, prepared.updated(delta))
    assert not prepared.follows(delta, document, ViewState(lanes_by="actor"))
    assert not prepared.follows(None, document, state)
    assert not prepared.follows(delta, random_document(10, seed=2, stream=False), state)
