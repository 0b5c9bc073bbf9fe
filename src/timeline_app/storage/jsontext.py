"""JSON values kept as their text until asked for: how a huge file stays small in memory.

A million parsed event objects take about 1.5 GB of dicts, lists and strings, several
times the file itself. A large file is therefore read one event at a time: each event is
parsed, checked and turned into an :class:`~timeline_app.model.document.Event`, and its
JSON object is dropped again. The events array then holds a :class:`JsonText` per valid
event, which knows where the object's text starts and parses it again when someone asks
for it (the detail pane, an edit, an export): a few microseconds for one event.

The text itself is shared through one :class:`SourceText` rather than held by each item.
After a save, the items copied into the new text are pointed at a holder of it, with their
new offsets (``writer.rebase``), so the old text can be freed.
"""

from __future__ import annotations

import json
import math
import os
import re
from decimal import Decimal
from typing import Any

from timeline_app.model.document import StoredItem


def parse_int(digits: str) -> int | Decimal:
    # Python refuses to turn more than 4,300 digits into an int; keep such numbers exact anyway.
    return int(digits) if len(digits) < 4000 else Decimal(digits)


class ConstantError(ValueError):
    """NaN or Infinity in the text: Python's json reads them, JSON does not allow them."""

    def __init__(self, constant: str) -> None:
        super().__init__(constant)
        self.constant = constant


def reject_constant(constant: str) -> Any:
    raise ConstantError(constant)


def parse_float(text: str) -> float | Decimal:
    # A float cannot hold 1e400 (it would be written back as Infinity, which is not JSON) or
    # 1e-400 (0.0): such numbers are kept exact, as their digits.
    value = float(text)
    if math.isinf(value) or (value == 0.0 and any(digit in "123456789" for digit in text.partition("e")[0]
                                                   .partition("E")[0])):
        return Decimal(text)
    return value


DECODER = json.JSONDecoder(parse_int=parse_int, parse_float=parse_float, parse_constant=reject_constant)

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate (which UTF-8 cannot encode) replaced by U+FFFD, and how many there were."""
    if not _LONE_SURROGATE.search(text):
        return text, 0
    return _LONE_SURROGATE.subn("\ufffd", text)


def dumps(value: Any, **options: Any) -> str:
    """``json.dumps`` writing only what JSON holds exactly, and what UTF-8 can encode.

    Numbers kept as digits (see :func:`parse_float`, :func:`parse_int`) are written as such;
    a lone surrogate (read from an escape such as ``\\ud800``) is written as that escape
    again, where ``ensure_ascii=False`` would write a character no UTF-8 file can hold;
    NaN and infinities are refused (ValueError) rather than written as text JSON does not allow.
    """
    digits: list[str] = []
    marker = f"\x00exact-number-{os.getpid()}-{id(digits)}-"

    def default(item: Any) -> Any:
        if isinstance(item, Decimal) and item.is_finite():
            digits.append(str(item))
            return f"{marker}{len(digits) - 1}"
        return encode_default(item)

    text = json.dumps(value, default=default, allow_nan=False, **options)
    if digits:  # each marker, written as a JSON string, replaced by its digits in one pass
        pattern = re.compile(re.escape(json.dumps(marker)[:-1]) + r'(\d+)"')
        text = pattern.sub(lambda found: digits[int(found.group(1))], text)
    if not options.get("ensure_ascii", True) and _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
    return text


class SourceText:
    """The text a document was read from (or last saved as), shared by all its :class:`JsonText` items."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class JsonText(StoredItem):
    """An item of the events array still in its text: where it starts in the shared source.

    Identity matters: the writer copies an item's original text byte for byte as long as the
    array still holds the very same object, so an unedited event is never re-serialised.
    """

    __slots__ = ("source", "start")

    def __init__(self, source: SourceText, start: int) -> None:
        self.source = source
        self.start = start

    def value(self) -> Any:
        """The item parsed afresh; not kept, so reading every event does not grow memory for good."""
        return DECODER.raw_decode(self.source.text, self.start)[0]

    def __repr__(self) -> str:
        return f"JsonText(at {self.start})"


def encode_default(value: Any) -> Any:
    """``json.dumps(default=...)``: an item still in its text is written as what it holds."""
    if type(value) is JsonText:
        return value.value()
    raise TypeError(f"{type(value).__name__} is not JSON")
