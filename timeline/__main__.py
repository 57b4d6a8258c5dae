"""`python -m timeline`: the same CLI as the `timeline` command, for environments without its script."""
from timeline.cli import main

main(prog_name="timeline")
