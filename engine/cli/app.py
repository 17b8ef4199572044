"""The typer app: its commands in order, --version, and the console script ``run``, which
builds only the command asked for.

Exit codes: 0 nothing to report, 1 findings (scan) or changes (diff), 2 a usage or input
error with one line on stderr naming it.
"""

from __future__ import annotations

import copy
import os
import signal
import sys
from typing import Annotated, Any, NoReturn

import click
import typer
import typer.main

from gomend.engine import __version__
from gomend.engine.cli import check, gitcmds
from gomend.engine.cli.console import err
from gomend.engine.cli.help import WholeNamesCommand
from gomend.engine.cli.session import Run

app = typer.Typer(
    name="gomend",
    help="Find and fix misuses of Go's runtime APIs (runtime.GC in handlers, GOMAXPROCS in "
    "libraries, LockOSThread never unlocked, lost context cancels, ...).",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXAMPLES = {
    "scan": (
        "gomend scan ./...",
        "gomend scan --format sarif --output gomend.sarif .",
        "gomend scan --show-config internal/worker/pool.go",
    ),
    "diff": (
        "gomend diff ./... | git apply --check",
        "gomend diff --unsafe-fixes --select lost-cancel .",
        "gomend diff --new-from-merge-base main ./...",
    ),
    "fix": (
        "gomend fix ./...",
        "gomend fix --verify --unsafe-fixes ./internal/...",
        "cat main.go | gomend fix --stdin-filename main.go",
    ),
    "list": ("gomend list",),
    "explain": ("gomend explain lost-cancel",),
    "branch": ("gomend branch", "gomend branch --name gomend/fixes --base main --push"),
    "migrate": (
        "gomend migrate --repos repos.txt --jobs 4 --report report.json",
        "gomend migrate --dry-run --split module git@github.com:acme/api.git",
    ),
    "lsp": ("gomend lsp",),
}


def _epilog(command: str) -> str:
    """The closing 'Examples' of a command's help, one command line per line."""
    return "Examples:\n\n" + "\n\n".join(f"  {line}" for line in EXAMPLES[command])


class InternalPipeError(RuntimeError):
    """A pipe to one of gomend's own helpers (a worker, git) broke."""


class Command(WholeNamesCommand):
    """A gomend command: help that keeps option names whole (engine/cli/help.py), and a
    broken pipe that reaches it reported as the internal error it is. Click takes any EPIPE
    for a closed standard output and exits 1 without a word, which in CI reads as "there
    are findings"; standard output's own is handled where it is written (``emit``)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            if _stdout_gone():
                raise  # the reader left (``| head``): click's quiet exit is right
            raise InternalPipeError(f"a pipe to a helper process broke: {exc}") from None


def _stdout_gone() -> bool:
    """Whether standard output is a pipe whose reader has gone (or cannot be asked)."""
    import select

    try:
        poll = select.poll()
        poll.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & (select.POLLERR | select.POLLHUP) for _, events in poll.poll(0))
    except (AttributeError, OSError, ValueError):  # no poll (Windows), no file descriptor
        return True


app.command(cls=Command, epilog=_epilog("scan"))(check.scan)
app.command(cls=Command, epilog=_epilog("diff"))(check.diff)
app.command(cls=Command, epilog=_epilog("fix"))(check.fix)
app.command(cls=Command, name="list", epilog=_epilog("list"))(check.list_codemods)
app.command(cls=Command, epilog=_epilog("explain"))(check.explain)
app.command(cls=Command, epilog=_epilog("branch"))(gitcmds.branch)
app.command(cls=Command, epilog=_epilog("migrate"))(gitcmds.migrate)


@app.command(cls=Command, epilog=_epilog("lsp"))
def lsp() -> None:
    """Run the language server on standard input and output, for an editor (beside gopls)."""
    from gomend.engine.lsp.server import serve  # pygls loads for this command only

    serve()


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


class Terminated(BaseException):
    """SIGTERM (what CI sends on cancel), raised where the run is, so that every ``finally``
    on the way out runs: temporary files are removed, workers stopped, worktrees pruned."""


_MAIN_PID = os.getpid()  # the process that runs the command; its forked workers are not


def _terminated(signum: int, frame: object) -> None:
    if os.getpid() != _MAIN_PID:  # a worker just forked, before it set its own handler
        os._exit(128 + signum)
    raise Terminated(signum)


def _interrupted(code: int) -> NoReturn:
    """One line, the summary of the files done so far, and the signal's exit code."""
    err.print("gomend: interrupted", markup=False)
    current = Run.current
    if current is not None:
        err.print(f"so far: {current.summary.line(current.seconds)}", markup=False)
    sys.exit(code)


def run() -> None:
    """The console script: typer's app, with usage errors as one line and exit code 2, an
    interruption (Ctrl-C: 130, SIGTERM: 143) as one line and the summary so far, and any
    other failure as one line (``--debug``, or ``GOMEND_DEBUG=1``, shows the traceback)."""
    argv = sys.argv[1:]
    debug = "--debug" in argv or os.environ.get("GOMEND_DEBUG", "") not in ("", "0")
    argv = [a for a in argv if a != "--debug"]
    signal.signal(signal.SIGTERM, _terminated)
    try:
        code = _app_for(argv)(args=argv, standalone_mode=False)
    except click.UsageError as exc:
        if not exc.format_message():  # "gomend" alone: the help was printed
            sys.exit(2)
        command = exc.ctx.command_path if exc.ctx is not None else "gomend"
        err.print(f"gomend: error: {exc.format_message()} (see '{command} --help')", markup=False)
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        _interrupted(130)
    except Terminated:
        _interrupted(143)
    except click.ClickException as exc:
        err.print(f"gomend: error: {exc.format_message()}", markup=False)
        sys.exit(exc.exit_code)
    except (SystemExit, typer.Exit):
        raise
    except Exception as exc:  # a bug, or a worker the system killed: one line, not a trace
        if debug:
            raise
        what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        err.print(
            f"gomend: internal error: {what}; rerun with --debug for the traceback", markup=False
        )
        sys.exit(2)
    if code == 130:  # typer's own answer to Ctrl-C when it is not in standalone mode
        _interrupted(130)
    sys.exit(code if isinstance(code, int) else 0)
