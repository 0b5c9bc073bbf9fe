"""Guard against the PySide6 build that aborts after ~5,000 void calls (6.12.0 on Python 3.11).

Short GUI tests pass on that build; only a long run of void calls shows the crash, so
this runs one in a child process and requires it to finish.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_two_hundred_thousand_void_qt_calls_do_not_abort_the_interpreter() -> None:
    script = textwrap.dedent(
        """
        from PySide6.QtCore import QRectF
        rect = QRectF(0.0, 0.0, 1.0, 1.0)
        for _ in range(200_000):
            rect.setWidth(2.0)
        print("survived", rect.width())
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, f"Qt aborted the interpreter: {done.stderr[-500:]}"
    assert done.stdout.strip() == "survived 2.0"
