"""Does memory stay flat when files are opened and closed all day? Opens and closes 100 times.

    python benchmarks/open_close.py [--cycles 100]

Each cycle opens a window on one of the corpus files, shows it, paints it and closes and
deletes it. Prints the resident memory after a warm-up and at the end, as JSON on the last line.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]


def resident_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as stat:
        pages = int(stat.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cycles", type=int, default=100)
    args = parser.parse_args()
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings
    from PySide6.QtWidgets import QApplication

    from timeline_app.ui.app import make_application
    from timeline_app.ui.main_window import MainWindow

    app = make_application()
    files = [ROOT / "events.json", *sorted((ROOT / "tests" / "corpus" / "good").glob("*.json"))]
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)

        def cycle(number: int) -> None:
            window = MainWindow(settings)
            window.open_path(files[number % len(files)])
            window.show()
            window.canvas.grab()
            window.close()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            app.processEvents()

        for number in range(10):  # warm up caches, fonts and imports
            cycle(number)
        gc.collect()
        before = resident_mb()
        for number in range(args.cycles):
            cycle(number)
        gc.collect()
        after = resident_mb()
        windows = len(QApplication.topLevelWidgets())
    print(json.dumps({"cycles": args.cycles, "rss_before_mb": round(before, 1), "rss_after_mb": round(after, 1),
                      "growth_mb": round(after - before, 1), "top_level_widgets_left": windows}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
