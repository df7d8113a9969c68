# conflict-cli: `make demo` installs into .venv and runs on the example; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
CORPUS ?= ../shared/corpus

.PHONY: install demo test lint format bench robustness score lexicons clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

demo: install
	$(BIN)/conflict-cli extract --date 2023-11-06 examples/aljazeera-idlib-2023-11.txt

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check conflict_cli tests benchmarks examples scripts
	$(BIN)/ruff format --check conflict_cli tests benchmarks examples scripts

format: install
	$(BIN)/ruff format conflict_cli tests benchmarks examples scripts
	$(BIN)/ruff check --fix conflict_cli tests benchmarks examples scripts

bench: install
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/bench.py

robustness: install
	$(BIN)/python scripts/robustness.py $(CORPUS)/bulk

score: install
	$(BIN)/python $(CORPUS)/../eval/score.py $(CORPUS)/dev -- $(BIN)/conflict-cli extract --format jsonl

lexicons: install
	$(BIN)/python scripts/build_lexicon_bundle.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
