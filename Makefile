# The README's two commands: `make run` and `make test`. Everything else is a step of theirs,
# but `make test-fast`, an optional shortcut while developing.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Byte-code is written (git ignores it): where the shell sets PYTHONDONTWRITEBYTECODE, every test
# process would otherwise compile the project and its tests again, seconds each.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-fast install catalogs lint chromium nginx varnish node age

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# The Latin interface catalogue is derived from the Cyrillic one, then all are compiled: again
# only when a Cyrillic catalogue, the transliteration or the command changed (it takes seconds,
# at every `make test-fast`). The compiled files are touched, as compilemessages leaves a file
# that is already newer than its source alone.
CATALOG_SOURCES := $(wildcard locale/sr/LC_MESSAGES/*.po locale_wagtail/sr/LC_MESSAGES/*.po)
CATALOGS := $(patsubst %.po,%.mo,$(CATALOG_SOURCES) $(subst /sr/,/sr_Latn/,$(CATALOG_SOURCES)))

$(CATALOGS) &: $(CATALOG_SOURCES) core/translit.py core/management/commands/build_catalogs.py | install
	$(PY) manage.py build_catalogs
	touch $(CATALOGS)

catalogs: $(CATALOGS)

run: catalogs
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py dev_superuser --url http://$(HOST):$(PORT)
	$(PY) manage.py dev_triage_keys
	@echo "Serving both roles (public site and admin) in one development process on http://$(HOST):$(PORT)/"
	@echo "with the intake's task worker beside it: on-duty notices appear here as console e-mails."
	PY=$(PY) bin/dev-server $(HOST):$(PORT)

# Browser tests drive Debian's Chromium (never a downloaded browser build).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# The two-tier test runs the server blocks of deploy/nginx in Debian's nginx.
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null; }

# The HTTP cache test runs deploy/varnish/default.vcl in Debian's Varnish.
varnish:
	@command -v varnishd >/dev/null 2>&1 || test -x /usr/sbin/varnishd || { apt-get update -qq && apt-get install -y -qq varnish >/dev/null; }

# The backup drill encrypts with Debian's age (deploy/backup.sh, docs/operations.md).
age:
	@command -v age >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq age >/dev/null; }

# axe-core, injected into pages by the accessibility tests.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

node: node_modules/.package-lock.json

test: catalogs chromium nginx varnish node age
	$(PY) -m pytest $(PYTEST_ARGS)

# Everything but the browser and server tests (marked by folder in tests/conftest.py), on two
# workers (pytest-xdist); the tests on the demo site stay together on one (tests/conftest.py).
test-fast: catalogs
	$(PY) -m pytest -m "not browser and not server" -n 2 --dist loadgroup --reuse-db --hypothesis-profile=fast $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
