"""The typer app: its commands in order, --version, and the console script ``run``, which
builds only the command asked for.

Exit codes: 0 nothing to report, 1 findings (scan) or changes (diff), 2 a usage or input
error with one line on stderr naming it.
"""

from __future__ import annotations

import copy
import sys
from typing import Annotated

import click
import typer
import typer.main

from gomend.engine import __version__
from gomend.engine.cli import check, gitcmds
from gomend.engine.cli.console import err

app = typer.Typer(
    name="gomend",
    help="Find and fix misuses of Go's runtime APIs (runtime.GC in handlers, GOMAXPROCS in "
    "libraries, LockOSThread never unlocked, lost context cancels, ...).",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

app.command()(check.scan)
app.command()(check.diff)
app.command()(check.fix)
app.command(name="list")(check.list_codemods)
app.command()(check.explain)
app.command()(gitcmds.branch)
app.command()(gitcmds.migrate)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"gomend {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """gomend: codemods for Go's runtime APIs."""


def _app_for(argv: list[str]) -> typer.Typer:
    """The app to run: for a known command, one that holds only it (typer builds the options
    of every command it holds on each run: 16 ms for all of them, a tenth of a warm scan);
    else the whole app (its help, a misspelt command)."""
    name = next((a for a in argv if not a.startswith("-")), None)
    chosen = [
        info
        for info in app.registered_commands
        if name is not None
        and (info.name or typer.main.get_command_name(getattr(info.callback, "__name__", "")))
        == name
    ]
    if not chosen:
        return app
    single = copy.copy(app)  # the same settings and --version, one command
    single.registered_commands = chosen
    return single


def run() -> None:
    """The console script: typer's app, with usage errors as one line and exit code 2."""
    try:
        code = _app_for(sys.argv[1:])(standalone_mode=False)
    except click.UsageError as exc:
        if not exc.format_message():  # "gomend" alone: the help was printed
            sys.exit(2)
        command = exc.ctx.command_path if exc.ctx is not None else "gomend"
        err.print(f"gomend: error: {exc.format_message()} (see '{command} --help')", markup=False)
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        err.print("gomend: interrupted", markup=False)
        sys.exit(130)
    except click.ClickException as exc:
        err.print(f"gomend: error: {exc.format_message()}", markup=False)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
