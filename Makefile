# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
PASSWORD ?= demo-password-2016

.PHONY: run test setup serve seed migrate worker beat lint lock bench bench-smoke clean

## run: set up, migrate, load the demo data and serve http://127.0.0.1:8000
run: setup migrate seed serve

## test: set up and run the whole test suite (lint, formatting and the import contracts included),
## in parallel on every core. Locally, `make test PYTEST_ARGS="-m 'not slow'"` skips the long
## browser journeys; CI runs everything.
test: setup lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

## setup: Python virtual environment and npm packages, reinstalled only when their pins change
setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

migrate: setup
	$(BIN)/python manage.py migrate --noinput

seed: setup
	$(BIN)/python manage.py seed_demo --password "$(PASSWORD)"

serve: setup
	$(BIN)/python manage.py runserver $(HOST)

## worker / beat: Celery against Redis (set CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0);
## one worker serving every queue (CELERY_TASK_ROUTES in psc/settings.py; README: several machines)
QUEUES ?= celery,refresh,rollups,notifications,reports
worker: setup
	$(BIN)/celery -A psc worker --loglevel=info -Q $(QUEUES)

beat: setup
	$(BIN)/celery -A psc beat --loglevel=info

## bench: the national benchmark against baselines (PostgreSQL and Redis; writes docs/benchmarks.md)
bench: setup
	$(BIN)/python bench/run.py

## bench-smoke: the same at --scale small with small samples, in about three minutes (CI)
bench-smoke: setup
	$(BIN)/python bench/run.py --smoke

## lock: after changing a pin in pyproject.toml, re-pin every package (requirements/*.txt)
LOCK := $(BIN)/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: setup
	$(LOCK) -o requirements/base.txt pyproject.toml
	$(LOCK) --extra dev --extra bench -c requirements/base.txt -o requirements/dev.txt pyproject.toml

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
