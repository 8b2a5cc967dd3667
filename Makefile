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
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
	  { echo "newsnorm needs Python 3.11 or newer; '$(PYTHON)' is not: run make PYTHON=python3.11 (or the path of one)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/newsnorm ingest seeds/
	$(BIN)/newsnorm query "select title, authors from articles order by ingested_at limit 5"

# mypy sees the folders as `newsnorm.*` through links (see [tool.mypy] in pyproject.toml).
TYPECHECK := .typecheck/newsnorm
PACKAGES := flows transforms schemas warehouse

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@mkdir -p $(TYPECHECK)
	@for package in $(PACKAGES); do ln -sfn ../../$$package $(TYPECHECK)/$$package; done
	$(BIN)/mypy
	$(BIN)/mypy bench

test: lint
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) warehouse/data .typecheck .mypy_cache .ruff_cache .pytest_cache *.egg-info
