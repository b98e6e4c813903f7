"""``python -m demat``: the same command line as ``demat`` (a virtualenv without scripts)."""

from demat.cli import main

main()
