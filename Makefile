# The two commands a new user needs: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test test-browser db bench check-system clean

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

test: setup
	$(PY) -m pytest

bench: db
	$(PY) manage.py bench

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
