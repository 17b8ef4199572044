"""unpaired-lock-os-thread: the fix is safe only for a goroutine's own work."""

from __future__ import annotations

import pytest

from gomend.engine.codemod import Safety
from gomend.engine.run.golden import run_codemod

LOCKS = "\truntime.LockOSThread()\n\twork()\n"


@pytest.mark.parametrize(
    ("code", "safety"),
    [
        (f"func Run() {{\n{LOCKS}}}\n", Safety.UNSAFE),  # exported: may lock for its caller
        (f"func run() {{\n{LOCKS}}}\n\nfunc Start() {{\n\tgo run()\n}}\n", Safety.SAFE),
        (f"func run() {{\n{LOCKS}}}\n\nfunc Start() {{\n\trun()\n}}\n", Safety.UNSAFE),
        (
            "func Start() {\n\tgo func() {\n\t\truntime.LockOSThread()\n\t\twork()\n\t}()\n}\n",
            Safety.SAFE,
        ),
    ],
)
def test_fix_safety_follows_who_runs_the_body(code: str, safety: Safety) -> None:
    source = f'package p\n\nimport "runtime"\n\nfunc work() {{}}\n\n{code}'.encode()
    [finding] = run_codemod("unpaired-lock-os-thread", "p.go", source).findings
    assert finding.fix is not None
    assert finding.fix.safety is safety


def test_a_thread_handed_to_a_native_run_loop_is_left_alone() -> None:
    # not a golden case: Go cannot build it without fetching the GUI module
    source = (
        b'package tray\n\nimport (\n\t"runtime"\n\n\t"example.com/desktop/systray"\n)\n\n'
        b"func Start(onReady func()) {\n\tgo func() {\n\t\truntime.LockOSThread()\n"
        b"\t\tsystray.Run(onReady)\n\t}()\n}\n"
    )
    assert run_codemod("unpaired-lock-os-thread", "tray.go", source).findings == []
    worker = source.replace(b"systray.Run(onReady)", b"systray.Refresh(onReady)")
    assert len(run_codemod("unpaired-lock-os-thread", "tray.go", worker).findings) == 1
