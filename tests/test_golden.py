"""One test per golden case: exact output, idempotence, expected findings, and Go's checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from gomend.engine.run.golden import (
    GoCheckInput,
    GoldenCase,
    check_with_go,
    discover_cases,
    expected_findings,
    output_of,
    run_codemod,
)

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
CASES = discover_cases(GOLDEN)


@pytest.fixture(scope="session")
def go_problems() -> dict[str, list[str]]:
    """Go's verdict on every case's expected output, computed once for the whole session."""
    items = []
    for case in CASES:
        items.append(
            GoCheckInput(
                key=case.id,
                filename=case.name.replace("-", "_") + ".go",
                content=case.expected_output,
                vet=case.after is not None,
            )
        )
    return check_with_go(items)


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
