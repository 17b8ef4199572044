// Test code.
package gl

import (
	"runtime"
	"testing"
)

func TestPinned(t *testing.T) {
	runtime.LockOSThread()
	t.Log("pinned")
}

func pinned(t *testing.T) {
	runtime.LockOSThread()
	t.Log("pinned")
}
