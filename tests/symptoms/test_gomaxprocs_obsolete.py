"""GOMAXPROCS follows the CPUs the process may use once `runtime.GOMAXPROCS(runtime.NumCPU())`
is gone.

No test here can set a container's CPU limit (that needs a cgroup), but Go 1.25's runtime
follows the CPUs available to the process as well (`defaultGOMAXPROCS` in
`runtime/cgroup_linux.go`: the minimum of `sched_getaffinity`'s count and the cgroup limit,
rechecked by sysmon at most once a second). So the test starts the program, narrows every
one of its threads to CPU 0, and reads `GOMAXPROCS(0)` three seconds later. Measured on two
CPUs: with the call the value stays 2; after `gomend fix --unsafe-fixes` it drops to 1.
The module says `go 1.27`: on a `go` line before 1.25 the runtime keeps its old default
(`containermaxprocs=0`, `updatemaxprocs=0`) and gomaxprocs-obsolete is silent.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gomend.engine.go.toolchain import go_binary, go_env
from tests.gorun import rewrite

PROGRAM = b"""package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(runtime.NumCPU())
	fmt.Println(runtime.GOMAXPROCS(0))
	bufio.NewReader(os.Stdin).ReadString('\\n')
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); {
		time.Sleep(time.Millisecond) // keep the scheduler awake, as a serving program is
	}
	fmt.Println(runtime.GOMAXPROCS(0))
}
"""


def procs_before_and_after_narrowing(tmp: Path, source: bytes) -> tuple[int, int]:
    (tmp / "go.mod").write_text("module example.com/symptom\n\ngo 1.27\n")
    (tmp / "main.go").write_bytes(source)
    go = go_binary()
    env = go_env(go)
    subprocess.run([go, "build", "-o", "prog", "."], cwd=tmp, env=env, check=True, timeout=120)
    proc = subprocess.Popen(
        [str(tmp / "prog")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdin is not None
    first = int(proc.stdout.readline())
    for tid in os.listdir(f"/proc/{proc.pid}/task"):
        os.sched_setaffinity(int(tid), {0})
    proc.stdin.write("\n")
    proc.stdin.flush()
    second = int(proc.stdout.readline())
    assert proc.wait(timeout=30) == 0
    return first, second


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="needs Linux and two CPUs to narrow the process to one",
)
def test_gomaxprocs_follows_the_cpus_once_the_call_is_gone(tmp_path: Path) -> None:
    after = rewrite("gomaxprocs-obsolete", PROGRAM)
    assert b"runtime.GOMAXPROCS(runtime.NumCPU())" not in after
    two = len(os.sched_getaffinity(0))
    (tmp_path / "before").mkdir()
    (tmp_path / "after").mkdir()
    assert procs_before_and_after_narrowing(tmp_path / "before", PROGRAM) == (two, two)
    assert procs_before_and_after_narrowing(tmp_path / "after", after) == (two, 1)
