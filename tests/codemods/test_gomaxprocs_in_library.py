"""gomaxprocs-in-library beyond the golden cases: test files, external test packages, and
the fix safety (safe only in init)."""

from __future__ import annotations

import pytest

from gomend.engine.codemod import Safety
from gomend.engine.run.golden import run_codemod

LIBRARY = b"""package coollib

import "runtime"

func init() {
	runtime.GOMAXPROCS(4)
}
"""


def test_the_library_itself_is_rewritten() -> None:
    result = run_codemod("gomaxprocs-in-library", "lib.go", LIBRARY)
    assert result.after == b"package coollib\n"


def test_test_files_and_external_test_packages_are_left_alone() -> None:
    assert run_codemod("gomaxprocs-in-library", "lib_test.go", LIBRARY).findings == []
    external = LIBRARY.replace(b"package coollib", b"package coollib_test")
    assert run_codemod("gomaxprocs-in-library", "other.go", external).findings == []


@pytest.mark.parametrize(
    ("func", "safety"),
    [
        ("func init() {\n\truntime.GOMAXPROCS(4)\n\tsetup()\n}", Safety.SAFE),
        ("func Setup() {\n\truntime.GOMAXPROCS(4)\n\tsetup()\n}", Safety.UNSAFE),
        (
            "func init() {\n\tfunc() {\n\t\truntime.GOMAXPROCS(4)\n\t\tsetup()\n\t}()\n}",
            Safety.UNSAFE,
        ),
    ],
)
def test_the_fix_is_safe_only_in_init(func: str, safety: Safety) -> None:
    source = f'package lib\n\nimport "runtime"\n\nfunc setup() {{}}\n\n{func}\n'.encode()
    [finding] = run_codemod("gomaxprocs-in-library", "lib.go", source).findings
    assert finding.fix is not None and finding.fix.safety is safety
