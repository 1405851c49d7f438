# make run   : set up, load the sample pages, serve on http://127.0.0.1:8000/
# make test  : set up, lint, format check, tests
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py

.PHONY: help venv run test lint format bench clean-db chromium

help:
	@echo "make run       set up, migrate, ingest fixtures/pages, serve on http://127.0.0.1:8000/"
	@echo "make test      set up, ruff check, ruff format --check, lint-imports, pytest"
	@echo "make lint      ruff check"
	@echo "make format    ruff format and ruff check --fix"
	@echo "make bench     python bench/run.py"
	@echo "make clean-db  stop the embedded PostgreSQL server and delete var/pgdata"

# Reinstall only when pyproject.toml changed.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

venv: $(STAMP)

var/secret_key:
	mkdir -p var
	umask 077 && $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

# `make run` is production-like: DEBUG off, hashed static files, a secret key kept in var/ (git-ignored).
# Each can be overridden from the environment.
run: export DJANGO_DEBUG ?= 0
run: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1,localhost
run: export DJANGO_SECRET_KEY_FILE ?= var/secret_key
run: $(STAMP) var/secret_key
	$(MANAGE) migrate --noinput
	$(MANAGE) ingest fixtures/pages/fazhi_*.txt --paper 法治日报
	$(MANAGE) ingest fixtures/jumps/jump_*.txt --paper 跨版示例
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo "Serving on http://127.0.0.1:8000/ (Ctrl-C stops; or kill \$$(cat var/gunicorn.pid))"
	exec $(BIN)/gunicorn --config newsroom/gunicorn.conf.py

test: $(STAMP) chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=. $(BIN)/lint-imports
	NEWSROOM_BROWSER_REQUIRED=1 $(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	if [ -f bench/run.py ]; then $(BIN)/python bench/run.py; else echo "bench/run.py: not written yet"; fi

# Debian's Chromium, for browser tests through Playwright (executable_path=/usr/bin/chromium), and CJK
# fonts so that its screenshots show Chinese rather than boxes.
chromium:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -q "Noto Serif CJK"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium and fonts-noto-cjk for browser tests"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; } \
			|| echo "chromium: could not install it; the browser tests will be skipped"; \
	else \
		echo "chromium: /usr/bin/chromium is missing and only root can apt-get install it; browser tests need it"; \
	fi

clean-db:
	if [ -x $(BIN)/python ]; then \
		env -u DATABASE_URL $(BIN)/python -m newsroom.pg destroy; \
	else \
		if [ -f var/pgdata/postmaster.pid ]; then kill -INT "$$(head -1 var/pgdata/postmaster.pid)" || true; sleep 2; fi; \
		rm -rf var/pgdata; \
	fi
