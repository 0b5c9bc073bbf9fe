"""Documents of random events of every kind (ids or not, every precision, ranges, categories declared
or not), and what of their views must match after an edit."""

from __future__ import annotations

import json
import random
from types import SimpleNamespace
from typing import Any

from hypothesis import strategies as st

from timeline_app.model.document import Event, TimelineDocument
from timeline_app.model.view.index import TimelineIndex
from timeline_app.model.view.lanes import TimeArrays
from timeline_app.storage.loader import load_text

ACTORS = ["Meta", "Scale AI", "Google", "OpenAI", "xAI", "meta"]


TAGS = ["deal", "talent", "model", "court"]


DATES = ["2024", "2024-03", "2025-04-01", "2025-06-12T10:30Z", "~2023", "late 2025", "2025-Q2", "2019-11-30"]


# "present" is now: one fixed now, so that what an edit built and what a rebuild builds compare.
CLOCK = SimpleNamespace(now=1.8e9)


def random_date(rng: random.Random, year: int) -> str:
    """Dates of every precision (before 2026), many of them days: so that durations differ, as in real files."""
    if year < 2026 and rng.random() < 0.4:
        return rng.choice(DATES)
    return f"{year + rng.randrange(6)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"


def random_event(rng: random.Random, number: int, ongoing: bool = True) -> dict[str, Any]:
    raw: dict[str, Any] = {"title": f"Event {number}", "start": random_date(rng, 2019)}
    if rng.random() < 0.9:
        raw["id"] = f"e{number}"
    # One long lane (numpy arrays) and a few short ones, one of them not among the categories.
    raw["category"] = rng.choice(["a"] * 14 + ["b", "c", "undeclared"])
    if rng.random() < 0.05:
        del raw["category"]
    if rng.random() < 0.3:
        raw["end"] = "present" if ongoing and rng.random() < 0.02 else random_date(rng, 2026)
    raw["actors"] = rng.sample(ACTORS, rng.randint(0, 2))
    raw["tags"] = rng.sample(TAGS, rng.randint(0, 2))
    if rng.random() < 0.5:
        raw["sources"] = [{"publisher": rng.choice(["Reuters", "The Information"]), "url": "https://example.org"}]
    return raw


def random_document(count: int, seed: int, stream: bool, ongoing: bool = True) -> TimelineDocument:
    rng = random.Random(seed)
    root = {"categories": {"a": {"label": "A"}, "b": {"label": "B"}, "c": {"label": "C", "color": "#123456"}},
            "events": [random_event(rng, number, ongoing) for number in range(count)]}
    document = load_text(json.dumps(root), stream=stream).document
    assert document is not None
    return document


def event_shape(event: Event, items: list[Any]) -> tuple[Any, ...]:
    return (event.key, event.index, event.id, event.title, event.begin, event.finish, event.category, event.tags,
            event.actors, event.publishers, event.source_count, event.item is items[event.index])


def index_shape(index: TimelineIndex) -> Any:
    keys = [event.key for event in index.ordered]

    def arrays(found: Any) -> Any:
        return (found.begins.tolist(), found.finishes.tolist()) if isinstance(found, TimeArrays) else None

    lanes = [(lane.key, lane.label, lane.color, lane.collapsed, [e.key for e in lane.events], lane.begins,
              lane.sorted_finishes, arrays(lane.arrays),
              [([e.key for e in g.events], g.begins, g.finishes, g.longest) for g in lane.groups])
             for lane in index.lanes]
    # Colours in their order: which colour a category took is part of what a rebuild gives.
    return keys, lanes, index.lanes_by, arrays(index._all), list(index.category_colors.items())


# Event objects whose fields are each valid, invalid or absent: every path of the validator.
EVENT_FIELDS = st.fixed_dictionaries({}, optional={
    "id": st.sampled_from(["a", "b", "", " ", 3]),
    "title": st.sampled_from(["Title", "", "  ", None, 5]),
    "start": st.sampled_from(["2025-06-12", "2025-02-30", "late 2025", "present", 2025, "2024"]),
    "end": st.sampled_from(["2025-06-13", "2024-01-01", "present", "soon", None]),
    "category": st.sampled_from(["deal", "gossip", None, 1]),
    "tags": st.sampled_from([["x"], "x", [1], None, []]),
    "actors": st.sampled_from([["Meta"], [], "Meta", None]),
    "description": st.sampled_from(["", "text", None, 4]),
    "sources": st.sampled_from([[], [{"title": "t", "url": "https://x.org", "date": "2025-06-13"}],
                                [{"url": "javascript:x"}], [{"date": "soon"}], "x", [3], None]),
    "links": st.sampled_from([["https://x.org"], ["file:///x"], None]),
    "x-extra": st.just({"kept": True}),
})
