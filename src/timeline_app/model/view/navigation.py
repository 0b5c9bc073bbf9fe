"""Back and forward through where the user has been: views and selections."""

from __future__ import annotations

from dataclasses import dataclass, field

from timeline_app.model.view.viewport import Viewport

MAX_HISTORY = 200


@dataclass(frozen=True, slots=True)
class Place:
    view: Viewport
    selected: int | None  # the selected event's uid


@dataclass
class History:
    """A browser-like history: going somewhere new drops what was forward of here."""

    places: list[Place] = field(default_factory=list)
    position: int = -1

    def visit(self, place: Place) -> None:
        if self.position >= 0 and self.places[self.position] == place:
            return
        del self.places[self.position + 1:]
        self.places.append(place)
        if len(self.places) > MAX_HISTORY:
            del self.places[0]
        self.position = len(self.places) - 1

    def back(self) -> Place | None:
        if self.position <= 0:
            return None
        self.position -= 1
        return self.places[self.position]

    def forward(self) -> Place | None:
        if self.position >= len(self.places) - 1:
            return None
        self.position += 1
        return self.places[self.position]
