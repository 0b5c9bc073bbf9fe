"""The model never imports Qt: its modules load in a process where PySide6 cannot be imported."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import timeline_app.model

MODEL_DIR = Path(timeline_app.model.__file__).parent


def test_no_model_module_mentions_qt() -> None:
    for path in MODEL_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert not name.startswith(("PySide6", "shiboken6", "timeline_app.ui")), (path, name)


def test_the_model_loads_and_works_with_qt_blocked() -> None:
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError("Qt is blocked in this test")
        sys.meta_path.insert(0, Block())
        import timeline_app.model as model
        for info in pkgutil.iter_modules(model.__path__):
            importlib.import_module(f"timeline_app.model.{info.name}")
        from timeline_app.model.loader import load_text
        assert load_text('[{"title": "x", "start": "late 2025"}]').problems == []
        assert not any(name.startswith("PySide6") for name in sys.modules)
        print("qt-free")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "qt-free"
