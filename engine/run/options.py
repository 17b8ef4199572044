"""A run's options: the codemods selected, the fixes allowed, their settings.

The same options go to every file of a run and to every worker process; the result cache
(``engine/run/cache.py``) hashes them into its fingerprint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gomend.engine.codemod import Codemod, Safety
from gomend.engine.registry import get_codemod


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
        return safety == Safety.SAFE or (safety == Safety.UNSAFE and self.unsafe_fixes)
