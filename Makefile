# The two commands of the README:
#   make demo   set everything up, start the replica, crawl it into data/kommunarkiv.sqlite, search "samverkan"
#   make test   set everything up, lint (ruff, import-linter, mypy) and run the whole test suite (what .ci/run runs)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test setup clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip "setuptools>=77,<81"
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: setup
	$(BIN)/kommunarkiv demo

test: setup
	$(BIN)/ruff check kommunarkiv spiders pipelines archive replica records bench tests
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

clean:
	rm -rf $(VENV) data .pytest_cache .hypothesis *.egg-info
