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
from decimal import Decimal
from typing import Any


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


DECODER = json.JSONDecoder(parse_int=parse_int, parse_constant=reject_constant)


class SourceText:
    """The text a document was read from (or last saved as), shared by all its :class:`JsonText` items."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class JsonText:
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


def parsed(item: Any) -> Any:
    """An events-array item as a JSON value, whether it is still text or already parsed."""
    return item.value() if type(item) is JsonText else item


def encode_default(value: Any) -> Any:
    """``json.dumps(default=...)``: an item still in its text is written as what it holds."""
    if type(value) is JsonText:
        return value.value()
    raise TypeError(f"{type(value).__name__} is not JSON")
