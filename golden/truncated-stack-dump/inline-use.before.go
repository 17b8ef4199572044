// Reported, not rewritten: the count is used inside an expression, so there is no
// statement to grow the buffer after.
package dump

import (
	"runtime"
	"strings"
)

// Count counts the goroutines in a dump.
func Count() int {
	sbuf := make([]byte, 32<<10)
	sbuf = sbuf[:runtime.Stack(sbuf, true)] // want "truncated-stack-dump"
	return strings.Count(string(sbuf), "goroutine ")
}
