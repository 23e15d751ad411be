# LANDVORTEIL – `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
PROD_PORT ?= 8080

.DEFAULT_GOAL := help
.PHONY: help install setup run worker test test-fast bench bench-http prod-local prod-local-stop lint format messages audit lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-12s %s\n", $$1, $$2}'

# Exactly the versions in requirements.lock (checked against its hashes), then the project itself;
# `pip check` fails when pyproject.toml asks for something the lock lacks (run `make lock`).
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

install: $(STAMP) ## Create the virtual environment and install everything

setup: $(STAMP) ## Migrate the database (SQLite by default) and load the demo content
	$(BIN)/python manage.py migrate --no-input
	PORT=$(PORT) $(BIN)/python manage.py load_demo_content

run: setup ## Set up, then serve the demo site at http://127.0.0.1:$(PORT)/ with the worker beside it (its console shows the mails)
	@case "$$(echo "$${STAFF_MFA_REQUIRED:-}" | tr A-Z a-z)" in \
	  1|true|yes|on) echo "Two factors for staff are required: staff set up an authenticator app when they sign in.";; \
	  *) echo "Two factors for staff are off here (production requires them). To try them:"; \
	     echo "  STAFF_MFA_REQUIRED=true make run   # then sign in as admin@example.org"; \
	     echo "  (security keys need http://localhost:$(PORT)/, not 127.0.0.1)";; \
	esac
	@PORT=$(PORT) $(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	PORT=$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

worker: $(STAMP) ## Run only the background worker (mails, notifications, digests, periodic jobs)
	$(BIN)/python manage.py run_worker

# Test processes side by side (pytest-xdist; each has its own test database); 1 runs them in one.
TEST_WORKERS ?= 2

test: $(STAMP) ## Run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-fast: $(STAMP) ## Run the tests without the real browser
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

bench: $(STAMP) ## Print timings and query counts of the public pages, the moderation queue, the action groups' pages, Mein Bereich, the notifications and outbox, deleting an account and the data download, the site search, the read API and the editors' statistics at region scale (bench/; the search only with a PostgreSQL DATABASE_URL)
	$(BIN)/python bench/page_rendering.py
	$(BIN)/python bench/moderation.py
	$(BIN)/python bench/groups.py
	$(BIN)/python bench/my_area.py
	$(BIN)/python bench/notifications.py
	$(BIN)/python bench/outbox.py
	$(BIN)/python bench/accounts.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/api.py
	$(BIN)/python bench/editor_statistics.py

# The HTTP benchmark at region scale (bench/http_load.py, docs/performance.md): BENCH_SCALE=0.05 for
# a quick run, BENCH_DATABASE_URL (default landvorteil_bench), BENCH_PORT (8090), BENCH_DURATION.
bench-http: $(STAMP) ## Seed PostgreSQL at region scale, start the production-like stack and measure every page type with wrk, cached and uncached, then 64 residents supporting, and the workers' memory
	$(BIN)/python bench/http_load.py

# nginx + two gunicorn app servers + the worker on PostgreSQL and Redis (docs/scaling.md):
# PROD_PORT (8080), DATABASE_URL (default landvorteil_prod_local), REDIS_URL (default db 2).
prod-local: $(STAMP) ## Run the production-like stack at http://127.0.0.1:8080/ (PROD_PORT; nginx with the page cache, two app servers, the worker; Ctrl-C stops it)
	PROD_PORT=$(PROD_PORT) $(BIN)/python deploy/prod_local.py

prod-local-stop: ## Stop a production-like stack left running (by the process ids it recorded)
	PROD_PORT=$(PROD_PORT) $(BIN)/python deploy/prod_local.py stop

lint: $(STAMP) ## ruff lint and format check, missing migrations, system checks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

format: $(STAMP) ## Format and auto-fix with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP) ## Update the German and English catalogues and compile them (needs GNU gettext)
	$(BIN)/python manage.py makemessages -l de -l en --no-obsolete --no-location --ignore=$(VENV) --ignore=staticfiles --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=$(VENV)

# --strict: a dependency the vulnerability service cannot answer for fails the audit, so that
# an unreachable service never passes as "no known vulnerabilities". The project itself (an
# editable install) is not on PyPI and is skipped.
audit: $(STAMP) ## Check the installed dependencies for known vulnerabilities (pip-audit, PyPI's advisory data)
	$(BIN)/pip-audit --local --strict --skip-editable --progress-spinner off $(AUDIT_ARGS)

# pip-tools runs in a throwaway environment: it is not a dependency of the platform.
LOCK_VENV := /tmp/landvorteil-lock-venv

lock: ## Pin every dependency with hashes in requirements.lock (keeps current pins; LOCK_ARGS=--upgrade or --upgrade-package NAME to move)
	rm -rf $(LOCK_VENV) && $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet "pip-tools>=7.7,<8"
	$(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra test --strip-extras \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock $(LOCK_ARGS) pyproject.toml
	rm -rf $(LOCK_VENV)

# docs/operations.md, "Backups and the restore drill"; both read DATABASE_URL and MEDIA_ROOT.
.PHONY: backup restore-drill
backup: ## Back up the PostgreSQL database and the media folder into BACKUP_DIR (default ./backups)
	deploy/backup.sh

restore-drill: ## Restore the newest backup (or BACKUP=folder) into a scratch database; compare every table's rows and the media with its manifest
	deploy/restore-drill.sh $(BACKUP)

clean: ## Remove the virtual environment, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 staticfiles media
