# Ceiba: one command to serve the demo portal, one to run the whole test suite.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-postgres test-browser lint format messages bench venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

## Serve the portal with a demo catalog at http://127.0.0.1:$${PORT:-8000}
run: venv
	$(BIN)/ceiba migrate --no-input
	$(BIN)/ceiba demo
	$(BIN)/ceiba serve

## The whole suite on SQLite (browser tests run when /usr/bin/chromium exists)
test: venv
	$(BIN)/pytest

## The suite again on PostgreSQL (browser and large-file tests ran on SQLite already)
test-postgres: venv
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "not browser and not slow"

test-browser: venv
	$(BIN)/pytest -m browser

lint: venv
	$(BIN)/ruff format --check ceiba tests bench
	$(BIN)/ruff check ceiba tests bench
	$(BIN)/lint-imports

format: venv
	$(BIN)/ruff format ceiba tests bench
	$(BIN)/ruff check --fix ceiba tests bench

## Extract translatable strings into the catalogues (needs GNU gettext)
messages: venv
	cd ceiba && ../$(BIN)/ceiba makemessages -l es -l en -l quc -l kek -l cak -l mam --no-obsolete --no-location
	cd ceiba && ../$(BIN)/ceiba compilemessages -l es -l en

bench: venv
	$(BIN)/python bench/search.py

clean:
	rm -rf $(VENV) var
