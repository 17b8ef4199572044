package returnserror

import (
	"io"
	"runtime/trace"
)

// Capture traces f; the function returns an error, so a failed start returns it, with
// zero values for the other results.
func Capture(w io.Writer, f func() int) (int, string, error) {
	if err := trace.Start(w); err != nil { // want "trace-not-stopped"
		return 0, "", err
	}
	defer trace.Stop()
	return f(), "done", nil
}
