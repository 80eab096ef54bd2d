# The two commands of the README:
#   make demo   set everything up, start the replica, crawl it into data/kommunarkiv.sqlite, search "samverkan"
#   make test   set everything up, lint (ruff, import-linter, mypy) and run the whole test suite (what .ci/run runs)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test setup clean mutate

# Mutation testing (docs/mutation.md): mutate MUTANTS (files named in [tool.mutmut] only_mutate),
# run tests/unit against each mutant with one worker, then print the kill rate per module.
#   make mutate MUTANTS=records/parsers/dates.py
MUTANTS ?= records/parsers/*.py records/normalise.py archive/query.py archive/stories.py archive/watches.py archive/web/pages.py
MUTANT_FILES = $(wildcard $(MUTANTS))

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

mutate: setup
	nice -n 10 $(BIN)/mutmut run --max-children 1 $(foreach f,$(MUTANT_FILES),'$(subst /,.,$(f:.py=)).*')
	$(BIN)/python -m bench.mutation_report $(MUTANT_FILES)

clean:
	rm -rf $(VENV) data .pytest_cache .hypothesis *.egg-info mutants
