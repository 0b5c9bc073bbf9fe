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
from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import is_, is_not
from typing import Any

from timeline_app.model.document import TimelineDocument, item_value
from timeline_app.storage.jsonpos import array_items, object_members, skip_whitespace
from timeline_app.storage.jsontext import DECODER, JsonText, SourceText, dumps

_LEADING_INDENT = re.compile(r"\n([ \t]+)\S")
_STYLE_SAMPLE = 4_000_000


@dataclass(frozen=True, slots=True)
class JsonStyle:
    """How a file writes its JSON, so new text matches the old."""

    indent: str | None = "  "
    ensure_ascii: bool = False
    newline: str = "\n"

    @classmethod
    def of(cls, text: str) -> JsonStyle:
        # Its first megabytes tell a file's style; searching all of a large file takes a second.
        text = text[:_STYLE_SAMPLE]
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
            return dumps(value, ensure_ascii=self.ensure_ascii, separators=(", ", ": "))
        text = dumps(value, indent=self.indent, ensure_ascii=self.ensure_ascii)
        prefix = self.indent * level
        text = text.replace("\n", "\n" + prefix) if level else text
        return text.replace("\n", self.newline) if self.newline != "\n" else text


Moves = list[tuple[list[JsonText], int]]
"""Events still in their text, in groups, each with how far their text moved in the new text.

Groups, not one pair per event: a save of a million events would make a million pairs.
"""


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
    pieces = [source[:start]]
    if isinstance(document.root, list):
        _array_text(source, start, document.root, document.source_events, style, 0, moved, pieces,
                    document.origin_of)
    else:
        _object_text(source, start, document, style, moved, pieces)
    pieces.append(source[trailing_whitespace(source):])
    # Joined once: each copy of a large file's text costs a good part of a second.
    return "".join(pieces)


def rebase(moves: Moves, text: str) -> None:
    """Point the moved events into ``text``, the saved text they were copied (or written) into."""
    holder = SourceText(text)
    for items, shift in moves:
        for item in items:
            item.source = holder
            item.start += shift


def moved_starts(moves: Moves) -> list[tuple[JsonText, int]]:
    """Each moved event with where its text begins in the new text (before ``rebase``)."""
    return [(item, item.start + shift) for items, shift in moves for item in items]


def trailing_whitespace(text: str) -> int:
    """Offset where trailing whitespace begins (without copying the text, as ``rstrip`` would)."""
    end = len(text)
    while end and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _object_text(source: str, start: int, document: TimelineDocument, style: JsonStyle, moved: Moves,
                 pieces: list[str]) -> None:
    """The root object's text, appended to ``pieces`` (which hold the text before it)."""
    root: dict[str, Any] = document.root
    originals = document.source_events

    def events_end(key: str, value_start: int) -> int | None:
        return _array_end(source, value_start, originals) if key == "events" else None

    members, close = object_members(source, start, events_end)
    original = document.source_values
    cursor = start
    seen: set[str] = set()
    for key, _key_start, value_start, value_end in members:
        seen.add(key)
        if key not in root:
            continue
        value = root[key]
        if not (key == "events" and isinstance(value, list)) and value is original.get(key):
            continue
        pieces.append(source[cursor:value_start])
        if key == "events" and isinstance(value, list):
            _array_text(source, value_start, value, originals, style, 1, moved, pieces, document.origin_of)
        elif isinstance(value, list) and isinstance(original.get(key), list):
            # Another array edited item by item (the eras): the items it kept keep their text.
            _array_text(source, value_start, value, original[key], style, 1, [], pieces, document.origin_of)
        else:
            pieces.append(style.dumps(value, 1))
        cursor = value_end
    added = [key for key in root if key not in seen]
    if not added:
        pieces.append(source[cursor:close + 1])
        return
    # New top-level keys go before the closing brace, in the file's style.
    pieces.append(source[cursor:close].rstrip())
    inner = style.newline + style.indent if style.indent is not None else " "
    for key in added:
        pieces.append("," + inner + json.dumps(key, ensure_ascii=style.ensure_ascii) + ": " + style.dumps(root[key], 1))
    pieces.append(style.newline + "}" if style.indent is not None else "}")


def _array_text(source: str, start: int, items: list[Any], originals: list[Any], style: JsonStyle,
                level: int, moved: Moves, pieces: list[str], origin_of: Callable[[Any], Any] = lambda _item: None,
                ) -> None:
    """The events array, appended to ``pieces``: untouched items keep their text and the separators between them.

    ``moved`` hears, for each item still in its text, where it begins in the text ``pieces`` make.
    ``origin_of`` names the original an edited item replaced: its unchanged values keep their text.
    """
    written = sum(map(len, pieces))
    if _array_text_around_edits(source, start, items, originals, style, level, moved, pieces, written, origin_of):
        return
    spans, close = array_items(source, start)
    if len(spans) != len(originals):  # the text and the parsed list disagree: write it anew
        pieces.append(style.dumps(items, level))
        return
    position_of = {id(item): position for position, item in enumerate(originals)}

    def edited_text(item: Any) -> str:
        origin = origin_of(item)
        place = position_of.get(id(origin)) if origin is not None else None
        if place is None or originals[place] is not origin:
            return style.dumps(item, level + 1)
        return _edited_text(source[spans[place][0]:spans[place][1]], origin, item, style, level + 1)
    if len(items) == len(originals) and all(item is original for item, original in zip(items, originals,
                                                                                          strict=True)):
        moved.extend(([item], written + span[0] - start - item.start) for item, span in zip(items, spans, strict=True)
                     if type(item) is JsonText)
        pieces.append(source[start:close + 1])
        return
    if not spans or not items:
        pieces.append(style.dumps(items, level))
        return
    opening = source[start:spans[0][0]]
    closing = source[spans[-1][1]:close + 1]
    common = source[spans[0][1]:spans[1][0]] if len(spans) > 1 else _separator(style, level + 1)
    pieces.append(opening)
    written += len(opening)
    previous: int | None = None
    for index, item in enumerate(items):
        position = position_of.get(id(item))
        if index:
            separator = (source[spans[previous][1]:spans[position][0]]
                         if previous is not None and position == previous + 1 else common)
            pieces.append(separator)
            written += len(separator)
        text = source[spans[position][0]:spans[position][1]] if position is not None else edited_text(item)
        if type(item) is JsonText:  # written anew too: the saved text is what it reads from then
            moved.append(([item], written - item.start))
        pieces.append(text)
        written += len(text)
        previous = position
    pieces.append(closing)


def _edited_text(origin_text: str, origin: Any, item: Any, style: JsonStyle, level: int) -> str:
    """An edited item's text, spliced into its original's; ``item`` may be an original's JsonText
    put back by an undo, compared as what it holds."""
    return spliced_object(origin_text, item_value(origin), item_value(item), style, level)


def spliced_object(text: str, old: Any, new: Any, style: JsonStyle, level: int) -> str:
    """``new``'s JSON, where ``text`` is the JSON of ``old``, which an edit turned into ``new``.

    Each member whose value the edit left as it was keeps its text byte for byte ("1.50",
    "1E2", "\\u00e9", a number too large for a float), members keep their order and the
    separators between them, and a one-line object stays on one line; only changed and new
    values are written anew. Anything but two objects, or a text with a key twice, is written
    anew whole.
    """
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return style.dumps(new, level)
    members, close = object_members(text, 0)
    if len(members) != len(old) or not members:
        return style.dumps(new, level)
    one_line = "\n" not in text
    inner = JsonStyle(None, style.ensure_ascii, style.newline) if one_line else style
    first_key_end = DECODER.raw_decode(text, members[0][1])[1]
    colon = text[first_key_end:members[0][2]]  # ": ", ":" or " : ", as the file writes it
    common = (text[members[0][3]:members[1][1]] if len(members) > 1 else
              ", " if one_line else "," + style.newline + (style.indent or "") * (level + 1))
    out = [text[:members[0][1]]]
    previous: int | None = None
    for position, (key, key_start, value_start, value_end) in enumerate(members):
        if key not in new:
            continue  # taken out, with the separator before it
        if previous is not None:
            out.append(text[members[previous][3]:key_start] if previous == position - 1 else common)
        if _same_json(old[key], new[key]):
            out.append(text[key_start:value_end])
        else:
            out.append(text[key_start:value_start] + inner.dumps(new[key], level + 1))
        previous = position
    for key, value in new.items():
        if key not in old:
            if previous is not None:
                out.append(common)
            out.append(json.dumps(key, ensure_ascii=style.ensure_ascii) + colon + inner.dumps(value, level + 1))
            previous = 0
    if previous is None:  # every member taken out
        return "{}"
    out.append(text[members[-1][3]:close + 1])
    return "".join(out)


def _same_json(old: Any, new: Any) -> bool:
    """Whether two JSON values are the same, telling 1 from 1.0 and from true, as their text does."""
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        return old.keys() == new.keys() and all(_same_json(old[key], new[key]) for key in old)
    if isinstance(old, list):
        return len(old) == len(new) and all(map(_same_json, old, new))
    return bool(old == new)


def _separator(style: JsonStyle, level: int) -> str:
    if style.indent is None:
        return ", "
    return "," + style.newline + style.indent * level


# Stretches of changed items in one save beyond which the items are laid out one by one (see below).
_MOST_RUNS = 256


def _kept_start(item: Any, source: str) -> int | None:
    """Where an item still in its text begins in ``source``; None if it is not kept in this very text."""
    return item.start if type(item) is JsonText and item.source.text is source else None


def _value_end(source: str, position: int) -> int:
    return int(DECODER.raw_decode(source, position)[1])


def _array_end(source: str, start: int, originals: list[Any]) -> int | None:
    """Just after the "]" of the array at ``start``, found from its last item kept as text, or None.

    Finding it by parsing the array would build every event of a large file again.
    """
    first = _kept_start(originals[0], source) if originals else None
    last = _kept_start(originals[-1], source) if originals else None
    if first is None or last is None or source[start] != "[" or skip_whitespace(source, start + 1) != first:
        return None
    close = skip_whitespace(source, _value_end(source, last))
    return close + 1 if source[close] == "]" else None


def _loose_span(source: str, originals: list[Any], position: int) -> tuple[int, int]:
    """Where the text of ``originals[position]``, an item held parsed, lies in ``source``.

    Found from the nearest item before it that is kept as text (the first one always is,
    where this is asked), walking over the items between: the events array's text holds the
    originals in their order.
    """
    before = position - 1
    while type(originals[before]) is not JsonText:
        before -= 1
    cursor = _value_end(source, originals[before].start)
    for _ in range(before + 1, position + 1):
        start = skip_whitespace(source, skip_whitespace(source, cursor) + 1)  # past the comma
        cursor = _value_end(source, start)
    return start, cursor


def _same_from(items: list[Any], at: int, originals: list[Any], position: int) -> int:
    """How many items from ``at`` on are the originals from ``position`` on, the very objects (compared in C)."""
    ahead = items[at:at + len(originals) - position]
    return next(compress(count(), map(is_not, ahead, originals[position:position + len(ahead)])), len(ahead))


def _array_text_around_edits(source: str, start: int, items: list[Any], originals: list[Any], style: JsonStyle,
                             level: int, moved: Moves, pieces: list[str], written: int,
                             origin_of: Callable[[Any], Any]) -> bool:
    """The array's text as stretches of unchanged items, each copied whole, and the items edited between them.

    The general way finds every item's span by parsing it: seconds for a million events, to
    save a few edits. Here the unchanged stretches are found by identity, a stretch at a time,
    and their text from where their first item is kept and where their last one ends. Appends
    the general way's text, byte for byte, to ``pieces`` (``written`` long so far) and returns
    True; or False, having done nothing, where this does not apply: items not kept in this text,
    or edits scattered all over.
    """
    array_end = _array_end(source, start, originals) if items else None
    if array_end is None:
        return False
    first, last = skip_whitespace(source, start + 1), originals[-1].start  # both ends kept: _array_end checked
    last_end = _value_end(source, last)
    # Stretches of originals (where, how many) and edited items, in the order the new array has them.
    parts: list[tuple[int, int] | Any] = []
    place_of: dict[int, int] | None = None
    # Items the file holds as parsed objects (invalid events): an edited item is looked for among them.
    loose = list(compress(originals, map(is_not, map(type, originals), repeat(JsonText))))
    at = position = 0
    while at < len(items):
        same = _same_from(items, at, originals, position) if position < len(originals) else 0
        if same:
            parts.append((position, same))
            at += same
            position += same
            continue
        item = items[at]
        found: int | None = None
        if type(item) is JsonText or any(item is other for other in loose):
            if place_of is None:  # an original out of its place: an undone delete, say
                place_of = dict(zip(map(id, originals), count()))
            found = place_of.get(id(item))
        if found is None:
            parts.append(item)  # new or edited: written anew
            at += 1
        else:
            position = found  # the originals between were removed (or this one moved)
        if len(parts) > _MOST_RUNS:
            return False
    stretches: list[tuple[int, int]] = [part for part in parts if type(part) is tuple]
    bounds = []
    for begin, length in stretches:
        head, tail = _kept_start(originals[begin], source), _kept_start(originals[begin + length - 1], source)
        if head is None or tail is None:
            return False
        bounds.append((head, _value_end(source, tail)))
    # Between new neighbours goes the separator after the first item, as in the general way.
    first_end = _value_end(source, first)
    comma = skip_whitespace(source, first_end)
    common = (source[first_end:skip_whitespace(source, comma + 1)] if source[comma] == ","
              else _separator(style, level + 1))
    shifts: list[int] = []  # for each stretch: how far its text moved
    if len(parts) == 1 and stretches and bounds[0] == (first, last_end):
        out = [source[start:array_end]]  # nothing changed
        shifts.append(written - start)
    else:
        out = [source[start:first]]
        length = written + first - start
        stretch_bounds = iter(bounds)
        for number, part in enumerate(parts):
            if number:
                out.append(common)
                length += len(common)
            if type(part) is tuple:
                head, end = next(stretch_bounds)
                shifts.append(length - head)
                text = source[head:end]
            else:
                origin = origin_of(part)
                origin_span = None
                if origin is not None:
                    origin_start = _kept_start(origin, source)
                    if origin_start is not None:
                        origin_span = (origin_start, _value_end(source, origin_start))
                    elif any(origin is other for other in loose):  # an event edited before the last save
                        if place_of is None:
                            place_of = dict(zip(map(id, originals), count()))
                        origin_span = _loose_span(source, originals, place_of[id(origin)])
                text = (style.dumps(part, level + 1) if origin_span is None else
                        _edited_text(source[origin_span[0]:origin_span[1]], origin, part, style, level + 1))
                if type(part) is JsonText:  # written anew: the saved text is what it reads from then
                    moved.append(([part], length - part.start))
            out.append(text)
            length += len(text)
        out.append(source[last_end:array_end])
    # Events kept as text in this very text (as every one since the last load or save is) move with
    # their stretch; the stretch's first and last were checked above.
    for (begin, length), shift in zip(stretches, shifts, strict=True):
        stretch = originals[begin:begin + length]
        moved.append((list(compress(stretch, map(is_, map(type, stretch), repeat(JsonText)))), shift))
    pieces.extend(out)
    return True


