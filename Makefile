# Saminsats: `make run` starts everything, `make test` runs the suite. Nothing but Python >= 3.11
# and make is needed; PostgreSQL is embedded unless DATABASE_URL is set.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml 2>/dev/null | cksum | cut -d' ' -f1)

.DEFAULT_GOAL := help
.PHONY: help run test test-browser lint fmt migrate seed bench loadtest check deps messages backup restore faults

help:
	@echo "make run      start web, worker and beat with reference and demo data (http://127.0.0.1:8000)"
	@echo "make test     run the test suite"
	@echo "make test-browser  run the browser tests (Debian's chromium, Node.js for axe-core)"
	@echo "make lint     ruff lint and format check, the layer contract and the migrations check"
	@echo "make fmt      format and autofix with ruff"
	@echo "make migrate  apply database migrations"
	@echo "make seed     load reference data and demo data"
	@echo "make bench    measure speed and memory"
	@echo "make loadtest 50 simulated people for 5 minutes against gunicorn (Locust)"
	@echo "make messages compile the translations"
	@echo "make faults   the fault and concurrency tests: dead worker, Redis and PostgreSQL restarts, full disk"
	@echo "make backup   back up the database and the generated files (docs/drift.md)"
	@echo "make restore FROM=<backup folder>  restore a backup into an empty database"

check:
	@$(PYTHON) scripts/check_system.py

$(STAMP):
	@$(PYTHON) scripts/check_system.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing dependencies into $(VENV) (the first time takes a few minutes)..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

deps: $(STAMP)

migrate: deps
	@$(BIN)/python manage.py migrate --verbosity=1

seed: deps
	@$(BIN)/python scripts/run.py --setup-only

run: check deps
	@$(BIN)/python scripts/run.py

# pytest exits 5 when it collected no test: a suite that ran nothing is a failure here.
PYTEST = $(BIN)/python -m pytest
NO_TESTS_IS_FAILURE = rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc

# One pytest-xdist runner per core, each with a database cloned from a migrated template that
# later runs reuse (tests/testdatabas.py; --create-db builds it anew). A module runs on one runner,
# so the worlds built once per module are built once. The ten slowest tests are printed.
PYTEST_PARALLEL = -n $(or $(TEST_WORKERS),auto) --dist loadscope --durations=10

# The tests also need poppler-utils (pdftotext, pdftoppm) to read the PDFs they render.
test: deps
	@$(PYTHON) scripts/check_system.py --test
	@$(PYTEST) $(PYTEST_PARALLEL) --ignore=tests/browser $(ARGS); $(NO_TESTS_IS_FAILURE)

test-browser: deps node_modules/.package-lock.json
	@$(PYTEST) $(PYTEST_PARALLEL) tests/browser $(ARGS); $(NO_TESTS_IS_FAILURE)

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "The browser tests need Node.js and npm (apt-get install npm)."; exit 1; }
	@npm ci --no-audit --no-fund --silent

lint: deps
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
	@$(BIN)/lint-imports --no-cache
	@$(BIN)/python manage.py makemigrations --check --dry-run

fmt: deps
	@$(BIN)/ruff format .
	@$(BIN)/ruff check --fix .

bench: deps
	@$(BIN)/python -m scripts.bench
	@$(BIN)/python -m scripts.httpbench

loadtest: deps
	@$(BIN)/python -m scripts.lasttest

messages: deps
	@$(BIN)/python manage.py compilemessages --ignore=.venv

backup: deps
	@$(BIN)/python scripts/backup.py backup

restore: deps
	@test -n "$(FROM)" || { echo "usage: make restore FROM=var/backup/saminsats-<time>"; exit 1; }
	@$(BIN)/python scripts/backup.py restore "$(FROM)"

# Faults and concurrency, each against a Redis or PostgreSQL the test starts itself where it
# restarts one (docs/drift.md, "Faults"); they are part of `make test` too.
FAULT_TESTS = tests/config/test_redis_omstart.py tests/config/test_postgres_omstart.py \
	tests/insatser/test_underlag_disk.py tests/insatser/test_underlag_arbetare.py \
	tests/arshjul/test_arbetare.py tests/insatser/test_samtidighet.py tests/karna/test_engang.py \
	tests/config/test_sakerhetskopia.py tests/arshjul/test_disk.py tests/uppfoljning/test_disk.py \
	tests/karna/test_lagring.py

faults: deps
	@$(PYTEST) -n 0 $(FAULT_TESTS) $(ARGS); $(NO_TESTS_IS_FAILURE)
