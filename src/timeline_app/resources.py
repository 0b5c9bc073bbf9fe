"""Files the app needs at run time, found inside the installed package.

The wheel carries copies of ``resources/`` and the bundled ``events.json`` under
``timeline_app/resources``. Running from a source checkout (tests, development)
finds the originals at the top of the repository instead.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parents[2]


def resource_path(name: str) -> Path:
    """A real file path for a packaged resource such as ``events.schema.json``."""
    packaged = files("timeline_app") / "resources" / name
    if packaged.is_file():
        with as_file(packaged) as path:
            return Path(path)
    source = _CHECKOUT_ROOT / ("events.json" if name == "events.json" else f"resources/{name}")
    if source.is_file():
        return source
    raise FileNotFoundError(f"timeline-app is missing its resource {name!r}; reinstall it")


def bundled_timeline() -> Path:
    """The Meta–Scale AI timeline shipped with the app."""
    return resource_path("events.json")
