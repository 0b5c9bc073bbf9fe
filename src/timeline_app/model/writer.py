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
            return json.dumps(value, ensure_ascii=self.ensure_ascii, separators=(", ", ": "))
        text = json.dumps(value, indent=self.indent, ensure_ascii=self.ensure_ascii)
        prefix = self.indent * level
        text = text.replace("\n", "\n" + prefix) if level else text
        return text.replace("\n", self.newline) if self.newline != "\n" else text


def serialize(document: TimelineDocument) -> str:
    """The document's JSON text, reusing the original text for everything unchanged."""
    source = document.source_text
    if source is None:
        return JsonStyle().dumps(document.root, 0) + "\n"
    style = JsonStyle.of(source)
    start = skip_whitespace(source, 0)
    if isinstance(document.root, list):
        body = _array_text(source, start, document.root, document.source_events, style, level=0)
    else:
        body = _object_text(source, start, document, style)
    return source[:start] + body + source[skip_whitespace_end(source):]


def skip_whitespace_end(text: str) -> int:
    """Offset where trailing whitespace begins."""
    return len(text.rstrip())


def _object_text(source: str, start: int, document: TimelineDocument, style: JsonStyle) -> str:
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
        if key == "events" and isinstance(value, list):
            replacement = _array_text(source, value_start, value, document.source_events, style, level=1)
        elif value is original.get(key):
            continue
        else:
            replacement = style.dumps(value, 1)
        pieces.append(source[cursor:value_start])
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
                level: int) -> str:
    """The events array: untouched items keep their text and the separators between them."""
    spans, close = array_items(source, start)
    if len(spans) != len(originals):  # the text and the parsed list disagree: write it anew
        return style.dumps(items, level)
    position_of = {id(item): position for position, item in enumerate(originals)}
    if len(items) == len(originals) and all(item is original for item, original in zip(items, originals,
                                                                                          strict=True)):
        return source[start:close + 1]
    if not spans or not items:
        return style.dumps(items, level)
    opening = source[start:spans[0][0]]
    closing = source[spans[-1][1]:close + 1]
    common = source[spans[0][1]:spans[1][0]] if len(spans) > 1 else _separator(style, level + 1)
    pieces = [opening]
    previous: int | None = None
    for index, item in enumerate(items):
        position = position_of.get(id(item))
        if index:
            if previous is not None and position == previous + 1:
                pieces.append(source[spans[previous][1]:spans[position][0]])
            else:
                pieces.append(common)
        pieces.append(source[spans[position][0]:spans[position][1]] if position is not None
                      else style.dumps(item, level + 1))
        previous = position
    pieces.append(closing)
    return "".join(pieces)


def _separator(style: JsonStyle, level: int) -> str:
    if style.indent is None:
        return ", "
    return "," + style.newline + style.indent * level
