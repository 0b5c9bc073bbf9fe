"""Line and column of values inside JSON text, found only when a message needs them.

``json.loads`` is fast but forgets positions. Rather than parse every file twice,
the loader validates the parsed data and then asks this module, once, for the
positions of just the values it has something to say about. Values off those
paths are skipped with the C decoder, so even a 300 MB file is walked quickly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from timeline_app.model.document import JsonPath

_WHITESPACE = re.compile(r"[ \t\n\r]*")
# Used to find where values end and to read keys: numbers are left as their text, which
# costs nothing and never fails (an int of 5,000 digits is more than Python will convert).
_DECODER = json.JSONDecoder(parse_int=str, parse_float=str, parse_constant=str)


class _PathTrie:
    __slots__ = ("children", "wanted")

    def __init__(self) -> None:
        self.children: dict[str | int, _PathTrie] = {}
        self.wanted = False


def offset_to_line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of an offset into ``text``."""
    line = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    return line, offset - line_start + 1


_STRING_OR_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


def constant_offset(text: str, constant: str) -> int:
    """Where ``NaN`` or ``Infinity`` stands as a value in ``text``, not as a word inside a string (else 0)."""
    for found in _STRING_OR_CONSTANT.finditer(text):
        if found.group(1) is not None and found.group(1).lstrip("-") == constant.lstrip("-"):
            return found.start(1)
    return 0


def locate(text: str, paths: Iterable[JsonPath]) -> dict[JsonPath, tuple[int, int]]:
    """Line and column of the value at each path in valid JSON ``text``.

    A path the text does not hold (a missing key) is located at its nearest
    existing ancestor, which is where the author has to add it.
    """
    root = _PathTrie()
    wanted_paths = list(paths)
    for path in wanted_paths:
        node = root
        for part in path:
            node = node.children.setdefault(part, _PathTrie())
        node.wanted = True
    offsets: dict[JsonPath, int] = {}
    start = _skip_whitespace(text, 0)
    _walk(text, start, root, (), offsets)
    found: dict[JsonPath, int] = {}
    for path in wanted_paths:
        probe = path
        while probe not in offsets and probe:
            probe = probe[:-1]
        found[path] = offsets.get(probe, start)
    places = lines_and_columns(text, found.values())
    return {path: places[offset] for path, offset in found.items()}


def lines_and_columns(text: str, offsets: Iterable[int]) -> dict[int, tuple[int, int]]:
    """The line and column of many offsets at once, in one pass over the text.

    Each by :func:`offset_to_line_column` counts the lines from the start: a million problems
    in a large file took minutes.
    """
    places: dict[int, tuple[int, int]] = {}
    line, line_start, counted = 1, 0, 0
    for offset in sorted(set(offsets)):
        newlines = text.count("\n", counted, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, offset) + 1
        counted = offset
        places[offset] = (line, offset - line_start + 1)
    return places


def _skip_whitespace(text: str, position: int) -> int:
    match = _WHITESPACE.match(text, position)
    return match.end() if match else position


def _skip_value(text: str, position: int) -> int:
    return _DECODER.raw_decode(text, position)[1]


def _walk(text: str, position: int, node: _PathTrie, path: JsonPath,
          offsets: dict[JsonPath, int]) -> int:
    """Record offsets below ``node`` for the value at ``position``; return its end."""
    offsets[path] = position
    if not node.children:
        return _skip_value(text, position)
    opener = text[position]
    if opener == "{":
        return _walk_object(text, position, node, path, offsets)
    if opener == "[":
        return _walk_array(text, position, node, path, offsets)
    return _skip_value(text, position)


def _walk_object(text: str, position: int, node: _PathTrie, path: JsonPath,
                 offsets: dict[JsonPath, int]) -> int:
    position = _skip_whitespace(text, position + 1)
    if text[position] == "}":
        return position + 1
    while True:
        key, position = _DECODER.raw_decode(text, position)
        position = _skip_whitespace(text, position)
        position = _skip_whitespace(text, position + 1)  # after ':'
        child = node.children.get(key)
        position = _skip_value(text, position) if child is None else _walk(text, position, child, (*path, key), offsets)
        position = _skip_whitespace(text, position)
        if text[position] == "}":
            return position + 1
        position = _skip_whitespace(text, position + 1)  # after ','


def _walk_array(text: str, position: int, node: _PathTrie, path: JsonPath,
                offsets: dict[JsonPath, int]) -> int:
    position = _skip_whitespace(text, position + 1)
    if text[position] == "]":
        return position + 1
    index = 0
    while True:
        child = node.children.get(index)
        if child is None:
            position = _skip_value(text, position)
        else:
            position = _walk(text, position, child, (*path, index), offsets)
        position = _skip_whitespace(text, position)
        if text[position] == "]":
            return position + 1
        position = _skip_whitespace(text, position + 1)
        index += 1


def find_nesting_overflow(text: str, limit: int) -> int:
    """Offset of the first bracket nested deeper than ``limit``, or -1."""
    depth = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif token in "]}":
            depth -= 1
    return -1


def skip_whitespace(text: str, position: int) -> int:
    return _skip_whitespace(text, position)


def object_members(text: str, position: int, known_end: Callable[[str, int], int | None] | None = None,
                   ) -> tuple[list[tuple[str, int, int, int]], int]:
    """Members of the object at ``position``: (key, key offset, value offset, value end); and the "}" offset.

    ``known_end(key, value offset)`` may tell where a value ends, sparing its parse (None: it cannot).
    """
    members: list[tuple[str, int, int, int]] = []
    position = _skip_whitespace(text, position + 1)
    if text[position] == "}":
        return members, position
    while True:
        key_start = position
        key, position = _DECODER.raw_decode(text, position)
        position = _skip_whitespace(text, position)
        value_start = _skip_whitespace(text, position + 1)  # after ':'
        known = known_end(key, value_start) if known_end is not None else None
        end = _skip_value(text, value_start) if known is None else known
        members.append((key, key_start, value_start, end))
        position = _skip_whitespace(text, end)
        if text[position] == "}":
            return members, position
        position = _skip_whitespace(text, position + 1)  # after ','


def array_items(text: str, position: int) -> tuple[list[tuple[int, int]], int]:
    """(start, end) of each item of the array at ``position``; and the "]" offset."""
    items: list[tuple[int, int]] = []
    position = _skip_whitespace(text, position + 1)
    if text[position] == "]":
        return items, position
    while True:
        end = _skip_value(text, position)
        items.append((position, end))
        position = _skip_whitespace(text, end)
        if text[position] == "]":
            return items, position
        position = _skip_whitespace(text, position + 1)  # after ','
