// Reported, not rewritten: gomend cannot spell the zero value of Result.
package unknownzerovalue

import (
	"io"
	"runtime/trace"
)

type Result struct{ N int }

// Measure traces f.
func Measure(w io.Writer, f func() int) (Result, error) {
	trace.Start(w) // want "trace-not-stopped"
	return Result{N: f()}, nil
}
