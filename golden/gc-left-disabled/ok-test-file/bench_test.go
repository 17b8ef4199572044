// Left alone: a _test.go file turns GC off to measure without collections; the test
// binary's life is the measurement's.
package bench

import (
	"runtime/debug"
	"testing"
)

func BenchmarkSumNoGC(b *testing.B) {
	debug.SetGCPercent(-1)
	xs := make([]int, 1<<16)
	for b.Loop() {
		Sum(xs)
	}
}
