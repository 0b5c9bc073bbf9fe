"""Installed like an app: the menu entry, AppStream data and MIME type pass the desktop's own
validators; --install-desktop puts them in place for the user and --uninstall-desktop takes them away."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

from tests.conftest import REPO_ROOT
from timeline_app.cli import split_qt_arguments
from timeline_app.desktop_install import APP_ID

DESKTOP = REPO_ROOT / "resources" / "desktop"


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is needed for the desktop tests; make test installs it (.ci/system-deps)"
    return found


def test_the_menu_entry_is_valid_for_desktop_file_validate() -> None:
    done = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP / f"{APP_ID}.desktop")],
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_the_appstream_metainfo_is_valid() -> None:
    done = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", str(DESKTOP / f"{APP_ID}.metainfo.xml")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_mime_type_is_read_by_the_mime_database(tmp_path: Path) -> None:
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(DESKTOP / f"{APP_ID}.mime.xml", packages / f"{APP_ID}.xml")
    done = subprocess.run([_tool("update-mime-database"), str(tmp_path / "mime")], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    described = (tmp_path / "mime" / "application" / "x-timeline-events+json.xml").read_text(encoding="utf-8")
    assert "Timeline of dated events" in described
    assert "application/x-timeline-events+json" in (DESKTOP / f"{APP_ID}.desktop").read_text(encoding="utf-8")


def test_install_desktop_puts_everything_in_place_for_the_user_and_uninstall_takes_it_away(tmp_path: Path) -> None:
    app = Path(sys.executable).parent / "timeline-app"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    done = subprocess.run([str(app), "--install-desktop"], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    share = tmp_path / "share"
    entry = share / "applications" / f"{APP_ID}.desktop"
    for path in (entry, share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
                 share / "mime" / "packages" / f"{APP_ID}.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml"):
        assert path.is_file(), f"{path} was not installed"
    exec_line = next(line for line in entry.read_text(encoding="utf-8").splitlines() if line.startswith("Exec="))
    assert exec_line == f"Exec={app.resolve()} %f", "the menu runs this very app, virtual environment and all"
    validated = subprocess.run([_tool("desktop-file-validate"), str(entry)], capture_output=True, check=False)
    assert validated.returncode == 0
    assert (share / "mime" / "application" / "x-timeline-events+json.xml").is_file(), "the MIME database knows it"
    gone = subprocess.run([str(app), "--uninstall-desktop"], capture_output=True, text=True, env=env, check=False)
    assert gone.returncode == 0
    assert not entry.exists()
    again = subprocess.run([str(app), "--uninstall-desktop"], capture_output=True, text=True, env=env, check=False)
    assert "no desktop files of this app were installed" in again.stderr


def test_a_gui_script_sits_beside_the_console_one() -> None:
    gui = {point.name: point.value for point in entry_points(group="gui_scripts")}
    console = {point.name: point.value for point in entry_points(group="console_scripts")}
    assert gui["timeline-app-gui"] == console["timeline-app"] == "timeline_app.cli:main"


def test_qts_own_options_reach_qt() -> None:
    assert split_qt_arguments(["-style", "fusion", "story.json", "-reverse", "--from", "2025", "-platform=xcb"]) == (
        ["-style", "fusion", "-reverse", "-platform=xcb"], ["story.json", "--from", "2025"])
    probe = ("from timeline_app.ui.app import make_application; "
             "app = make_application(['-reverse', '-style', 'fusion']); "
             "print(app.isRightToLeft(), app.style().name())")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.split() == ["True", "fusion"], done.stderr
