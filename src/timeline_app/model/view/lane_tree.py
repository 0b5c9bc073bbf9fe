"""Lanes by category as a tree: categories that name a parent sit under it, and a folded parent
holds its whole branch's events as one lane.

The rules (model/rules.py) have made sure every parent is a known category and no chain of
parents goes round; here the tree is only walked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from timeline_app.model.document import Category
from timeline_app.model.view.lanes import Lane, sorted_lane


@dataclass(slots=True)
class LaneTree:
    """Which lane each category's events go to, and the order, depth and children of the lanes."""

    parent_of: dict[str, str | None] = field(default_factory=dict)
    children: dict[str | None, list[str]] = field(default_factory=dict)  # None: the top lanes
    folded: frozenset[str] = frozenset()  # parents whose branch is one lane

    @classmethod
    def of(cls, categories: Mapping[str, Category], keys: Iterable[str], folded: Iterable[str] = ()) -> LaneTree:
        """The tree of lanes ``keys`` (declared categories first, in their order, then the rest)."""
        parent_of: dict[str, str | None] = {}
        children: dict[str | None, list[str]] = {None: []}
        for key in keys:
            category = categories.get(key)
            parent = category.parent if category is not None else None
            parent_of[key] = parent
            children.setdefault(parent, []).append(key)
        parents = {key for key in children if key is not None and children[key]}
        return cls(parent_of, children, frozenset(key for key in folded if key in parents))

    @property
    def nested(self) -> bool:
        """Whether any lane sits under another: without that, lanes are as flat as they always were."""
        return any(key is not None and keys for key, keys in self.children.items())

    def has_children(self, key: str) -> bool:
        return bool(self.children.get(key))

    def depth(self, key: str) -> int:
        depth, parent = 0, self.parent_of.get(key)
        while parent is not None:
            depth += 1
            parent = self.parent_of.get(parent)
        return depth

    def lane_for(self, key: str) -> str:
        """The lane a category's events are drawn in: its own, or its topmost folded ancestor's."""
        found, parent = key, self.parent_of.get(key)
        while parent is not None:
            if parent in self.folded:
                found = parent
            parent = self.parent_of.get(parent)
        return found

    def shown(self, key: str) -> bool:
        """Whether the lane is drawn at all: not when a parent above it is folded."""
        return self.lane_for(key) == key

    def descendants(self, key: str) -> list[str]:
        found: list[str] = []
        for child in self.children.get(key, []):
            found.append(child)
            found.extend(self.descendants(child))
        return found

    def arranged(self, rank: Mapping[str, int]) -> list[str]:
        """Every lane in the order drawn: each parent followed by its children, siblings in the order
        the user arranged them (``rank``), the rest in their own order after them."""
        order: list[str] = []

        def walk(parent: str | None) -> None:
            siblings = self.children.get(parent, [])
            for key in sorted(siblings, key=lambda sibling: (rank.get(sibling, len(rank)), siblings.index(sibling))):
                order.append(key)
                walk(key)
        walk(None)
        return order

    def sibling_block(self, keys: list[str], key: str) -> tuple[int, int]:
        """Where ``key`` and every lane under it lie in ``keys`` (the drawn order): [first, last)."""
        first = keys.index(key)
        last = first + 1
        while last < len(keys) and self._is_under(keys[last], key):
            last += 1
        return first, last

    def _is_under(self, key: str, ancestor: str) -> bool:
        parent = self.parent_of.get(key)
        while parent is not None:
            if parent == ancestor:
                return True
            parent = self.parent_of.get(parent)
        return False

    def sibling_for(self, key: str, target: str) -> str | None:
        """The lane among ``key``'s siblings that ``target`` is, or sits under; None when it is in another branch."""
        parent = self.parent_of.get(key)
        found: str | None = target
        while found is not None and self.parent_of.get(found) != parent:
            found = self.parent_of.get(found)
        return found if found is not None and found != key and self.parent_of.get(found) == parent else None

    def dropped(self, keys: list[str], dragged: str, onto: str, below: bool) -> list[str]:
        """The drawn order after the lane ``dragged`` (and its branch) is dropped on ``onto``.

        A lane moves among its siblings only (which category sits under which is the file's to
        say): dropped on a lane of another branch it goes beside that branch's top among its
        siblings, and where there is none, nowhere.
        """
        sibling = self.sibling_for(dragged, onto)
        if sibling is None:
            return keys
        first, last = self.sibling_block(keys, dragged)
        block, rest = keys[first:last], keys[:first] + keys[last:]
        start, end = self.sibling_block(rest, sibling)
        place = end if below else start
        return rest[:place] + block + rest[place:]

    def stepped(self, keys: list[str], key: str, step: int) -> list[str]:
        """The drawn order with ``key``'s branch moved past its previous (-1) or next (1) sibling."""
        siblings = [other for other in keys if self.parent_of.get(other) == self.parent_of.get(key)]
        place = siblings.index(key) + step
        if not 0 <= place < len(siblings):
            return keys
        return self.dropped(keys, key, siblings[place], below=step > 0)


def nested_lanes(used: list[Lane], lanes: dict[str, Lane], tree: LaneTree, rank: dict[str, int]) -> list[Lane]:
    """The lanes of a category tree in the order drawn, each parent above its children.

    A parent unfolded is drawn even with no events of its own, as the header of its branch,
    if anything under it is; a folded one holds its branch; lanes under a folded one are not drawn.
    """
    holding = {lane.key: lane for lane in used}
    shown = []
    for key in tree.arranged(rank):
        if not tree.shown(key):
            continue
        branch = tree.has_children(key)
        if key not in holding and not (branch and any(below in holding for below in tree.descendants(key))):
            continue
        lane = holding.get(key) or sorted_lane(lanes[key])  # no events of its own: the header of its branch
        lane.depth, lane.branch, lane.folded = tree.depth(key), branch, key in tree.folded
        shown.append(lane)
    return shown
