# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8866
# axe-core (the accessibility checker the browser tests inject), from the npm registry.
AXE_JS := $(VENV)/node/node_modules/axe-core/axe.min.js
# Options of bench/bench_pages.py: --quick (no wait for idle kernels to be stopped), --preheat.
BENCH_PAGES ?=

.PHONY: demo test bench lint format install clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamps make re-runs fast: pip only runs again when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	# Browser tests drive Debian's Chromium (never `playwright install`: its download is blocked).
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium chromium-driver)
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

# Its own target (not a line of the stamp above), so a .venv made before it still gets it.
# Major version pinned: a new major may add rules that fail pages nothing else changed.
$(AXE_JS): | $(PY)
	command -v npm >/dev/null || (apt-get update && apt-get install -y npm)
	npm install --no-save --no-audit --no-fund --prefix $(VENV)/node axe-core@4 >/dev/null
	test -f $@

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[bench]'
	# bench_pages.py drives Debian's Chromium and starts kernels, as the browser tests do.
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium chromium-driver)
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

install: $(VENV)/.installed

## make demo: create .venv, install qikit and open the demo in Voilà on 127.0.0.1:$(PORT)
demo: $(VENV)/.installed
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(VENV)/bin/qikit demo --port $(PORT)

## make test: install what the tests need and run every test (lint and type check included)
test: $(VENV)/.installed-test $(AXE_JS)
	$(VENV)/bin/ruff check qikit tests bench
	$(VENV)/bin/ruff format --check qikit tests bench
	$(VENV)/bin/mypy qikit
	$(PY) -m pytest --durations=15

## make bench: speed benchmarks, printed as tables
bench: $(VENV)/.installed-bench
	$(PY) bench/bench_qic.py
	$(PY) bench/bench_store.py
	$(PY) bench/bench_widgets.py
	$(PY) bench/bench_review.py
	$(PY) bench/bench_pages.py $(BENCH_PAGES)
	$(PY) bench/bench_room.py
	$(PY) bench/bench_load.py

lint:
	$(VENV)/bin/ruff check qikit tests bench

format:
	$(VENV)/bin/ruff format qikit tests bench
	$(VENV)/bin/ruff check --fix qikit tests bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build *.egg-info
