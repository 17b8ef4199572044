// Left alone: when the test binary is re-run as a child, it traces to stdout and panics on
// purpose, so the parent test can check that a crash while tracing still writes the trace.
package crash

import (
	"os"
	"runtime/trace"
	"testing"
)

func init() {
	if os.Getenv("CRASH_WHILE_TRACING") == "1" {
		trace.Start(os.Stdout)
		panic("crash while tracing")
	}
}

func TestCrashWhileTracing(t *testing.T) {
	t.Skip("runs the test binary as a child")
}
