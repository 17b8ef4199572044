// Left alone: a test that reads only the first frames of its own goroutine's stack, in a
// _test.go file: a cut-off dump still holds them.
package frames

import (
	"bytes"
	"runtime"
	"testing"
)

func TestPanicShowsInlinedMethod(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
		buf := make([]byte, 2048)
		n := runtime.Stack(buf, false)
		if !bytes.Contains(buf[:n], []byte("(*Point).negate(")) {
			t.Fatalf("stack misses the inlined method:\n%s", buf[:n])
		}
	}()
	Negate(nil)
}
