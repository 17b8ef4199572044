"""A run's options: the codemods selected, the fixes allowed, their settings.

The same options go to every file of a run and to every worker process; the result cache
(``engine/run/cache.py``) hashes them into its fingerprint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gomend.engine.codemod import Codemod, Safety, allowed
from gomend.engine.config import Config, Configs, resolve_config
from gomend.engine.registry import all_codemods, get_codemod, select_codemods
from gomend.engine.run.walk import WalkOptions, excluded_file


@dataclass(frozen=True)
class RunOptions:
    codemod_ids: tuple[str, ...]
    unsafe_fixes: bool = False
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    include_generated: bool = False
    prefilter: bool = True
    report_unused_suppressions: bool = False
    # apply the fixes to a fixpoint (diff, fix); scan only asks whether a fix applies, which
    # spares it a fifth of its work (status "changed" then means "has fixes to apply")
    settle: bool = True
    # parse every file to report its syntax errors, even one no codemod could match (the
    # prefilter spares those the parse): on for files named on the command line
    check_syntax: bool = False

    def codemods(self) -> list[Codemod]:
        return [get_codemod(cid) for cid in self.codemod_ids]

    def allows(self, safety: Safety) -> bool:
        return allowed(safety, self.unsafe_fixes)


def options_from_config(
    config: Config,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    unsafe_fixes: bool | None = None,
    include_generated: bool | None = None,
    **rest: Any,
) -> tuple[list[Codemod], RunOptions]:
    """The codemods and options for the files ``config`` applies to, each value overridden
    by the caller's when given (``select`` starts afresh; ``ignore`` alone replaces the file's
    ignore list); ``rest`` are the other ``RunOptions`` fields. ``KeyError`` names an unknown
    codemod id."""
    if not select:
        select = list(config.select or ())
        ignore = ignore or list(config.ignore or ())
    codemods = select_codemods(select or None, ignore or None)
    options = RunOptions(
        codemod_ids=tuple(c.id for c in codemods),
        unsafe_fixes=bool(config.unsafe_fixes if unsafe_fixes is None else unsafe_fixes),
        settings=config.settings,
        include_generated=bool(
            config.include_generated if include_generated is None else include_generated
        ),
        **rest,
    )
    return codemods, options


def options_for(path: str, config_file: str | None = None, **overrides: Any) -> RunOptions:
    """The options ``gomend scan PATH`` would run the file with: the configuration found
    upward from it, or ``config_file`` (``--config``): select, ignore, unsafe-fixes,
    settings, include-generated; overridden by ``overrides`` (``options_from_config``'s
    arguments); its syntax errors reported as for a file named on the command line.
    ``ConfigError`` for a broken configuration, ``KeyError`` for an unknown codemod id."""
    config = resolve_config([path], config_file, all_codemods())
    return options_from_config(config, **{"check_syntax": True, **overrides})[1]


def exclusion(config_file: str | None = None) -> WalkOptions:
    """What the configurations' ``exclude`` drops, each file by its nearest configuration
    (``config_file``: ``--config`` for all), read once for many files (``excluded_file``)."""
    return WalkOptions(exclusion=Configs(config_file, all_codemods()).exclusion)


def excluded(path: str, config_file: str | None = None) -> bool:
    """Whether the configuration's ``exclude`` drops ``path``, as it drops a file named on
    the command line (``config_file``: ``--config``)."""
    return excluded_file(path, exclusion(config_file))
