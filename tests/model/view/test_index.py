"""The index: events in time order and in lanes, found by uid, lane and place as a look through every
event would find them, in every lane mode."""

from __future__ import annotations

import json
import random

import pytest

from tests.conftest import REPO_ROOT
from tests.model.builders import random_document
from tests.model.view.helpers import story_document, story_index
from timeline_app.model.timeaxis import to_axis
from timeline_app.model.view.index import build_index
from timeline_app.storage.loader import load_path, load_text


@pytest.mark.parametrize("lanes_by", ["category", "actor", "tag", "none"])
def test_lookups_by_uid_lane_and_place_find_what_a_scan_finds(lanes_by: str) -> None:
    document = random_document(900, seed=7, stream=False)
    index = build_index(document, lanes_by=lanes_by)
    for event in random.Random(3).sample(index.ordered, 200):
        assert index.by_uid(event.uid) is next(e for e in index.ordered if e.uid == event.uid)
        assert index.lane_of(event) == next(lane.key for lane in index.lanes
                                            if any(e is event for e in lane.events))
        assert document.event_at(event.index) is event
    assert len({event.uid for event in document.events}) == len(document.events)
    assert index.by_uid(-1) is None
    assert index.by_uid(None) is None


def test_the_event_at_a_place_of_the_array_skips_what_is_not_a_valid_event() -> None:
    document = load_text(json.dumps({"events": [{"title": "A", "start": "2025"}, {"title": "broken"},
                                                {"title": "C", "start": "2024"}]})).document
    assert document is not None
    assert [document.event_at(place) for place in range(4)] == [document.events[0], None, document.events[1], None]


def test_related_events_share_an_actor_or_the_category_and_are_nearest_in_time() -> None:
    index = story_index()
    pineau = next(e for e in index.ordered if e.id == "pineau-announces")
    same_actor, same_category = index.related(pineau, 4)
    assert len(same_actor) == 4
    assert all(set(e.actors) & set(pineau.actors) for e in same_actor)
    assert all(e.category == "talent" for e in same_category)
    assert pineau not in same_actor + same_category
    assert not set(map(id, same_actor)) & set(map(id, same_category))
    everyone = sorted((e for e in index.ordered if e is not pineau and set(e.actors) & set(pineau.actors)),
                      key=lambda e: (abs(e.begin - pineau.begin), e.index))
    assert {e.id for e in same_actor} == {e.id for e in everyone[:4]}
    assert [e.begin for e in same_actor] == sorted(e.begin for e in same_actor)


def test_neighbours_follow_time_order() -> None:
    index = story_index()
    walked = [index.neighbour(None, 1)]
    while (following := index.neighbour(walked[-1], 1)) is not None:
        walked.append(following)
    assert walked == index.ordered
    assert index.neighbour(index.ordered[0], -1) is None


def test_events_in_view_are_counted_once_though_they_sit_in_several_lanes() -> None:
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    by_actor = build_index(document, lanes_by="actor")
    everything = (by_actor.ordered[0].begin - 1, by_actor.ordered[-1].finish + 1)
    assert sum(lane.count_overlapping(*everything) for lane in by_actor.lanes) > len(document.events)
    assert by_actor.count_in_view(*everything) == len(document.events)
    start, end = to_axis(2025, 6, 1), to_axis(2025, 7, 1)
    expected = sum(1 for event in document.events if event.begin <= end and event.finish >= start)
    assert by_actor.count_in_view(start, end) == expected


@pytest.mark.parametrize("lanes_by", ["category", "actor"])
def test_long_lanes_are_indexed_by_numpy_exactly_as_by_the_loop(lanes_by: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ARRAY_MIN_EVENTS, numpy sorts and groups: same order, lanes, groups and colours as the loop."""
    from timeline_app.model.view import index as index_module
    from timeline_app.model.view import lanes as lanes_module

    rng = random.Random(5)
    forms = ("2025-{m:02d}-{d:02d}", "2025-{m:02d}", "2025", "mid 2025", "2025-{m:02d}-{d:02d}T10:00Z")
    events = []
    for number in range(7000):
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        event: dict[str, object] = {"title": f"e{number}", "start": rng.choice(forms).format(m=month, d=day),
                                    "category": rng.choice(["b", "a", "c"]), "actors": rng.sample("PQRS", 2)}
        if rng.random() < 0.3:
            event["end"] = str(rng.randint(2026, 2040))
        events.append(event)
    document = load_text(json.dumps({"events": events})).document
    assert document is not None

    views = [(to_axis(2025.2), to_axis(2025.3)), (to_axis(2030), to_axis(2031)), (to_axis(2000), to_axis(2050))]

    def shape(built: index_module.TimelineIndex) -> object:
        return ([id(event) for event in built.ordered], [built.count_in_view(*view) for view in views],
                [(lane.key, lane.label, lane.color, [id(event) for event in lane.events], lane.begins,
                  lane.sorted_finishes,
                  [([id(event) for event in group.events], group.begins, group.finishes, group.longest)
                   for group in lane.groups]) for lane in built.lanes])

    by_numpy = build_index(document, lanes_by=lanes_by)
    assert by_numpy.lanes[0].arrays is not None, "the lanes are long enough for numpy"
    # Both the index and its lanes choose between the loop and numpy by this.
    monkeypatch.setattr(index_module, "ARRAY_MIN_EVENTS", 10**9)
    monkeypatch.setattr(lanes_module, "ARRAY_MIN_EVENTS", 10**9)
    assert shape(by_numpy) == shape(build_index(document, lanes_by=lanes_by))


def test_events_are_found_in_time_order_by_bisection_and_read_again_ones_by_uid() -> None:
    from timeline_app.model.session import carry_uids
    from timeline_app.model.view.lanes import position_in_time_order

    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    index = build_index(document)
    assert [position_in_time_order(index.ordered, event) for event in index.ordered] == list(range(len(index.ordered)))
    assert index.neighbour(index.ordered[3], 1) is index.ordered[4]
    assert index.neighbour(index.ordered[0], -1) is None
    again = load_path(REPO_ROOT / "events.json").document
    assert again is not None
    assert build_index(again).ordered[7].uid != index.ordered[7].uid  # read apart, they are other events
    assert index.same_event(build_index(again).ordered[7]) is None
    carry_uids(document.events, again.events)  # what the session does when the file is read again
    stranger = build_index(again).ordered[7]
    assert position_in_time_order(index.ordered, stranger) is None
    assert index.same_event(stranger) is index.ordered[7]
    assert index.same_event(index.ordered[7]) is index.ordered[7]


def test_lanes_by_actor_put_an_event_in_each_of_its_lanes() -> None:
    document = story_document()
    index = build_index(document, lanes_by="actor")
    deal = next(e for e in document.events if e.id == "deal-announced")
    lanes_with_deal = [lane.key for lane in index.lanes if any(e is deal for e in lane.events)]
    assert set(lanes_with_deal) == set(deal.actors)
    assert index.ordered.count(deal) == 1
    assert index.lanes[0].key == "Meta"  # the busiest actor first
    tags = build_index(document, lanes_by="tag")
    assert any(lane.label == "Untagged" for lane in tags.lanes)
    single = build_index(document, lanes_by="none")
    assert [len(lane.events) for lane in single.lanes] == [len(document.events)]


def test_lane_order_and_collapse_are_applied() -> None:
    document = story_document()
    index = build_index(document, order=["legal", "deal"], collapsed=["talent"])
    assert [lane.key for lane in index.lanes][:2] == ["legal", "deal"]
    assert [lane.key for lane in index.lanes if lane.collapsed] == ["talent"]
