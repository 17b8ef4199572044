"""Exercise 11 healed: new OS threads per round, before and after unpaired-lock-os-thread.

As measured for the codemod's documentation (docs/codemods.md): the exercise's rounds of 10
locked goroutines run while a sampler reads ``/proc/self/task`` every 2 ms and counts thread
ids not seen before. Before the rewrite each round's goroutines take their threads with them,
so every round needs about 10 new ones; after it, the threads go back to the runtime and
later rounds reuse them. (Exercise 3 has no such check: it deadlocks with or without the fix,
and runs once.)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.gorun import rewrite, run_go

CASE = (
    Path(__file__).resolve().parents[2]
    / "golden"
    / "unpaired-lock-os-thread"
    / "exercise-11.before.go"
)
ROUNDS = 5

LAB = f"""package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

var (
	mu     sync.Mutex
	seen   = map[string]bool{{}}
	newIDs int
)

func sample() {{
	mu.Lock()
	defer mu.Unlock()
	entries, err := os.ReadDir("/proc/self/task")
	if err != nil {{
		panic(err)
	}}
	for _, e := range entries {{
		if !seen[e.Name()] {{
			seen[e.Name()] = true
			newIDs++
		}}
	}}
}}

func count() int {{
	sample()
	mu.Lock()
	defer mu.Unlock()
	return newIDs
}}

// The exercise's rounds, driving its work function, with a sampler beside them.
func main() {{
	go func() {{
		for {{
			sample()
			time.Sleep(2 * time.Millisecond)
		}}
	}}()
	for round := 0; round < {ROUNDS}; round++ {{
		start := count()
		var wg sync.WaitGroup
		for i := 0; i < 10; i++ {{
			wg.Add(1)
			go func(id int) {{
				defer wg.Done()
				work(id)
			}}(i)
		}}
		wg.Wait()
		time.Sleep(20 * time.Millisecond)
		fmt.Println("lab: new threads", count()-start)
	}}
}}
"""


def new_threads_per_round(program: bytes) -> list[int]:
    # The lab's main runs the rounds; the exercise's own main is kept under another name.
    source = program.replace(b"func main() {", b"func exerciseMain() {", 1)
    assert source != program
    done = run_go({"main.go": source, "lab.go": LAB})
    assert done.returncode == 0, done.stderr
    rounds = [int(line.split()[-1]) for line in done.stdout.splitlines() if line.startswith("lab:")]
    assert len(rounds) == ROUNDS, done.stdout
    return rounds


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/task (Linux only)")
def test_exercise_11_makes_new_threads_every_round_before_and_reuses_them_after() -> None:
    before = CASE.read_bytes()
    after = rewrite("unpaired-lock-os-thread", before)
    assert after != before

    churn = new_threads_per_round(before)
    reuse = new_threads_per_round(after)
    print("new threads per round, before:", churn, "after:", reuse)
    # Before: each round's 10 locked goroutines take their threads along (docs/codemods.md: 9-12).
    assert min(churn[1:]) >= 5, churn
    # After: the first round makes the threads, later rounds reuse them (docs/codemods.md: 0 or 1).
    assert max(reuse[2:]) <= 2, reuse
    assert sum(reuse[1:]) * 4 <= sum(churn[1:]), (churn, reuse)
