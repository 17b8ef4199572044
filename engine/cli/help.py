"""Help that never cuts an option's name: typer's rich layout when it fits the terminal,
else click's plain one.

Typer's rich help puts the option names in table columns that rich shortens with an
ellipsis when the terminal is narrow (``--no-unsafe-fi…`` at 80 and 100 columns). A command's
help is therefore first rendered into a buffer, at the width the terminal would give it;
when that shows an ellipsis, or leaves any option name incomplete, click's plain layout is
printed instead, which wraps the help text and never shortens a name. Otherwise the rich
help is printed as typer prints it (in colour on a terminal). Arguments get back the help
their annotations give (``_describe_arguments``).
"""

from __future__ import annotations

import contextlib
import inspect
import io
import re
import typing
from typing import Any

import click
import typer.core
import typer.models


def cuts_names(text: str, command: click.Command, ctx: click.Context) -> bool:
    """Whether a rendered help shortens something: an ellipsis, or an option name that does
    not appear whole."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # forced colour splits a name into styles
    if "…" in text:
        return True
    names = [
        name for param in command.get_params(ctx) for name in (*param.opts, *param.secondary_opts)
    ]
    return any(
        re.search(re.escape(name) + r"(?![\w-])", text) is None
        for name in names
        if name.startswith("-")
    )


class WholeNamesCommand(typer.core.TyperCommand):
    """A typer command whose help keeps every option name whole (see the module), and
    describes its arguments."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _describe_arguments(self)

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Nothing: typer's options section lists the arguments (click 8.5 would again)."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The plain layout's epilog as written, line by line: click would re-wrap it and
        drop the examples' indentation (rich's layout does not come here)."""
        if not self.epilog:
            return
        formatter.write_paragraph()
        with formatter.indentation():
            for line in self.epilog.splitlines():
                if line.strip():
                    formatter.write(" " * formatter.current_indent + line + "\n")

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.rich_markup_mode is not None:
            trial = io.StringIO()
            with contextlib.redirect_stdout(trial):  # typer's console prints to sys.stdout
                super().format_help(ctx, formatter)
            if not cuts_names(trial.getvalue(), self, ctx):
                super().format_help(ctx, formatter)
                return
        click.Command.format_help(self, ctx, formatter)
        # typer escapes "[" for rich's markup even in the plain layout: "\[default: 0]"
        formatter.buffer[:] = [text.replace("\\[", "[") for text in formatter.buffer]


def _describe_arguments(command: click.Command) -> None:
    """Give each argument the help its annotation declares: click 8.2 and later set an
    argument's ``help`` in its own constructor, over the one typer set before calling it."""
    callback = inspect.unwrap(command.callback) if command.callback is not None else None
    if callback is None:
        return
    try:
        hints = typing.get_type_hints(callback, include_extras=True)
    except (NameError, TypeError):
        return
    for param in command.params:
        if not isinstance(param, click.Argument) or getattr(param, "help", None):
            continue
        for meta in getattr(hints.get(param.name or ""), "__metadata__", ()):
            if isinstance(meta, typer.models.ArgumentInfo) and meta.help:
                param.help = meta.help
