"""Writing a document back as JSON, changing only what was edited.

A file is written by splicing: every event, category or header value that was not
edited is copied from the original text byte for byte, separators and all, and only
what changed is serialised anew, in the file's own style (indentation, escaping,
line endings). So saving without edits reproduces the file exactly, whatever its
style, and an edit changes only the edited event's text. Unknown keys survive
because edits copy an event's JSON object and change only the fields they touch.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from timeline_app.model.document import TimelineDocument
from timeline_app.model.jsonpos import array_items, object_members, skip_whitespace
from timeline_app.model.jsontext import JsonText, SourceText, encode_default

_LEADING_INDENT = re.compile(r"\n([ \t]+)\S")


@dataclass(frozen=True, slots=True)
class JsonStyle:
    """How a file writes its JSON, so new text matches the old."""

    indent: str | None = "  "
    ensure_ascii: bool = False
    newline: str = "\n"

    @classmethod
    def of(cls, text: str) -> JsonStyle:
        newline = "\r\n" if "\r\n" in text else "\n"
        match = _LEADING_INDENT.search(text)
        indent = match.group(1) if match else None
        if indent is not None and indent.startswith("\t"):
            indent = "\t"
        # A file that escapes non-ASCII characters wants them escaped; one that has them raw does not.
        ensure_ascii = "\\u" in text and not any(ord(character) > 127 for character in text[:200_000])
        return cls(indent, ensure_ascii, newline)

    def dumps(self, value: Any, level: int) -> str:
        """``value`` as JSON, its inner lines indented as if it sat ``level`` levels deep."""
        if self.indent is None:
            return json.dumps(value, ensure_ascii=self.ensure_ascii, separators=(", ", ": "),
                              default=encode_default)
        text = json.dumps(value, indent=self.indent, ensure_ascii=self.ensure_ascii, default=encode_default)
        prefix = self.indent * level
        text = text.replace("\n", "\n" + prefix) if level else text
        return text.replace("\n", self.newline) if self.newline != "\n" else text


Moves = list[tuple[JsonText, int]]
"""Events still in their text, each with where its text begins in the new text."""


def serialize(document: TimelineDocument, moves: Moves | None = None) -> str:
    """The document's JSON text, reusing the original text for everything unchanged.

    ``moves`` hears where each event kept as text (see jsontext.py) now begins, so that once
    the text is saved the events can point into it, and the old text can be let go.
    """
    source = document.source_text
    moved: Moves = [] if moves is None else moves
    if source is None:
        return JsonStyle().dumps(document.root, 0) + "\n"
    style = JsonStyle.of(source)
    start = skip_whitespace(source, 0)
    if isinstance(document.root, list):
        body = _array_text(source, start, document.root, document.source_events, style, 0, moved)
    else:
        body = _object_text(source, start, document, style, moved)
    for position, (item, offset) in enumerate(moved):
        moved[position] = (item, offset + start)
    return source[:start] + body + source[skip_whitespace_end(source):]


def rebase(moves: Moves, text: str) -> None:
    """Point the moved events into ``text``, the saved text they were copied into."""
    holder = SourceText(text)
    for item, offset in moves:
        item.source = holder
        item.start = offset


def skip_whitespace_end(text: str) -> int:
    """Offset where trailing whitespace begins."""
    return len(text.rstrip())


def _object_text(source: str, start: int, document: TimelineDocument, style: JsonStyle, moved: Moves) -> str:
    root: dict[str, Any] = document.root
    members, close = object_members(source, start)
    original = document.source_values
    pieces: list[str] = []
    cursor = start
    seen: set[str] = set()
    for key, _key_start, value_start, value_end in members:
        seen.add(key)
        if key not in root:
            continue
        value = root[key]
        events_moved: Moves = []
        if key == "events" and isinstance(value, list):
            replacement = _array_text(source, value_start, value, document.source_events, style, 1, events_moved)
        elif value is original.get(key):
            continue
        else:
            replacement = style.dumps(value, 1)
        pieces.append(source[cursor:value_start])
        if events_moved:
            written = sum(map(len, pieces))
            moved.extend((item, offset + written) for item, offset in events_moved)
        pieces.append(replacement)
        cursor = value_end
    added = [key for key in root if key not in seen]
    if not added:
        pieces.append(source[cursor:close + 1])
        return "".join(pieces)
    # New top-level keys go before the closing brace, in the file's style.
    pieces.append(source[cursor:close].rstrip())
    inner = style.newline + style.indent if style.indent is not None else " "
    for key in added:
        pieces.append("," + inner + json.dumps(key, ensure_ascii=style.ensure_ascii) + ": " + style.dumps(root[key], 1))
    pieces.append(style.newline + "}" if style.indent is not None else "}")
    return "".join(pieces)


def _array_text(source: str, start: int, items: list[Any], originals: list[Any], style: JsonStyle,
                level: int, moved: Moves) -> str:
    """The events array: untouched items keep their text and the separators between them.

    ``moved`` hears, for each item still in its text, where it begins in the returned text.
    """
    spans, close = array_items(source, start)
    if len(spans) != len(originals):  # the text and the parsed list disagree: write it anew
        return style.dumps(items, level)
    position_of = {id(item): position for position, item in enumerate(originals)}
    if len(items) == len(originals) and all(item is original for item, original in zip(items, originals,
                                                                                          strict=True)):
        moved.extend((item, span[0] - start) for item, span in zip(items, spans, strict=True)
                     if type(item) is JsonText)
        return source[start:close + 1]
    if not spans or not items:
        return style.dumps(items, level)
    opening = source[start:spans[0][0]]
    closing = source[spans[-1][1]:close + 1]
    common = source[spans[0][1]:spans[1][0]] if len(spans) > 1 else _separator(style, level + 1)
    pieces = [opening]
    written = len(opening)
    previous: int | None = None
    for index, item in enumerate(items):
        position = position_of.get(id(item))
        if index:
            separator = (source[spans[previous][1]:spans[position][0]]
                         if previous is not None and position == previous + 1 else common)
            pieces.append(separator)
            written += len(separator)
        if position is not None:
            if type(item) is JsonText:
                moved.append((item, written))
            text = source[spans[position][0]:spans[position][1]]
        else:
            text = style.dumps(item, level + 1)
        pieces.append(text)
        written += len(text)
        previous = position
    pieces.append(closing)
    return "".join(pieces)


def _separator(style: JsonStyle, level: int) -> str:
    if style.indent is None:
        return ", "
    return "," + style.newline + style.indent * level
