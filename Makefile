# Rolemap: the developer's and the user's commands.
#   make run    set up .venv if needed, then open Rolemap
#   make test   set up .venv if needed, lint, then the whole test suite (offscreen, then on Xvfb)
#   make lint   ruff, mypy and the import-linter layer contracts
#   make bench  the performance benchmarks (not part of make test)
#   make fuzz   the file formats' mutation tests, at length (not part of make test)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench fuzz format clean package

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Rolemap needs Python 3.11 or newer (found: $$($(PYTHON) --version))."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || \
	  { echo "Could not create $(VENV). On Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

run: $(STAMP)
	@$(PY) -m rolemap.system.qtcheck --window
	$(PY) -m rolemap $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check desktop tests packaging
	$(VENV)/bin/ruff format --check desktop tests packaging
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The suite offscreen, then tests/gui_xcb on a real X display (Xvfb) in a process of its
# own: run.py installs Xvfb and Qt's xcb libraries if missing (as root), or says why it skips.
test: lint
	@$(PY) -m rolemap.system.qtcheck
	@$(PY) tests/support/test_tools.py
	$(PY) -m pytest
	$(PY) tests/gui_xcb/run.py

# The mutation tests of the file formats, with many more examples than make test runs.
fuzz: $(STAMP)
	ROLEMAP_FUZZ_EXAMPLES=3000 $(PY) -m pytest -q tests/reliability -k "fuzz or mutat"

bench: $(STAMP)
	@$(PY) -m rolemap.system.qtcheck
	$(PY) tests/benchmarks/run.py

format: $(STAMP)
	$(VENV)/bin/ruff format desktop tests packaging
	$(VENV)/bin/ruff check --fix desktop tests packaging

clean:
	rm -rf $(VENV) build dist .bench .mypy_cache .ruff_cache

# The PyInstaller one-folder bundle (dist/rolemap), then one offscreen start of it.
package: $(STAMP)
	@$(PY) -c 'import PyInstaller' 2>/dev/null || $(PY) -m pip install --quiet pyinstaller
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build packaging/rolemap.spec
	$(PY) packaging/check_bundle.py dist/rolemap
	@du -sh dist/rolemap
	@smoke=$$(mktemp -d) && \
	  QT_QPA_PLATFORM=offscreen timeout 120 dist/rolemap/rolemap --smoke-test --db $$smoke/smoke.sqlite3; \
	  status=$$?; rm -rf $$smoke; \
	  if [ $$status -ne 0 ]; then echo "The bundle failed its smoke test (exit status $$status)."; exit 1; fi; \
	  echo "The bundle starts: dist/rolemap/rolemap"
