"""gc-left-disabled beyond the golden cases: a memory limit set in a sibling file, test
files, messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from gomend.engine.codemod import Safety
from gomend.engine.run.golden import run_codemod

SETUP = b"""package server

import "runtime/debug"

func setup() {
	debug.SetGCPercent(-1)
}
"""

LIMIT = b"""package server

import "runtime/debug"

func init() {
	debug.SetMemoryLimit(1 << 30)
}
"""


def findings_in(folder: Path, name: str = "setup.go") -> list[int]:
    path = folder / name
    path.write_bytes(SETUP)
    return [f.line for f in run_codemod("gc-left-disabled", str(path), SETUP).findings]


def test_a_memory_limit_in_a_sibling_file_of_the_package_leaves_it_alone(tmp_path: Path) -> None:
    assert findings_in(tmp_path) == [6]
    (tmp_path / "limit.go").write_bytes(LIMIT)
    assert findings_in(tmp_path) == []


def test_a_memory_limit_in_another_package_or_a_test_file_does_not_count(tmp_path: Path) -> None:
    (tmp_path / "other.go").write_bytes(LIMIT.replace(b"package server", b"package other"))
    (tmp_path / "limit_test.go").write_bytes(LIMIT)
    assert findings_in(tmp_path) == [6]


def test_a_test_file_is_left_alone(tmp_path: Path) -> None:
    assert findings_in(tmp_path, "setup_test.go") == []


def test_message_and_safety() -> None:
    (finding,) = run_codemod("gc-left-disabled", "setup.go", SETUP).findings
    assert finding.message == (
        "debug.SetGCPercent(-1) turns garbage collection off for the whole process and "
        "nothing turns it back on, so the heap grows without bound; restore it with "
        "defer debug.SetGCPercent(prev)"
    )
    assert finding.safety == Safety.SAFE
    assert finding.fixed


@pytest.mark.parametrize(
    ("package", "code", "safety"),
    [
        ("lib", "func Load() {\n\tdebug.SetGCPercent(-1)\n\twork()\n}\n", Safety.SAFE),
        (
            "main",
            "func setup() {\n\tdebug.SetGCPercent(-1)\n\twork()\n}\n\nfunc main() {\n\tsetup()\n}\n",
            Safety.UNSAFE,  # only main calls it: GC-off may be meant for the whole run
        ),
        (
            "main",
            "func main() {\n\tf := func() {\n\t\tdebug.SetGCPercent(-1)\n\t\twork()\n\t}\n\tf()\n}\n",
            None,  # in main: the process's lifetime, reported without a fix
        ),
    ],
)
def test_fix_safety_follows_the_process_lifetime(
    package: str, code: str, safety: Safety | None
) -> None:
    source = f'package {package}\n\nimport "runtime/debug"\n\nfunc work() {{}}\n\n{code}'.encode()
    [finding] = run_codemod("gc-left-disabled", "p.go", source).findings
    assert (finding.fix.safety if finding.fix is not None else None) is safety
