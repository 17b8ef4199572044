// The function stops what it starts.
package okdeferredstop

import (
	"io"
	"runtime/trace"
)

// Trace traces f.
func Trace(w io.Writer, f func()) error {
	if err := trace.Start(w); err != nil {
		return err
	}
	defer trace.Stop()
	f()
	return nil
}
