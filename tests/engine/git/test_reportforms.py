"""The migration report's forms: the terminal's table, or blocks where it would be cut."""

from __future__ import annotations

import io

from rich.console import Console

from gomend.engine.git.report import ModuleReport, RepoReport
from gomend.engine.git.reportforms import print_report, report_blocks

URL = "https://git.example.org/platform/payments-gateway.git"


def reports() -> list[RepoReport]:
    module = ModuleReport(
        folder=".",
        module="example.org/platform/payments-gateway",
        findings={"lost-cancel": 2, "truncated-stack-dump": 1},
        files_changed=2,
        lines_added=5,
        lines_removed=2,
        branch="gomend/runtime-fixes",
        status="failed",
        base="f71cd0a1b2c3d4e5",
        commit="7f7d3aa1b2c3d4e5",
        error="push to origin failed: [remote rejected] (pre-receive hook declined)",
    )
    return [RepoReport(URL, modules=[module]), RepoReport("file:///x/r2.git", error="boom")]


def shown(width: int) -> str:
    out = io.StringIO()
    print_report(Console(file=out, width=width, color_system=None), reports())
    return out.getvalue()


def test_a_wide_console_gets_the_table_and_a_narrow_one_blocks_with_nothing_cut() -> None:
    wide = shown(1000)
    assert "┃ Repository" in wide and "…" not in wide
    narrow = shown(100)
    assert "…" not in narrow and "┃" not in narrow
    assert narrow == report_blocks(reports()) + "\n"
    assert (
        f"{URL}  example.org/platform/payments-gateway: failed, not pushed\n"
        "    findings: lost-cancel 2, truncated-stack-dump 1\n"
        "    files changed: 2 (+5 -2); files skipped: 0\n"
        "    branch: gomend/runtime-fixes; base: f71cd0a1b2c3; commit: 7f7d3aa1b2c3\n"
        "    error: push to origin failed: [remote rejected] (pre-receive hook declined)\n"
    ) in narrow
    assert "file:///x/r2.git  -: failed, not pushed\n    findings: -\n" in narrow
    assert "    error: boom" in narrow
