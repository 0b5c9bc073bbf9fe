"""Lanes by nested categories: each parent above its branch, folded to one lane, reordered among siblings."""

from __future__ import annotations

import json

import pytest

from timeline_app.model.document import TimelineDocument
from timeline_app.model.view.index import build_index, updated_index
from timeline_app.model.view.lane_tree import LaneTree
from timeline_app.storage.loader import load_text

CATEGORIES = {
    "meta": {"label": "Meta"},
    "msl": {"label": "Superintelligence Labs", "parent": "meta"},
    "fair": {"label": "FAIR", "parent": "meta"},
    "hiring": {"label": "Hiring", "parent": "msl"},
    "scale": {"label": "Scale AI"},
}
EVENTS = [
    {"title": "MSL announced", "start": "2025-06-30", "category": "msl"},
    {"title": "Pang hired", "start": "2025-07-07", "category": "hiring"},
    {"title": "Pineau leaves FAIR", "start": "2025-04-01", "category": "fair"},
    {"title": "Scale layoffs", "start": "2025-07-16", "category": "scale"},
    {"title": "Loose", "start": "2025-08"},
]


def _document(events: list[dict[str, str]] = EVENTS) -> TimelineDocument:
    document = load_text(json.dumps({"categories": CATEGORIES, "events": events})).document
    assert document is not None
    return document


def _lanes(document: TimelineDocument, **options: object) -> list[tuple[str, int, list[str]]]:
    index = build_index(document, **options)  # type: ignore[arg-type]
    return [(lane.key, lane.depth, [event.title for event in lane.events]) for lane in index.lanes]


def test_each_parent_is_drawn_above_its_branch_with_the_depth_it_sits_at() -> None:
    assert _lanes(_document()) == [
        ("meta", 0, []),  # no events of its own: the header of its branch
        ("msl", 1, ["MSL announced"]),
        ("hiring", 2, ["Pang hired"]),
        ("fair", 1, ["Pineau leaves FAIR"]),
        ("scale", 0, ["Scale layoffs"]),
        ("", 0, ["Loose"]),
    ]


def test_a_folded_parent_holds_its_whole_branch_as_one_lane_and_keeps_each_events_colour() -> None:
    document = _document()
    index = build_index(document, collapsed=["meta"])
    meta = index.lanes[0]
    assert (meta.key, meta.folded, meta.collapsed) == ("meta", True, False)
    assert [event.title for event in meta.events] == ["Pineau leaves FAIR", "MSL announced", "Pang hired"]
    assert [lane.key for lane in index.lanes] == ["meta", "scale", ""]
    pang = next(event for event in index.ordered if event.title == "Pang hired")
    assert index.lane_of(pang) == "meta"
    assert index.category_colors["hiring"] != index.category_colors["meta"]


def test_folding_a_lane_inside_a_branch_folds_only_that_part() -> None:
    assert _lanes(_document(), collapsed=["msl"])[:3] == [
        ("meta", 0, []), ("msl", 1, ["MSL announced", "Pang hired"]), ("fair", 1, ["Pineau leaves FAIR"])]


def test_a_branch_with_nothing_in_it_is_not_drawn() -> None:
    keys = [key for key, _, _ in _lanes(_document([{"title": "Only Scale", "start": "2025", "category": "scale"}]))]
    assert keys == ["scale"]


def test_the_users_order_sorts_siblings_and_branches_move_whole() -> None:
    document = _document()
    # Ranked lanes first among their siblings: "scale" before the unranked "meta", "fair" before "msl".
    assert [key for key, _, _ in _lanes(document, order=["fair", "scale", "msl"])] == \
        ["scale", "meta", "fair", "msl", "hiring", ""]
    tree = LaneTree.of(document.categories, ["meta", "msl", "fair", "hiring", "scale", ""])
    keys = ["meta", "msl", "hiring", "fair", "scale", ""]
    assert tree.dropped(keys, "msl", "fair", below=True) == ["meta", "fair", "msl", "hiring", "scale", ""]
    assert tree.dropped(keys, "scale", "hiring", below=False) == ["scale", "meta", "msl", "hiring", "fair", ""], \
        "dropped inside another branch, a top lane goes beside that branch"
    assert tree.dropped(keys, "hiring", "scale", below=True) == keys, "a lane never leaves its parent"
    assert tree.stepped(keys, "fair", -1) == ["meta", "fair", "msl", "hiring", "scale", ""]
    assert tree.stepped(keys, "meta", -1) == keys


@pytest.mark.parametrize("folded", [[], ["meta"]])
def test_an_edit_updates_nested_lanes_as_a_rebuild_would(folded: list[str]) -> None:
    kinds = ["msl", "hiring", "fair", "scale"]
    many = [{"title": f"E{n}", "start": f"20{10 + n % 15}-0{1 + n % 9}", "category": kinds[n % 4]} for n in range(2400)]
    document = _document(many)
    index = build_index(document, collapsed=folded)
    moved = document.events[5]
    replacement = _document([{**moved.raw, "category": "scale"}]).events[0]
    updated = updated_index(index, [moved], [replacement], document.categories)
    assert updated is not None
    document.events[5] = replacement
    fresh = build_index(document, collapsed=folded)
    assert [(lane.key, len(lane.events)) for lane in updated.lanes] == [(lane.key, len(lane.events))
                                                                        for lane in fresh.lanes]


def test_a_circle_is_blamed_on_one_of_its_members_and_a_category_leading_into_it_keeps_its_parent() -> None:
    categories = {"c": {"label": "C", "parent": "a"}, "a": {"label": "A", "parent": "b"},
                  "b": {"label": "B", "parent": "a"}}
    result = load_text(json.dumps({"categories": categories, "events": []}, indent=2))
    [problem] = result.problems
    assert "circle" in problem.message
    assert problem.path in (("categories", "a", "parent"), ("categories", "b", "parent"))
    assert result.document.categories["c"].parent == "a"
