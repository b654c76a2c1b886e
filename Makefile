# 党建工作管理平台 — the two commands: `make run` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
HOST    ?= 127.0.0.1
PORT    ?= 8000
PYTEST_ARGS ?= -n 2

.PHONY: run serve test test-pg lint format bench demo clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

var:
	mkdir -p var

## run: install, migrate the SQLite database under var/, load the demo school, serve on :8000 (+ huey consumer)
run: $(STAMP) var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py demo_logins
	@# the huey consumer (queued jobs, the daily reminder pass) runs beside the server and stops with it
	$(BIN)/python manage.py run_huey & HUEY_PID=$$!; \
	trap 'kill $$HUEY_PID 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: the whole suite on SQLite (browser tests included), then on PostgreSQL when one answers
test: $(STAMP) var
	REQUIRE_BROWSER=$(REQUIRE_BROWSER) $(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [ "$(PG_SUITE)" != "0" ]; then scripts/pg-suite; fi

## test-pg: the suite on PostgreSQL (fails when none answers)
test-pg: $(STAMP) var
	scripts/pg-suite --require

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: benchmarks under bench/, each with its ratio to a reference measured in the same run
bench: $(STAMP) var
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var
