"""`python -m kommunarkiv.cli`, as tests/e2e/helpers.py runs it when there is no `kommunarkiv` script."""

from kommunarkiv.cli import main

main(prog_name="kommunarkiv")
