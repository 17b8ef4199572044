"""Messages on stderr: plain lines, and a rich Console imported when first needed."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


class _Stderr:
    """Messages on stderr: plain lines, and a rich Console, imported when first needed (a
    progress bar, a terminal), so that a run in CI does not pay for importing rich."""

    def __init__(self) -> None:
        self._console: Console | None = None
        self.live = False  # a progress bar is on the terminal: print above it, never onto it

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True, highlight=False, soft_wrap=True)
        return self._console

    @property
    def is_terminal(self) -> bool:
        return self.console.is_terminal if self._console is not None else sys.stderr.isatty()

    def above_bar(self, text: str) -> bool:
        """Print standard output's ``text`` above the live progress bar, when standard output
        is the terminal the bar is on; ``False`` when it is not for the bar to handle."""
        if not self.live or not sys.stdout.isatty():
            return False
        from rich.text import Text  # the painted lines' escapes as rich's styles

        body = text.rstrip("\n")  # rich's decoder drops the last newline: printed as the end
        shown = Text.from_ansi(body) if "\x1b[" in body else body
        end = text[len(body) :]
        self.console.print(shown, end=end, markup=False, highlight=False, soft_wrap=True)
        return True

    def print(self, text: str, markup: bool = False) -> None:
        if markup or self.is_terminal:
            self.console.print(text, markup=markup)
        else:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()


err = _Stderr()
