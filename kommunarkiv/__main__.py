"""`python -m kommunarkiv`: the `kommunarkiv` command, for where the script is not on PATH."""

from kommunarkiv.cli import main

main(prog_name="kommunarkiv")
