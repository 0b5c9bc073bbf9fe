"""What is wrong in a document, where, and the reading of single fields that every part of a file shares.

Findings name the JSON path of what is wrong; storage, which has the text, turns it into a line
and column. :class:`FieldReader` reads one field the way every rule does (required text, optional
text, a date on the file's clocks), so an era's title is read as an event's is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from timeline_app.model.dates import DateError, TimelineDate, parse_date
from timeline_app.model.document import JsonPath
from timeline_app.model.zones import Zone


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(slots=True)
class Finding:
    """A problem in a document, where its JSON path points: storage turns it into a line and column."""

    severity: Severity
    message: str
    path: JsonPath
    event_index: int | None


def type_name(value: Any) -> str:
    """What a JSON value is, in the words a message uses: "null", "a number", "a list"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


class FieldReader:
    """Collects findings, and reads the fields every part of a file has in common."""

    def __init__(self, zone: Zone | None = None) -> None:
        # Where times written without an offset were read on a clock: the file's "timezone".
        self.zone = zone
        self.findings: list[Finding] = []
        self._date_cache: dict[str, TimelineDate] = {}
        self._end_cache: dict[str, TimelineDate] = {}
        self._event_index: int | None = None

    def _report(self, message: str, path: JsonPath, severity: Severity = Severity.ERROR) -> None:
        self.findings.append(Finding(severity, message, path, self._event_index))

    def _required_text(self, raw: dict[str, Any], key: str, path: JsonPath, hint: str,
                       what: str = "event") -> str | None:
        if key not in raw:
            self._report(f'the {what} has no "{key}"; {hint}', path)
            return None
        value = raw[key]
        if not isinstance(value, str):
            self._report(f'"{key}" must be text in quotes, not {type_name(value)}', (*path, key))
            return None
        if not value.strip():
            self._report(f'"{key}" is blank; {hint}', (*path, key))
            return None
        return value

    def _optional_text(self, raw: dict[str, Any], key: str, path: JsonPath) -> str | None:
        value = raw.get(key)
        if value is None or isinstance(value, str):
            return value
        self._report(f'"{key}" must be text in quotes, not {type_name(value)}', (*path, key))
        return None

    def _date(self, raw: dict[str, Any], key: str, path: JsonPath,
              cache: dict[str, TimelineDate], *, allow_ongoing: bool, what: str = "event") -> TimelineDate | None:
        if key not in raw:
            self._report(f'the {what} has no "{key}"; add "{key}": "2025-04" or any date form', path)
            return None
        value = raw[key]
        if not isinstance(value, str):
            is_year = isinstance(value, int) and not isinstance(value, bool)
            suggestion = f'"{value}"' if is_year else '"2025-04"'
            self._report(f'"{key}" must be a date in quotes, e.g. {suggestion}, not {type_name(value)}',
                         (*path, key))
            return None
        cached = cache.get(value)
        if cached is not None:
            return cached
        try:
            date = parse_date(value, allow_ongoing=allow_ongoing, zone=self.zone)
        except DateError as error:
            self._report(str(error), (*path, key))
            return None
        if not date.ongoing:
            cache[value] = date
        return date
