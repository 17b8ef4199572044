from __future__ import annotations

import pytest

from gomend.engine.go import zero
from gomend.engine.go.file import GoFile


@pytest.mark.parametrize(
    ("results", "zeros"),
    [
        ("error", []),
        ("(int, error)", ["0"]),
        ("(*T, string, bool, error)", ["nil", '""', "false"]),
        ("(a, b int, err error)", ["0", "0"]),
        ("(T, error)", None),
        ("int", None),
    ],
)
def test_result_zero_values(results: str, zeros: list[str] | None) -> None:
    file = GoFile.from_source(
        "x.go", f"package p\n\ntype T struct{{}}\n\nfunc f() {results} {{ panic(0) }}\n".encode()
    )
    func = file.tree.root_node.named_children[-1]
    result = func.child_by_field_name("result")
    assert result is not None
    assert zero.result_zero_values(result, file) == zeros
