"""Structure-aware fuzzing of everything that reads untrusted input.

Real files are mutated (bytes deleted, duplicated, replaced, JSON-significant characters
inserted) and random values are put into real structures. Every input must give a result
or our own error with a position: never another exception, never a hang.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS, REPO_ROOT
from timeline_app.model.dates import DateError, parse_date
from timeline_app.storage.formats import FormatError
from timeline_app.storage.formats.csvformat import read_csv
from timeline_app.storage.formats.ics import read_ics
from timeline_app.storage.formats.markwhen import read_markwhen
from timeline_app.storage.formats.timelinejs import read_timelinejs
from timeline_app.storage.formats.timelinejs2 import looks_like_timelinejs2, read_timelinejs2
from timeline_app.storage.formats.timelinejs_sheet import read_sheet
from timeline_app.storage.formats.timelineproj import read_timeline_project
from timeline_app.storage.formats.vistimeline import looks_like_vis_timeline, read_vis_timeline
from timeline_app.storage.loader import load_bytes, load_text

# make test runs a bounded profile that is the same on every run (a failure there replays
# exactly); make fuzz (FUZZ=long) runs long and random, and keeps what failed in .hypothesis
# to try first next time. FUZZ_EXAMPLES overrides how many examples either runs.
LONG = os.environ.get("FUZZ") == "long"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20000" if LONG else "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not LONG,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                **({} if LONG else {"database": None}))
# Each example of these is a large file: a tenth as many, in both profiles.
LARGE = settings(FUZZ, max_examples=max(EXAMPLES // 10, 10))
MAX_SECONDS = 2.0  # no single input may take longer than this: no hangs

SEEDS = {
    "json": [(REPO_ROOT / "events.json").read_text(encoding="utf-8"),
             *(p.read_text(encoding="utf-8-sig") for p in sorted((CORPUS / "good").glob("*.json")))],
    "timelinejs": [(CORPUS / "formats" / name).read_text(encoding="utf-8")
                   for name in ("timelinejs-documented.json", "timelinejs-shapes.json")],
    "timelinejs2": [(CORPUS / "real" / "timelinejs" / "example_json.json").read_text(encoding="utf-8")],
    "sheet": [(CORPUS / "real" / "timelinejs" / "my-own-timeline.csv").read_text(encoding="utf-8")],
    "timelineproj": [(CORPUS / "formats" / "timelineproj-v2.timeline").read_text(encoding="utf-8"),
                     *(path.read_text(encoding="utf-8")
                       for path in sorted((CORPUS / "real" / "timelineproj").iterdir()))],
    "markwhen": [(CORPUS / "formats" / "story.mw").read_text(encoding="utf-8")],
    "vis": [(CORPUS / "formats" / "vis-items.json").read_text(encoding="utf-8")],
    "csv": [(CORPUS / "formats" / name).read_text(encoding="utf-8-sig") for name in ("quoting.csv", "odd-headers.csv")],
    "ics": [(CORPUS / "formats" / "calendar.ics").read_text(encoding="utf-8")],
}
SIGNIFICANT = '{}[]",:\\0123456789-.eE tfnul\n\r\t;|<>T Z?~c' + "\u202e\u200b\ufeffé𝄞"


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> str:
    """A real file of ``kind`` with a few random edits."""
    text = draw(st.sampled_from(SEEDS[kind]))
    for _ in range(draw(st.integers(1, 6))):
        if not text:
            break
        start = draw(st.integers(0, len(text) - 1))
        end = min(len(text), start + draw(st.integers(0, 40)))
        action = draw(st.sampled_from(["delete", "insert", "duplicate", "replace", "truncate"]))
        if action == "delete":
            text = text[:start] + text[end:]
        elif action == "insert":
            text = text[:start] + draw(st.text(alphabet=SIGNIFICANT, max_size=12)) + text[start:]
        elif action == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        elif action == "replace":
            text = text[:start] + draw(st.text(alphabet=SIGNIFICANT, min_size=1, max_size=3)) + text[start + 1:]
        else:
            text = text[:start]
    return text


def _timed(function: Any, *args: Any, **kwargs: Any) -> Any:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    elapsed = time.perf_counter() - started
    assert elapsed < MAX_SECONDS, f"took {elapsed:.2f} s"
    return result


@FUZZ
@given(mutated("json"))
def test_the_loader_survives_mutated_files(text: str) -> None:
    result = _timed(load_text, text, "fuzz.json")
    for problem in result.problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message
    if result.document is None:
        assert result.errors


@FUZZ
@given(st.binary(max_size=400) | mutated("json").map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_the_loader_survives_arbitrary_bytes(data: bytes) -> None:
    result = _timed(load_bytes, data, "fuzz.json")
    assert result.document is not None or result.errors


JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
def _containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    # A named function: Hypothesis reads a lambda's source to see that it recurses, and cannot
    # read one that spans lines.
    return st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)


JSON_VALUES = st.recursive(JSON_LEAVES, _containers, max_leaves=8)


@FUZZ
@given(st.data())
def test_the_loader_survives_random_values_in_real_structures(data: st.DataObject) -> None:
    root = json.loads(SEEDS["json"][0])
    root["events"] = events = root["events"][:8]  # a slice of the real story keeps each example quick
    for _ in range(data.draw(st.integers(1, 5))):
        event = events[data.draw(st.integers(0, len(events) - 1))]
        key = data.draw(st.sampled_from([*event.keys(), "end", "links", "id", "x"]))
        event[key] = data.draw(JSON_VALUES)
    result = _timed(load_text, json.dumps(root, allow_nan=True), "fuzz.json")
    assert result.document is not None or result.errors


@FUZZ
# Inputs fuzzing once found: dateutil's offsets of days, and decimal errors from huge seconds.
@example("2025-05-25-05-27")
@example("1-1-3-01-37")
@example("25:1126189799808381461254919790028+")
@given(st.text(max_size=60) | st.from_regex(r"[c~ ]{0,3}[-+]?\d{1,12}([-/. ]\d{1,3}){0,3}(T\d{1,2}(:\d{1,2}){0,2})?"
                                            r"( ?(BC|BCE|AD|s|\?|~|[A-Za-z]{1,9}))*", fullmatch=True))
def test_the_date_parser_raises_only_its_own_error(text: str) -> None:
    try:
        date = _timed(parse_date, text, allow_ongoing=True)
    except DateError as error:
        message = str(error)
    else:
        assert date.earliest <= date.latest
        return
    assert message


def _read_or_refuse(reader: Any, text: str, name: str) -> None:
    """A text reader either gives JSON our loader reads, or refuses with a message saying why."""
    try:
        converted = reader(text)
    except FormatError as error:
        message = str(error)
    else:
        load_text(json.dumps(converted.root), name)
        return
    assert message


def _read_json_if(looks: Any, reader: Any, text: str) -> None:
    """A JSON reader, given what the loader would give it: JSON its format check accepts."""
    try:
        data = json.loads(text)
    except ValueError:
        return  # not JSON at all: the JSON loader's business, fuzzed above
    if looks(data):
        load_text(json.dumps(reader(data).root, allow_nan=True), "fuzz.json")


def _load_timelinejs(text: str) -> None:
    try:
        data = json.loads(text)
    except ValueError:
        return  # not JSON at all: the JSON loader's business, fuzzed above
    converted = read_timelinejs(data)
    load_text(json.dumps(converted.root, allow_nan=True), "fuzz.json")


@FUZZ
# Found by fuzzing: a doubled sign, and a digit str.isdigit knows but int() does not.
@example('{"events": [{"start_date": {"year": "--500"}, "text": {"headline": "x"}}]}')
@example('{"events": [{"start_date": {"year": "2\u00b2"}, "text": {"headline": "x"}}]}')
@given(mutated("timelinejs"))
def test_the_timelinejs_reader_survives_mutated_files(text: str) -> None:
    _timed(_load_timelinejs, text)


@FUZZ
@given(mutated("timelinejs2"))
def test_the_timelinejs2_reader_survives_mutated_files(text: str) -> None:
    _timed(_read_json_if, looks_like_timelinejs2, read_timelinejs2, text)


@FUZZ
@given(mutated("sheet") | st.text(max_size=200))
def test_the_timelinejs_sheet_reader_survives_mutated_files(text: str) -> None:
    _timed(_read_or_refuse, read_sheet, text, "fuzz.csv")


@FUZZ
@given(mutated("timelineproj") | st.text(max_size=200).map(lambda text: "<" + text))
def test_the_timeline_project_reader_survives_mutated_files(text: str) -> None:
    _timed(_read_or_refuse, read_timeline_project, text, "fuzz.timeline")


@FUZZ
@given(mutated("markwhen") | st.text(max_size=200))
def test_the_markwhen_reader_survives_mutated_files(text: str) -> None:
    _timed(lambda: load_text(json.dumps(read_markwhen(text).root), "fuzz.mw"))


@FUZZ
@given(mutated("vis"))
def test_the_vis_timeline_reader_survives_mutated_files(text: str) -> None:
    _timed(_read_json_if, looks_like_vis_timeline, read_vis_timeline, text)


@FUZZ
@given(mutated("csv") | st.text(max_size=200))
def test_the_csv_reader_survives_mutated_files(text: str) -> None:
    _timed(_read_or_refuse, read_csv, text, "fuzz.csv")


@FUZZ
@given(mutated("ics") | st.text(max_size=200))
def test_the_ics_reader_survives_mutated_files(text: str) -> None:
    _timed(_read_or_refuse, read_ics, text, "fuzz.ics")


# The attack classes an outside fuzz found data loss and tracebacks with (issue 14).

NUMBER_TEXTS = st.one_of(
    st.integers(-10**30, 10**30).map(str),
    st.builds(lambda mantissa, letter, exponent: f"{mantissa}{letter}{exponent}",
              st.sampled_from(["1", "1.50", "-0.0", "9.99", "0", "123456789012345678901234567890"]),
              st.sampled_from(["e", "E"]), st.integers(-500, 500).map(lambda n: st.sampled_from([f"{n}", f"{n:+d}"]))
              .flatmap(lambda texts: texts)),
    st.integers(4000, 6000).map(lambda digits: "9" * digits),
)
_RAW_IN_STRING = st.characters(blacklist_categories=["Cc", "Cs"], blacklist_characters='"\\')
_ESCAPES = st.sampled_from(["\\ud800", "\\udfff", "\\u00e9", "\\n", "\\\"", "é", "𝄞"])
ESCAPED_TEXT = st.lists(st.one_of(st.text(_RAW_IN_STRING, max_size=5), _ESCAPES), max_size=6).map("".join)


@FUZZ
@example(number="1e400", text="caf\\u00e9 \\ud800")
@example(number="1e-400", text="")
@given(number=NUMBER_TEXTS, text=ESCAPED_TEXT)
def test_an_edit_and_a_save_keep_every_value_the_edit_did_not_touch(number: str, text: str) -> None:
    from timeline_app.model.edits import moved_raw, replace_event
    from timeline_app.storage.saving import document_bytes

    source = ('{"events": [{"title": "T", "start": "2025-03-01", "n": ' + number + ', "s": "' + text + '"},\n'
              '  {"title": "Other", "start": "2024"}]}')
    document = load_text(source, "fuzz.json").document
    assert document is not None
    moved = moved_raw(document.events[0], 86_400 * 40, "move")
    assert moved is not None
    replace_event(document, 0, moved)
    saved = document_bytes(document).decode("utf-8")  # always encodable
    # The edit changed the start; every other value keeps its text, byte for byte.
    assert saved == source.replace('"start": "2025-03-01"', '"start": "2025-04-10"')


@FUZZ
@given(st.integers(2, 6).flatmap(lambda kinds: st.lists(st.sampled_from(sorted(SEEDS)), min_size=2, max_size=kinds)),
       st.data())
def test_files_of_several_formats_run_together_are_read_or_refused(kinds: list[str], data: st.DataObject) -> None:
    pieces = [data.draw(st.sampled_from(SEEDS[kind]))[:data.draw(st.integers(0, 3000))] for kind in kinds]
    _timed(load_bytes, "\n".join(pieces).encode("utf-8", "surrogatepass"), data.draw(
        st.sampled_from(["mixed.json", "mixed.csv", "mixed.ics", "mixed.txt"])))


@LARGE
@given(st.integers(100_000, 400_000), st.sampled_from(["title", "description", "header"]))
def test_huge_fields_are_read_in_bounded_time(length: int, where: str) -> None:
    if where == "header":
        _timed(load_bytes, ("title,start," + "x" * length + "\nA,2025,b\n").encode(), "huge.csv")
    else:
        event = {"title": "T", "start": "2025", where: "y" * length}
        _timed(load_bytes, json.dumps({"events": [event]}).encode(), "huge.json")


@LARGE
@given(st.integers(1, 50_000), st.sampled_from(["null", "1", '"x"', '{"start": "2025"}', '{"title": "t"}']))
def test_many_problems_are_placed_in_bounded_time(count: int, item: str) -> None:
    text = '{"events": [\n' + ",\n".join([item] * count) + "\n]}"
    result = _timed(load_text, text, "many.json")
    assert len(result.errors) >= min(count, 1)


def test_the_seeds_are_real_files() -> None:
    assert all(SEEDS.values())
    assert Path(CORPUS).is_dir()
