"""gomaxprocs-in-library beyond the golden cases: test files and external test packages."""

from __future__ import annotations

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
