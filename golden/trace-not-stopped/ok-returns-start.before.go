// The caller gets the error from Start and owns the stop.
package okreturnsstart

import (
	"io"
	"runtime/trace"
)

// Begin starts tracing to w; call trace.Stop when done.
func Begin(w io.Writer) error {
	return trace.Start(w)
}
