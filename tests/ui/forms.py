"""Answering the app's forms in a test: each filled in by the test, then OK pressed if OK is allowed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from timeline_app.ui.editing import EditingController


def answer_forms(monkeypatch: pytest.MonkeyPatch, runner: str, fill: Callable[[Any], None]) -> list[Any]:
    """Make the next forms that ``EditingController.<runner>`` opens fill themselves in; returns them as seen."""
    seen: list[Any] = []

    def run(_controller: EditingController, dialog: Any) -> bool:
        seen.append(dialog)
        fill(dialog)
        return bool(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled())

    monkeypatch.setattr(EditingController, runner, run)
    return seen
