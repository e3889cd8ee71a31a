# The front door. `make run` serves the product; `make test` runs the whole check.
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint e2e bench messages clean

$(VENV)/.run: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(VENV)/.dev: $(VENV)/.run requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

# The background worker (chat replies, notifications, siaran e-mail) runs beside the server and stops with it.
run: $(VENV)/.run
	$(PY) manage.py siapkan
	@echo "Jembatan: http://127.0.0.1:$(PORT)/  (Ctrl+C untuk berhenti)"
	$(PY) manage.py db_worker --no-reload -v0 & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

test: lint
	$(PY) -m pytest

e2e: $(VENV)/.dev
	$(PY) -m pytest e2e -p no:randomly -o testpaths=e2e

bench: $(VENV)/.dev
	bench/run

messages: $(VENV)/.dev
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=bench --ignore=e2e
	$(PY) manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf $(VENV) var
