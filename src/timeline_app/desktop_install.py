"""Installed like an app: the menu entry, icon, MIME type and AppStream data, for this user.

``timeline-app --install-desktop`` copies them under the user's XDG data folder
(``$XDG_DATA_HOME``, else ``~/.local/share``) and asks the desktop's own tools to notice,
where they are there; ``--uninstall-desktop`` takes them away again. The menu entry runs the
very ``timeline-app`` that installed it, so a virtual environment's app is found.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from timeline_app.resources import resource_path

APP_ID = "org.timelineapp.Timeline"
_PARTS = {  # resource → where it goes under the XDG data folder
    f"desktop/{APP_ID}.desktop": f"applications/{APP_ID}.desktop",
    "timeline-app.svg": f"icons/hicolor/scalable/apps/{APP_ID}.svg",
    f"desktop/{APP_ID}.mime.xml": f"mime/packages/{APP_ID}.xml",
    f"desktop/{APP_ID}.metainfo.xml": f"metainfo/{APP_ID}.metainfo.xml",
}


def data_home() -> Path:
    configured = os.environ.get("XDG_DATA_HOME", "")
    return Path(configured) if os.path.isabs(configured) else Path.home() / ".local" / "share"


def _command() -> str:
    """How the menu entry starts this app: the script that is running, else this Python's module."""
    script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if script is not None and script.name.startswith("timeline-app") and script.is_file():
        return _quoted(str(script))
    return f"{_quoted(sys.executable)} -m timeline_app"


def _quoted(text: str) -> str:
    """A path as a desktop entry's Exec key takes it (quoted when it holds spaces or specials)."""
    if all(character.isalnum() or character in "/._-+" for character in text):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'


def _refresh(home: Path) -> list[str]:
    """Ask the desktop's tools to read the new files; what could not be asked, in words."""
    said = []
    for tool, arguments in (("update-mime-database", [str(home / "mime")]),
                            ("update-desktop-database", [str(home / "applications")])):
        found = shutil.which(tool)
        if found is None:
            said.append(f"{tool} is not installed; the desktop reads the files when it next starts")
            continue
        done = subprocess.run([found, *arguments], capture_output=True, text=True, check=False, timeout=60)
        if done.returncode != 0:
            said.append(f"{tool} said: {done.stderr.strip() or done.returncode}")
    return said


def install(home: Path | None = None) -> tuple[list[Path], list[str]]:
    """Put the app's desktop files in place; the files written, and what the desktop's tools said."""
    home = home or data_home()
    written = []
    for name, target in _PARTS.items():
        destination = home / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        text = resource_path(name).read_bytes()
        if name.endswith(".desktop"):
            text = text.replace(b"Exec=timeline-app %f", f"Exec={_command()} %f".encode())
        temporary = destination.with_name(destination.name + ".tmp")
        temporary.write_bytes(text)
        temporary.replace(destination)  # never a half-written menu entry
        written.append(destination)
    return written, _refresh(home)


def uninstall(home: Path | None = None) -> tuple[list[Path], list[str]]:
    """Take the app's desktop files away again; the files removed, and what the tools said."""
    home = home or data_home()
    removed = []
    for target in _PARTS.values():
        path = home / target
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed, _refresh(home) if removed else []
