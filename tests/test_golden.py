"""One test per golden case: exact output, idempotence, expected findings, and Go's checks; and
an audit of every fix (no empty block or func literal left, no line ending unlike the file's)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gomend.engine.go.toolchain import check_with_go
from gomend.engine.run.golden import (
    GoldenCase,
    PackageCase,
    discover_cases,
    discover_package_cases,
    expected_findings,
    output_of,
    run_codemod,
    run_package,
)

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
CASES = discover_cases(GOLDEN)
PACKAGES = discover_package_cases(GOLDEN)


@pytest.fixture(scope="session")
def go_problems() -> dict[str, list[str]]:
    """Go's verdict on every case's expected output, computed once for the whole session."""
    return check_with_go([case.go_check() for case in [*CASES, *PACKAGES]])


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES] + [c.id for c in PACKAGES]
    assert len(ids) == len(set(ids)), "a package case is named as a one-file case"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_golden_case(
    case: GoldenCase, go_problems: dict[str, list[str]], request: pytest.FixtureRequest
) -> None:
    source = case.before.read_bytes()
    result = run_codemod(case.codemod, case.isolated_path, source)
    assert result.status in ("changed", "unchanged"), result.reason
    output = output_of(result, source)

    if request.config.getoption("--update-golden"):
        target = case.before.with_name(f"{case.name}.after.go")
        if output != source:
            target.write_bytes(output)
        elif target.exists():
            target.unlink()
        return

    if case.name.startswith("ok-"):
        assert not result.findings, [f"{f.line}: {f.message}" for f in result.findings]
    assert output == case.expected_output, (
        "output differs from the golden file (pytest --update-golden to review)"
    )

    found = sorted((f.line, f.rule) for f in result.findings)
    assert found == expected_findings(source)

    again = run_codemod(case.codemod, case.isolated_path, output)
    assert output_of(again, output) == output, "a second run changed the output"

    assert go_problems[case.id] == []


@pytest.mark.parametrize("case", PACKAGES, ids=[c.id for c in PACKAGES])
def test_golden_package(
    case: PackageCase, go_problems: dict[str, list[str]], request: pytest.FixtureRequest
) -> None:
    sources = case.sources()
    results = run_package(case.codemod, case.name, sources, case.go_mod)
    assert sorted(results) == sorted(sources), "every file of the package was run"
    for name, result in results.items():
        assert result.status in ("changed", "unchanged"), f"{name}: {result.reason}"
    outputs = {name: output_of(results[name], source) for name, source in sources.items()}

    if request.config.getoption("--update-golden"):
        for name, output in outputs.items():
            target = case.folder / (name.removesuffix(".go") + ".after.go")
            if output != sources[name]:
                target.write_bytes(output)
            elif target.exists():
                target.unlink()
        return

    if case.name.startswith("ok-"):
        found_any = [
            f"{name}:{f.line}: {f.message}" for name, r in results.items() for f in r.findings
        ]
        assert not found_any
    for name, expected in case.expected_outputs().items():
        assert outputs[name] == expected, (
            f"{name}: output differs from the golden file (pytest --update-golden to review)"
        )

    for name, source in sources.items():
        found = sorted((f.line, f.rule) for f in results[name].findings)
        assert found == expected_findings(source), name

    again = run_package(case.codemod, case.name, outputs, case.go_mod)
    for name, output in outputs.items():
        assert output_of(again[name], output) == output, f"{name}: a second run changed it"

    assert go_problems[case.id] == []


EMPTY_BLOCK = re.compile(rb"\{[ \t]*\r?\n?[ \t]*\}")


def _audit(before: bytes, after: bytes) -> list[str]:
    """What a reviewer would not accept in a fix: a block or func literal it leaves empty,
    a line ending unlike the file's."""
    problems = []
    if len(EMPTY_BLOCK.findall(after)) > len(EMPTY_BLOCK.findall(before)):
        problems.append("the fix leaves an empty block or func literal")
    for ending, other in ((b"\r\n", b"\n"), (b"\n", b"\r\n")):
        lf_only = ending == b"\n"
        before_has = (
            before.count(b"\r\n") if not lf_only else before.count(b"\n") - before.count(b"\r\n")
        )
        after_has = (
            after.count(b"\r\n") if not lf_only else after.count(b"\n") - after.count(b"\r\n")
        )
        if before_has == 0 and after_has:
            problems.append(f"the fix writes {ending!r} line endings into a file of {other!r}")
    return problems


def test_every_fix_passes_the_golden_audit() -> None:
    found = {}
    for case in CASES:
        if case.after is not None:
            problems = _audit(case.before.read_bytes(), case.after.read_bytes())
            if problems:
                found[case.id] = problems
    for package in PACKAGES:
        for f in package.files:
            if f.after is not None:
                problems = _audit(f.before.read_bytes(), f.after.read_bytes())
                if problems:
                    found[f"{package.id}/{f.name}"] = problems
    assert found == {}


def test_the_audit_sees_what_it_is_for() -> None:
    assert _audit(b"var f = func() {\n\tg()\n}\n", b"var f = func() {\n}\n")
    assert _audit(b"a\r\nb\r\n", b"a\r\nc\nb\r\n")
    assert not _audit(b"a\r\nb\r\n", b"a\r\nc\r\nb\r\n")
