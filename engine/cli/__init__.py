"""The command line: the typer app, its commands and the output formats."""

from gomend.engine.cli.app import run

__all__ = ["run"]
