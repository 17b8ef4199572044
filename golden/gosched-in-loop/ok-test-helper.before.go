// Left alone: a test helper outside a _test.go file (it takes a testing.TB) yields while it
// waits for the goroutines under test to reach a state.
package testutil

import (
	"runtime"
	"testing"
)

// Settle gives the scheduler a few rounds to run the goroutines under test.
func Settle(tb testing.TB, rounds int) {
	tb.Helper()
	for i := 0; i < rounds; i++ {
		tb.Logf("round %d", i)
		runtime.Gosched()
	}
}
