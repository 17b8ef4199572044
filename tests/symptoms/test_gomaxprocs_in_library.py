"""Exercise 2 healed: the GOMAXPROCS a program sees when it imports the library.

As measured for the codemod's documentation (docs/codemods.md): a ``main`` package imports
the exercise's library with a blank import and prints ``runtime.GOMAXPROCS(0)``, started with
the ``GOMAXPROCS`` environment variable set to 1 and to 3 (values the machine's CPU count
cannot explain). Before the rewrite the library's 4 wins over both; after it, the variable is
obeyed again.
"""

from __future__ import annotations

from pathlib import Path

from tests.gorun import rewrite, run_go

CASE = (
    Path(__file__).resolve().parents[2]
    / "golden"
    / "gomaxprocs-in-library"
    / "exercise-2.before.go"
)
SETTINGS = ("1", "3")

MAIN = f"""package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	_ "example.com/symptom/coollib"
)

// The parent starts itself once per setting, so that one build serves every setting.
func main() {{
	if os.Getenv("LAB_CHILD") != "" {{
		fmt.Print(runtime.GOMAXPROCS(0))
		return
	}}
	var seen []string
	for _, setting := range []string{{"{'", "'.join(SETTINGS)}"}} {{
		child := exec.Command(os.Args[0])
		child.Env = append(os.Environ(), "LAB_CHILD=1", "GOMAXPROCS="+setting)
		out, err := child.Output()
		if err != nil {{
			panic(err)
		}}
		seen = append(seen, string(out))
	}}
	fmt.Println(strings.Join(seen, " "))
}}
"""


def gomaxprocs_seen(library: bytes) -> list[int]:
    done = run_go({"main.go": MAIN, "coollib/lib.go": library})
    assert done.returncode == 0, done.stderr
    return [int(v) for v in done.stdout.split()]


def test_exercise_2_overrides_the_application_before_and_not_after() -> None:
    before = CASE.read_bytes()
    after = rewrite("gomaxprocs-in-library", before)
    assert after != before

    assert gomaxprocs_seen(before) == [4, 4]  # the library's value, whatever was asked
    assert gomaxprocs_seen(after) == [int(s) for s in SETTINGS]  # the runtime's default
