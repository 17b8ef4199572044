"""JSON and GitHub Actions reports, and --output beside the terminal's text."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gomend.engine.cli.app import app
from gomend.engine.cli.report import github_annotations, github_escape_data, github_escape_property
from gomend.engine.codemod import Finding
from gomend.engine.run.result import FileResult

LOST = "lost-cancel"
FIXABLE = (
    'package p\n\nimport "context"\n\nfunc f(parent context.Context) {\n'
    "\tctx, _ := context.WithCancel(parent)\n\t_ = ctx\n}\n"
)
UNFIXABLE = (
    'package p\n\nimport "context"\n\nfunc f(parent context.Context) {\n'
    "\tfor i := 0; i < 3; i++ {\n\t\tctx, _ := context.WithCancel(parent)\n\t\tif i == 1 {\n"
    "\t\t\tcontinue\n\t\t}\n\t\t_ = ctx\n\t}\n}\n"
)
MESSAGE = (
    "the cancel function of context.WithCancel is discarded, so the context lives until its "
    "parent ends; keep it and defer cancel()"
)
LOOP_MESSAGE = (
    "the cancel function of context.WithCancel is discarded, so the context lives until its "
    "parent ends; keep it and call it when each iteration's work is done (a defer in a loop "
    "runs only at return)"
)


DEEP = (
    'package p\n\nimport "context"\n\nvar _, _ = context.WithCancel('
    + "(" * 599
    + "nil"
    + ")" * 600
    + "\n"
)
DEEP_REASON = "nested 600 levels deep (gomend analyses 500)"


def gomend(cwd: Path, *args: str) -> Any:
    with contextlib.chdir(cwd):
        return CliRunner().invoke(app, list(args))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "fix.go").write_text(FIXABLE)
    (tmp_path / "loop.go").write_text(UNFIXABLE)
    # skipped: nested deeper than gomend analyses
    (tmp_path / "broken.go").write_text(DEEP)
    return tmp_path


FINDING_KEYS = [
    "rule",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "message",
    "safety",
    "fixable",
    "fixed",
    "go_version",
    "build",
]


@pytest.mark.parametrize(("command", "fixed"), [("scan", False), ("diff", True)])
def test_json_key_by_key(project: Path, command: str, fixed: bool) -> None:
    result = gomend(project, command, "--format", "json", ".")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert list(doc) == ["version", "findings", "files", "summary"]
    first, second = doc["findings"]
    assert list(first) == FINDING_KEYS
    assert first == {
        "rule": LOST,
        "path": "fix.go",
        "line": 6,
        "column": 12,
        "end_line": 6,
        "end_column": 38,
        "message": MESSAGE,
        "safety": "safe",
        "fixable": True,
        "fixed": fixed,
        "go_version": None,  # no go.mod: the newest Go
        "build": None,
    }
    assert second == {
        "rule": LOST,
        "path": "loop.go",
        "line": 7,
        "column": 13,
        "end_line": 7,
        "end_column": 39,
        "message": LOOP_MESSAGE,
        "safety": "none",
        "fixable": False,
        "fixed": False,
        "go_version": None,
        "build": None,
    }
    assert doc["files"]["broken.go"] == {"status": "skipped", "reason": DEEP_REASON}
    fix_entry = doc["files"]["fix.go"]
    assert fix_entry["status"] == "would change"  # neither scan nor diff writes
    if command == "diff":  # the patch git apply takes
        assert fix_entry["patch"].startswith("diff --git a/fix.go b/fix.go\n")
        assert "+\tdefer cancel()\n" in fix_entry["patch"]
    else:
        assert "patch" not in fix_entry
    assert doc["files"]["loop.go"] == {"status": "unchanged"}
    summary = doc["summary"]
    assert (summary["files"], summary["skipped"], summary["failed"]) == (3, 1, 0)
    assert summary["findings"] == {LOST: 2}


def test_findings_say_which_go_and_which_build_they_were_judged_for(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.22\n")
    (tmp_path / "linux.go").write_text("//go:build linux && amd64\n\n" + FIXABLE)
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "go.mod").write_text("module old\n")  # no go line
    (tmp_path / "old" / "odd.go").write_text("//go:build linux &&\n\n" + FIXABLE)
    (tmp_path / "old" / "odd2.go").write_text(FIXABLE)
    doc = json.loads(gomend(tmp_path, "scan", "--no-cache", "--format", "json", ".").stdout)
    judged = {f["path"]: (f["go_version"], f["build"]) for f in doc["findings"]}
    assert judged == {
        "linux.go": ("1.22", "linux && amd64"),
        "old/odd.go": (None, "linux &&"),
        "old/odd2.go": (None, None),
    }
    result = gomend(tmp_path, "scan", "--no-cache", "--no-progress", ".")
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [  # each once, however many files it concerns
        "gomend: warning: old/go.mod: no valid go line; the files below it are judged as the "
        "newest Go",
        "gomend: warning: old/odd.go: //go:build line does not parse (linux &&); analysed all "
        "the same",
    ]
    sarif = json.loads(gomend(tmp_path, "scan", "--no-cache", "--format", "sarif", ".").stdout)
    linux = next(
        r
        for r in sarif["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "linux.go"
    )
    assert linux["properties"]["goVersion"] == "1.22"
    assert linux["properties"]["buildConstraint"] == "linux && amd64"
    assert linux["message"]["text"].endswith(
        "(the file builds only where //go:build linux && amd64)"
    )


# --- GitHub Actions ----------------------------------------------------------------------


ANNOTATION_RE = re.compile(r"^::(?P<level>warning|error|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def unescape(text: str) -> str:
    return re.sub(r"%([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), text)


def parse_annotation(line: str) -> dict[str, str]:
    """A workflow command back into its fields, as the Actions runner reads it."""
    match = ANNOTATION_RE.match(line)
    assert match is not None, line
    fields = {"level": match["level"], "message": unescape(match["message"])}
    for prop in match["props"].split(","):
        key, _, value = prop.partition("=")
        fields[key] = unescape(value)
    return fields


def test_github_annotations_parse_back(project: Path) -> None:
    result = gomend(project, "scan", "--format", "github", ".")
    assert result.exit_code == 1
    parsed = [parse_annotation(line) for line in result.stdout.splitlines()]
    doc = json.loads(gomend(project, "scan", "--format", "json", ".").stdout)
    assert len(parsed) == len(doc["findings"]) == 2
    for fields, finding in zip(parsed, doc["findings"], strict=True):
        assert fields == {
            "level": "warning",
            "file": finding["path"],
            "line": str(finding["line"]),
            "col": str(finding["column"]),
            "endLine": str(finding["end_line"]),
            "endColumn": str(finding["end_column"]),
            "title": f"gomend: {finding['rule']}",
            "message": finding["message"],
        }


def test_github_escaping_round_trips() -> None:
    path = "odd,dir:x/100%.go"
    message = "50% of 1,000: bad\r\nsecond line"
    finding = Finding("rule-x", message, 0, 1, 3, 4, 5, 6)
    (line,), _ = github_annotations([FileResult(path, "unchanged", findings=[finding])])
    assert "\n" not in line and "\r" not in line
    props = line.split("::")[1]
    assert props.count(",") == 5  # only the separators: commas inside values are escaped
    fields = parse_annotation(line)
    assert fields["file"] == path and fields["message"] == message
    assert (fields["line"], fields["col"], fields["endLine"], fields["endColumn"]) == (
        "3",
        "4",
        "5",
        "6",
    )
    assert github_escape_data("a%b:c,d\n") == "a%25b:c,d%0A"
    assert github_escape_property("a%b:c,d\r") == "a%25b%3Ac%2Cd%0D"


def test_diff_github_lists_findings(project: Path) -> None:
    result = gomend(project, "diff", "--format", "github", ".")
    assert result.exit_code == 1
    assert [parse_annotation(x)["file"] for x in result.stdout.splitlines()] == [
        "fix.go",
        "loop.go",
    ]


# --- --output --------------------------------------------------------------------------------


def test_output_file_gets_the_format_and_the_terminal_the_text(project: Path) -> None:
    result = gomend(project, "scan", "--format", "json", "--output", "report.json", ".")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"fix.go:6:12: {LOST} [*] {MESSAGE}",  # [*]: fix would fix it
        f"loop.go:7:13: {LOST} {LOOP_MESSAGE}",
    ]
    doc = json.loads((project / "report.json").read_text())
    assert [f["path"] for f in doc["findings"]] == ["fix.go", "loop.go"]


def test_output_github_to_file(project: Path) -> None:
    result = gomend(project, "scan", "--format", "github", "--output", "gh.txt", ".")
    assert result.stdout.startswith("fix.go:6:12: ")
    lines = (project / "gh.txt").read_text().splitlines()
    assert [parse_annotation(x)["line"] for x in lines] == ["6", "7"]


def test_output_text_diff_to_file(project: Path) -> None:
    result = gomend(project, "diff", "--output", "fixes.patch", ".")
    assert result.exit_code == 1
    assert (project / "fixes.patch").read_text() == result.stdout
    assert "+\tdefer cancel()" in result.stdout


def test_output_to_unwritable_place_exits_2(project: Path) -> None:
    result = gomend(project, "scan", "--format", "sarif", "--output", "no/such/dir/x.sarif", ".")
    assert result.exit_code == 2
    assert "cannot write --output no/such/dir/x.sarif" in result.stderr


def test_unused_suppressions_option(project: Path) -> None:
    (project / "stale.go").write_text("package p\n\nvar x = 1 //nolint:lost-cancel\n")
    plain = gomend(project, "scan", "--format", "json", ".")
    asked = gomend(project, "scan", "--format", "json", "--report-unused-suppressions", ".")
    rules = [f["rule"] for f in json.loads(asked.stdout)["findings"]]
    assert "unused-suppression" in rules
    assert "unused-suppression" not in [f["rule"] for f in json.loads(plain.stdout)["findings"]]


def test_text_marks_what_fix_would_do_and_counts_findings(tmp_path: Path) -> None:
    (tmp_path / "fix.go").write_text(FIXABLE)  # a safe fix
    (tmp_path / "loop.go").write_text(UNFIXABLE)  # reported only
    (tmp_path / "gc.go").write_text(  # an unsafe fix: a setup step turns GC off for good
        'package main\n\nimport "runtime/debug"\n\nfunc setup() {\n\tdebug.SetGCPercent(-1)\n}\n'
        "\nfunc main() {\n\tsetup()\n}\n"
    )
    result = gomend(tmp_path, "scan", "--no-cache", "--no-progress", ".")
    lines = result.stdout.splitlines()
    assert [line.split(" ", 2)[1] for line in lines] == [LOST, "gc-left-disabled", LOST]
    assert f" {LOST} [*] " in lines[0]
    assert " gc-left-disabled [unsafe] " in lines[1]
    assert f" {LOST} [" not in lines[2]  # report only: no mark
    summary, hint = result.stderr.splitlines()[-2:]
    assert summary.startswith("3 files scanned, 0 skipped, 1 fixable; 3 findings")
    assert hint == "1 more fix with --unsafe-fixes (see 'gomend explain ID')"
    unsafe = gomend(tmp_path, "scan", "--no-cache", "--no-progress", "--unsafe-fixes", ".")
    assert " gc-left-disabled [*] " in unsafe.stdout
    assert ", 2 fixable; 3 findings" in unsafe.stderr and "more fix" not in unsafe.stderr


def test_github_output_fits_githubs_limits_and_writes_the_job_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(14):  # 14 findings, and a syntax error that must come first
        (tmp_path / f"f{n:02}.go").write_text(FIXABLE.replace("package p", f"package p{n}"))
    (tmp_path / "z.go").write_text(
        'package z\n\nimport "runtime"\n\nfunc f() {\n\truntime.GC()\n\tx :=\n}\n'
    )
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = gomend(tmp_path, "scan", "--no-cache", "--format", "github", ".")
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 10  # GitHub shows 10 per step
    assert annotations[0].startswith("::error file=z.go,")  # the most severe first
    assert lines[-1].startswith("gomend: 5 more findings not annotated (GitHub shows 10 per step")
    text = summary.read_text()
    assert text.startswith("## gomend scan: 15 findings\n")
    assert f"| `{LOST}` | 14 | 14 |" in text and "| `syntax-error` | 1 | 0 |" in text
    assert "| `f00.go` | 1 |" in text and "gomend fix" in text
    wide = gomend(
        tmp_path, "scan", "--no-cache", "--format", "github", "--max-annotations", "50", "."
    )
    assert len([line for line in wide.stdout.splitlines() if line.startswith("::")]) == 15


def test_sarif_fingerprints_survive_lines_moving(tmp_path: Path) -> None:
    def fingerprints(source: str) -> list[str]:
        (tmp_path / "fix.go").write_text(source)
        doc = json.loads(gomend(tmp_path, "scan", "--no-cache", "--format", "sarif", ".").stdout)
        return [r["partialFingerprints"]["gomendStatement/v1"] for r in doc["runs"][0]["results"]]

    twice = FIXABLE + FIXABLE.split("\n", 3)[3].replace("func f(", "func g(")
    before = fingerprints(twice)
    assert len(before) == 2 and len(set(before)) == 2  # the same text twice: told apart
    moved = twice.replace("package p\n", "package p\n\n// Package p does things.\n\n", 1)
    assert fingerprints(moved) == before  # lines moved: the same alerts
