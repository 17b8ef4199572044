"""The options the commands share, with their help; usage errors and ``fail_usage``.

Also how an option's value is read: whether it was typed on the command line, and a boolean
flag's value with the configuration file's as the fallback.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import click
import typer

from gomend.engine.cli.console import err
from gomend.engine.registry import RegistryError, all_codemods


class Format(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class UsageError(Exception):
    """A usage or input error: exit 2 with one line."""


def fail_usage(message: str) -> typer.Exit:
    err.print(f"gomend: error: {message}", markup=False)
    return typer.Exit(2)


def split_ids(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Go files or folders to walk (default: the current folder).", show_default=False
    ),
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        help="Only these codemods (ids, comma-separated or repeated).",
        show_default=False,
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        help="Skip these codemods (ids, comma-separated or repeated).",
        show_default=False,
    ),
]
UnsafeOpt = Annotated[
    bool,
    typer.Option(
        "--unsafe-fixes/--no-unsafe-fixes",
        help="Also apply fixes marked unsafe (review them); overrides the configuration.",
        show_default=False,
    ),
]
JobsOpt = Annotated[
    int, typer.Option("--jobs", "-j", help="Worker processes (0: all cores).", min=0)
]
NoProgressOpt = Annotated[bool, typer.Option("--no-progress", help="No progress bar.")]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="No summary line; findings and errors only.")
]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]
GeneratedOpt = Annotated[
    bool,
    typer.Option(
        "--include-generated/--no-include-generated",
        help="Also rewrite files marked '// Code generated ... DO NOT EDIT.'",
        show_default=False,
    ),
]
VendorOpt = Annotated[
    bool, typer.Option("--include-vendor", help="Also walk vendor/ and testdata/ folders.")
]
ConfigOpt = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Read the configuration from FILE (default: the nearest gomend.toml, or "
        "pyproject.toml with [tool.gomend], upward from the first path).",
        show_default=False,
    ),
]
MaxAnnotationsOpt = Annotated[
    int,
    typer.Option(
        "--max-annotations",
        metavar="N",
        min=0,
        help="With --format github: at most N annotations, the most severe first (GitHub "
        "shows 10 per step); the rest are counted in a log line and in the job summary.",
    ),
]
StdinFilenameOpt = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename",
        metavar="PATH",
        help="Read the source from standard input and treat it as the file PATH (its "
        "configuration, package and Go version); fix prints the fixed source to standard "
        "output. For editors and scripts.",
        show_default=False,
    ),
]
NewFromRevOpt = Annotated[
    str | None,
    typer.Option(
        "--new-from-rev",
        metavar="REV",
        help="Only the findings on lines the working tree changed since the git revision REV "
        "(untracked files count as new); only their fixes are applied.",
        show_default=False,
    ),
]
NewFromMergeBaseOpt = Annotated[
    str | None,
    typer.Option(
        "--new-from-merge-base",
        metavar="BRANCH",
        help="As --new-from-rev, since where the current branch left BRANCH "
        "(git merge-base BRANCH HEAD).",
        show_default=False,
    ),
]
StatisticsOpt = Annotated[
    bool,
    typer.Option(
        "--statistics",
        help="Print a table of each rule's findings and fixes instead of the findings "
        "(JSON rows with --format json).",
    ),
]
ShowConfigOpt = Annotated[
    bool,
    typer.Option(
        "--show-config",
        help="Print the configuration that applies to the paths (each value with where it "
        "came from) and exit.",
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        metavar="FILE",
        help="Write the --format report to FILE; the terminal still gets the text output.",
        show_default=False,
    ),
]
UnusedOpt = Annotated[
    bool,
    typer.Option(
        "--report-unused-suppressions",
        help="Also report //gomend:ignore and //nolint comments that silence nothing.",
    ),
]
VerifyOpt = Annotated[
    bool,
    typer.Option(
        "--verify",
        help="Run go build and go vet on every package the fixes touch, before and after; "
        "a package that newly fails gets its files back (reported; exit 1). Needs Go.",
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Neither read nor write the result cache (kept per file content, gomend version, "
        "codemods and settings: a stale result is never used).",
    ),
]
CacheDirOpt = Annotated[
    str | None,
    typer.Option(
        "--cache-dir",
        help="The result cache folder (default: $GOMEND_CACHE_DIR, else ~/.cache/gomend, "
        "never the scanned tree: a cache that came with a tree could hide findings).",
        show_default=False,
    ),
]


def was_typed(name: str) -> bool | None:
    """Whether an option was typed on the command line (None outside a command)."""
    ctx = click.get_current_context(silent=True)
    source = ctx.get_parameter_source(name) if ctx is not None else None
    return None if source is None else source.name != "DEFAULT"


def flag_value(name: str, value: bool, configured: bool | None) -> bool:
    """A boolean option's value: the command line's when given there, else the
    configuration file's, else the default."""
    typed = was_typed(name)
    given = value if typed is None else typed
    return value if given or configured is None else configured


def typed_options(*names: str) -> frozenset[str]:
    """Which of these options were typed on the command line (not left at their default)."""
    return frozenset(n for n in names if was_typed(n))


def registry_guard() -> None:
    """Exit 2 with one line when the codemods cannot be loaded."""
    try:
        all_codemods()
    except RegistryError as exc:
        err.print(f"gomend: error: {exc}", markup=False)
        raise typer.Exit(2) from None


def require_go() -> None:
    """``--verify`` needs Go: one line saying how to get it, exit 2, when there is none."""
    from gomend.engine.go.toolchain import GoMissing, go_binary

    try:
        go_binary()
    except GoMissing as exc:
        raise fail_usage(f"--verify needs Go: {exc}") from None
