"""SARIF output: valid against the official 2.1.0 schema, rules with their documentation,
results where the findings are, and fixes whose replacements give what gomend writes."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from gomend.engine.cli.app import app
from gomend.engine.cli.sarif import MAX_EXACT_FIXES, LineIndex, fix_replacements, sarif_document
from gomend.engine.codemod import Codemod, Finding, Match, Safety
from gomend.engine.go.edits import Edit
from gomend.engine.registry import get_codemod
from gomend.engine.run.fixpoint import apply_fix, process_source
from gomend.engine.run.options import RunOptions

SCHEMA = json.loads((Path(__file__).parents[2] / "data" / "sarif-schema-2.1.0.json").read_text())
LOST = "lost-cancel"
FIXABLE = (
    'package p\n\nimport "context"\n\nfunc f(parent context.Context) {\n'
    "\tctx, _ := context.WithCancel(parent)\n\t_ = ctx\n}\n"
)
NON_ASCII = (
    'package p\n\nimport "context"\n\nfunc f(parent context.Context) {\n'
    "\tctx, _ := /* héllo 𝄞 */ context.WithCancel(parent)\n\t_ = ctx\n}\n"
)
UNFIXABLE = (  # in a loop: reported without a fix
    'package p\n\nimport "context"\n\nfunc f(parent context.Context) {\n'
    "\tfor i := 0; i < 3; i++ {\n\t\tctx, _ := context.WithCancel(parent)\n\t\tif i == 1 {\n"
    "\t\t\tcontinue\n\t\t}\n\t\t_ = ctx\n\t}\n}\n"
)
NO_REASON = FIXABLE.replace(
    "WithCancel(parent)\n", "WithCancel(parent) //gomend:ignore lost-cancel\n"
)


def validate(doc: dict[str, Any]) -> None:
    validator_class = jsonschema.validators.validator_for(SCHEMA)
    validator_class.check_schema(SCHEMA)
    validator_class(SCHEMA).validate(doc)


def gomend(cwd: Path, *args: str) -> Any:
    with contextlib.chdir(cwd):
        return CliRunner().invoke(app, list(args))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    files = {
        "fix.go": FIXABLE,
        "crlf.go": FIXABLE.replace("\n", "\r\n"),
        "wide.go": NON_ASCII,
        "loop.go": UNFIXABLE,
        "reason.go": NO_REASON,
        "clean.go": "package p\n",
        "dir with space/x.go": FIXABLE,
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode())
    return tmp_path


def apply_replacements(text: str, replacements: list[dict[str, Any]]) -> str:
    """Apply SARIF replacements (1-based lines, UTF-16 columns) to a text, last first."""
    index = LineIndex(text)

    def offset(line: int, column: int) -> int:
        start = index.starts[line - 1]
        units = 0
        pos = start
        while units < column - 1:
            units += len(text[pos].encode("utf-16-le")) // 2
            pos += 1
        return pos

    spans = []
    for r in replacements:
        region = r["deletedRegion"]
        start = offset(region["startLine"], region["startColumn"])
        end = offset(region["endLine"], region["endColumn"])
        spans.append((start, end, r["insertedContent"]["text"]))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def scan_sarif(project: Path, *args: str) -> dict[str, Any]:
    result = gomend(project, "scan", "--format", "sarif", *args, ".")
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    validate(doc)
    return doc


def test_scan_sarif_is_valid_and_complete(project: Path) -> None:
    doc = scan_sarif(project)
    assert doc["version"] == "2.1.0"
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "gomend"
    rules = {r["id"]: r for r in driver["rules"]}
    lost = rules[LOST]
    codemod = get_codemod(LOST)
    assert lost["shortDescription"]["text"] == codemod.title
    assert lost["fullDescription"]["text"].startswith("Finds `context.WithCancel`")
    for section in ("## What it does", "## Why is this bad?", "## Fix safety"):
        assert section in lost["help"]["markdown"] and section in lost["help"]["text"]
    assert "suppression-without-reason" in rules
    by_path: dict[str, list[dict[str, Any]]] = {}
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        by_path.setdefault(uri, []).append(res)
    assert sorted(by_path) == [
        "crlf.go",
        "dir%20with%20space/x.go",
        "fix.go",
        "loop.go",
        "reason.go",
        "wide.go",
    ]
    (fix,) = by_path["fix.go"]
    assert fix["ruleId"] == LOST and fix["level"] == "warning"
    assert fix["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 6,
        "startColumn": 12,  # the call: after a tab and "ctx, _ := "
        "endLine": 6,
        "endColumn": 12 + len("context.WithCancel(parent)"),
    }
    assert fix["properties"] == {"fixSafety": "safe", "fixed": False}
    (loop,) = by_path["loop.go"]
    assert "fixes" not in loop and loop["properties"]["fixSafety"] == "none"
    (reason,) = by_path["reason.go"]
    assert reason["ruleId"] == "suppression-without-reason" and "fixes" not in reason


def test_columns_are_utf16_code_units(project: Path) -> None:
    doc = scan_sarif(project)
    (wide,) = [
        r
        for r in doc["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "wide.go"
    ]
    region = wide["locations"][0]["physicalLocation"]["region"]
    line = NON_ASCII.splitlines()[5]
    start = line.index("context.WithCancel")
    assert region["startColumn"] == len(line[:start].encode("utf-16-le")) // 2 + 1
    assert region["startColumn"] == start + 2  # one more: the 𝄞 is two UTF-16 code units


@pytest.mark.parametrize("name", ["fix.go", "crlf.go", "wide.go", "dir with space/x.go"])
def test_fix_replacements_give_what_gomend_fix_writes(project: Path, name: str) -> None:
    doc = scan_sarif(project)
    uri = name.replace(" ", "%20")
    (res,) = [
        r
        for r in doc["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri
    ]
    (fix,) = res["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == uri
    original = (project / name).read_bytes().decode()
    patched = apply_replacements(original, change["replacements"])
    assert gomend(project, "fix", name).exit_code == 0
    assert patched == (project / name).read_bytes().decode()


def test_diff_sarif_to_output_file_keeps_the_diff_on_the_terminal(project: Path) -> None:
    result = gomend(project, "diff", "--format", "sarif", "--output", "out.sarif", ".")
    assert result.exit_code == 1
    assert result.stdout.startswith("diff --git a/") or result.stdout.startswith("--- a/")
    doc = json.loads((project / "out.sarif").read_text())
    validate(doc)
    fixed = [r for r in doc["runs"][0]["results"] if r["properties"]["fixed"]]
    assert len(fixed) == 4  # fix.go, crlf.go, wide.go, dir with space/x.go


def test_failed_and_skipped_files_are_notifications(tmp_path: Path) -> None:
    (tmp_path / "deep.go").write_text(
        'package p\n\nimport "context"\n\nvar _, _ = context.WithCancel('
        + "(" * 599
        + "nil"
        + ")" * 600
        + "\n"
    )
    (tmp_path / "fix.go").write_text(FIXABLE)
    doc = scan_sarif(tmp_path)
    (invocation,) = doc["runs"][0]["invocations"]
    (note,) = invocation["toolExecutionNotifications"]
    assert "deep.go" in note["message"]["text"] and "nested 600" in note["message"]["text"]


def test_text_go_cannot_read_is_a_syntax_error_result(tmp_path: Path) -> None:
    (tmp_path / "bin.go").write_bytes(b"package p\x00\n")
    run = scan_sarif(tmp_path)["runs"][0]
    (result,) = run["results"]
    assert (result["ruleId"], result["level"]) == ("syntax-error", "error")
    assert "illegal character NUL" in result["message"]["text"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (1, 10)


def test_a_syntax_error_is_an_error_result_with_its_own_rule(tmp_path: Path) -> None:
    (tmp_path / "broken.go").write_text(
        'package p\n\nimport "runtime"\n\nfunc f() {\n\truntime.GC()\n\tx := \n}\n'
    )
    doc = scan_sarif(tmp_path)
    run = doc["runs"][0]
    (result,) = run["results"]
    assert (result["ruleId"], result["level"]) == ("syntax-error", "error")
    # where Go's own parser puts the error (gofmt -e: 8:1, "expected operand")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (8, 1)
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == "syntax-error"
    assert rule["defaultConfiguration"]["level"] == "error"


# --- fixes that touch imports: replacements from a diff ----------------------------------


def _to_log(m: Match) -> Finding:
    call = m["call"]
    fn = call.child_by_field_name("function")
    assert fn is not None
    edit = Edit(fn.start_byte, fn.end_byte, "log.Println")
    fix = m.fix([edit], Safety.SAFE, add_imports=("log",), drop_imports=("fmt",))
    return m.report(call, "fmt.Println writes to stdout; log it instead", fix)


TO_LOG = Codemod(
    id="to-log",
    title="Println to the log",
    doc="Println to the log\n\n## What it does\nRewrites.\n\n## Why is this bad?\n\n## Example\n\n"
    "## Use instead\n\n## Fix safety\nSafe.\n",
    safety=Safety.SAFE,
    query='(call_expression function: (selector_expression operand: (identifier) @pkg (#eq? @pkg "fmt") '
    'field: (field_identifier) @name (#eq? @name "Println"))) @call',
    rewrite=_to_log,
    imports=("fmt",),
)


@pytest.mark.parametrize("crlf", [False, True])
def test_fix_with_import_changes(crlf: bool) -> None:
    source = 'package p\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc f() {\n\tfmt.Println(os.Args)\n}\n'
    if crlf:
        source = source.replace("\n", "\r\n")
    raw = source.encode()
    result = process_source("p.go", raw, RunOptions(codemod_ids=()), codemods=[TO_LOG])
    (finding,) = result.findings
    after = apply_fix(raw, finding, crlf)
    assert b'"log"' in after and b'"fmt"' not in after
    reps = fix_replacements(raw, finding, crlf)
    assert len(reps) >= 2  # the call and the import block
    text = source
    for start, end, new in sorted(reps, reverse=True):
        text = text[:start] + new + text[end:]
    assert text.encode() == after
    assert result.after == after  # the same as the whole run writes


def test_document_for_a_codemod_outside_the_registry(tmp_path: Path) -> None:
    path = tmp_path / "p.go"
    path.write_text('package p\n\nimport "fmt"\n\nfunc f() {\n\tfmt.Println(1)\n}\n')
    result = process_source(
        str(path), path.read_bytes(), RunOptions(codemod_ids=()), codemods=[TO_LOG]
    )
    with contextlib.chdir(Path(__file__).parent):
        doc = sarif_document([result], [TO_LOG], fixes_written=True)
    validate(doc)
    (res,) = doc["runs"][0]["results"]
    assert res["ruleId"] == "to-log" and res["properties"]["fixed"] is True
    # outside the current folder: an absolute file URI, no base id
    location = res["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": path.as_uri()}
    replacements = res["fixes"][0]["artifactChanges"][0]["replacements"]
    assert apply_replacements(path.read_text(), replacements).encode() == result.after


def test_a_file_of_many_fixes_gets_each_fix_in_linear_time(tmp_path: Path) -> None:
    """Above MAX_EXACT_FIXES fixes in a file, each result's replacements are its own edits
    (the exact path parsed the file once per finding: 5,000 findings took six minutes); they
    are what the fix alone writes, and the document stays valid."""
    func = "func f{i}(p context.Context) {{\n\tctx, _ := context.WithCancel(p)\n\t_ = ctx\n}}\n"
    source = 'package p\n\nimport "context"\n\n// café\n' + "\n".join(
        func.format(i=i) for i in range(MAX_EXACT_FIXES + 50)
    )
    (tmp_path / "many.go").write_text(source)
    doc = scan_sarif(tmp_path)
    results = doc["runs"][0]["results"]
    assert len(results) == MAX_EXACT_FIXES + 50 and all("fixes" in r for r in results)
    raw = source.encode()
    many = process_source("many.go", raw, RunOptions(codemod_ids=("lost-cancel",)))
    for finding in many.findings[:: MAX_EXACT_FIXES // 4]:
        assert fix_replacements(raw, finding, False, exact=False) == fix_replacements(
            raw, finding, False
        )
