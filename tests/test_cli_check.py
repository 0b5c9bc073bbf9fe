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


def test_what_is_not_a_regular_file_is_refused_at_once(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "events.json"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "timeline_app", "--check", str(fifo)], capture_output=True,
                          text=True, cwd=REPO_ROOT, check=False, timeout=30)  # it waited forever on the pipe
    assert done.returncode == 2
    assert "named pipe (FIFO), not a regular file" in done.stderr
    assert "Traceback" not in done.stderr


def test_files_other_tools_get_wrong_are_told_what_is_wrong_without_a_traceback(tmp_path: Path) -> None:
    cases = {
        # TimelineJS by its beginning, with a syntax error further on: placed where it is.
        "late.json": ('{"events": [{"start_date": {"year": 2020}, "text": {"headline": "a"}},, ]}',
                      "late.json:1:71: error: JSON syntax"),
        "header.csv": ("title,start," + "x" * 140_000 + "\nA,2025,b\n", "CSV columns kept as extra fields: "),
        "text.json": ('"' + "x" * 140_000 + '"', "the file holds text; write an object"),
        "number.json": ("42", "the file holds a number"),
    }
    for name, (text, expected) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        done = _check(name, cwd=tmp_path)
        assert "Traceback" not in done.stderr, name
        assert expected in done.stdout, (name, done.stdout[:300])
        assert max(map(len, done.stdout.splitlines())) < 500, "long names are summarised"


def test_lone_surrogates_are_converted_and_echoed_without_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "half.json"
    source.write_text('{"categories": {"a": {}}, "events": [{"title": "Jo\\u00eblle \\ud800", "start": "2025", '
                      '"category": "x\\ud800"}]}',
                      encoding="utf-8")
    done = _check(str(source))
    assert "Traceback" not in done.stderr
    assert "x\\ud800" in done.stdout  # the unknown category echoed as an escape
    for target in ("out.csv", "out.ics", "out.timelinejs.json"):
        converted = subprocess.run([sys.executable, "-m", "timeline_app", "--convert", str(source),
                                    str(tmp_path / target)], capture_output=True, text=True, check=False)
        assert converted.returncode == 0, converted.stderr
        (tmp_path / target).read_text(encoding="utf-8")  # valid UTF-8
    loop = tmp_path / "loop.ics"
    loop.symlink_to(loop)
    refused = subprocess.run([sys.executable, "-m", "timeline_app", "--convert", str(source), str(loop)],
                             capture_output=True, text=True, check=False)
    assert refused.returncode == 2
    assert "timeline-app: cannot save loop.ics: it is a symbolic link" in refused.stderr
    assert "edits are still here" not in refused.stderr


def test_convert_exits_0_only_when_every_event_reached_the_output(tmp_path: Path) -> None:
    def convert(source: Path, target: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "timeline_app", "--convert", str(source), str(tmp_path / target)],
                              capture_output=True, text=True, check=False)

    real = REPO_ROOT / "tests" / "corpus" / "real" / "timelinejs"
    whole = convert(real / "example_json.json", "people.json")
    assert whole.returncode == 0, whole.stderr
    mixed = tmp_path / "mixed.json"
    mixed.write_text('{"events": [{"title": "Fine", "start": "2025"}, {"title": "No start"}]}', encoding="utf-8")
    to_calendar = convert(mixed, "mixed.ics")
    assert to_calendar.returncode == 1
    assert "1 of 2 events" in to_calendar.stderr
    to_ours = convert(mixed, "copy.json")  # kept as it was written, but the input had an error
    assert to_ours.returncode == 1
    assert "has 1 errors" in to_ours.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"events": [', encoding="utf-8")
    refused = convert(broken, "never.json")
    assert refused.returncode == 2
    assert not (tmp_path / "never.json").exists()


def test_convert_counts_what_its_reader_could_not_make_events_of(tmp_path: Path) -> None:
    source = tmp_path / "slides.json"
    source.write_text('{"events": [{"start_date": {"year": "2020"}, "text": {"headline": "A"}}, 5]}', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "timeline_app", "--convert", str(source), str(tmp_path / "o.json")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "1 of 2 events" in done.stderr


def test_convert_counts_the_events_the_output_format_cannot_hold(tmp_path: Path) -> None:
    source = tmp_path / "ancient.json"
    source.write_text('{"events": [{"title": "Marathon", "start": "-0489"}, {"title": "Deal", "start": "2025-06-12"}]}',
                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "timeline_app", "--convert", str(source), str(tmp_path / "o.ics")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1  # iCalendar holds years 1 to 9999: Marathon is not in the calendar
    assert "1 of 2 events" in done.stderr
    assert "years 1 to 9999" in done.stderr
    assert (tmp_path / "o.ics").read_text(encoding="utf-8").count("BEGIN:VEVENT") == 1
