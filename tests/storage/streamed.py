"""Large files read a step at a time and kept as text, against the same files parsed whole."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import CORPUS, REPO_ROOT
from timeline_app.model.document import TimelineDocument
from timeline_app.model.edits import insert_event, remove_event, replace_event
from timeline_app.storage.jsontext import encode_default
from timeline_app.storage.loader import LoadResult, load_text

FILES = [REPO_ROOT / "events.json", *sorted((CORPUS / "good").glob("*.json")),
         *sorted((CORPUS / "bad").glob("*.json"))]


def reading(result: LoadResult) -> Any:
    """Everything a load tells: events field by field, problems, header, and the JSON as values."""
    document = result.document
    problems = [(p.severity, p.message, p.line, p.column, p.path, p.event_index) for p in result.problems]
    if document is None:
        return None, problems
    # "present" ends now, which moves between two loads.
    events = [(e.key, e.title, e.start, e.end.text if e.end else None, e.begin,
               "now" if e.end and e.end.ongoing else e.finish, e.id, e.category,
               e.tags, e.actors, e.publishers, e.description, e.links, e.sources, e.index, e.raw)
              for e in document.events]
    assert all(e.publishers == tuple(dict.fromkeys(s.publisher for s in e.sources if s.publisher))
               and e.source_count == len(e.sources) for e in document.events)
    header = (document.title, document.description, document.categories)
    values = json.dumps(document.root, default=encode_default)
    return events, problems, header, values


def streamed_and_parsed(text: str) -> tuple[LoadResult, LoadResult]:
    return load_text(text, "x.json", stream=True), load_text(text, "x.json", stream=False)


def story_text() -> str:
    return (REPO_ROOT / "events.json").read_text(encoding="utf-8")


def edit_as_a_session_does(document: TimelineDocument) -> None:
    """An edit, a removal, an addition and a move: what a session of work does to the array."""
    first = dict(document.events[0].raw)
    first["title"] = "Edited"
    replace_event(document, 0, first)
    removed = remove_event(document, 3)
    insert_event(document, 1, {"title": "New", "start": "2025-07"})
    insert_event(document, 10, removed)


JSON_STYLES = [{"indent": 2}, {"indent": None}, {"indent": "\t"}, {"indent": 1, "ensure_ascii": True}]


# Texts whose events array is found a step at a time.
STEP_CASES = [
    '{"events": []}',
    ' \n{ "title" : "x" , "events" : [ {"title": "a", "start": "2025"} ,\n {"title": "b", "start": "2024"} ] }\n',
    '{"events": [{"title": "a", "start": "2025"}], "events": [{"title": "b", "start": "2024"}]}',
    '{"events": {"not": "a list"}}',
    '{}',
    '[{"title": "a", "start": "2025"}]',
    '{"title": "t", "events": [{"title": "a", "start": "2025", "events": [1, 2]}]}',
]


# Texts with a syntax error, each somewhere else.
SYNTAX_ERRORS = [
    (CORPUS / "bad" / "syntax-trailing-comma.json").read_text(encoding="utf-8"),
    '{"events": [{"title": "a", "start": "2025"},\n {"title": "b" "start": "2024"}]}',
    '{"events": [{"title": "a", "start": "2025"}] "title": "x"}',
    '{"title": "x",\n "events": [{"title": "a", "start": "2025"},]}',
    '{"events": [{"title": "a", "start": "2025"}]} trailing',
    '{"events": [{"title": "unterminated}]}',
    '{"events": [], 5: 6}',
    '{"events" [1]}',
]
