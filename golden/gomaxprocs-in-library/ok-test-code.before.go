// Test code sets GOMAXPROCS on purpose.
package worker

import (
	"runtime"
	"testing"
)

func TestParallel(t *testing.T) {
	runtime.GOMAXPROCS(8)
}

func withProcs(t *testing.T, n int) {
	runtime.GOMAXPROCS(n)
}
