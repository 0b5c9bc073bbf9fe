"""What the format tests share: the sample files, the bundled story, a conversion by the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS, REPO_ROOT
from timeline_app.storage.loader import load_path

FORMATS = CORPUS / "formats"


def convert(source: Path, target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline_app", "--convert", str(source), str(target)],
                          capture_output=True, text=True, check=False)


def story_document():  # type: ignore[no-untyped-def]
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    return document
