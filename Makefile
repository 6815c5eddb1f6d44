# The front door. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
PYTEST_ARGS ?=
ADDRESS ?= 127.0.0.1:8000
POSTCODES := ../shared/data/postcodes/gb_postcodes_nspl_may2025.csv.gz

.PHONY: run test venv static lint format migrate demo postcodes areas bench bench-venv audit clean

$(VENV)/.installed: requirements.lock
	test -x $(VENV)/bin/pip || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==0.9.30
	$(UV) pip sync --quiet --python $(PY) requirements.lock
	touch $@

venv: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

connected/static/vendor/.built: node_modules/.installed scripts/build_static.sh
	bash scripts/build_static.sh
	touch $@

static: connected/static/vendor/.built

migrate: venv static
	$(PY) manage.py migrate --no-input

postcodes: migrate
	$(PY) manage.py import_postcodes $(POSTCODES) --if-empty

demo: postcodes
	$(PY) manage.py demo --if-empty

# Loneliness risk, supply and unmet need by area, from ../shared/data/areas and geography (docs/adr/0029);
# after the demo so that its activities count as supply (`manage.py refresh_areas` recomputes later).
areas: demo
	$(PY) manage.py import_areas --if-empty

run: areas
	@echo "Demo sign-in: password only (DEMO_SIGN_IN_WITHOUT_SECOND_FACTOR=1, development only; production refuses it)"
	DEMO_SIGN_IN_WITHOUT_SECOND_FACTOR=1 $(PY) manage.py runserver $(ADDRESS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The whole suite on SQLite, then again on PostgreSQL when POSTGRES_URL is set.
test: venv static lint
	$(PY) manage.py makemigrations --check --dry-run > /dev/null
	$(PY) scripts/audit_deps.py
	$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)
	@if [ -n "$$POSTGRES_URL" ]; then \
		echo "== the suite again on PostgreSQL"; \
		DATABASE_URL="$$POSTGRES_URL" $(VENV)/bin/pytest -n 2 $(PYTEST_ARGS); \
	fi

# Known vulnerabilities in the lock, offline, from the vendored PyPA advisory snapshot (docs/adr/0048).
audit: venv
	$(PY) scripts/audit_deps.py

# The load test's tools, kept out of the runtime lock (bench/locustfile.py, docs/adr/0048).
bench-venv: venv
	test -x .venv-bench/bin/python || $(UV) venv --quiet --python $(PY) .venv-bench
	$(UV) pip sync --quiet --python .venv-bench/bin/python requirements-bench.txt

bench: venv
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules connected/static/vendor staticfiles db.sqlite3*
