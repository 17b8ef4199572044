"""Exercises 6 and 13 healed: no stale goroutine labels after unscoped-goroutine-labels' rewrite.

As measured for the codemod's documentation (docs/codemods.md): the labels of a goroutine are
read from a goroutine profile (``pprof.Lookup("goroutine").WriteTo(w, 1)``, where each group
of goroutines carries a ``# labels: {...}`` line when it has labels). Exercise 6: main after
the loop, and a goroutine it starts afterwards. Exercise 13: the pool worker while it runs
the job and once it is idle.
"""

from __future__ import annotations

from pathlib import Path

from tests.gorun import rewrite, run_go

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "unscoped-goroutine-labels"

# labelsOf prints the labels of the goroutine group whose stack holds every one of frames.
PROFILE = """package main

import (
	"bytes"
	"fmt"
	"runtime/pprof"
	"strings"
)

func labelsOf(frames ...string) (string, bool) {
	var buf bytes.Buffer
	pprof.Lookup("goroutine").WriteTo(&buf, 1)
	for _, group := range strings.Split(buf.String(), "\\n\\n") {
		found := true
		for _, f := range frames {
			found = found && strings.Contains(group, f)
		}
		if !found {
			continue
		}
		for _, line := range strings.Split(group, "\\n") {
			if l, ok := strings.CutPrefix(line, "# labels: "); ok {
				return l, true
			}
		}
		return "none", true
	}
	return "", false
}

func report(name string, frames ...string) {
	labels, ok := labelsOf(frames...)
	if !ok {
		panic("no goroutine with " + strings.Join(frames, ", "))
	}
	fmt.Printf("%s=%s\\n", name, labels)
}
"""

LAB6 = """package main

import "context"

func child(ready chan<- struct{}, done <-chan struct{}) {
	close(ready)
	<-done
}

func main() {
	exerciseMain()
	report("main", "main.main")
	ready, done := make(chan struct{}), make(chan struct{})
	go child(ready, done)
	<-ready
	report("child", "main.child")
	close(done)
	_ = context.Background
}
"""

LAB13 = """package main

import (
	"bytes"
	"context"
	"runtime"
	"runtime/pprof"
	"strings"
)

// workerIdle: the worker's innermost frame (runtime frames are not shown) is its run loop.
func workerIdle() bool {
	var buf bytes.Buffer
	pprof.Lookup("goroutine").WriteTo(&buf, 1)
	for _, group := range strings.Split(buf.String(), "\\n\\n") {
		for _, line := range strings.Split(group, "\\n") {
			if strings.HasPrefix(line, "#\\t") {
				if strings.Contains(line, "main.(*Pool).run") {
					return true
				}
				break
			}
		}
	}
	return false
}

func main() {
	p := NewPool(1)
	done := make(chan struct{})
	p.Submit("acme", func(ctx context.Context) {
		report("job", "main.main.func1")
		close(done)
	})
	<-done
	for i := 0; !workerIdle(); i++ {
		if i == 100000 {
			panic("the worker never went idle")
		}
		runtime.Gosched()
	}
	report("idle", "main.(*Pool).run")
}
"""


def labels_seen(program: bytes, lab: str) -> dict[str, str]:
    source = program.replace(b"func main() {", b"func exerciseMain() {", 1)
    assert source != program
    done = run_go({"main.go": source, "profile.go": PROFILE, "lab.go": lab})
    assert done.returncode == 0, done.stderr
    return dict(line.split("=", 1) for line in done.stdout.splitlines())


def test_exercise_6_main_and_later_goroutines_have_no_labels_after_the_rewrite() -> None:
    before = (GOLDEN / "exercise-6.before.go").read_bytes()
    after = rewrite("unscoped-goroutine-labels", before)
    assert b"pprof.Do(" in after
    assert labels_seen(before, LAB6) == {
        "main": '{"tenant":"globex"}',
        "child": '{"tenant":"globex"}',
    }
    assert labels_seen(after, LAB6) == {"main": "none", "child": "none"}


def test_exercise_13_idle_worker_has_no_labels_after_the_rewrite() -> None:
    before = (GOLDEN / "exercise-13.before.go").read_bytes()
    after = rewrite("unscoped-goroutine-labels", before)
    assert b"pprof.Do(ctx, labels, fn)" in after
    assert labels_seen(before, LAB13) == {"job": '{"tenant":"acme"}', "idle": '{"tenant":"acme"}'}
    assert labels_seen(after, LAB13) == {"job": '{"tenant":"acme"}', "idle": "none"}
