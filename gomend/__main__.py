"""``python -m gomend``: the gomend command line."""

from gomend.engine.cli import run

run()
