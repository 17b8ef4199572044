// Left alone: the runtime package's own tests call Stack with small buffers on purpose, to
// test what it writes and where it stops.
package runtime_test

import (
	. "runtime"
	"strings"
	"testing"
)

func TestStackAllOutput(t *testing.T) {
	b := make([]byte, 1024)
	stk := string(b[:Stack(b, true)])
	if !strings.HasPrefix(stk, "goroutine ") {
		t.Errorf("Stack output should begin with \"goroutine \": %q", stk)
	}
}
