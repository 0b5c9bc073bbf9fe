"""The JSON Schema editors use and our validator agree on the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import CORPUS, REPO_ROOT
from timeline_app.resources import resource_path
from timeline_app.storage.loader import load_path

SCHEMA = json.loads((REPO_ROOT / "resources" / "events.schema.json").read_text(encoding="utf-8"))
EXPECTED_BAD = json.loads((CORPUS / "expected-bad.json").read_text(encoding="utf-8"))


def _schema_errors(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [error.message for error in validator.iter_errors(data)]


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_installed_schema_is_the_source_schema() -> None:
    assert json.loads(resource_path("events.schema.json").read_text(encoding="utf-8")) == SCHEMA


@pytest.mark.parametrize("path", [REPO_ROOT / "events.json", *sorted((CORPUS / "good").glob("*.json"))],
                         ids=lambda p: p.name)
def test_both_accept_the_good_files(path: Path) -> None:
    assert _schema_errors(path) == []
    assert load_path(path).errors == []


@pytest.mark.parametrize("name", sorted(n for n, spec in EXPECTED_BAD.items()
                                        if spec["schema_rejects"] is not None))
def test_both_judge_the_bad_files_alike(name: str) -> None:
    """Where the schema can see a mistake (shape, types, blank text), both reject it.

    Calendar facts (30 February), order of dates and unique ids are beyond JSON Schema;
    for those files the schema accepts and only our validator rejects.
    """
    path = CORPUS / "bad" / name
    schema_rejects = bool(_schema_errors(path))
    assert schema_rejects == EXPECTED_BAD[name]["schema_rejects"]
    if schema_rejects:
        assert load_path(path).errors
