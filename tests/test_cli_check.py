"""``timeline-app --check``: every problem as FILE:LINE:COL, and an exit status scripts can use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS, REPO_ROOT


def _check(*args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline_app", "--check", *args],
                          capture_output=True, text=True, cwd=cwd, check=False)


def test_a_valid_file_exits_zero() -> None:
    done = _check("events.json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert "0 errors" in done.stderr


def test_errors_exit_one_with_positions() -> None:
    done = _check(str(CORPUS / "bad" / "impossible-date.json"))
    assert done.returncode == 1
    assert done.stdout.strip().endswith(
        'impossible-date.json:4:53: error: "2025-02-30" is not a date: February 2025 has 28 days')


def test_warnings_alone_exit_zero() -> None:
    done = _check(str(CORPUS / "bad" / "warnings-only.json"))
    assert done.returncode == 0
    assert done.stdout.count(": warning: ") == 2


def test_an_unreadable_file_exits_two_without_a_traceback(tmp_path: Path) -> None:
    done = _check(str(tmp_path / "nope.json"), str(CORPUS / "good" / "minimal.json"))
    assert done.returncode == 2
    assert "no such file" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_many_files_in_one_call_report_all(tmp_path: Path) -> None:
    done = _check(*(str(p) for p in sorted((CORPUS / "bad").glob("*.json"))))
    assert done.returncode == 1
    assert done.stdout.count(": error: ") >= 10


def test_check_never_imports_qt() -> None:
    script = ("import sys; from timeline_app.cli import main; main(['--check', 'events.json']); "
              "print('PySide6' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=REPO_ROOT, check=False)
    assert done.stdout.strip() == "False"
