package limits

import (
	"os"
	"runtime/debug"
)

// Configure lives in a file with CRLF line endings.
func Configure() {
	debug.SetMaxThreads(50) // want "low-max-threads"
	os.Setenv("GODEBUG", "")
}
