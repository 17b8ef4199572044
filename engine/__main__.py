"""``python -m engine``: the gomend command line."""

from engine.cli import run

run()
