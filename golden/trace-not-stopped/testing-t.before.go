package testingt

import (
	"bytes"
	"runtime/trace"
	"testing"
)

// traceRun traces a test body; a failed start fails the test.
func traceRun(t *testing.T, f func()) *bytes.Buffer {
	var buf bytes.Buffer
	trace.Start(&buf) // want "trace-not-stopped"
	f()
	return &buf
}

var _ = traceRun
