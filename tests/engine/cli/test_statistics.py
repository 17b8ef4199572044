"""--statistics: a table of rule, findings and fixable (or fixed) in place of the findings,
as ruff prints it; JSON rows with --format json; the report still goes to --output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gomend.engine.cli.statistics import Statistics
from gomend.engine.codemod import Finding, Fix, Safety
from gomend.engine.run.result import FileResult, FileStatus
from tests.engine.cli.test_app import FIXABLE, ROOT, gomend


def _finding(rule: str, safety: Safety | None, fixed: bool = False) -> Finding:
    fix = None if safety is None else Fix(safety=safety, edits=())
    return Finding(rule, "m", 0, 1, 1, 1, 1, 2, fix=fix, fixed=fixed)


def test_rows_the_most_frequent_first_and_which_fixes_count() -> None:
    result = FileResult(
        "a.go",
        FileStatus.UNCHANGED,
        findings=[
            _finding("b-rule", Safety.SAFE),
            _finding("a-long-rule-id", Safety.UNSAFE),
            _finding("b-rule", None),
            _finding("c", Safety.SAFE, fixed=True),
        ],
    )
    stats = Statistics()
    stats.add(result, unsafe_fixes=False)
    assert stats.rows() == [("b-rule", 2, 1), ("a-long-rule-id", 1, 0), ("c", 1, 1)]
    assert stats.table() == [
        "rule            findings  fixable",
        "b-rule                 2        1",
        "a-long-rule-id         1        0",
        "c                      1        1",
    ]
    unsafe = Statistics()
    unsafe.add(result, unsafe_fixes=True)
    assert unsafe.rows()[1] == ("a-long-rule-id", 1, 1)
    applied = Statistics(applied=True, heading="fixed")
    applied.add(result, unsafe_fixes=True)
    assert [row[2] for row in applied.rows()] == [0, 0, 1]
    assert json.loads(applied.json())[0] == {"rule": "b-rule", "count": 2, "fixed": 0}
    assert Statistics().table() == []


def _table(stdout: str) -> dict[str, tuple[int, int]]:
    lines = stdout.splitlines()
    assert lines[0].split() == ["rule", "findings", lines[0].split()[-1]]
    return {rule: (int(n), int(f)) for rule, n, f in (line.split() for line in lines[1:])}


def test_scan_prints_the_table_instead_of_the_findings() -> None:
    done = gomend("scan", "--statistics", "--no-cache", "examples")
    assert done.returncode == 1
    table = _table(done.stdout)
    lines = gomend("scan", "--no-cache", "examples").stdout.splitlines()
    assert sum(n for n, _ in table.values()) == len(lines)
    assert sum(f for _, f in table.values()) == sum(" [*] " in line for line in lines)
    for rule, (n, _) in table.items():
        assert n == sum(f": {rule} " in line for line in lines)
    assert "findings (" in done.stderr  # the summary stays on standard error
    more = _table(gomend("scan", "--statistics", "--unsafe-fixes", "examples").stdout)
    assert sum(f for _, f in more.values()) > sum(f for _, f in table.values())


def test_json_rows_and_the_report_to_output(tmp_path: Path) -> None:
    rows = json.loads(gomend("scan", "--statistics", "--format", "json", "examples").stdout)
    assert rows and {"rule", "count", "fixable"} == set(rows[0])
    report = tmp_path / "g.sarif"
    done = gomend("scan", "--statistics", "--format", "sarif", "--output", str(report), "examples")
    assert _table(done.stdout)
    assert json.loads(report.read_text())["version"] == "2.1.0"
    refused = gomend("scan", "--statistics", "--format", "github", "examples")
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        "gomend: error: --statistics prints text or JSON, not --format github"
    ]


def test_diff_and_fix_count_the_fixes_applied(tmp_path: Path) -> None:
    tree = tmp_path / "t"
    (tree / "fetch").mkdir(parents=True)
    (tree / "fetch" / "fetch.go").write_text(FIXABLE)
    shutil.copy(ROOT / "examples" / "exercise-01" / "main.go", tree / "main.go")
    diff = gomend("diff", "--statistics", str(tree))
    assert diff.returncode == 1 and "diff --git" not in diff.stdout
    assert _table(diff.stdout)["lost-cancel"] == (1, 1)
    fixed = gomend("fix", "--statistics", str(tree))
    assert fixed.returncode == 0
    table = _table(fixed.stdout)
    assert fixed.stdout.splitlines()[0].split()[-1] == "fixed"
    assert table["lost-cancel"] == (1, 1)
    assert "defer cancel()" in (tree / "fetch" / "fetch.go").read_text()
    assert gomend("scan", "--statistics", str(tree / "fetch")).stdout == ""


def test_fix_verify_counts_a_reverted_files_findings_but_not_its_fixes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Go turns down the package (stood in for here): its fix is undone, so the table's
    "fixed" column must not count it."""
    from typer.testing import CliRunner

    from gomend.engine.cli import check
    from gomend.engine.cli.app import app
    from gomend.engine.run.verify import Reverted

    (tmp_path / "fetch").mkdir()
    path = tmp_path / "fetch" / "fetch.go"
    path.write_text(FIXABLE)

    def go_turns_it_down(pending: dict[str, tuple[bytes, bytes]], write: object) -> list[Reverted]:
        for name, (before, _) in pending.items():
            Path(name).write_bytes(before)
        return [Reverted(str(path.parent), "declared and not used: x", tuple(pending))]

    monkeypatch.setattr(check, "verify_fixes", go_turns_it_down)
    monkeypatch.setattr(check, "require_go", lambda: None)
    done = CliRunner().invoke(
        app, ["fix", "--verify", "--statistics", "--no-cache", "--no-progress", str(tmp_path)]
    )
    assert done.exit_code == 1, done.output
    assert _table(done.stdout)["lost-cancel"] == (1, 0)
    assert path.read_text() == FIXABLE
