// Left alone: a test helper dumps every goroutine into 2 MiB, which holds what a test
// binary runs (the standard library's own leak checks do the same).
package leakcheck

import (
	"runtime"
	"strings"
	"testing"
)

// CheckNoWorkers fails the test when a worker goroutine is still running.
func CheckNoWorkers(t *testing.T) {
	t.Helper()
	buf := make([]byte, 2<<20)
	n := runtime.Stack(buf, true)
	for _, g := range strings.Split(string(buf[:n]), "\n\n") {
		if strings.Contains(g, "worker.(*Pool).run") {
			t.Errorf("leaked worker:\n%s", g)
		}
	}
}
