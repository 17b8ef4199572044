"""unpaired-lock-os-thread beyond the golden cases: test files and where a finding points."""

from __future__ import annotations

from gomend.engine.run.golden import run_codemod

WORKER = b"""package gl

import "runtime"

func work() {
	runtime.LockOSThread()
	println("work")
}
"""

# Lock, unlock, lock: the first lock is paired, so the finding points at the second.
RELOCK = b"""package gl

import "runtime"

func work() {
	runtime.LockOSThread()
	runtime.UnlockOSThread()
	println("between")
	runtime.LockOSThread()
	println("work")
}
"""


def test_a_test_file_is_left_alone() -> None:
    result = run_codemod("unpaired-lock-os-thread", "gl_test.go", WORKER)
    assert result.findings == []


def test_the_finding_points_at_the_first_lock_with_no_unlock_after_it() -> None:
    result = run_codemod("unpaired-lock-os-thread", "gl.go", RELOCK)
    assert [f.line for f in result.findings] == [9]
    assert result.after is not None
    assert b'\truntime.LockOSThread()\n\tdefer runtime.UnlockOSThread()\n\tprintln("work")' in (
        result.after
    )
