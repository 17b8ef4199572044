package testingt

import (
	"bytes"
	"runtime/trace"
	"testing"
)

// traceRun traces a test body; a failed start fails the test.
func traceRun(t *testing.T, f func()) *bytes.Buffer {
	var buf bytes.Buffer
	if err := trace.Start(&buf); err != nil { // want "trace-not-stopped"
		t.Fatal(err)
	}
	defer trace.Stop()
	f()
	return &buf
}

var _ = traceRun
