"""The rules of a file's header: its time zone, its categories and their tree, its eras.

Read before the events: a date is read on the file's clocks, and an event's category is one
of those read here.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from timeline_app.model.dates import ongoing_date
from timeline_app.model.describe import listed
from timeline_app.model.document import Category, Era, JsonPath, TimelineDocument
from timeline_app.model.findings import FieldReader, Finding, Severity, type_name
from timeline_app.model.zones import UnknownZoneError, Zone

COLOR = re.compile(r"#[0-9a-fA-F]{6}")


class HeaderReader(FieldReader):
    """Reads what a file says above its events."""

    def era_errors(self, raw: Any) -> list[Finding]:
        """Every error of one era object, as loading it would find them: what the era form accepts
        is what a file accepts. Paths start ("eras", 0, ...)."""
        before = len(self.findings)
        self._read_era(raw, 0)
        return [finding for finding in self.findings[before:] if finding.severity is Severity.ERROR]

    def _read_zone(self, root: dict[str, Any], document: TimelineDocument) -> None:
        """The file's "timezone", read before any date: its times without an offset are on its clocks."""
        name = root.get("timezone")
        if name is None:
            return
        if not isinstance(name, str) or not name.strip():
            shown = "blank text" if isinstance(name, str) else type_name(name)
            self._report(f'"timezone" must be an IANA time zone name such as "America/New_York", not {shown}',
                         ("timezone",))
            return
        try:
            self.zone = Zone(name)
        except UnknownZoneError as error:
            self._report(f"{error}; until it is mended, times without an offset are read as UTC", ("timezone",))
            return
        document.timezone = name

    def _read_header(self, root: dict[str, Any], document: TimelineDocument) -> None:
        self._read_zone(root, document)
        for key in ("title", "description"):
            value = root.get(key, "")
            if isinstance(value, str):
                setattr(document, key, value)
            else:
                self._report(f'"{key}" must be text in quotes, not {type_name(value)}', (key,))
        categories = root.get("categories", {})
        if not isinstance(categories, dict):
            self._report('"categories" must be an object {"id": {"label": ..., "color": ...}}, '
                         f"not {type_name(categories)}", ("categories",))
            return
        for category_id, spec in categories.items():
            category = self._read_category(category_id, spec)
            if category is not None:
                document.categories[category_id] = category
        self._check_parents(document.categories)
        document.eras = self.read_eras(root)

    def _check_parents(self, categories: dict[str, Category]) -> None:
        """Each parent names a category, and no chain of parents goes round: a lane cannot hold itself.

        A parent that is unknown, or that closes a circle, is let go (the category is a top
        lane), so the file still opens; the circle is an error to mend, the unknown a warning.
        """
        for key, category in list(categories.items()):
            parent = category.parent
            if parent is None:
                continue
            path: JsonPath = ("categories", key, "parent")
            if parent not in categories:
                choices = listed(f'"{other}"' for other in categories if other != key)
                self._report(f'unknown parent category "{parent}"; use one of {choices} or leave "parent" out',
                             path, Severity.WARNING)
                categories[key] = replace(category, parent=None)
                continue
            chain = [key]
            while parent is not None and parent not in chain:
                chain.append(parent)
                parent = categories[parent].parent if parent in categories else None
            if parent == key:  # a category that only leads into a circle keeps its parent; a member breaks it
                circle = " → ".join(f'"{step}"' for step in [*chain[chain.index(parent):], parent])
                self._report(f"the parents of these categories go round in a circle ({circle}); "
                             'take "parent" out of one of them', path)
                categories[key] = replace(category, parent=None)

    def read_eras(self, root: Any) -> list[Era]:
        """The valid eras of a file's root object, each problem reported at its path."""
        if not isinstance(root, dict) or "eras" not in root:
            return []
        value = root["eras"]
        if not isinstance(value, list):
            self._report('"eras" must be a list of {"title", "start", "end"} objects, '
                         f"not {type_name(value)}", ("eras",))
            return []
        eras = []
        for position, spec in enumerate(value):
            era = self._read_era(spec, position)
            if era is not None:
                eras.append(era)
        return eras

    def _read_era(self, spec: Any, position: int) -> Era | None:
        path: JsonPath = ("eras", position)
        if not isinstance(spec, dict):
            self._report('each era must be an object {"title": ..., "start": ..., "end": ...}, '
                         f"not {type_name(spec)}", path)
            return None
        errors_before = len(self.findings)
        title = self._required_text(spec, "title", path, 'add "title": "The deal"', what="era")
        start = self._date(spec, "start", path, self._date_cache, allow_ongoing=False, what="era")
        end = self._date(spec, "end", path, self._end_cache, allow_ongoing=True, what="era")
        if start is not None and end is not None and end.ongoing and end.latest < start.latest:
            end = ongoing_date(now=start.latest, text=end.text)
        if start is not None and end is not None and end.latest <= start.earliest:
            self._report(f'the era ends "{end.text}" before it starts "{start.text}"; '
                         "swap them or correct the end", (*path, "end"))
        color = spec.get("color")
        if color is not None and not (isinstance(color, str) and COLOR.fullmatch(color)):
            shown = json.dumps(color) if isinstance(color, str) else type_name(color)
            self._report(f'{shown} is not a colour; write "#RRGGBB", e.g. "#0072B2"', (*path, "color"))
        description = self._optional_text(spec, "description", path)
        if any(finding.severity is Severity.ERROR for finding in self.findings[errors_before:]):
            return None
        assert title is not None
        assert start is not None
        assert end is not None
        return Era(title, start, end, color, description or "", position)

    def _read_category(self, category_id: str, spec: Any) -> Category | None:
        path: JsonPath = ("categories", category_id)
        if not isinstance(spec, dict):
            self._report(f'category "{category_id}" must be an object {{"label": ..., "color": '
                         f'"#RRGGBB"}}, not {type_name(spec)}', path)
            return None
        label = spec.get("label", category_id)
        color = spec.get("color")
        description = spec.get("description", "")
        parent = spec.get("parent")
        valid = True
        if parent is not None and not (isinstance(parent, str) and parent.strip()):
            shown = "blank text" if isinstance(parent, str) else type_name(parent)
            self._report(f'"parent" must be the id of another category, e.g. "deal", not {shown}',
                         (*path, "parent"))
            parent = None  # the category itself is fine: a top lane until its parent is mended
        elif parent == category_id:
            self._report(f'category "{category_id}" cannot be its own parent; name another category or leave '
                         '"parent" out', (*path, "parent"))
            parent = None
        if not isinstance(label, str):
            self._report(f'"label" must be text, not {type_name(label)}', (*path, "label"))
            valid = False
        if color is not None and not (isinstance(color, str) and COLOR.fullmatch(color)):
            shown = json.dumps(color) if isinstance(color, str) else type_name(color)
            self._report(f'{shown} is not a colour; write "#RRGGBB", e.g. "#0072B2"',
                         (*path, "color"))
            valid = False
        if not isinstance(description, str):
            self._report(f'"description" must be text, not {type_name(description)}',
                         (*path, "description"))
            valid = False
        if not valid:
            return None
        return Category(category_id, label, color, description, parent)
