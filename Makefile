# Two commands, on a machine with only Python 3.11+:
#   make run    set up .venv and open the bundled events.json in the app
#   make test   set up .venv and the virtual screen tools, then run every check and test

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-without-qt install system-deps lint benchmark fuzz soak monkey dist dist-smoke clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# A real (non-editable) install, so tests exercise the package exactly as users get it.
install: $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade ".[test]"

run: install
	$(BIN)/timeline-app events.json

system-deps:
	./.ci/system-deps

lint: install
	$(BIN)/ruff check src tests benchmarks packaging
	$(BIN)/mypy
	$(BIN)/lint-imports

test: install system-deps lint
	$(BIN)/python -m pytest

# The model and storage need no Qt: their tests pass in a venv where PySide6 is not installed.
NOQT := .venv-without-qt
test-without-qt:
	$(PYTHON) -m venv $(NOQT)
	$(NOQT)/bin/python -m pip install --quiet --upgrade pip
	$(NOQT)/bin/python -m pip install --quiet --no-deps .
	$(NOQT)/bin/python -m pip install --quiet python-dateutil numpy pytest hypothesis jsonschema icalendar recurring-ical-events defusedxml tzdata
	! $(NOQT)/bin/python -c "import PySide6" 2>/dev/null
	$(NOQT)/bin/python -m pytest -c tests/without-qt.ini --rootdir . tests/model tests/storage -q

# Long runs, for before a change to the readers or the window is called done: random
# examples by the ten thousand (failures kept in .hypothesis and tried first next time), and
# ten minutes of the monkey on the real window.
fuzz: install
	FUZZ=long $(BIN)/python -m pytest tests/fuzz -q

soak: install system-deps
	$(BIN)/python -m pytest tests/ui/test_monkey.py -q --monkey-seconds 600

monkey: soak

benchmark: install
	$(BIN)/python benchmarks/load.py --events 100000
	$(BIN)/python benchmarks/render.py --events 100000
	$(BIN)/python benchmarks/check.py

# A standalone folder, dist/timeline-app/, that runs on a Linux machine without Python: PyInstaller
# bundles the interpreter, Qt and the app's resources. Then the smoke test starts it under Xvfb and
# has it export a PNG. Neither runs in make test: the build takes minutes.
dist: install system-deps
	$(BIN)/python -m pip install --quiet ".[dist]"
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --name timeline-app --windowed \
		--collect-data timeline_app --collect-submodules timeline_app \
		--distpath dist --workpath build/pyinstaller --specpath build packaging/launch.py
	$(BIN)/python packaging/smoke.py dist/timeline-app

dist-smoke:
	$(BIN)/python packaging/smoke.py dist/timeline-app

clean:
	rm -rf $(VENV) $(NOQT) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis .import_linter_cache
