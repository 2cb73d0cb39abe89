# The two commands a new user needs: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The browser suite: Debian's Chromium, and axe-core from npm installed into tests/browser.
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
BROWSER_TESTS := tests/browser
AXE := $(BROWSER_TESTS)/node_modules/axe-core/axe.min.js

.PHONY: setup run test test-browser browser-deps db bench bench-deps check-system check-security clean

setup: $(STAMP)

# Re-install only when the dependencies change, so a second `make` is quick.
$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory check-system
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

check-system:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "Python 3.11 or newer is needed; '$(PYTHON)' is $$($(PYTHON) --version 2>&1). Set PYTHON=python3.11 or newer."; exit 1; }
	@$(PYTHON) -c 'import ctypes.util, sys; sys.exit(0 if ctypes.util.find_library("pango-1.0") and ctypes.util.find_library("pangoft2-1.0") else 1)' || \
		{ echo "WeasyPrint needs the Pango library. On Debian or Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"; exit 1; }

# Migrate, load the question bank (only into an empty database) and the demo data.
db: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_question_bank
	$(PY) manage.py seed_demo

run: db
	$(PY) manage.py runserver $(HOST):$(PORT)

# The unit suite, then the browser suite when Chromium and npm are here (with REQUIRE_BROWSER=1,
# as in CI, the browser suite always runs, so a missing browser fails instead of being skipped).
test: setup
	$(PY) -m pytest
	@if [ "$(REQUIRE_BROWSER)" = 1 ] || { [ -x $(CHROMIUM) ] && command -v npm >/dev/null; }; then \
		$(MAKE) --no-print-directory test-browser; \
	else \
		missing=""; \
		[ -x $(CHROMIUM) ] || missing="Chromium at $(CHROMIUM) (apt-get install chromium)"; \
		command -v npm >/dev/null || missing="$${missing:+$$missing and }Node.js and npm for axe-core (apt-get install nodejs npm)"; \
		echo "Skipped the browser suite (tests/browser): it needs $$missing. make test-browser installs them when run as root, or says what to install."; \
	fi

# Every journey in Chromium, with axe-core on every page (tests/browser/conftest.py).
test-browser: setup browser-deps
	$(PY) -m pytest -m browser

browser-deps:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Chromium: apt-get install -y chromium"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || exit 1; \
		else \
			echo "The browser suite needs Chromium at $(CHROMIUM). On Debian or Ubuntu: sudo apt-get install chromium (or set CHROMIUM=/path/to/chromium)."; exit 1; \
		fi; \
	fi
	@if ! command -v npm >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Node.js and npm, for axe-core: apt-get install -y nodejs npm"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null || exit 1; \
		else \
			echo "The browser suite needs Node.js and npm, to install axe-core. On Debian or Ubuntu: sudo apt-get install nodejs npm"; exit 1; \
		fi; \
	fi
	@test -f $(AXE) || (cd $(BROWSER_TESTS) && npm ci --no-audit --no-fund --ignore-scripts)

# Security checks of the code and the production settings: bandit over the app's code (medium and
# high severity; a false positive carries a "# nosec" saying why), and Django's deployment check
# with DEBUG off, which must find nothing to warn about.
check-security: setup
	$(VENV)/bin/bandit -q -r toolkit sharedservices --severity-level medium
	DEBUG=false SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') ALLOWED_HOSTS=toolkit.example.org \
		$(PY) manage.py check --deploy --fail-level WARNING

# Speed under load (benchmarks/run.py): its own database (PostgreSQL when reachable, else SQLite)
# with the demo and 400 councils of scale data, gunicorn, wrk on each page, then report timings.
# BENCH_ARGS passes options, e.g. make bench BENCH_ARGS="--json bench.json".
bench: setup bench-deps
	$(PY) benchmarks/run.py $(BENCH_ARGS)

bench-deps:
	@if ! command -v wrk >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing wrk, the load generator: apt-get install -y wrk"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null || exit 1; \
		else \
			echo "make bench needs wrk, the load generator. On Debian or Ubuntu: sudo apt-get install wrk"; exit 1; \
		fi; \
	fi

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles test-artifacts $(BROWSER_TESTS)/node_modules
