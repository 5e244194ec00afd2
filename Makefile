# Ustat: `make run` serves the demo, `make test` runs the whole suite. Both set everything up first.
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# Development and test runs: DEBUG on (plain HTTP, no HSTS). Production sets DJANGO_DEBUG=false.
export DJANGO_DEBUG ?= true
# Browser journeys drive a live server from the test thread.
export DJANGO_ALLOW_ASYNC_UNSAFE := true
# `make run PORT=8001` serves on another port.
PORT ?= 8000

.PHONY: run test setup system-packages venv messages migrate signing-keys demo test-sqlite test-postgres bench mutation clean

# The server and a task worker beside it (bin/serve-demo), on http://127.0.0.1:$(PORT).
run: setup demo
	@$(MANAGE) demo_logins
	PORT=$(PORT) bin/serve-demo

test: setup test-sqlite test-postgres

setup: system-packages venv messages migrate

system-packages:
	@bin/install-system-packages

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || "$$(bin/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	@touch $@

messages: venv
	$(MANAGE) compilemessages --ignore=.venv --verbosity 0

migrate: venv
	@mkdir -p var/static var/media
	$(MANAGE) migrate --verbosity 0
	$(MANAGE) createcachetable

# A demo certificate authority and a signing key per demo office under var/signing/ (kept when there), so that the
# demo's certificates and protocols are signed; a real office installs its own key instead (README, "Signing keys").
signing-keys: migrate
	@$(MANAGE) demo_signing_keys

demo: migrate signing-keys
	$(MANAGE) seed_demo

test-sqlite: venv
	$(VENV)/bin/pytest

test-postgres: venv
	bin/with-postgres $(VENV)/bin/pytest

bench: setup
	$(PY) -m bench --scale school
	$(PY) -m bench --scale district --walk
	bin/with-postgres $(PY) -m bench --scale district --walk --load-seconds 15
	bin/with-postgres $(PY) -m bench --scale country --skip-certificates --skip-imports --repeat 10

# Do the tests fail when a rule's code is wrong? Not part of `make test`: it takes several minutes.
mutation: setup
	$(PY) bin/mutation

clean:
	rm -rf $(VENV) var bench-results mutants
