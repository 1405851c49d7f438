# make run   : set up, load the sample pages, serve on http://127.0.0.1:8000/ (PORT=8001 make run: another port)
# make stop  : stop what make run started (gunicorn and the embedded PostgreSQL)
# make test  : set up, lint, format check, tests
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py

.PHONY: help venv run stop stop-db test lint format bench clean-db chromium

help:
	@echo "make run       set up, migrate, ingest the sample pages, serve on http://127.0.0.1:8000/ (PORT=8001 make run)"
	@echo "make stop      stop the server make run started and the embedded PostgreSQL server"
	@echo "make test      set up, ruff check, ruff format --check, lint-imports, pytest"
	@echo "make lint      ruff check"
	@echo "make format    ruff format and ruff check --fix"
	@echo "make bench     python bench/run.py"
	@echo "make clean-db  stop the embedded PostgreSQL server and delete var/pgdata"

# Reinstall only when pyproject.toml changed.
$(STAMP): pyproject.toml
	@echo "Installing the project and its tools into $(VENV)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

venv: $(STAMP)

var/secret_key:
	@mkdir -p var
	@umask 077 && $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

# `make run` is production-like: DEBUG off, hashed static files, a secret key kept in var/ (git-ignored).
# Each can be overridden from the environment; PORT (default 8000) and WEB_CONCURRENCY are read by
# newsroom/gunicorn.conf.py, which names the address it really listens on once it does.
# gunicorn exits 0 when stopped by Ctrl-C or `make stop`; the embedded PostgreSQL server then stops too (a
# failed start leaves it alone: another server of this checkout may be using it). `trap : INT` keeps this
# shell alive through Ctrl-C so that it gets there.
run: export DJANGO_DEBUG ?= 0
run: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1,localhost
run: export DJANGO_SECRET_KEY_FILE ?= $(CURDIR)/var/secret_key
run: $(STAMP) var/secret_key
	@$(BIN)/python newsroom/gunicorn.conf.py  # a bad PORT or WEB_CONCURRENCY stops here, before any work
	@echo "Migrating the database"
	@$(MANAGE) migrate --noinput --verbosity 0
	@echo "Loading the sample pages (fixtures/pages: 法治日报; fixtures/jumps: 跨版示例)"
	@$(MANAGE) ingest fixtures/pages/fazhi_*.txt --paper 法治日报 --verbosity 0
	@$(MANAGE) ingest fixtures/jumps/jump_*.txt --paper 跨版示例 --verbosity 0
	@$(MANAGE) collectstatic --noinput --verbosity 0
	@trap : INT; $(BIN)/gunicorn --config newsroom/gunicorn.conf.py && $(MAKE) --no-print-directory stop-db

# Stops the server `make run` started in this checkout (its pid file is var/gunicorn.pid), waiting for it to
# finish its requests, then the embedded PostgreSQL server. A pid file left by a killed server is ignored
# unless its pid is a gunicorn.
stop:
	@pid=$$(cat var/gunicorn.pid 2>/dev/null); \
	if [ -n "$$pid" ] && ps -p "$$pid" -o args= 2>/dev/null | grep -q gunicorn; then \
		echo "Stopping the web server (pid $$pid)"; \
		kill -TERM "$$pid"; \
		for _ in $$(seq 150); do kill -0 "$$pid" 2>/dev/null || break; sleep 0.1; done; \
	else \
		echo "The web server is not running"; \
	fi
	@$(MAKE) --no-print-directory stop-db

stop-db:
	@if [ -n "$$DATABASE_URL" ]; then :; \
	elif [ -x $(BIN)/python ]; then \
		echo "The embedded PostgreSQL server: $$($(BIN)/python -m newsroom.pg stop)"; \
	elif [ -f var/pgdata/postmaster.pid ]; then \
		echo "The embedded PostgreSQL server: stopping"; kill -INT "$$(head -1 var/pgdata/postmaster.pid)" || true; \
	fi

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
