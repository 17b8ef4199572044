"""``--statistics``: a table of each rule's findings and how many of them fix fixes (scan,
diff: would fix; fix: fixed), instead of a line per finding, as ruff's ``--statistics``;
with ``--format json``, the same rows as a JSON list."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from gomend.engine.cli.colour import RULE, paint
from gomend.engine.cli.options import Format, fail_usage
from gomend.engine.run.result import FileResult


@dataclass
class Statistics:
    """The findings and fixes of a run, counted by rule."""

    applied: bool = False  # count the fixes applied (diff, fix), not the ones fix would apply
    heading: str = "fixable"  # the last column's name ("fixed" for fix)
    findings: Counter[str] = field(default_factory=Counter)
    fixes: Counter[str] = field(default_factory=Counter)

    def add(self, result: FileResult, unsafe_fixes: bool, kept: bool = True) -> None:
        """Count a file's findings; ``unsafe_fixes``: its run's flag, which fixes count;
        ``kept``: false for a file whose fixes were not kept (``fix --verify`` reverted it)."""
        for f in result.findings:
            self.findings[f.rule] += 1
            if self.applied:
                self.fixes[f.rule] += f.fixed if kept else 0
            elif f.fixable(unsafe_fixes):
                self.fixes[f.rule] += 1
            else:
                self.fixes[f.rule] += 0  # a row for it all the same

    def rows(self) -> list[tuple[str, int, int]]:
        """(rule, findings, fixable or fixed), the most frequent rule first."""
        return sorted(
            ((rule, n, self.fixes[rule]) for rule, n in self.findings.items()),
            key=lambda row: (-row[1], row[0]),
        )

    def table(self, colour: bool = False) -> list[str]:
        """The table's lines, a heading first; none when there is no finding. ``colour``:
        the rule ids painted for a terminal."""
        rows = self.rows()
        if not rows:
            return []
        width = max(len("rule"), *(len(rule) for rule, _, _ in rows))
        count_width = max(len("findings"), *(len(str(n)) for _, n, _ in rows))
        fix_width = len(self.heading)
        lines = [f"{'rule':<{width}}  {'findings':>{count_width}}  {self.heading}"]
        lines += [
            f"{paint(rule, RULE) if colour else rule}{' ' * (width - len(rule))}  "
            f"{n:>{count_width}}  {fixes:>{fix_width}}"
            for rule, n, fixes in rows
        ]
        return lines

    def json(self) -> str:
        """The rows as a JSON list of ``{"rule", "count", "fixable" or "fixed"}``."""
        return json.dumps(
            [{"rule": rule, "count": n, self.heading: fixes} for rule, n, fixes in self.rows()],
            indent=2,
        )


def statistics_for(
    wanted: bool, terminal: Format, applied: bool = False, heading: str = "fixable"
) -> Statistics | None:
    """``--statistics``' counts, or None without it; exit 2 for a format it cannot print."""
    if not wanted:
        return None
    if terminal not in (Format.text, Format.json):
        raise fail_usage(f"--statistics prints text or JSON, not --format {terminal.value}")
    return Statistics(applied=applied, heading=heading)
