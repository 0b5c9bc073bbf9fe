"""The model and storage never import Qt: their modules load in a process where PySide6 cannot be imported.

Which layer may import which is import-linter's to check (pyproject.toml, run by make lint);
this checks that the modules do load and work without Qt, submodules included.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_the_model_and_storage_load_and_work_with_qt_blocked() -> None:
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError("Qt is blocked in this test")
        sys.meta_path.insert(0, Block())
        import timeline_app.model, timeline_app.storage
        for package in (timeline_app.model, timeline_app.storage):
            for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
                importlib.import_module(info.name)
        from timeline_app.storage.loader import load_text
        assert load_text('[{"title": "x", "start": "late 2025"}]').problems == []
        assert not any(name.startswith("PySide6") for name in sys.modules)
        print("qt-free")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "qt-free"
