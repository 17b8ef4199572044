package limits

import "os"

// Configure lives in a file with CRLF line endings.
func Configure() {
	os.Setenv("GODEBUG", "")
}
