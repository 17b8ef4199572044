// Reported, not rewritten: the count is declared in an if header, whose scope ends with
// the if statement.
package dump

import (
	"os"
	"runtime"
)

// Dump writes the stacks to stderr when there is anything to write.
func Dump() {
	buf := make([]byte, 4096)
	if n := runtime.Stack(buf, true); n > 0 { // want "truncated-stack-dump"
		os.Stderr.Write(buf[:n])
	}
}
