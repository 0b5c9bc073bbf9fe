"""An edit updates the events, the index and the filter counts in place: exactly as building them again would."""

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

from timeline_app.model import dates
from timeline_app.model.document import Event, TimelineDocument, item_value
from timeline_app.model.edits import ChangeKind, DocumentChange, insert_event, remove_event, replace_event
from timeline_app.model.rules import DocumentReader
from timeline_app.model.session import Session
from timeline_app.model.view import view_state
from timeline_app.model.view.index import TimelineIndex, updated_index
from timeline_app.model.view.lanes import ARRAY_MIN_EVENTS, TimeArrays
from timeline_app.model.view.query import Filters
from timeline_app.model.view.view_state import PreparedView, ViewState
from timeline_app.storage.loader import load_text

ACTORS = ["Meta", "Scale AI", "Google", "OpenAI", "xAI", "meta"]
TAGS = ["deal", "talent", "model", "court"]
DATES = ["2024", "2024-03", "2025-04-01", "2025-06-12T10:30Z", "~2023", "late 2025", "2025-Q2", "2019-11-30"]


# "present" is now: one fixed now, so that what an edit built and what a rebuild builds compare.
CLOCK = SimpleNamespace(now=1.8e9)


@pytest.fixture(autouse=True, scope="module")
def _fixed_now() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "time", SimpleNamespace(time=lambda: CLOCK.now))
        yield


def _date(rng: random.Random, year: int) -> str:
    """Dates of every precision (before 2026), many of them days: so that durations differ, as in real files."""
    if year < 2026 and rng.random() < 0.4:
        return rng.choice(DATES)
    return f"{year + rng.randrange(6)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"


def _event(rng: random.Random, number: int, ongoing: bool = True) -> dict[str, Any]:
    raw: dict[str, Any] = {"title": f"Event {number}", "start": _date(rng, 2019)}
    if rng.random() < 0.9:
        raw["id"] = f"e{number}"
    # One long lane (numpy arrays) and a few short ones, one of them not among the categories.
    raw["category"] = rng.choice(["a"] * 14 + ["b", "c", "undeclared"])
    if rng.random() < 0.05:
        del raw["category"]
    if rng.random() < 0.3:
        raw["end"] = "present" if ongoing and rng.random() < 0.02 else _date(rng, 2026)
    raw["actors"] = rng.sample(ACTORS, rng.randint(0, 2))
    raw["tags"] = rng.sample(TAGS, rng.randint(0, 2))
    if rng.random() < 0.5:
        raw["sources"] = [{"publisher": rng.choice(["Reuters", "The Information"]), "url": "https://example.org"}]
    return raw


def _document(count: int, seed: int, stream: bool, ongoing: bool = True) -> TimelineDocument:
    rng = random.Random(seed)
    root = {"categories": {"a": {"label": "A"}, "b": {"label": "B"}, "c": {"label": "C", "color": "#123456"}},
            "events": [_event(rng, number, ongoing) for number in range(count)]}
    document = load_text(json.dumps(root), stream=stream).document
    assert document is not None
    return document


def _event_shape(event: Event, items: list[Any]) -> tuple[Any, ...]:
    return (event.key, event.index, event.id, event.title, event.begin, event.finish, event.category, event.tags,
            event.actors, event.publishers, event.source_count, event.item is items[event.index])


def _index_shape(index: TimelineIndex) -> Any:
    keys = [event.key for event in index.ordered]

    def arrays(found: Any) -> Any:
        return (found.begins.tolist(), found.finishes.tolist()) if isinstance(found, TimeArrays) else None

    lanes = [(lane.key, lane.label, lane.color, lane.collapsed, [e.key for e in lane.events], lane.begins,
              lane.sorted_finishes, arrays(lane.arrays),
              [([e.key for e in g.events], g.begins, g.finishes, g.longest) for g in lane.groups])
             for lane in index.lanes]
    # Colours in their order: which colour a category took is part of what a rebuild gives.
    return keys, lanes, index.lanes_by, arrays(index._all), list(index.category_colors.items())


def _check(session: Session, prepared: PreparedView) -> None:
    """The session's events and the updated view equal what reading and preparing everything again gives."""
    document = session.document
    items = document.raw_events()
    # Read afresh beside the session's document, which is left as the edits made it.
    rebuilt = DocumentReader().build(document.root)
    assert [_event_shape(event, items) for event in document.events] == \
           [_event_shape(event, items) for event in rebuilt.events]
    again = PreparedView.of(rebuilt, prepared.state)
    assert _index_shape(prepared.index) == _index_shape(again.index)
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
        insert_event(document, position, _event(rng, number))
    elif kind == "remove":
        position = rng.randrange(len(items))
        remove_event(document, position)
    else:
        position = rng.randrange(len(items))
        raw = dict(item_value(items[position]))
        choice = rng.random()
        if choice < 0.4:
            raw["start"] = _date(rng, 2019)
        elif choice < 0.6:
            raw["category"] = rng.choice(["a", "b", "c", "undeclared"])
        elif choice < 0.75:
            raw["actors"] = rng.sample(ACTORS, rng.randint(0, 3))
        elif choice < 0.8:
            raw["end"] = rng.choice(["present", _date(rng, 2026)])
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
    document = _document(2600, seed=len(lanes_by), stream=stream)
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
        else:
            prepared = PreparedView.of(document, state)
        _check(session, prepared)
    # Most edits update in place: the test would pass vacuously otherwise.
    assert updated >= 30
    assert sum(indexes_updated) >= 20, indexes_updated


def test_the_index_is_updated_rather_than_built_again() -> None:
    document = _document(2600, seed=3, stream=True, ongoing=False)
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
    document = _document(300, seed=5, stream=False)
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
    kept = [_event_shape(event, items) for event in document.events]
    Session(document).refresh()
    assert kept == [_event_shape(event, items) for event in document.events]
    if case == "clashing id":
        # The earlier of the two keeps the id, as a reload would decide.
        assert document.events[0].title == "Same id"


def test_removing_the_event_that_held_an_id_frees_it_for_an_edit() -> None:
    document = _document(300, seed=9, stream=True)
    session = Session(document)
    first = next(event for event in document.events if event.id is not None)
    remove_event(document, first.index)
    session.changed(DocumentChange(ChangeKind.REMOVE, first.index))
    insert_event(document, 10, {"id": first.id, "title": "Reuses the id", "start": "2025"})
    session.changed(DocumentChange(ChangeKind.ADD, 10))
    assert [event.title for event in document.events if event.id == first.id] == ["Reuses the id"]


def test_a_large_index_updates_only_from_the_array_size_on() -> None:
    # Below it the lists are rebuilt in milliseconds, and only the lists exist.
    document = _document(ARRAY_MIN_EVENTS - 100, seed=1, stream=False)
    prepared = PreparedView.of(document, ViewState())
    session = Session(document)
    changes: list[DocumentChange] = []
    session.subscribe(changes.append)
    remove_event(document, 0)
    session.changed(DocumentChange(ChangeKind.REMOVE, 0))
    delta = changes[-1].delta
    assert delta is not None  # the session still updates in place
    updated = prepared.updated(delta)
    assert _index_shape(updated.index) == _index_shape(PreparedView.of(document, ViewState()).index)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**16), lanes_by=st.sampled_from(["category", "actor", "tag", "none"]))
@example(seed=16484, lanes_by="actor")  # an event put first in an actor's lane changed the lanes' colours
def test_any_run_of_edits_matches_a_rebuild(seed: int, lanes_by: str) -> None:
    document = _document(2100, seed=seed, stream=seed % 2 == 0)
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
    document = _document(2600, seed=4, stream=True)
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
    document = _document(2600, seed=4, stream=True, ongoing=others_go_on)
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
    document = _document(2600, seed=6, stream=True, ongoing=False)
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
    document = _document(2600, seed=11, stream=False)
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
    events = [_event(rng, number, ongoing=False) for number in range(2600)]
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
    document = _document(2600, seed=2, stream=False)
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
    assert not prepared.follows(delta, _document(10, seed=2, stream=False), state)
