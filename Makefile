# make install | run | test — the README's first commands; each installs first if needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Prefect's ephemeral server otherwise makes one outbound analytics call.
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: install run test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/newsnorm ingest seeds/
	$(BIN)/newsnorm query "select title, authors from articles order by ingested_at limit 5"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) warehouse/data .mypy_cache .ruff_cache .pytest_cache *.egg-info
